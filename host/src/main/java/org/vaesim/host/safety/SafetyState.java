package org.vaesim.host.safety;

import org.vaesim.kernels.settle.Settle;

/**
 * The state of the safety rules between epochs ({@link SafetyRules}: entry checks, circuit breakers, rate limits,
 * kill switches), which they share; a core section of every checkpoint, checkpointed with the rest.
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
    /**
     * Per cohort, index segment * Settle.FLOWS + Settle.FLOW_*: orders booked and filled, net cash and net
     * units from trading, summed over the run so far.
     */
    public final long[] flows;
    /**
     * Per principal rule (order-to-trade, loss) and principal, index rule * principals + principal: the
     * epochs in a row the principal has been over the order-to-trade ratio, or {@link #FIRED} once the rule
     * has stopped the principal.
     */
    public final int[] principalRules;
    /** Per principal rate limit: its bucket, thousandths of an order. */
    public final long[] principalTokens;
    /** Arriving agents admitted so far. */
    public long admitted;
    /** Arriving agents refused so far, by {@code EntryChecks.Refusal} ordinal. */
    public final long[] refused = new long[EntryChecks.Refusal.COUNT];

    /** {@link #principalRules} value of a principal a rule has stopped: it is not judged again. */
    public static final int FIRED = -1;

    public SafetyState(int markets, int segments, int principalRuleSlots, int principalLimits) {
        haltedUntil = new int[markets];
        breakerTrips = new long[markets];
        pauses = new long[markets];
        marketWideFired = new int[markets];
        flows = new long[segments * Settle.FLOWS];
        principalRules = new int[principalRuleSlots];
        principalTokens = new long[principalLimits];
    }

    public long totalRefused() {
        return sum(refused);
    }

    /** Adds an epoch's per-cohort flows (as in {@code EpochResult.segmentFlows}) to the run's. */
    public void addFlows(long[] epochFlows) {
        for (int i = 0; i < flows.length; i++) {
            flows[i] += epochFlows[i];
        }
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
