package org.vaesim.kernels.auction;

import java.util.Arrays;

/**
 * One auction round's buffers between the backend and the host: the bid and value histograms the bid stage
 * fills, and the per-range totals, quantity histograms and envy counts the later stages fill. Indexed like
 * the device buffers: {@code demand[group * width + tick]}, {@code values[tick]},
 * {@code totals[range * Auction.TOTALS + row]}, {@code quantities[range * span + units]},
 * {@code envy[range * Auction.ENVY + row]}.
 */
public final class AuctionRound {
    public final int width;
    /** Quantities an agent can end up with: 0..maxUnits. */
    public final int span;
    public final long[] demand;
    public final long[] values;
    public final long[] totals;
    public final long[] quantities;
    public final long[] envy;

    public AuctionRound(AuctionPlan plan) {
        width = plan.width();
        span = plan.maxUnits() + 1;
        demand = new long[plan.groups().size() * width];
        values = new long[width];
        totals = new long[plan.ranges().size() * Auction.TOTALS];
        quantities = new long[plan.ranges().size() * span];
        envy = new long[plan.ranges().size() * Auction.ENVY];
    }

    public void clear() {
        Arrays.fill(demand, 0);
        Arrays.fill(values, 0);
        Arrays.fill(totals, 0);
        Arrays.fill(quantities, 0);
        Arrays.fill(envy, 0);
    }
}
