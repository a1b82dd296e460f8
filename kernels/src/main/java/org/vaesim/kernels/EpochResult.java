package org.vaesim.kernels;

import org.vaesim.kernels.clear.ClearingResult;
import org.vaesim.kernels.gate.RejectReason;
import org.vaesim.kernels.settle.Settle;

/**
 * What an epoch's kernels report back to the host: each market's clearing, the gate's rejections by market and
 * reason and by cohort, each market's fees and realised surplus, and each cohort's trading flows and realised
 * surplus. A few hundred bytes per market and some tens per cohort, whatever the population.
 */
public final class EpochResult {
    public final ClearingResult clearing;
    /** index market * RejectReason.COUNT + reason */
    public final long[] rejects;
    /** index market * Settle.TOTALS + Settle.FEES / Settle.SURPLUS */
    public final long[] totals;
    /** Orders of each segment (cohort) the gate rejected for any reason but {@code killed}. */
    public final long[] segmentRejects;
    /** Per segment, index segment * Settle.FLOWS + Settle.FLOW_*: orders booked and filled, net cash and units. */
    public final long[] segmentFlows;
    /** Per segment: the surplus its traders with induced values realised (ticks x units; 0 for the rest). */
    public final long[] segmentSurplus;

    /** Per principal limit: the orders its agents placed after their own gate (before the principal's limit). */
    public final long[] principalOrders;

    public EpochResult(int markets, int segments) {
        this(markets, segments, 0);
    }

    public EpochResult(int markets, int segments, int principalLimits) {
        principalOrders = new long[principalLimits];
        clearing = new ClearingResult(markets);
        rejects = new long[markets * RejectReason.COUNT];
        totals = new long[markets * Settle.TOTALS];
        segmentRejects = new long[segments];
        segmentFlows = new long[segments * Settle.FLOWS];
        segmentSurplus = new long[segments];
    }
}
