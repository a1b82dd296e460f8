package org.vaesim.kernels.memory;

import java.util.ArrayList;
import java.util.List;

import org.vaesim.kernels.rng.Philox;
import org.vaesim.kernels.rng.Streams;
import org.vaesim.models.market.MarketSpec;
import org.vaesim.models.population.CohortSpec;
import org.vaesim.models.scenario.Scenario;
import org.vaesim.models.strategy.ExecutionParams;
import org.vaesim.models.strategy.FundamentalistParams;
import org.vaesim.models.strategy.KineticParams;
import org.vaesim.models.strategy.NegotiationParams;
import org.vaesim.models.strategy.OrderDrivenParams;
import org.vaesim.models.strategy.ZeroIntelligenceParams;

/**
 * Where every cohort lives in the population (contiguous ranges, in the scenario's family-grouped order)
 * and how wide the book's tick grid is; also builds the initial population from the scenario.
 */
public final class Layout {
    private final List<Segment> segments;
    private final int agents;
    private final int gridWidth;
    /** Founding agents' reputation in millionths: the scenario's initial one, or full where it tracks none. */
    private final int initialReputation;
    /** Per segment: the index of its principal in {@code Scenario.principals()}. */
    private final int[] principalOf;
    /** Per segment: the index of its principal's limit in {@code safety.principalLimits()}, or -1. */
    private final int[] principalLimitOf;
    private final int principalLimitCount;
    /** Per segment: the market it trades on now (its cohort's, unless order routing moved it: {@link #route}). */
    private final int[] venues;

    public Layout(Scenario scenario) {
        List<Segment> list = new ArrayList<>();
        long start = 0;
        venues = scenario.cohorts().stream().mapToInt(CohortSpec::marketIndex).toArray();
        for (CohortSpec cohort : scenario.cohorts()) {
            long end = start + cohort.count();
            if (end > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("population of " + end + " agents exceeds one array's index range");
            }
            list.add(new Segment(list.size(), (int) start, (int) end, cohort, venues));
            start = end;
        }
        this.segments = List.copyOf(list);
        this.agents = (int) start;
        int width = 0;
        for (MarketSpec m : scenario.markets()) {
            width = Math.max(width, m.ticks());
        }
        this.gridWidth = width;
        List<String> principals = scenario.principals();
        this.principalOf = segments.stream()
                .mapToInt(s -> principals.indexOf(s.cohort().identity().principal())).toArray();
        List<String> limited = scenario.safety().principalLimits().stream().map(l -> l.principal()).toList();
        this.principalLimitOf = segments.stream()
                .mapToInt(s -> limited.indexOf(s.cohort().identity().principal())).toArray();
        this.principalLimitCount = limited.size();
        this.initialReputation = scenario.safety().tracksReputation()
                ? scenario.safety().reputation().initialMillionths() : Population.FULL_REPUTATION;
    }

    public List<Segment> segments() {
        return segments;
    }

    public int agents() {
        return agents;
    }

    /**
     * Moves segment {@code s} to market {@code market}, a venue of its cohort's good, from the next backend epoch on:
     * every reader of {@link Segment#market} sees it, and the backends re-read it at the start of each epoch.
     */
    public void route(int s, int market) {
        venues[s] = market;
    }

    /** The index of segment {@code s}'s principal in the scenario's {@code principals()}. */
    public int principalOf(int s) {
        return principalOf[s];
    }

    /** The index of segment {@code s}'s principal limit in the scenario's {@code principalLimits()}, or -1. */
    public int principalLimitOf(int s) {
        return principalLimitOf[s];
    }

    /** Rate-limited principals (the size of the per-principal-limit arrays). */
    public int principalLimits() {
        return principalLimitCount;
    }

    /** Histogram width per market: the largest market's tick count (ticks 0..width-1). */
    public int gridWidth() {
        return gridWidth;
    }

    /**
     * An order-driven agent's trait (decide/DecideOrderDriven): its fundamental, chartist and noise weight bytes and
     * its horizon class, one byte each from the lowest.
     */
    public static int orderDrivenTrait(int fundamental, int chartist, int noise, int horizon) {
        return fundamental | chartist << 8 | noise << 16 | horizon << 24;
    }

    /**
     * The population at epoch 0: endowments from the cohorts, the founding reputation, arriving cohorts pending,
     * and private traits drawn from the INIT stream
     * (each agent's word for epoch 0, STAGE_TRAITS, draw 0), so they do not depend on thread count or backend.
     */
    public Population initialPopulation(long seed) {
        Population p = new Population(agents);
        long key = Philox.key(seed, Streams.INIT);
        int k0 = Philox.keyLo(key);
        int k1 = Philox.keyHi(key);
        int[] rng = Philox.agentWordScratch();
        int reputation = initialReputation;
        for (Segment s : segments) {
            CohortSpec c = s.cohort();
            int fullBucket = c.identity().scope().burst() * 1000;
            int status = c.arrival() == null ? 0 : Population.PENDING;
            for (int i = s.start(); i < s.end(); i++) {
                p.cash[i] = c.cash();
                p.inventory[i] = c.inventory();
                p.tokens[i] = fullBucket;
                p.status[i] = status;
                p.reputation[i] = reputation;
            }
            Endowments.draw(c, s.start(), s.end(), seed, p.cash, p.inventory); // opt-in: drawn per seed
            switch (c.params()) {
                case ZeroIntelligenceParams zi when zi.listed() -> {
                    // the k-th agent of the cohort takes the k-th listed value, the schedule repeated
                    List<Integer> values = zi.valueTicks();
                    for (int i = s.start(); i < s.end(); i++) {
                        p.trait[i] = values.get((i - s.start()) % values.size());
                        p.quota[i] = zi.units();
                    }
                }
                case ZeroIntelligenceParams zi -> {
                    for (int i = s.start(); i < s.end(); i++) {
                        int word = Philox.agentWord(i, 0, Streams.STAGE_TRAITS, 0, k0, k1, rng);
                        p.trait[i] = Philox.uniform(word, zi.valueMinTick(), zi.valueMaxTick());
                        p.quota[i] = zi.units();
                    }
                }
                case FundamentalistParams f -> {
                    for (int i = s.start(); i < s.end(); i++) {
                        int word = Philox.agentWord(i, 0, Streams.STAGE_TRAITS, 0, k0, k1, rng);
                        p.trait[i] = Philox.uniform(word, -f.dispersionTicks(), f.dispersionTicks());
                    }
                }
                case OrderDrivenParams o -> {
                    // weights: three bytes of one word; horizon class: a second draw, with its own block cache
                    int[] horizonRng = Philox.agentWordScratch();
                    for (int i = s.start(); i < s.end(); i++) {
                        int word = Philox.agentWord(i, 0, Streams.STAGE_TRAITS, 0, k0, k1, rng);
                        int h = Philox.uniform(Philox.agentWord(i, 0, Streams.STAGE_TRAITS, 1, k0, k1, horizonRng), 0,
                                o.horizons() - 1);
                        p.trait[i] = orderDrivenTrait(word & 255, (word >>> 8) & 255, (word >>> 16) & 255, h);
                    }
                }
                case KineticParams k when k.distributed() -> {
                    // each agent's own saving propensity, uniform in [0, lambda), in millionths
                    int top = (int) Math.floor(k.lambda() * 1e6) - 1;
                    for (int i = s.start(); i < s.end(); i++) {
                        int word = Philox.agentWord(i, 0, Streams.STAGE_TRAITS, 0, k0, k1, rng);
                        p.trait[i] = top < 0 ? 0 : Philox.uniform(word, 0, top);
                    }
                }
                case NegotiationParams n -> {
                    for (int i = s.start(); i < s.end(); i++) {
                        int word = Philox.agentWord(i, 0, Streams.STAGE_TRAITS, 0, k0, k1, rng);
                        p.trait[i] = Philox.uniform(word, 0, n.tiers() - 1); // capability tier
                    }
                }
                case ExecutionParams e -> {
                    for (int i = s.start(); i < s.end(); i++) {
                        p.quota[i] = e.targetQty();
                    }
                }
                default -> {
                    // chartists, market makers and HFTs have no private trait or quota
                }
            }
        }
        return p;
    }
}
