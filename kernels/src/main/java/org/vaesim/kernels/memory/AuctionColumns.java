package org.vaesim.kernels.memory;

import java.util.List;

import org.vaesim.kernels.auction.AuctionPlan;

/**
 * Per auction, one entry per bidder (in the auction's column order, see AuctionPlan): the units it won in
 * the latest round ({@code won}, an int) and over the run ({@code totalWon}, a long): 12 bytes per bidder
 * per auction, kept beside the population so that the envy test and the Gini of allocations can see every
 * bidder's bundle, and checkpointed with it.
 */
public final class AuctionColumns {
    /** Bytes per bidder per auction: won (4) and totalWon (8). */
    public static final int BYTES_PER_BIDDER = 12;

    public final int[][] won;
    public final long[][] totalWon;

    public AuctionColumns(int[] bidders) {
        won = new int[bidders.length][];
        totalWon = new long[bidders.length][];
        for (int a = 0; a < bidders.length; a++) {
            won[a] = new int[bidders[a]];
            totalWon[a] = new long[bidders[a]];
        }
    }

    /** Zeroed columns for the plans' bidders. */
    public static AuctionColumns of(List<AuctionPlan> plans) {
        return new AuctionColumns(plans.stream().mapToInt(AuctionPlan::bidders).toArray());
    }

    public int auctions() {
        return won.length;
    }
}
