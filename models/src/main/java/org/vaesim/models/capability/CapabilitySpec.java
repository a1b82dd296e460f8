package org.vaesim.models.capability;

import java.util.List;

import org.vaesim.models.scenario.ConfigException;
import org.vaesim.models.scenario.Node;
import org.vaesim.models.scenario.StageConfig;
import org.vaesim.models.scenario.StageReader;

/**
 * The {@code stages.capability} section: capability as evolving state (docs/capability.md). Every quantity is exact: shares
 * and strengths in millionths, stocks and prices in micro-units.
 *
 * @param cohorts        the cohorts whose agents have capability, as indices into the sorted
 *                       {@code Scenario.cohorts()}, ascending
 * @param feedback       the feedback strength, millionths: the largest boost, a relative gain in bargaining power
 *                       (0: capability changes nothing)
 * @param halfStock      the stock at which the boost is half the feedback strength, micro-units (> 0)
 * @param computeWeight  micro-units of stock per unit won in a compute or data resource auction
 * @param reinvest       the share of an epoch's earnings spent on capability, millionths; spent only with feedback
 *                       > 0 (nobody buys capability that is worth nothing)
 * @param unitCost       micro-credits per unit of stock bought
 * @param depreciation   the share of the stock lost per epoch, millionths
 * @param feeds          where the boost feeds back (with feedback above 0)
 */
public record CapabilitySpec(List<Integer> cohorts, long feedback, long halfStock, long computeWeight, long reinvest,
                             long unitCost, long depreciation, Feeds feeds) {
    /**
     * The switches of {@code stages.capability.feeds}, one per channel the boost can feed (docs/capability.md):
     * bargaining power in negotiation and the yard sale, values in resource auctions, delivery and cost in missions,
     * and the ability an entry test scores. Only negotiation is on by default, as it was before the others existed.
     */
    public record Feeds(boolean negotiation, boolean auctions, boolean missions, boolean entry) {
        /** The default: negotiation only. */
        public static final Feeds DEFAULT = new Feeds(true, false, false, false);
        /** Every channel. */
        public static final Feeds ALL = new Feeds(true, true, true, true);
    }

    /** The section with the default feeds (negotiation only). */
    public CapabilitySpec(List<Integer> cohorts, long feedback, long halfStock, long computeWeight, long reinvest,
                          long unitCost, long depreciation) {
        this(cohorts, feedback, halfStock, computeWeight, reinvest, unitCost, depreciation, Feeds.DEFAULT);
    }

    /** Limits the reader enforces; with them no stock, gain or purchase overflows (docs/capability.md). */
    public static final long MAX_FEEDBACK = 10_000_000L;
    public static final long MAX_WEIGHT = 1_000_000_000L;
    public static final long MIN_UNIT_COST = 1_000_000L;
    public static final long MAX_UNIT_COST = 1_000_000_000_000L;
    public static final long MAX_HALF_STOCK = 1_000_000_000_000_000L;

    public CapabilitySpec {
        cohorts = List.copyOf(cohorts);
        if (feeds == null || cohorts.isEmpty() || feedback < 0 || feedback > MAX_FEEDBACK || halfStock <= 0
                || halfStock > MAX_HALF_STOCK || computeWeight < 0 || computeWeight > MAX_WEIGHT || reinvest < 0
                || reinvest > 1_000_000 || unitCost < MIN_UNIT_COST || unitCost > MAX_UNIT_COST || depreciation < 0
                || depreciation > 1_000_000) {
            throw new IllegalArgumentException("capability out of range: " + cohorts + ", " + feedback + ", "
                    + halfStock + ", " + computeWeight + ", " + reinvest + ", " + unitCost + ", " + depreciation);
        }
    }

    /** The stage's name: its section under {@code stages} and its checkpoint section. */
    public static final String NAME = "capability";

    /** The section's reader (docs/config-reference.md#stagescapability). */
    public static final class Reader implements StageReader<CapabilitySpec> {
        private static final Node.Interval SHARE = Node.Interval.atLeast(0).withMax(1);

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public CapabilitySpec read(StageConfig c) throws ConfigException {
            c.only("cohorts", "feedback", "half_stock", "compute_weight", "reinvest", "unit_cost", "depreciation",
                    "feeds");
            List<Integer> cohorts = c.requiredCohorts("cohorts");
            long feedback = c.optionalScaled("feedback", 6, Node.Interval.atLeast(0).withMax(10), 0);
            long half = c.optionalScaled("half_stock", 6, Node.Interval.above(0, 1e9), 100_000_000L);
            long weight = c.optionalScaled("compute_weight", 6, Node.Interval.atLeast(0).withMax(1000), 1_000_000L);
            long reinvest = c.optionalScaled("reinvest", 6, SHARE, 0);
            long unitCost = c.optionalScaled("unit_cost", 6, Node.Interval.atLeast(1).withMax(1e6), 1_000_000L);
            long depreciation = c.optionalScaled("depreciation", 6, SHARE, 0);
            return new CapabilitySpec(cohorts, feedback, half, weight, reinvest, unitCost, depreciation, feeds(c));
        }

        /** {@code feeds}: an object of switches, each true or false, missing ones at their default. */
        private static Feeds feeds(StageConfig c) throws ConfigException {
            StageConfig f = c.optionalObject("feeds");
            if (f == null) {
                return Feeds.DEFAULT;
            }
            f.only("negotiation", "auctions", "missions", "entry");
            Feeds d = Feeds.DEFAULT;
            return new Feeds(f.optionalBoolean("negotiation", d.negotiation()),
                    f.optionalBoolean("auctions", d.auctions()), f.optionalBoolean("missions", d.missions()),
                    f.optionalBoolean("entry", d.entry()));
        }
    }

    /** The reinvested share in force: none without feedback. */
    public long reinvestInForce() {
        return feedback == 0 ? 0 : reinvest;
    }

    /** Whether cohort {@code index} (sorted) has capability. */
    public boolean covers(int index) {
        return cohorts.contains(index);
    }
}
