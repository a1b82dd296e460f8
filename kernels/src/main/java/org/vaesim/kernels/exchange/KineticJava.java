package org.vaesim.kernels.exchange;

import java.util.Arrays;

import org.vaesim.kernels.AgentBoost;
import org.vaesim.kernels.cpu.JavaBackend;
import org.vaesim.kernels.cpu.WorkerPool;
import org.vaesim.kernels.gate.Eligibility;
import org.vaesim.kernels.memory.Population;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.models.strategy.KineticParams;

/**
 * Kinetic exchange's Java half: per cohort, the pairs in blocks of {@link JavaBackend#CHUNK} (pairs are disjoint, so
 * blocks are independent), then its redistribution: taxes summed block by block in block order, the pot shared back
 * among the agents that took part, each block starting its ranks where the blocks before it left off.
 */
final class KineticJava implements KineticKernels {
    private static final int CHUNK = JavaBackend.CHUNK;
    private final ExchangePlan<KineticParams> plan;
    private final JavaBackend backend;
    private final Population population;
    private final WorkerPool pool;
    /** Per taxed cohort and agent block: collected, agents that took part (collectTax adds to its slots). */
    private final long[][] sums;
    /** Per taxed cohort and agent block: the rank of its first agent that takes part. */
    private final long[][] ranks;

    KineticJava(ExchangePlan<KineticParams> plan, JavaBackend backend) {
        this.plan = plan;
        this.backend = backend;
        this.population = backend.population();
        this.pool = backend.pool();
        this.sums = new long[plan.size()][];
        this.ranks = new long[plan.size()][];
        for (int j = 0; j < plan.size(); j++) {
            int agentBlocks = (plan.cohort(j).size() + CHUNK - 1) / CHUNK;
            sums[j] = new long[2 * agentBlocks];
            ranks[j] = new long[agentBlocks];
        }
    }

    @Override
    public void exchange(int epoch) {
        int[] boost = backend.boosts(AgentBoost.POWER); // each epoch: capability sets it after this is built
        for (int j = 0; j < plan.size(); j++) {
            exchange(j, epoch, boost);
        }
    }

    private void exchange(int j, int epoch, int[] boost) {
        Segment s = plan.cohort(j);
        KineticParams k = plan.params(j);
        Eligibility.Limits limits = plan.limits(j);
        int n = s.size();
        int pairs = n / 2;
        int blocks = Math.max(1, (pairs + CHUNK - 1) / CHUNK);
        Population p = population;
        int keyLo = plan.keyLo();
        int keyHi = plan.keyHi();
        pool.run(blocks, b -> Exchange.exchange(b * CHUNK, Math.min(pairs, (b + 1) * CHUNK), s.start(), n,
                Exchange.model(k), k.lambda(), k.distributed(), k.beta(), limits, p.cash, p.status, p.reputation,
                p.trait, keyLo, keyHi, epoch, new int[4], boost));
        if (k.tax() > 0) {
            long[] own = sums[j];
            long[] rank = ranks[j];
            int agentBlocks = rank.length;
            Arrays.fill(own, 0L);
            pool.run(agentBlocks, b -> Exchange.collectTax(s.start() + b * CHUNK,
                    Math.min(s.end(), s.start() + (b + 1) * CHUNK), k.tax(), limits, p.status, p.reputation, p.cash,
                    own, 2 * b));
            long pot = 0;
            long takers = 0;
            for (int b = 0; b < agentBlocks; b++) {
                pot += own[2 * b];
                rank[b] = takers;
                takers += own[2 * b + 1];
            }
            long share = takers == 0 ? 0 : pot / takers; // nobody took part: nothing was collected either
            long remainder = takers == 0 ? 0 : pot % takers;
            pool.run(agentBlocks, b -> Exchange.refund(s.start() + b * CHUNK,
                    Math.min(s.end(), s.start() + (b + 1) * CHUNK), rank[b], share, remainder, limits, p.status,
                    p.reputation, p.cash));
        }
    }
}
