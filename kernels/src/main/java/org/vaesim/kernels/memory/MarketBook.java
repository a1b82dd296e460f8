package org.vaesim.kernels.memory;

/**
 * Per-market, per-tick bid and ask quantity histograms: index {@code market * ticks + tick}. All markets share
 * one grid width ({@code ticks} = the largest market's grid), so one flat column serves every market.
 */
public final class MarketBook {
    public final int markets;
    public final int ticks;
    public final long[] bids;
    public final long[] asks;

    public MarketBook(int markets, int ticks) {
        this.markets = markets;
        this.ticks = ticks;
        this.bids = new long[markets * ticks];
        this.asks = new long[markets * ticks];
    }

    public void clear() {
        java.util.Arrays.fill(bids, 0L);
        java.util.Arrays.fill(asks, 0L);
    }
}
