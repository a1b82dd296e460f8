package org.vaesim.kernels;

/**
 * The public state an epoch's kernels observe: what the host sends to the backend each epoch.
 * Arrays are indexed by market, except {@code lookbackTick}, indexed by population segment.
 */
public final class EpochInputs {
    public int epoch;
    public final int[] lastTick;
    public final int[] previousTick;
    public final int[] fundamentalTick;
    public final long[] previousVolume;
    /** For each segment: its market's price {@code lookback} epochs ago (chartists), else unused. */
    public final int[] lookbackTick;
    /**
     * For each segment: the value its fundamentalists anchor to instead of the market's fundamental, or 0 for the
     * fundamental (a broker cohort's is the external price in ticks while the gateway is open).
     */
    public final int[] anchorTick;
    /**
     * For each segment of fundamentalists that withdraw with volatility: their market's realised volatility over
     * their window, percent per epoch (FundamentalistParams#activity); else 0.
     */
    public final double[] volatility;
    /**
     * For each segment of adaptive manipulators: 1 while they back off this epoch (they watched their own statistic
     * reach their line, ManipulatorParams.Watch), else 0. Set by the host before the epoch; read by decide.
     */
    public final int[] backingOff;
    /**
     * For each segment, {@link #SIGNALS} slots of what the host derives from public prices for the heterogeneous-belief
     * families: an order-driven cohort's fundamental term and its eight trends, a switching cohort's share of
     * fundamentalists, its two rules' common expected returns and the spreads of their followers' own noise
     * (host/epoch/Beliefs). Unused for the others.
     */
    public final double[] signals;
    public static final int SIGNALS = 9;
    /** Circuit-breaker band per market in ticks; lowerBand 0 means no band. */
    public final int[] lowerBand;
    public final int[] upperBand;
    /** 1 for a market halted this epoch. */
    public final int[] halted;
    /** Per principal limit: the orders its bucket allows this epoch. */
    public final long[] principalAllowed;

    public EpochInputs(int markets, int segments) {
        this(markets, segments, 0);
    }

    public EpochInputs(int markets, int segments, int principalLimits) {
        principalAllowed = new long[principalLimits];
        lastTick = new int[markets];
        previousTick = new int[markets];
        fundamentalTick = new int[markets];
        previousVolume = new long[markets];
        lookbackTick = new int[segments];
        anchorTick = new int[segments];
        volatility = new double[segments];
        backingOff = new int[segments];
        signals = new double[segments * SIGNALS];
        lowerBand = new int[markets];
        upperBand = new int[markets];
        halted = new int[markets];
    }
}
