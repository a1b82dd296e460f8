package org.vaesim.host.epoch;

import org.vaesim.kernels.gate.RejectReason;

/**
 * The rejections of the mechanisms other than the order book (resource auctions, missions, the gateway), counted
 * where the gate's are: per market (of the agent's cohort) and reason, in the epoch's result and the run's totals.
 */
public final class Rejections {
    private Rejections() {
    }

    /** Adds the {@link RejectReason#COUNT} counts at {@code from[at ..]} to market {@code market}'s reasons. */
    public static void add(long[] rejects, int market, long[] from, int at) {
        for (int k = 0; k < RejectReason.COUNT; k++) {
            rejects[market * RejectReason.COUNT + k] += from[at + k];
        }
    }
}
