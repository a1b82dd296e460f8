package org.vaesim.kernels.gate;

import org.vaesim.kernels.memory.Population;

/**
 * Pre-trade checks on the orders decide wrote. An order that fails is removed (quantity 0) and counted by
 * reason in {@code rejects[reason]}; a killed agent's orders are all removed first. Because a bid pays at most
 * its own limit, an accepted bid can never take cash below zero; an accepted ask never takes inventory below
 * {@code -maxShort}; and a filled bid never takes inventory above {@code maxPosition} even if the agent's ask
 * does not fill.
 */
public final class Gate {
    private Gate() {
    }

    /**
     * Checks the orders of agents [from, to), each side through {@link Eligibility#check}, in this order: status (a
     * killed agent's orders are counted as {@code killed}; a pending or refused agent's are dropped uncounted, as it
     * is not in the economy); self-cross; then each side: its size against the largest order, the position limit
     * (bids), budget (bids) or holdings (asks), the spend limit (bids), and last the rate limit, which charges 1000
     * tokens per order that passed everything else. A rate-limited segment ({@code capacity > 0}) first refills
     * each bucket by {@code refill}, up to {@code capacity} (thousandths of an order). An agent whose reputation is
     * below {@code probationBelow} (millionths; 0 = no probation) trades under the smaller of the scope's and the
     * probation's limits. Where {@code reputationGain} or {@code reputationLoss} is set (millionths), each active
     * agent's reputation is then updated from the epoch's outcome ({@link #reputation}).
     */
    public static void gate(int from, int to, long tickSize, int feeBps, int maxPosition, int maxShort,
                            int maxOrderQty, long spendLimit, int refill, int capacity, int probationBelow,
                            int probationMaxPosition, int probationMaxOrderQty, long probationSpendLimit,
                            int reputationGain, int reputationLoss,
                            long[] cash, int[] inventory, int[] status, int[] tokens, int[] reputation,
                            int[] bidTick, int[] bidQty, int[] askTick, int[] askQty, long[] rejects) {
        boolean tracksReputation = reputationGain > 0 || reputationLoss > 0;
        boolean readsReputation = tracksReputation || probationBelow > 0;
        for (int i = from; i < to; i++) {
            int bq = bidQty[i];
            int aq = askQty[i];
            // Buckets refill every epoch, whatever becomes of the orders; each is stored once, at the end. One
            // path through the loop with a single store was cheaper under the full safety layer than early exits
            // with a store at the refill and another after the charges (GateBench -p safety=true, performance.md).
            int t = capacity > 0 ? Math.min(capacity, tokens[i] + refill) : 0;
            int st = status[i];
            if (st != 0) {
                if (bq > 0 || aq > 0) {
                    // the status decides alone: killed orders are counted as such, a pending or refused agent's are
                    // dropped uncounted; the reputation of an agent out of the economy stays where it was
                    int reason = Eligibility.check(st, 0, 0, -1, 0, 0, 0, 0);
                    bidQty[i] = 0;
                    askQty[i] = 0;
                    if (reason >= 0) {
                        rejects[reason] += (bq > 0 ? 1 : 0) + (aq > 0 ? 1 : 0);
                    }
                }
            } else if (bq > 0 || aq > 0) { // without orders: nothing to check, and no outcome for its reputation
                // one load of the column, and none where neither updates nor probation need it (every agent then
                // counts as fully trusted, and probationBelow is 0, so nobody is on probation)
                int trust = readsReputation ? reputation[i] : Population.FULL_REPUTATION;
                int rejected = 0;
                if (bq > 0 && aq > 0 && bidTick[i] >= askTick[i]) {
                    bidQty[i] = 0;
                    askQty[i] = 0;
                    rejects[RejectReason.SELF_CROSS.ordinal()] += 2;
                    rejected = 2;
                } else {
                    // Eligibility.limit's rule, with one comparison of the reputation for the three limits
                    boolean probation = trust < probationBelow;
                    int position = probation ? Math.min(maxPosition, probationMaxPosition) : maxPosition;
                    int largest = probation ? Math.min(maxOrderQty, probationMaxOrderQty) : maxOrderQty;
                    long spend = probation ? Math.min(spendLimit, probationSpendLimit) : spendLimit;
                    if (bq > 0) {
                        long price = bidTick[i] * tickSize;
                        int reason = Eligibility.check(0, bq, largest,
                                bidReason(bq, price, feeBps, position, cash[i], inventory[i]), price * bq, spend,
                                capacity, t);
                        if (reason == Eligibility.ELIGIBLE) {
                            t -= capacity > 0 ? Eligibility.TOKEN : 0;
                        } else {
                            bidQty[i] = 0;
                            rejects[reason]++;
                            rejected++;
                        }
                    }
                    if (aq > 0) {
                        int holdings = (long) aq > (long) inventory[i] + maxShort ? RejectReason.INVENTORY.ordinal()
                                : -1;
                        int reason = Eligibility.check(0, aq, largest, holdings, 0, spend, capacity, t);
                        if (reason == Eligibility.ELIGIBLE) {
                            t -= capacity > 0 ? Eligibility.TOKEN : 0;
                        } else {
                            askQty[i] = 0;
                            rejects[reason]++;
                            rejected++;
                        }
                    }
                }
                // A fully trusted agent's clean epoch changes nothing (the common case): no arithmetic, no store.
                // Any other update is stored even where it changes nothing (an agent at 0 rejected again, or one
                // whose gain rounds to 0): testing for that was one more unpredictable branch, and one that C2
                // compiled as a trap while no update had yet come out equal (performance.md).
                if (tracksReputation && (rejected > 0 || trust < Population.FULL_REPUTATION)) {
                    reputation[i] = reputation(trust, rejected > 0, reputationGain, reputationLoss);
                }
            }
            if (capacity > 0) {
                tokens[i] = t;
            }
        }
    }

    /**
     * An agent's reputation (millionths) after an epoch in which it sent orders: minus the fraction {@code loss}
     * of it if the gate rejected any, else plus the fraction {@code gain} of the distance to 1 (an epoch without
     * orders leaves it as it is, so callers ask only for agents with orders). Integer division truncates toward
     * zero the same way in Java and C, and the result stays in [0, 1 000 000]. Kept under 35 bytes of bytecode
     * (C2's limit for inlining a call that is not hot): the gate calls it only for the agents that are below
     * full reputation or rejected, and as a call it cost more than its arithmetic.
     */
    public static int reputation(int reputation, boolean rejected, int gain, int loss) {
        long change = rejected ? -(long) reputation * loss : (long) (Population.FULL_REPUTATION - reputation) * gain;
        return reputation + (int) (change / Population.FULL_REPUTATION);
    }

    /**
     * The gate's own reason to reject a bid of {@code bq} at {@code price} per unit, as a RejectReason ordinal, or
     * -1: the position limit, then the budget (notional plus fee within the agent's cash).
     */
    private static int bidReason(int bq, long price, int feeBps, int maxPosition, long cash, int inventory) {
        if ((long) inventory + bq > maxPosition) {
            return RejectReason.POSITION.ordinal();
        }
        long notional = price * bq;
        // price and bq are positive, so the product overflowed iff its high word is set or its sign flipped;
        // once notional <= cash (< 2^62), notional + fee cannot overflow.
        if (Math.multiplyHigh(price, bq) != 0 || notional < 0 || notional > cash
                || notional + Fees.fee(notional, feeBps) > cash) {
            return RejectReason.BUDGET.ordinal();
        }
        return -1;
    }
}
