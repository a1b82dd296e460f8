package org.vaesim.kernels.redistribution;

import java.util.Arrays;
import java.util.List;

import org.vaesim.kernels.cpu.JavaBackend;
import org.vaesim.kernels.cpu.WorkerPool;
import org.vaesim.kernels.exchange.Exchange;
import org.vaesim.kernels.gate.Eligibility;
import org.vaesim.kernels.gate.ReputationRules;
import org.vaesim.kernels.memory.Population;
import org.vaesim.kernels.memory.Segment;

/**
 * The wealth tax's Java half: collection in chunks (sums added in chunk order), then the rebate with each chunk's
 * first rank over all the taxed cohorts.
 */
final class WealthTaxJava implements WealthTaxKernels {
    private static final int CHUNK = JavaBackend.CHUNK;
    private final List<Segment> cohorts;
    private final Eligibility.Limits[] limits;
    private final Population population;
    private final WorkerPool pool;
    /** Per cohort and chunk: collected, agents that took part; then the chunk's first rank. */
    private final long[][] sums;
    private final long[][] first;

    WealthTaxJava(List<Segment> cohorts, JavaBackend backend) {
        this.cohorts = List.copyOf(cohorts);
        this.population = backend.population();
        this.pool = backend.pool();
        ReputationRules rules = ReputationRules.of(backend.scenario().safety());
        this.limits = new Eligibility.Limits[cohorts.size()];
        this.sums = new long[cohorts.size()][];
        this.first = new long[cohorts.size()][];
        for (int j = 0; j < cohorts.size(); j++) {
            Segment s = cohorts.get(j);
            // who takes part: the one check of a kinetic exchange's tax, over the cohort's own market
            limits[j] = Eligibility.Limits.ofOwnMarket(s, backend.scenario().markets().get(s.market()), rules)
                    .withoutRateLimit();
            int chunks = Math.max(1, (s.size() + CHUNK - 1) / CHUNK);
            sums[j] = new long[2 * chunks];
            first[j] = new long[chunks];
        }
    }

    @Override
    public long[] collect(double rate) {
        Population p = population;
        long pot = 0;
        long takers = 0;
        for (int j = 0; j < cohorts.size(); j++) {
            Segment s = cohorts.get(j);
            Eligibility.Limits l = limits[j];
            long[] own = sums[j];
            Arrays.fill(own, 0); // collectTax adds to its slots
            pool.run(own.length / 2, b -> Exchange.collectTax(s.start() + b * CHUNK,
                    Math.min(s.end(), s.start() + (b + 1) * CHUNK), rate, l, p.status, p.reputation, p.cash, own,
                    2 * b));
            for (int b = 0; b < own.length / 2; b++) {
                pot += own[2 * b];
                takers += own[2 * b + 1];
            }
        }
        long share = takers == 0 ? 0 : pot / takers; // nobody took part: nothing was collected either
        long remainder = takers == 0 ? 0 : pot % takers;
        long rank = 0;
        for (int j = 0; j < cohorts.size(); j++) {
            Segment s = cohorts.get(j);
            Eligibility.Limits l = limits[j];
            long[] ranks = first[j];
            for (int b = 0; b < ranks.length; b++) {
                ranks[b] = rank;
                rank += sums[j][2 * b + 1];
            }
            pool.run(ranks.length, b -> Exchange.refund(s.start() + b * CHUNK, Math.min(s.end(), s.start()
                    + (b + 1) * CHUNK), ranks[b], share, remainder, l, p.status, p.reputation, p.cash));
        }
        return new long[] {pot, takers};
    }
}
