package org.vaesim.kernels.clear;

/**
 * What clearing tells settlement, one entry per market (columns, like every other device buffer).
 * A market that did not trade has {@code price == 0} and {@code volume == 0}.
 */
public final class ClearingResult {
    /** Clearing tick, or 0 when nothing traded. */
    public final int[] price;
    public final long[] volume;
    /** Lowest bid tick that fills: bids above it fill whole, bids at it share {@code bidMarginalFill}. */
    public final int[] bidMarginalTick;
    public final long[] bidMarginalFill;
    /** All bid quantity at the bid marginal tick, which shares bidMarginalFill. */
    public final long[] bidMarginalTotal;
    /** Highest ask tick that fills: asks below it fill whole, asks at it share {@code askMarginalFill}. */
    public final int[] askMarginalTick;
    public final long[] askMarginalFill;
    /** All ask quantity at the ask marginal tick, which shares askMarginalFill. */
    public final long[] askMarginalTotal;
    /** Best bid and ask left unfilled after clearing (0 = none): the book's residual spread. */
    public final int[] residualBid;
    public final int[] residualAsk;
    /** 1 when the clearing price fell outside the market's circuit-breaker band, so nothing traded. */
    public final int[] breach;

    public ClearingResult(int markets) {
        price = new int[markets];
        volume = new long[markets];
        bidMarginalTick = new int[markets];
        bidMarginalFill = new long[markets];
        bidMarginalTotal = new long[markets];
        askMarginalTick = new int[markets];
        askMarginalFill = new long[markets];
        askMarginalTotal = new long[markets];
        residualBid = new int[markets];
        residualAsk = new int[markets];
        breach = new int[markets];
    }
}
