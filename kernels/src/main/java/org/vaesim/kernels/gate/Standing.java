package org.vaesim.kernels.gate;

/**
 * A cohort's standing for the entry checks: how many of its agents are active (status 0) and the sum of their
 * reputations (millionths), so that the host can judge a principal by the mean reputation of its active agents.
 */
public final class Standing {
    /** Slots per cohort in the output: active agents, then their reputation sum. */
    public static final int ACTIVE = 0;
    public static final int REPUTATION = 1;
    public static final int SLOTS = 2;

    private Standing() {
    }

    /** Adds the active agents of [from, to) and their reputations into {@code out[at + ACTIVE / REPUTATION]}. */
    public static void standing(int from, int to, int[] status, int[] reputation, long[] out, int at) {
        long active = 0;
        long sum = 0;
        for (int i = from; i < to; i++) {
            if (status[i] == 0) {
                active++;
                sum += reputation[i];
            }
        }
        out[at + ACTIVE] += active;
        out[at + REPUTATION] += sum;
    }
}
