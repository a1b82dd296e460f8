package org.vaesim.kernels.linkage;

/**
 * The linking scan (C twin in linkage.cl, docs/safety.md#linking-principals-from-behaviour): over one cohort's
 * agents, a fingerprint of the orders that passed the gate this epoch, in which the host looks for principals that
 * behave as one. Each active agent's bid and ask (an order slot with quantity 0 is no order) adds 1 to two bins of
 * its side's part of the cohort's row:
 * <ul>
 *   <li>its <b>aggression</b>: how many ticks past the reference price it is priced (a bid's tick minus the
 *       reference, the reference minus an ask's tick; positive is a price that would cross a book resting at the
 *       reference), in {@link #BINS} bins of {@code width} ticks centred on 0 and clamped at both ends;</li>
 *   <li>its <b>size</b>: floor(log2(quantity)), clamped to {@link #BINS} - 1.</li>
 * </ul>
 * The row counts orders, not units, so a group's counts fit an int whatever its orders' sizes, and every output is
 * an integer sum: it does not depend on how agents are split among threads or work-groups.
 */
public final class Linkage {
    /** Bins of each feature. */
    public static final int BINS = 16;
    /** Offsets in a cohort's row: bids' aggression, bids' size, asks' aggression, asks' size. */
    public static final int BID_AGGRESSION = 0;
    public static final int BID_SIZE = BINS;
    public static final int ASK_AGGRESSION = 2 * BINS;
    public static final int ASK_SIZE = 3 * BINS;
    /** Longs per cohort. */
    public static final int ROW = 4 * BINS;

    private Linkage() {
    }

    /**
     * The aggression bin of an order {@code ticks} past the reference: floor(ticks / width) + BINS / 2, clamped to
     * [0, BINS - 1]. Floor, not truncation, so that -1 .. -width share the bin just below 0's.
     */
    public static int aggressionBin(int ticks, int width) {
        int q = ticks / width;
        if (ticks % width < 0) {
            q--; // Java and C truncate toward zero; step down to the floor for negative remainders
        }
        int b = q + BINS / 2;
        return b < 0 ? 0 : b >= BINS ? BINS - 1 : b;
    }

    /** The size bin of a positive quantity: floor(log2(qty)), at most BINS - 1. */
    public static int sizeBin(int qty) {
        int b = 63 - Long.numberOfLeadingZeros(qty);
        return b >= BINS ? BINS - 1 : b;
    }

    /**
     * Adds the orders of the active agents (status 0) in [from, to) into {@code out[offset .. offset + ROW)}, against
     * the reference tick {@code reference} with aggression bins of {@code width} ticks.
     */
    public static void signature(int from, int to, int reference, int width, int[] status, int[] bidTick,
                                 int[] bidQty, int[] askTick, int[] askQty, long[] out, int offset) {
        for (int i = from; i < to; i++) {
            if (status[i] != 0) {
                continue;
            }
            int bq = bidQty[i];
            if (bq > 0) {
                out[offset + BID_AGGRESSION + aggressionBin(bidTick[i] - reference, width)]++;
                out[offset + BID_SIZE + sizeBin(bq)]++;
            }
            int aq = askQty[i];
            if (aq > 0) {
                out[offset + ASK_AGGRESSION + aggressionBin(reference - askTick[i], width)]++;
                out[offset + ASK_SIZE + sizeBin(aq)]++;
            }
        }
    }
}
