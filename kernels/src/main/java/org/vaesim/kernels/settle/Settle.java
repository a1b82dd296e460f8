package org.vaesim.kernels.settle;

import org.vaesim.kernels.gate.Fees;

/**
 * Fills one market's agents at the clearing price and moves cash, goods and fees; every move is an integer
 * transfer, so money and goods are conserved exactly.
 *
 * <p>Orders strictly better than their side's marginal tick fill whole. Orders at the marginal tick share
 * its fill F out of its total T by cumulative rounding in agent-index order: with C the quantity of lower-
 * indexed orders at that tick, an order of q gets floor((C+q)F/T) - floor(CF/T). The shares add to exactly F,
 * each is within one unit of qF/T, and the result does not depend on how agents are split among threads:
 * the caller passes C for the first agent of the range in {@code cursor[cursorAt]} (bids) and
 * {@code cursor[cursorAt + 1]} (asks), and the kernel advances both.
 *
 * <p>It also adds the range's flows to its cohort's slots {@code flows[flowsAt + FLOW_*]}: the orders that
 * reached the book (counted even when the market does not trade), the orders that filled at least in part,
 * and the cohort's net cash and net units from trading. The kill rules read them (order-to-trade ratio,
 * trading loss). The surplus the range realised goes to its market's totals and to its cohort's
 * {@code segmentSurplus[segment]}, so that efficiency can be measured per trader class.
 */
public final class Settle {
    /** Indices into the per-range {@code totals}: fees collected, and surplus realised (ticks). */
    public static final int FEES = 0;
    public static final int SURPLUS = 1;
    public static final int TOTALS = 2;
    /** Indices into the per-cohort {@code flows}: orders booked, orders filled, net cash, net units. */
    public static final int FLOW_ORDERS = 0;
    public static final int FLOW_FILLED = 1;
    public static final int FLOW_CASH = 2;
    public static final int FLOW_GOODS = 3;
    public static final int FLOWS = 4;

    private Settle() {
    }

    public static void settle(int from, int to, int priceTick, long tickSize, int feeBps,
                              int bidMarginalTick, long bidMarginalFill, long bidMarginalTotal,
                              int askMarginalTick, long askMarginalFill, long askMarginalTotal,
                              boolean tracksQuota, int surplusSign,
                              long[] cash, int[] inventory, int[] quota, int[] trait,
                              int[] bidTick, int[] bidQty, int[] askTick, int[] askQty,
                              long[] cursor, int cursorAt, long[] totals, int totalsAt, long[] flows, int flowsAt,
                              long[] segmentSurplus, int segment) {
        if (priceTick == 0) {
            long orders = 0;
            for (int i = from; i < to; i++) {
                orders += (bidQty[i] > 0 ? 1 : 0) + (askQty[i] > 0 ? 1 : 0);
            }
            flows[flowsAt + FLOW_ORDERS] += orders;
            return;
        }
        long price = priceTick * tickSize;
        long bidCursor = cursor[cursorAt];
        long askCursor = cursor[cursorAt + 1];
        long fees = 0;
        long surplus = 0;
        long orders = 0;
        long filledOrders = 0;
        long netCash = 0;
        long netGoods = 0;
        for (int i = from; i < to; i++) {
            int filled = 0;
            int bq = bidQty[i];
            int aq = askQty[i];
            orders += (bq > 0 ? 1 : 0) + (aq > 0 ? 1 : 0);
            if (bq > 0) {
                int bt = bidTick[i];
                long f;
                if (bt > bidMarginalTick) {
                    f = bq;
                } else if (bt == bidMarginalTick) {
                    f = (bidCursor + bq) * bidMarginalFill / bidMarginalTotal
                            - bidCursor * bidMarginalFill / bidMarginalTotal;
                    bidCursor += bq;
                } else {
                    f = 0;
                }
                if (f > 0) {
                    long notional = price * f;
                    long fee = Fees.fee(notional, feeBps);
                    cash[i] -= notional + fee;
                    inventory[i] += (int) f;
                    fees += fee;
                    filled += (int) f;
                    filledOrders++;
                    netCash -= notional + fee;
                    netGoods += f;
                }
            }
            if (aq > 0) {
                int at = askTick[i];
                long f;
                if (at < askMarginalTick) {
                    f = aq;
                } else if (at == askMarginalTick) {
                    f = (askCursor + aq) * askMarginalFill / askMarginalTotal
                            - askCursor * askMarginalFill / askMarginalTotal;
                    askCursor += aq;
                } else {
                    f = 0;
                }
                if (f > 0) {
                    long notional = price * f;
                    long fee = Fees.fee(notional, feeBps);
                    cash[i] += notional - fee;
                    inventory[i] -= (int) f;
                    fees += fee;
                    filled += (int) f;
                    filledOrders++;
                    netCash += notional - fee;
                    netGoods -= f;
                }
            }
            if (filled > 0) {
                if (tracksQuota) {
                    quota[i] -= filled;
                }
                // ZI buyers gain value - price per unit, sellers price - cost (surplusSign +1 / -1).
                surplus += (long) surplusSign * (trait[i] - priceTick) * filled;
            }
        }
        cursor[cursorAt] = bidCursor;
        cursor[cursorAt + 1] = askCursor;
        totals[totalsAt + FEES] += fees;
        totals[totalsAt + SURPLUS] += surplus;
        flows[flowsAt + FLOW_ORDERS] += orders;
        flows[flowsAt + FLOW_FILLED] += filledOrders;
        flows[flowsAt + FLOW_CASH] += netCash;
        flows[flowsAt + FLOW_GOODS] += netGoods;
        segmentSurplus[segment] += surplus;
    }
}
