package org.vaesim.kernels.inequality;

/**
 * The metrics kernels (C twins in inequality.cl), run every {@code metrics_every} epochs over one cohort's range
 * at a time, with the unit price of the cohort's market. An agent's wealth is {@code cash + inventory x price}
 * micro-credits, as in the host's exact reference.
 *
 * <ul>
 *   <li>{@link #wealthHistogram}: every agent's wealth into the fixed {@link WealthBuckets} histogram (count,
 *       sum, min, max per bucket); reads the population, changes nothing in it.</li>
 *   <li>{@link #rankMobility}: every agent's current wealth decile, from the nine bucket thresholds the host
 *       derived from that histogram; counts the move from the decile stored at the previous metrics epoch into
 *       a 10 x 10 transition matrix, then stores the new decile.</li>
 * </ul>
 * Every output is an integer sum, minimum or maximum, so it does not depend on how agents are split among
 * threads or work-groups, nor on the order in which those add up.
 */
public final class Inequality {
    /** Deciles of the ranking. */
    public static final int DECILES = 10;
    /** The nine bucket thresholds that separate the deciles. */
    public static final int THRESHOLDS = DECILES - 1;
    /** Cells of the transition matrix, {@code previous * 10 + current}. */
    public static final int TRANSITIONS = DECILES * DECILES;
    /** Decile column value of an agent that has none yet (before the first metrics epoch): 0xFF. */
    public static final byte NO_DECILE = -1;

    private Inequality() {
    }

    /**
     * Adds the wealth of agents [from, to) at unit {@code price} into {@code histogram} (layout
     * {@link WealthBuckets}); returns the sum of their cash.
     */
    public static long wealthHistogram(int from, int to, long price, long[] cash, int[] inventory, long[] histogram) {
        long cashSum = 0;
        for (int i = from; i < to; i++) {
            long c = cash[i];
            long w = c + inventory[i] * price;
            int k = WealthBuckets.of(w) * WealthBuckets.FIELDS;
            histogram[k + WealthBuckets.N]++;
            histogram[k + WealthBuckets.SUM] += w;
            if (w < histogram[k + WealthBuckets.MIN]) {
                histogram[k + WealthBuckets.MIN] = w;
            }
            if (w > histogram[k + WealthBuckets.MAX]) {
                histogram[k + WealthBuckets.MAX] = w;
            }
            cashSum += c;
        }
        return cashSum;
    }

    /** The decile of a bucket: how many of the nine ascending thresholds it reaches. */
    public static int decile(int bucket, int[] thresholds) {
        int d = 0;
        for (int k = 0; k < THRESHOLDS; k++) {
            d += bucket >= thresholds[k] ? 1 : 0;
        }
        return d;
    }

    /**
     * For agents [from, to) at unit {@code price}: the current decile from {@code thresholds}; where the agent
     * has a previous decile p, {@code transitions[p * 10 + d]} is incremented; the decile column is set to d.
     */
    public static void rankMobility(int from, int to, long price, int[] thresholds, long[] cash, int[] inventory,
                                    byte[] decile, long[] transitions) {
        int lastBucket = -1; // neighbours often share a bucket (a cohort's equal endowments): reuse its decile
        int d = 0;
        for (int i = from; i < to; i++) {
            long w = cash[i] + inventory[i] * price;
            int bucket = WealthBuckets.of(w);
            if (bucket != lastBucket) {
                d = decile(bucket, thresholds);
                lastBucket = bucket;
            }
            int previous = decile[i];
            if (previous >= 0 && previous < DECILES) {
                transitions[previous * DECILES + d]++;
            }
            decile[i] = (byte) d;
        }
    }
}
