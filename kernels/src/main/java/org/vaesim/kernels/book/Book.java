package org.vaesim.kernels.book;

/**
 * Bins the gated orders of one market's agents into that market's bid and ask quantity histograms
 * ({@code bids[base + tick]}, {@code asks[base + tick]}, base = market * grid width).
 */
public final class Book {
    private Book() {
    }

    public static void book(int from, int to, int base,
                            int[] bidTick, int[] bidQty, int[] askTick, int[] askQty,
                            int[] bids, int[] asks) {
        for (int i = from; i < to; i++) {
            int bq = bidQty[i];
            if (bq > 0) {
                bids[base + bidTick[i]] += bq;
            }
            int aq = askQty[i];
            if (aq > 0) {
                asks[base + askTick[i]] += aq;
            }
        }
    }

    /** Takes what {@link #book} added for agents [from, to) back out of the histograms (java backend only). */
    public static void unbook(int from, int to, int base,
                              int[] bidTick, int[] bidQty, int[] askTick, int[] askQty,
                              int[] bids, int[] asks) {
        for (int i = from; i < to; i++) {
            int bq = bidQty[i];
            if (bq > 0) {
                bids[base + bidTick[i]] -= bq;
            }
            int aq = askQty[i];
            if (aq > 0) {
                asks[base + askTick[i]] -= aq;
            }
        }
    }
}
