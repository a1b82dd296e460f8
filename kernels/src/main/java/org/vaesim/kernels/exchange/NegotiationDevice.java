package org.vaesim.kernels.exchange;

import org.vaesim.kernels.AgentBoost;
import org.vaesim.kernels.device.Buffer;
import org.vaesim.kernels.device.DeviceBackend;
import org.vaesim.kernels.device.Kernel;
import org.vaesim.kernels.gate.Eligibility;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.models.strategy.NegotiationParams;

/** Negotiation's device half, the twin of {@link NegotiationJava}: one launch of the pairs per cohort. */
final class NegotiationDevice implements NegotiationKernels {
    private final ExchangePlan<NegotiationParams> plan;
    private final DeviceBackend dev;
    private final DeviceBackend.AgentColumns agents;

    NegotiationDevice(ExchangePlan<NegotiationParams> plan, DeviceBackend backend) {
        this.plan = plan;
        this.dev = backend;
        this.agents = backend.agentColumns();
    }

    @Override
    public void negotiate(int epoch) {
        Buffer power = dev.boostArgument(AgentBoost.POWER); // as it is now: capability sets it after this half is built
        int boosted = dev.boosted(AgentBoost.POWER);
        for (int j = 0; j < plan.size(); j++) {
            Segment s = plan.cohort(j);
            NegotiationParams n = plan.params(j);
            Eligibility.Limits l = plan.limits(j);
            int size = s.size();
            dev.launch(Kernel.NEGOTIATE, size / 2, 0, size / 2, s.start(), size, Exchange.halfBits(size),
                    n.valueMinTick(), n.valueMaxTick(), n.spread(), plan.tickSize(j), l.largest(), l.spendLimit(),
                    l.capacity(), l.probationBelow(), l.probationLargest(), l.probationSpendLimit(), agents.cash(),
                    agents.status(), agents.tokens(), agents.reputation(), agents.trait(), plan.keyLo(),
                    plan.keyHi(), epoch, power, boosted);
        }
    }
}
