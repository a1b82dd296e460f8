package org.vaesim.kernels.capability;

import org.vaesim.kernels.auction.AuctionKernels;
import org.vaesim.kernels.device.Buffer;
import org.vaesim.kernels.device.DeviceBackend;
import org.vaesim.kernels.device.Kernel;
import org.vaesim.kernels.memory.Segment;

/**
 * Capability's device half: the kernels of {@code capability.cl} over the capability columns, uploaded once and
 * device-resident for the run; the reinvested sum is the one value read back each epoch.
 */
final class CapabilityDevice implements CapabilityKernels {
    private final CapabilityPlan plan;
    private final DeviceBackend dev;
    private final DeviceBackend.AgentColumns agents;
    private final Buffer stock, lastCash, boost, invested;
    private final long[] investedHost = new long[1];
    private final CapabilityColumns mirror;

    CapabilityDevice(CapabilityPlan plan, CapabilityColumns columns, DeviceBackend backend) {
        this.plan = plan;
        this.dev = backend;
        this.agents = backend.agentColumns();
        this.mirror = new CapabilityColumns(columns.agents());
        stock = dev.upload(columns.stock);
        lastCash = dev.upload(columns.lastCash);
        boost = dev.upload(columns.boost);
        invested = dev.longs(1);
        plan.publish(boost, dev::boost);
    }

    @Override
    public long step(boolean[] ranRound, AuctionKernels auctions) {
        for (CapabilityPlan.Gain g : plan.gains()) {
            if (ranRound[g.auction()]) {
                dev.launch(Kernel.CAPABILITY_GAIN, g.to() - g.from(), g.from(), g.to(), g.column(),
                        plan.spec().computeWeight(), (Buffer) auctions.won(g.auction()), stock);
            }
        }
        dev.zero(invested, 1);
        for (Segment s : plan.cohorts()) {
            dev.launch(Kernel.CAPABILITY_UPDATE, s.size(), s.start(), s.end(), plan.spec().reinvestInForce(),
                    plan.spec().unitCost(), plan.spec().depreciation(), plan.feedback(), plan.half(), agents.status(),
                    agents.cash(), lastCash, stock, boost, invested);
        }
        dev.read(invested, investedHost);
        return investedHost[0];
    }

    @Override
    public CapabilityColumns columns() {
        dev.read(stock, mirror.stock);
        dev.read(lastCash, mirror.lastCash);
        dev.read(boost, mirror.boost);
        return mirror.copy();
    }
}
