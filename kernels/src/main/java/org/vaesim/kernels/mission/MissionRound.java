package org.vaesim.kernels.mission;

import java.util.Arrays;

/**
 * One mission round's buffers between the backend and the host: the score histogram the bid stage fills
 * ({@code hist[score]}: bidders with that score) and the per-range totals the deliver stage fills
 * ({@code totals[range * Mission.TOTALS + row]}).
 */
public final class MissionRound {
    public final long[] hist;
    public final long[] totals;

    public MissionRound(MissionPlan plan) {
        hist = new long[plan.width()];
        totals = new long[plan.ranges().size() * Mission.TOTALS];
    }

    public void clear() {
        Arrays.fill(hist, 0);
        Arrays.fill(totals, 0);
    }

    /** Row {@code row} summed over the ranges. */
    public long sum(int row) {
        long s = 0;
        for (int k = row; k < totals.length; k += Mission.TOTALS) {
            s += totals[k];
        }
        return s;
    }
}
