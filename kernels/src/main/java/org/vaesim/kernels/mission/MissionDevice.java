package org.vaesim.kernels.mission;

import java.util.List;

import org.vaesim.kernels.AgentBoost;
import org.vaesim.kernels.device.Buffer;
import org.vaesim.kernels.device.DeviceBackend;
import org.vaesim.kernels.device.Kernel;
import org.vaesim.kernels.gate.Eligibility;
import org.vaesim.kernels.memory.MissionColumns;
import org.vaesim.kernels.rng.Philox;
import org.vaesim.kernels.rng.Streams;

/**
 * The missions' device half: the kernels of {@code mission.cl} with their buffers, per mission its per-bidder
 * columns (uploaded at the start, device-resident for the run), score histogram, block sums and totals. The
 * bidders' task boosts are the backend's {@link AgentBoost#TASK} column, looked up each round.
 */
final class MissionDevice implements MissionKernels {
    private final DeviceBackend dev;
    private final DeviceBackend.AgentColumns agents;
    private final Buffers[] missions;
    private final int keyLo;
    private final int keyHi;
    private MissionColumns mirror;

    MissionDevice(List<MissionPlan> plans, MissionColumns columns, DeviceBackend backend) {
        this.dev = backend;
        this.agents = backend.agentColumns();
        long key = Philox.key(backend.scenario().seed(), Streams.DECIDE);
        this.keyLo = Philox.keyLo(key);
        this.keyHi = Philox.keyHi(key);
        this.missions = new Buffers[plans.size()];
        for (int m = 0; m < missions.length; m++) {
            missions[m] = new Buffers(plans.get(m), columns.awarded[m], columns.delivered[m], columns.paid[m]);
        }
    }

    /**
     * One mission's device buffers: its per-bidder columns (for the whole run), its score histogram, block sums and
     * per-range totals.
     */
    private final class Buffers {
        final MissionPlan plan;
        final Buffer awarded, delivered, paid, hist, blockSums, totals;

        Buffers(MissionPlan plan, int[] awardedColumn, int[] deliveredColumn, long[] paidColumn) {
            this.plan = plan;
            awarded = dev.upload(awardedColumn);
            delivered = dev.upload(deliveredColumn);
            paid = dev.upload(paidColumn);
            hist = dev.longs(plan.width());
            blockSums = dev.longs(Math.max(1, plan.blocks()));
            totals = dev.longs((long) plan.ranges().size() * Mission.TOTALS);
        }
    }

    @Override
    public void bid(int m, int epoch, long subsidy, MissionRound round) {
        Buffers d = missions[m];
        dev.zero(d.hist, round.hist.length);
        for (MissionPlan.Range r : d.plan.ranges()) {
            Mission.Rules x = d.plan.rules(r, epoch, subsidy, keyLo, keyHi);
            Eligibility.Limits l = x.limits();
            dev.launch(Kernel.MISSION_BID, r.size(), r.from(), r.to(), epoch, d.plan.index(), x.costMin(),
                    x.costMax(), x.capMin(), x.capMax(), x.minCapability(), x.minReputation(), x.subsidyTicks(),
                    x.reserve(), x.weight(), l.largest(), l.spendLimit(), l.capacity(), l.probationBelow(),
                    l.probationLargest(), agents.status(), agents.tokens(), agents.reputation(),
                    dev.boostArgument(AgentBoost.TASK), dev.boosted(AgentBoost.TASK), d.hist, keyLo, keyHi, x.i0(),
                    x.i1());
        }
        dev.read(d.hist, round.hist);
    }

    @Override
    public void deliver(int m, int epoch, long subsidy, MissionAward a, MissionRound round) {
        Buffers d = missions[m];
        MissionPlan plan = d.plan;
        var spec = plan.spec();
        if (a.marginal() < plan.width() && a.fill() < a.total()) { // queue positions matter only then
            for (MissionPlan.Range r : plan.ranges()) {
                Mission.Rules x = plan.rules(r, epoch, subsidy, keyLo, keyHi);
                Eligibility.Limits l = x.limits();
                dev.launch(Kernel.MISSION_BLOCK_SUMS, r.size(), r.from(), r.to(), r.blockBase(), epoch, plan.index(),
                        x.costMin(), x.costMax(), x.capMin(), x.capMax(), x.minCapability(), x.minReputation(),
                        x.subsidyTicks(), x.reserve(), x.weight(), l.largest(), l.spendLimit(), l.capacity(),
                        l.probationBelow(), l.probationLargest(), a.marginal(), agents.status(), agents.tokens(),
                        agents.reputation(), dev.boostArgument(AgentBoost.TASK), dev.boosted(AgentBoost.TASK), keyLo,
                        keyHi, x.i0(), x.i1(), d.blockSums);
            }
            dev.launch(Kernel.MISSION_BLOCK_PREFIX, 1, 1, plan.blocks(), d.blockSums);
        }
        dev.zero(d.totals, round.totals.length);
        for (int k = 0; k < plan.ranges().size(); k++) {
            MissionPlan.Range r = plan.ranges().get(k);
            Mission.Rules x = plan.rules(r, epoch, subsidy, keyLo, keyHi);
            Eligibility.Limits l = x.limits();
            dev.launch(Kernel.MISSION_DELIVER, r.size(), r.from(), r.to(), r.blockBase(), r.column(), epoch,
                    plan.index(), x.costMin(), x.costMax(), x.capMin(), x.capMax(), x.minCapability(),
                    x.minReputation(), x.subsidyTicks(), x.reserve(), x.weight(), l.largest(), l.spendLimit(),
                    l.capacity(), l.probationBelow(), l.probationLargest(), a.marginal(), a.fill(), a.total(),
                    a.offset(), a.payScore(), spec.advancePpm(), subsidy, spec.tickSize(), spec.reputationGainPpm(),
                    spec.reputationLossPpm(), agents.cash(), agents.status(), agents.tokens(), agents.reputation(),
                    dev.boostArgument(AgentBoost.TASK), dev.boosted(AgentBoost.TASK), d.awarded, d.delivered, d.paid,
                    d.blockSums, d.totals, k * Mission.TOTALS, keyLo, keyHi, x.i0(), x.i1());
        }
        dev.read(d.totals, round.totals);
    }

    @Override
    public MissionColumns columns() {
        if (mirror == null) {
            int[] sizes = new int[missions.length];
            for (int m = 0; m < sizes.length; m++) {
                sizes[m] = missions[m].plan.bidders();
            }
            mirror = new MissionColumns(sizes);
        }
        for (int m = 0; m < missions.length; m++) {
            dev.read(missions[m].awarded, mirror.awarded[m]);
            dev.read(missions[m].delivered, mirror.delivered[m]);
            dev.read(missions[m].paid, mirror.paid[m]);
        }
        return mirror;
    }
}
