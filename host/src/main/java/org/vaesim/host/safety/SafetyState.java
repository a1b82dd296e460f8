package org.vaesim.host.safety;

/**
 * The state of the circuit breakers and kill rules between epochs (checkpointed with the rest).
 */
public final class SafetyState {
    /** Per market: the market is halted while the epoch is below this. */
    public final int[] haltedUntil;
    /** Per market: how often its breaker has tripped. */
    public final long[] breakerTrips;
    /** Per market: how often a sudden move has paused it. */
    public final long[] pauses;
    /**
     * Per market, bit k set: market-wide level k has fired for the market's group (the open economy or its
     * sandbox); every market of a group holds the same bits.
     */
    public final int[] marketWideFired;
    /** Bit r set: kill rule r has fired. */
    public long killRulesFired;
    /** Agents stopped by kill switches so far. */
    public long killed;

    public SafetyState(int markets) {
        haltedUntil = new int[markets];
        breakerTrips = new long[markets];
        pauses = new long[markets];
        marketWideFired = new int[markets];
    }

    public long totalTrips() {
        return sum(breakerTrips);
    }

    public long totalPauses() {
        return sum(pauses);
    }

    private static long sum(long[] perMarket) {
        long sum = 0;
        for (long n : perMarket) {
            sum += n;
        }
        return sum;
    }
}
