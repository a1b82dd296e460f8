package org.vaesim.kernels.decide;

/**
 * Truthful traders with induced values (Smith 1962): an agent with quota left bids one unit at its value (buyers)
 * or asks one unit at its cost (sellers); {@code trait} holds the value or cost. In a call auction this reveals
 * the supply and demand schedules, so the market clears at their intersection.
 */
public final class DecideTruthful {
    private DecideTruthful() {
    }

    public static void decideTruthful(int from, int to, boolean buyer, int[] trait, int[] quota,
                                      int[] bidTick, int[] bidQty, int[] askTick, int[] askQty) {
        for (int i = from; i < to; i++) {
            Orders.none(i, bidTick, bidQty, askTick, askQty);
            if (quota[i] <= 0) {
                continue;
            }
            if (buyer) {
                bidTick[i] = trait[i];
                bidQty[i] = 1;
            } else {
                askTick[i] = trait[i];
                askQty[i] = 1;
            }
        }
    }
}
