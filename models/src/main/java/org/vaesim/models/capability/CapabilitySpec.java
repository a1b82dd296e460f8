package org.vaesim.models.capability;

import java.util.List;

/**
 * The {@code capability} block: capability as evolving state (docs/capability.md). Every quantity is exact: shares
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
 */
public record CapabilitySpec(List<Integer> cohorts, long feedback, long halfStock, long computeWeight, long reinvest,
                             long unitCost, long depreciation) {
    /** Limits the reader enforces; with them no stock, gain or purchase overflows (docs/capability.md). */
    public static final long MAX_FEEDBACK = 10_000_000L;
    public static final long MAX_WEIGHT = 1_000_000_000L;
    public static final long MIN_UNIT_COST = 1_000_000L;
    public static final long MAX_UNIT_COST = 1_000_000_000_000L;
    public static final long MAX_HALF_STOCK = 1_000_000_000_000_000L;

    public CapabilitySpec {
        cohorts = List.copyOf(cohorts);
        if (cohorts.isEmpty() || feedback < 0 || feedback > MAX_FEEDBACK || halfStock <= 0
                || halfStock > MAX_HALF_STOCK || computeWeight < 0 || computeWeight > MAX_WEIGHT || reinvest < 0
                || reinvest > 1_000_000 || unitCost < MIN_UNIT_COST || unitCost > MAX_UNIT_COST || depreciation < 0
                || depreciation > 1_000_000) {
            throw new IllegalArgumentException("capability out of range: " + cohorts + ", " + feedback + ", "
                    + halfStock + ", " + computeWeight + ", " + reinvest + ", " + unitCost + ", " + depreciation);
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
