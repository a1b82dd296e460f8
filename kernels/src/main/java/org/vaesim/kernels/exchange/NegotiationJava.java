package org.vaesim.kernels.exchange;

import org.vaesim.kernels.AgentBoost;
import org.vaesim.kernels.cpu.JavaBackend;
import org.vaesim.kernels.cpu.WorkerPool;
import org.vaesim.kernels.gate.Eligibility;
import org.vaesim.kernels.memory.Population;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.models.strategy.NegotiationParams;

/** Negotiation's Java half: per cohort, the pairs in independent blocks of {@link JavaBackend#CHUNK} on the pool. */
final class NegotiationJava implements NegotiationKernels {
    private static final int CHUNK = JavaBackend.CHUNK;
    private final ExchangePlan<NegotiationParams> plan;
    private final JavaBackend backend;
    private final Population population;
    private final WorkerPool pool;

    NegotiationJava(ExchangePlan<NegotiationParams> plan, JavaBackend backend) {
        this.plan = plan;
        this.backend = backend;
        this.population = backend.population();
        this.pool = backend.pool();
    }

    @Override
    public void negotiate(int epoch) {
        int[] boost = backend.boosts(AgentBoost.POWER); // each epoch: capability sets it after this is built
        Population p = population;
        int keyLo = plan.keyLo();
        int keyHi = plan.keyHi();
        for (int j = 0; j < plan.size(); j++) {
            Segment s = plan.cohort(j);
            NegotiationParams n = plan.params(j);
            Eligibility.Limits limits = plan.limits(j);
            long tickSize = plan.tickSize(j);
            int size = s.size();
            int pairs = size / 2;
            int blocks = Math.max(1, (pairs + CHUNK - 1) / CHUNK);
            pool.run(blocks, b -> Exchange.negotiate(b * CHUNK, Math.min(pairs, (b + 1) * CHUNK), s.start(), size,
                    n.valueMinTick(), n.valueMaxTick(), n.spread(), tickSize, limits, p.cash, p.status, p.tokens,
                    p.reputation, p.trait, keyLo, keyHi, epoch, new int[4], boost));
        }
    }
}
