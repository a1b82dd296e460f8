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
 * And, against its market's clearing of the epoch, the units its bids and its asks <b>filled</b>, in
 * {@link #BID_FILLED} and {@link #ASK_FILLED}: what a principal bought and sold at the one clearing price, from which
 * the host reads how much it traded with itself. An order priced better than its side's marginal tick filled whole
 * (as Settle fills it); one at the marginal tick, which shares the marginal fill F of the tick's total T, counts
 * floor(q F / T), within one unit of its share (Settle's cumulative rounding depends on the orders before it).
 * The aggression and size bins count orders, not units, so a group's counts fit an int whatever its orders' sizes,
 * and every output is an integer sum: it does not depend on how agents are split among threads or work-groups.
 */
public final class Linkage {
    /** Bins of each feature. */
    public static final int BINS = 16;
    /** Offsets in a cohort's row: bids' aggression, bids' size, asks' aggression, asks' size. */
    public static final int BID_AGGRESSION = 0;
    public static final int BID_SIZE = BINS;
    public static final int ASK_AGGRESSION = 2 * BINS;
    public static final int ASK_SIZE = 3 * BINS;
    /** Units the bids and the asks filled at the epoch's clearing. */
    public static final int BID_FILLED = 4 * BINS;
    public static final int ASK_FILLED = 4 * BINS + 1;
    /** Longs per cohort. */
    public static final int ROW = 4 * BINS + 2;
    /**
     * A cohort's clearing, {@link #CLEARING} longs: its market's bid marginal tick, the fill and total quantity at it,
     * then the ask side's three.
     */
    public static final int BID_MARGINAL = 0;
    public static final int BID_MARGINAL_FILL = 1;
    public static final int BID_MARGINAL_TOTAL = 2;
    public static final int ASK_MARGINAL = 3;
    public static final int ASK_MARGINAL_FILL = 4;
    public static final int ASK_MARGINAL_TOTAL = 5;
    public static final int CLEARING = 6;

    /**
     * Writes into {@code into[at .. at + CLEARING)} the clearing of a market: its marginal ticks and their fills, or,
     * for a market that did not trade ({@code price} 0), ticks no order passes and no marginal fill.
     */
    public static void clearing(long[] into, int at, int price, int bidMarginal, long bidFill, long bidTotal,
                                int askMarginal, long askFill, long askTotal) {
        boolean traded = price != 0;
        into[at + BID_MARGINAL] = traded ? bidMarginal : Integer.MAX_VALUE;
        into[at + BID_MARGINAL_FILL] = traded ? bidFill : 0;
        into[at + BID_MARGINAL_TOTAL] = traded && bidTotal > 0 ? bidTotal : 1;
        into[at + ASK_MARGINAL] = traded ? askMarginal : Integer.MIN_VALUE;
        into[at + ASK_MARGINAL_FILL] = traded ? askFill : 0;
        into[at + ASK_MARGINAL_TOTAL] = traded && askTotal > 0 ? askTotal : 1;
    }

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

    /**
     * Units an order of {@code qty} filled, {@code better} ticks better than its side's marginal tick (positive:
     * whole; 0: floor(qty x fill / total) of the marginal fill; negative: none). Long arithmetic: the ticks differ by
     * up to 2^32 and the product of a quantity and a fill passes an int.
     */
    public static long filled(long better, int qty, long fill, long total) {
        return better > 0 ? qty : better == 0 ? qty * fill / total : 0;
    }

    /** The size bin of a positive quantity: floor(log2(qty)), at most BINS - 1. */
    public static int sizeBin(int qty) {
        int b = 63 - Long.numberOfLeadingZeros(qty);
        return b >= BINS ? BINS - 1 : b;
    }

    /**
     * Adds the orders of the active agents (status 0) in [from, to) into {@code out[offset .. offset + ROW)}, against
     * the reference tick {@code reference} with aggression bins of {@code width} ticks, and the units they filled
     * against the clearing's marginal ticks, fills and totals (see {@link #clearing}).
     */
    public static void signature(int from, int to, int reference, int width, int bidMarginal, long bidFill,
                                 long bidTotal, int askMarginal, long askFill, long askTotal, int[] status,
                                 int[] bidTick, int[] bidQty, int[] askTick, int[] askQty, long[] out, int offset) {
        for (int i = from; i < to; i++) {
            if (status[i] != 0) {
                continue;
            }
            int bq = bidQty[i];
            if (bq > 0) {
                out[offset + BID_AGGRESSION + aggressionBin(bidTick[i] - reference, width)]++;
                out[offset + BID_SIZE + sizeBin(bq)]++;
                out[offset + BID_FILLED] += filled((long) bidTick[i] - bidMarginal, bq, bidFill, bidTotal);
            }
            int aq = askQty[i];
            if (aq > 0) {
                out[offset + ASK_AGGRESSION + aggressionBin(reference - askTick[i], width)]++;
                out[offset + ASK_SIZE + sizeBin(aq)]++;
                out[offset + ASK_FILLED] += filled((long) askMarginal - askTick[i], aq, askFill, askTotal);
            }
        }
    }
}
