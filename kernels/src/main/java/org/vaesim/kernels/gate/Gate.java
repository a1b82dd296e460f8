package org.vaesim.kernels.gate;

/**
 * Pre-trade checks on the orders decide wrote. An order that fails is removed (quantity 0) and counted by
 * reason in {@code rejects[reason]}; a killed agent's orders are all removed first. Because a bid pays at most its own limit, an accepted bid can never
 * take cash below zero; an accepted ask never takes inventory below {@code -maxShort}; and a filled bid
 * never takes inventory above {@code maxPosition} even if the agent's ask does not fill.
 */
public final class Gate {
    private Gate() {
    }

    public static void gate(int from, int to, long tickSize, int feeBps, int maxPosition, int maxShort,
                            long[] cash, int[] inventory, int[] status,
                            int[] bidTick, int[] bidQty, int[] askTick, int[] askQty, long[] rejects) {
        for (int i = from; i < to; i++) {
            int bq = bidQty[i];
            int aq = askQty[i];
            if (status[i] != 0 && (bq > 0 || aq > 0)) {
                bidQty[i] = 0;
                askQty[i] = 0;
                rejects[RejectReason.KILLED.ordinal()] += (bq > 0 ? 1 : 0) + (aq > 0 ? 1 : 0);
                continue;
            }
            if (bq > 0 && aq > 0 && bidTick[i] >= askTick[i]) {
                bidQty[i] = 0;
                askQty[i] = 0;
                rejects[RejectReason.SELF_CROSS.ordinal()] += 2;
                continue;
            }
            if (bq > 0) {
                long price = bidTick[i] * tickSize;
                long inv = inventory[i];
                if (inv + bq > maxPosition) {
                    bidQty[i] = 0;
                    rejects[RejectReason.POSITION.ordinal()]++;
                } else {
                    long notional = price * bq;
                    long c = cash[i];
                    // price and bq are positive, so the product overflowed iff its high word is set or its
                    // sign flipped; once notional <= cash (< 2^62), notional + fee cannot overflow.
                    if (Math.multiplyHigh(price, bq) != 0 || notional < 0 || notional > c
                            || notional + Fees.fee(notional, feeBps) > c) {
                        bidQty[i] = 0;
                        rejects[RejectReason.BUDGET.ordinal()]++;
                    }
                }
            }
            if (aq > 0 && (long) aq > (long) inventory[i] + maxShort) {
                askQty[i] = 0;
                rejects[RejectReason.INVENTORY.ordinal()]++;
            }
        }
    }
}
