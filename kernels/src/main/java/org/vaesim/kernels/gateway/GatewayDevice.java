package org.vaesim.kernels.gateway;

import org.vaesim.kernels.device.Buffer;
import org.vaesim.kernels.device.DeviceBackend;
import org.vaesim.kernels.device.Kernel;
import org.vaesim.kernels.gate.Eligibility;

/** The gateway's device half: the kernels of {@code gateway.cl} and their buffers, allocated at the first pass. */
final class GatewayDevice implements GatewayKernels {
    private final GatewayPlan plan;
    private final DeviceBackend d;
    private final DeviceBackend.AgentColumns agents;
    /** The passes' per-range sums and per-block leg sums. */
    private Buffer out;
    private Buffer blocks;
    private Buffer rangeBase;
    private Buffer rangeBlocks;
    private int[] blockBase;

    GatewayDevice(GatewayPlan plan, DeviceBackend backend) {
        this.plan = plan;
        this.d = backend;
        this.agents = backend.agentColumns();
    }

    private void buffers() {
        if (out != null) {
            return;
        }
        int ranges = plan.ranges().size();
        out = d.longs((long) Math.max(1, ranges) * Math.max(Gateway.REQUESTS, Gateway.FLOWS));
        blockBase = new int[ranges];
        int[] counts = new int[ranges];
        int total = 0;
        for (int k = 0; k < ranges; k++) {
            blockBase[k] = total;
            counts[k] = (plan.ranges().get(k).size() + Kernel.GROUP - 1) / Kernel.GROUP;
            total += counts[k];
        }
        blocks = d.longs((long) Gateway.LEGS * Math.max(1, total));
        rangeBase = d.upload(blockBase);
        rangeBlocks = d.upload(counts);
    }

    @Override
    public void request(GatewayStep step, long[] sums) {
        buffers();
        DeviceBackend.AgentColumns a = agents;
        d.zero(out, Math.max(1, sums.length));
        for (int k = 0; k < plan.ranges().size(); k++) {
            GatewayPlan.Range r = plan.ranges().get(k);
            if (step.active[k] != 0) {
                Eligibility.Limits l = r.limits();
                d.launch(Kernel.GATEWAY_REQUEST, r.size(), r.from(), r.to(), step.lastTick[k], r.tickSize(),
                        step.anchorTick[k], step.externalPrice[k], step.ratePpm, step.feeBps, step.band[k],
                        r.maxUnits(), r.cashTarget(), open(r), min(r), max(r), k0(r), k1(r), l.largest(),
                        l.spendLimit(), l.maxPosition(), l.capacity(),
                        l.probationBelow(), l.probationLargest(), l.probationSpendLimit(), l.probationMaxPosition(),
                        a.cash(), a.inventory(), a.status(), a.tokens(), a.reputation(), out, k * Gateway.REQUESTS);
            }
        }
        d.read(out, sums);
    }

    /** Block sums of every leg, their prefix per range, then the crossings: the twin of {@link GatewayJava}'s. */
    @Override
    public void apply(GatewayStep step, long[] flows) {
        buffers();
        DeviceBackend.AgentColumns a = agents;
        int ranges = plan.ranges().size();
        for (int k = 0; k < ranges; k++) {
            GatewayPlan.Range r = plan.ranges().get(k);
            if (step.active[k] != 0) {
                Eligibility.Limits l = r.limits();
                d.launch(Kernel.GATEWAY_BLOCK_SUMS, r.size(), r.from(), r.to(), blockBase[k], step.lastTick[k],
                        step.anchorTick[k], r.tickSize(), step.feeBps, step.band[k], r.maxUnits(), r.cashTarget(),
                        open(r), min(r), max(r), k0(r), k1(r), l.largest(), l.spendLimit(),
                        l.maxPosition(), l.capacity(), l.probationBelow(), l.probationLargest(),
                        l.probationSpendLimit(), l.probationMaxPosition(), a.cash(), a.inventory(), a.status(),
                        a.tokens(), a.reputation(), blocks);
            }
        }
        d.launch(Kernel.GATEWAY_BLOCK_PREFIX, ranges, ranges, rangeBase, rangeBlocks, blocks);
        d.zero(out, Math.max(1, flows.length));
        for (int k = 0; k < ranges; k++) {
            GatewayPlan.Range r = plan.ranges().get(k);
            int f = k * Gateway.LEGS;
            if (step.active[k] != 0) {
                Eligibility.Limits l = r.limits();
                d.launch(Kernel.GATEWAY_APPLY, r.size(), r.from(), r.to(), blockBase[k], step.lastTick[k],
                        r.tickSize(), step.anchorTick[k], step.externalPrice[k], step.ratePpm, step.feeBps,
                        step.band[k], r.maxUnits(), r.cashTarget(), open(r), min(r), max(r), k0(r), k1(r),
                        l.largest(), l.spendLimit(), l.maxPosition(), l.capacity(),
                        l.probationBelow(), l.probationLargest(), l.probationSpendLimit(), l.probationMaxPosition(),
                        step.fill[f + Gateway.EXPORT], step.fill[f + Gateway.IMPORT], step.fill[f + Gateway.SELL],
                        step.fill[f + Gateway.BUY], blocks, a.cash(), a.inventory(), a.status(), a.tokens(),
                        a.reputation(), out, k * Gateway.FLOWS);
            }
        }
        d.read(out, flows);
    }

    // the open-access arguments of a range (Gateway.Crossers), zeros for brokers
    private static int open(GatewayPlan.Range r) {
        return r.open() == null ? 0 : 1;
    }

    private static int min(GatewayPlan.Range r) {
        return r.open() == null ? 0 : r.open().thresholdMin();
    }

    private static int max(GatewayPlan.Range r) {
        return r.open() == null ? 0 : r.open().thresholdMax();
    }

    private static int k0(GatewayPlan.Range r) {
        return r.open() == null ? 0 : r.open().keyLo();
    }

    private static int k1(GatewayPlan.Range r) {
        return r.open() == null ? 0 : r.open().keyHi();
    }
}
