package org.vaesim.kernels.redistribution;

import java.util.List;

import org.vaesim.kernels.device.Buffer;
import org.vaesim.kernels.device.DeviceBackend;
import org.vaesim.kernels.device.Kernel;
import org.vaesim.kernels.gate.Eligibility;
import org.vaesim.kernels.gate.ReputationRules;
import org.vaesim.kernels.memory.Segment;

/**
 * The wealth tax's device half, the twin of {@link WealthTaxJava}: collection per cohort (its pot and takers read
 * back), then each cohort's rebate with the part of the remainder that falls on its takers (those whose rank over
 * all cohorts is below it: the first max(0, min(takers, remainder - takers before it)) of the cohort). Each cohort
 * keeps its work-groups' taker counts in its own stretch of one block-sums buffer.
 */
final class WealthTaxDevice implements WealthTaxKernels {
    private final List<Segment> cohorts;
    private final Eligibility.Limits[] limits;
    private final int[] blockBase;
    private final DeviceBackend dev;
    private final DeviceBackend.AgentColumns agents;
    private final Buffer blockSums, pot;
    private final long[][] pots;

    WealthTaxDevice(List<Segment> cohorts, DeviceBackend backend) {
        this.cohorts = List.copyOf(cohorts);
        this.dev = backend;
        this.agents = backend.agentColumns();
        ReputationRules rules = ReputationRules.of(backend.scenario().safety());
        this.limits = new Eligibility.Limits[cohorts.size()];
        this.blockBase = new int[cohorts.size()];
        this.pots = new long[cohorts.size()][2];
        int blocks = 0;
        for (int j = 0; j < cohorts.size(); j++) {
            Segment s = cohorts.get(j);
            limits[j] = Eligibility.Limits.ofOwnMarket(s, backend.scenario().markets().get(s.market()), rules)
                    .withoutRateLimit();
            blockBase[j] = blocks;
            blocks += (s.size() + Kernel.GROUP - 1) / Kernel.GROUP;
        }
        this.blockSums = dev.longs(Math.max(1, blocks));
        this.pot = dev.longs(2);
    }

    @Override
    public long[] collect(double rate) {
        Buffer status = agents.status();
        Buffer reputation = agents.reputation();
        Buffer cash = agents.cash();
        long collected = 0;
        long takers = 0;
        for (int j = 0; j < cohorts.size(); j++) {
            Segment s = cohorts.get(j);
            Eligibility.Limits l = limits[j];
            dev.zero(pot, 2);
            dev.launch(Kernel.COLLECT_TAX, s.size(), s.start(), s.end(), blockBase[j], rate, l.largest(),
                    l.spendLimit(), l.probationBelow(), l.probationLargest(), l.probationSpendLimit(), status,
                    reputation, cash, blockSums, pot);
            dev.read(pot, pots[j]);
            collected += pots[j][0];
            takers += pots[j][1];
        }
        long share = takers == 0 ? 0 : collected / takers;
        long remainder = takers == 0 ? 0 : collected % takers;
        long before = 0;
        for (int j = 0; j < cohorts.size(); j++) {
            Segment s = cohorts.get(j);
            Eligibility.Limits l = limits[j];
            long own = Math.max(0, Math.min(pots[j][1], remainder - before));
            dev.launch(Kernel.REFUND_BLOCK_PREFIX, 1, 1, blockBase[j], (s.size() + Kernel.GROUP - 1) / Kernel.GROUP,
                    blockSums);
            dev.launch(Kernel.REFUND, s.size(), s.start(), s.end(), blockBase[j], share, own, l.largest(),
                    l.spendLimit(), l.probationBelow(), l.probationLargest(), l.probationSpendLimit(), status,
                    reputation, blockSums, cash);
            before += pots[j][1];
        }
        return new long[] {collected, takers};
    }
}
