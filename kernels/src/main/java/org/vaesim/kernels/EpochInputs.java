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

    public EpochInputs(int markets, int segments) {
        lastTick = new int[markets];
        previousTick = new int[markets];
        fundamentalTick = new int[markets];
        previousVolume = new long[markets];
        lookbackTick = new int[segments];
    }
}
