package org.vaesim.kernels.exchange;

import org.vaesim.kernels.AgentBoost;
import org.vaesim.kernels.device.Buffer;
import org.vaesim.kernels.device.DeviceBackend;
import org.vaesim.kernels.device.Kernel;
import org.vaesim.kernels.gate.Eligibility;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.models.strategy.KineticParams;

/**
 * Kinetic exchange's device half, the twin of {@link KineticJava}: per cohort one launch of the pairs, then for a
 * taxed cohort the collection (its pot and takers read back), the prefix of its work-groups' taker counts and the
 * refund. Each taxed cohort keeps its work-groups' counts in its own stretch of one block-sums buffer.
 */
final class KineticDevice implements KineticKernels {
    private final ExchangePlan<KineticParams> plan;
    private final DeviceBackend dev;
    private final DeviceBackend.AgentColumns agents;
    /** Per cohort, where its work-groups' taker counts start in {@link #blockSums}. */
    private final int[] blockBase;
    private final Buffer blockSums, taxPot;
    /** Collected, agents that took part: the taxPot read back. */
    private final long[] pot = new long[2];

    KineticDevice(ExchangePlan<KineticParams> plan, DeviceBackend backend) {
        this.plan = plan;
        this.dev = backend;
        this.agents = backend.agentColumns();
        this.blockBase = new int[plan.size()];
        int blocks = 0;
        for (int j = 0; j < plan.size(); j++) {
            blockBase[j] = blocks;
            blocks += (plan.cohort(j).size() + Kernel.GROUP - 1) / Kernel.GROUP;
        }
        this.blockSums = dev.longs(Math.max(1, blocks));
        this.taxPot = dev.longs(2);
    }

    @Override
    public void exchange(int epoch) {
        Buffer cash = agents.cash();
        Buffer status = agents.status();
        Buffer reputation = agents.reputation();
        Buffer power = dev.boostArgument(AgentBoost.POWER); // as it is now: capability sets it after this half is built
        int boosted = dev.boosted(AgentBoost.POWER);
        for (int j = 0; j < plan.size(); j++) {
            Segment s = plan.cohort(j);
            KineticParams k = plan.params(j);
            Eligibility.Limits l = plan.limits(j);
            int n = s.size();
            dev.launch(Kernel.EXCHANGE, n / 2, 0, n / 2, s.start(), n, Exchange.halfBits(n), Exchange.model(k),
                    k.lambda(), k.distributed() ? 1 : 0, k.beta(), l.largest(), l.spendLimit(), l.probationBelow(),
                    l.probationLargest(), l.probationSpendLimit(), cash, status, reputation, agents.trait(), plan.keyLo(),
                    plan.keyHi(), epoch, power, boosted);
            if (k.tax() > 0) {
                int base = blockBase[j];
                dev.zero(taxPot, 2);
                dev.launch(Kernel.COLLECT_TAX, n, s.start(), s.end(), base, k.tax(), l.largest(), l.spendLimit(),
                        l.probationBelow(), l.probationLargest(), l.probationSpendLimit(), status, reputation, cash,
                        blockSums, taxPot);
                dev.read(taxPot, pot);
                dev.launch(Kernel.REFUND_BLOCK_PREFIX, 1, 1, base, (n + Kernel.GROUP - 1) / Kernel.GROUP, blockSums);
                long share = pot[1] == 0 ? 0 : pot[0] / pot[1]; // nobody took part: nothing was collected either
                long remainder = pot[1] == 0 ? 0 : pot[0] % pot[1];
                dev.launch(Kernel.REFUND, n, s.start(), s.end(), base, share, remainder, l.largest(), l.spendLimit(),
                        l.probationBelow(), l.probationLargest(), l.probationSpendLimit(), status, reputation,
                        blockSums, cash);
            }
        }
    }
}
