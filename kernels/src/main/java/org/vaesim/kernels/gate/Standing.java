package org.vaesim.kernels.gate;

import org.vaesim.kernels.memory.Population;

/**
 * A cohort's standing for the entry checks: how many of its agents are active (status 0), the sum of their
 * reputations (millionths), and how many a kill switch stopped. A cohort's record is the mean reputation of its
 * agents in the economy, its killed agents counting as 0 (a kill is the worst record there is), so a principal
 * whose cohort was stopped stays known and suspect; the entry checks judge a principal by its worst cohort.
 */
public final class Standing {
    /** Slots per cohort in the output: active agents, their reputation sum, then killed agents. */
    public static final int ACTIVE = 0;
    public static final int REPUTATION = 1;
    public static final int KILLED = 2;
    public static final int SLOTS = 3;

    private Standing() {
    }

    /** Adds the active agents of [from, to), their reputations and the killed agents into {@code out[at + slot]}. */
    public static void standing(int from, int to, int[] status, int[] reputation, long[] out, int at) {
        long active = 0;
        long sum = 0;
        long killed = 0;
        for (int i = from; i < to; i++) {
            if (status[i] == 0) {
                active++;
                sum += reputation[i];
            } else if (status[i] == Population.KILLED) {
                killed++;
            }
        }
        out[at + ACTIVE] += active;
        out[at + REPUTATION] += sum;
        out[at + KILLED] += killed;
    }

    /** Whether a cohort has a record: some of its agents are, or were, in the economy (active or killed). */
    public static boolean hasRecord(long active, long killed) {
        return active + killed > 0;
    }

    /**
     * Whether a cohort's record, the reputation sum {@code sum} of its {@code active} agents over those and its
     * {@code killed} ones, is below {@code line} (millionths): sum &lt; line x (active + killed), in integers.
     */
    public static boolean recordBelow(long active, long killed, long sum, int line) {
        return sum < (long) line * (active + killed);
    }

    /** A cohort's record as a fraction of full reputation (NaN without a record). */
    public static double record(long active, long killed, long sum) {
        return hasRecord(active, killed) ? sum / (double) (active + killed) / Population.FULL_REPUTATION
                : Double.NaN;
    }
}
