package org.vaesim.kernels.exchange;

import java.util.ArrayList;
import java.util.List;

import org.vaesim.kernels.gate.Eligibility;
import org.vaesim.kernels.gate.ReputationRules;
import org.vaesim.kernels.memory.Layout;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.kernels.rng.Philox;
import org.vaesim.kernels.rng.Streams;
import org.vaesim.models.scenario.Scenario;

/**
 * What kinetic exchange or negotiation needs of a run, resolved once: the cohorts of its family in layout order,
 * each with its params, its market's tick size and the limits of the one check ({@link Eligibility}), and the Philox
 * key its pairs are drawn with (the DECIDE stream's, as when both ran at the end of the backends' epoch).
 *
 * @param <P> the family's params ({@code KineticParams}, {@code NegotiationParams})
 */
public final class ExchangePlan<P> {
    private final List<Segment> cohorts;
    private final List<P> params;
    private final List<Eligibility.Limits> limits;
    private final long[] tickSize;
    private final int keyLo;
    private final int keyHi;

    private ExchangePlan(List<Segment> cohorts, List<P> params, List<Eligibility.Limits> limits, long[] tickSize,
                         int keyLo, int keyHi) {
        this.cohorts = cohorts;
        this.params = params;
        this.limits = limits;
        this.tickSize = tickSize;
        this.keyLo = keyLo;
        this.keyHi = keyHi;
    }

    /**
     * The plan of the cohorts of {@code scenario} whose params are of {@code type}; {@code rateLimited} false drops
     * the rate limit from their limits (a kinetic collision is not an order).
     */
    public static <P> ExchangePlan<P> of(Class<P> type, Scenario scenario, Layout layout, boolean rateLimited) {
        ReputationRules rules = ReputationRules.of(scenario.safety());
        List<Segment> cohorts = new ArrayList<>();
        List<P> params = new ArrayList<>();
        List<Eligibility.Limits> limits = new ArrayList<>();
        for (Segment s : layout.segments()) {
            if (type.isInstance(s.cohort().params())) {
                Eligibility.Limits l = Eligibility.Limits.ofOwnMarket(s, scenario.markets().get(s.market()), rules);
                cohorts.add(s);
                params.add(type.cast(s.cohort().params()));
                limits.add(rateLimited ? l : l.withoutRateLimit());
            }
        }
        long[] ticks = new long[cohorts.size()];
        for (int j = 0; j < ticks.length; j++) {
            ticks[j] = scenario.markets().get(cohorts.get(j).market()).tickSize();
        }
        long key = Philox.key(scenario.seed(), Streams.DECIDE);
        return new ExchangePlan<>(List.copyOf(cohorts), List.copyOf(params), List.copyOf(limits), ticks,
                Philox.keyLo(key), Philox.keyHi(key));
    }

    /** Whether {@code scenario} has a cohort whose params are of {@code type}. */
    public static boolean uses(Class<?> type, Scenario scenario) {
        return scenario.cohorts().stream().anyMatch(c -> type.isInstance(c.params()));
    }

    /** The number of cohorts; 0 when the scenario has none of the family. */
    public int size() {
        return cohorts.size();
    }

    /** Cohort {@code j}'s agents. */
    public Segment cohort(int j) {
        return cohorts.get(j);
    }

    /** Cohort {@code j}'s params. */
    public P params(int j) {
        return params.get(j);
    }

    /** Cohort {@code j}'s limits of the one check. */
    public Eligibility.Limits limits(int j) {
        return limits.get(j);
    }

    /** The tick size of cohort {@code j}'s market (micro-credits). */
    public long tickSize(int j) {
        return tickSize[j];
    }

    public int keyLo() {
        return keyLo;
    }

    public int keyHi() {
        return keyHi;
    }
}
