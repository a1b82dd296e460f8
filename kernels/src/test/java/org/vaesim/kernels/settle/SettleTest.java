package org.vaesim.kernels.settle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vaesim.kernels.book.Book;
import org.vaesim.kernels.clear.Clear;
import org.vaesim.kernels.clear.ClearingResult;
import org.vaesim.kernels.gate.Fees;
import org.vaesim.kernels.gate.Gate;
import org.vaesim.kernels.gate.RejectReason;

class SettleTest {
    private static final long TICK = 10_000; // 0.01 credits

    /** A one-market population and everything the stages need, in plain columns. */
    private static final class Market {
        final int n;
        final int maxTick;
        final long[] cash;
        final int[] inventory;
        final int[] quota;
        final int[] trait;
        final int[] bidTick;
        final int[] bidQty;
        final int[] askTick;
        final int[] askQty;
        final int[] bids;
        final int[] asks;
        final long[] bookBids;
        final long[] bookAsks;
        final ClearingResult r = new ClearingResult(1);
        final long[] totals = new long[Settle.TOTALS];
        final long[] flows = new long[Settle.FLOWS];
        final long[] surplus = new long[2];

        Market(int n, int maxTick) {
            this.n = n;
            this.maxTick = maxTick;
            cash = new long[n];
            inventory = new int[n];
            quota = new int[n];
            trait = new int[n];
            bidTick = new int[n];
            bidQty = new int[n];
            askTick = new int[n];
            askQty = new int[n];
            bids = new int[maxTick + 1];
            asks = new int[maxTick + 1];
            bookBids = new long[maxTick + 1];
            bookAsks = new long[maxTick + 1];
        }

        void bookAndClear(int reference) {
            Book.book(0, n, 0, bidTick, bidQty, askTick, askQty, bids, asks);
            for (int t = 0; t <= maxTick; t++) {
                bookBids[t] = bids[t];
                bookAsks[t] = asks[t];
            }
            Clear.clear(0, 0, maxTick, reference, 0, 0, false, bookBids, bookAsks, new long[maxTick + 2], r);
        }

        /** Settles agents in consecutive ranges split at {@code cuts}, carrying the queue cursor across. */
        void settle(int feeBps, int surplusSign, int... cuts) {
            long[] cursor = new long[2];
            int from = 0;
            for (int k = 0; k <= cuts.length; k++) {
                int to = k < cuts.length ? cuts[k] : n;
                Settle.settle(from, to, r.price[0], TICK, feeBps,
                        r.bidMarginalTick[0], r.bidMarginalFill[0], bookBids[r.bidMarginalTick[0]],
                        r.askMarginalTick[0], r.askMarginalFill[0], bookAsks[r.askMarginalTick[0]],
                        true, surplusSign, cash, inventory, quota, trait, bidTick, bidQty, askTick, askQty,
                        cursor, 0, totals, 0, flows, 0, surplus, 0);
                from = to;
            }
        }
    }

    @Test
    void marginalTickIsSharedByCumulativeRoundingInAgentOrder() {
        // Three bids of 3, 3 and 4 at tick 10 against one ask of 7: exact shares 2.1, 2.1 and 2.8.
        Market m = new Market(4, 20);
        int[] q = {3, 3, 4};
        for (int i = 0; i < 3; i++) {
            m.bidTick[i] = 10;
            m.bidQty[i] = q[i];
            m.cash[i] = 1_000_000_000L;
        }
        m.askTick[3] = 10;
        m.askQty[3] = 7;
        m.inventory[3] = 7;
        m.bookAndClear(10);
        assertEquals(10, m.r.price[0]);
        assertEquals(7, m.r.volume[0]);
        m.settle(0, 0, 1); // split after agent 0, as if agent 0 ended a chunk
        assertArrayEquals(new int[] {2, 2, 3, 0}, m.inventory);
        assertEquals(1_000_000_000L - 2 * 10 * TICK, m.cash[0]);
        assertEquals(7 * 10 * TICK, m.cash[3]);
        // Four orders booked, all four filled; within one cohort the cash and units only change hands.
        assertArrayEquals(new long[] {4, 4, 0, 0}, m.flows);
    }

    @Test
    void flowsCountOrdersAndNetTradesOfTheCohort() {
        // Bids of 2 at tick 12 and of 1 at tick 8 against an ask of 3 at tick 10 (fee 0.5%): the price is
        // 10 (the reference, inside [10, 12]); the bid at 8 does not fill.
        Market m = new Market(3, 20);
        m.bidTick[0] = 12;
        m.bidQty[0] = 2;
        m.cash[0] = 1_000_000_000L;
        m.bidTick[1] = 8;
        m.bidQty[1] = 1;
        m.cash[1] = 1_000_000_000L;
        m.askTick[2] = 10;
        m.askQty[2] = 3;
        m.inventory[2] = 3;
        m.bookAndClear(10);
        assertEquals(10, m.r.price[0]);
        assertEquals(2, m.r.volume[0]);
        m.settle(50, 1);
        long notional = 2 * 10 * TICK;
        long fee = notional / 200; // 50 bps of each side's notional
        assertArrayEquals(new long[] {3, 2, -2 * fee, 0}, m.flows);
        assertEquals(2 * fee, m.totals[Settle.FEES]);
    }

    @Test
    void ordersAreCountedWhenTheMarketDoesNotTrade() {
        Market m = new Market(2, 20);
        m.bidTick[0] = 5;
        m.bidQty[0] = 1;
        m.cash[0] = 1_000_000_000L;
        m.askTick[1] = 9;
        m.askQty[1] = 1;
        m.inventory[1] = 1;
        m.bookAndClear(7);
        assertEquals(0, m.r.volume[0]);
        m.settle(0, 1);
        assertArrayEquals(new long[] {2, 0, 0, 0}, m.flows);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void sharesDoNotDependOnWhereTheRangeIsSplit(int cut) {
        Market m = new Market(4, 20);
        for (int i = 0; i < 3; i++) {
            m.bidTick[i] = 10;
            m.bidQty[i] = 3 + i;
            m.cash[i] = 1_000_000_000L;
        }
        m.askTick[3] = 9;
        m.askQty[3] = 7;
        m.inventory[3] = 7;
        m.bookAndClear(10);
        m.settle(0, 0, cut);
        // floor(3*7/12)=1; floor(7*7/12)=4 -> 3; 7 - 4 = 3
        assertArrayEquals(new int[] {1, 3, 3, 0}, m.inventory);
    }

    /**
     * Smith (1962) test 1 as truthful orders (values and costs on a $0.05 grid, ticks 65..15): the call
     * auction realises the whole maximum surplus, (3.25-0.75) + (3.00-1.00) + ... + (2.00-2.00) = $7.50,
     * i.e. 150 ticks.
     */
    @Test
    void truthfulSmithScheduleRealisesTheMaximumSurplus() {
        Market buyers = new Market(22, 99);
        for (int k = 0; k < 11; k++) {
            buyers.trait[k] = 65 - 5 * k;
            buyers.bidTick[k] = buyers.trait[k];
            buyers.bidQty[k] = 1;
            buyers.cash[k] = 100 * TICK;
            buyers.trait[11 + k] = 15 + 5 * k;
            buyers.askTick[11 + k] = buyers.trait[11 + k];
            buyers.askQty[11 + k] = 1;
            buyers.inventory[11 + k] = 1;
        }
        buyers.bookAndClear(1);
        long[] cursor = new long[2];
        ClearingResult r = buyers.r;
        // Buyers and sellers are separate cohorts with opposite surplus signs.
        Settle.settle(0, 11, r.price[0], TICK, 0, r.bidMarginalTick[0], r.bidMarginalFill[0],
                buyers.bookBids[r.bidMarginalTick[0]], r.askMarginalTick[0], r.askMarginalFill[0],
                buyers.bookAsks[r.askMarginalTick[0]], true, 1, buyers.cash, buyers.inventory, buyers.quota,
                buyers.trait, buyers.bidTick, buyers.bidQty, buyers.askTick, buyers.askQty, cursor, 0,
                buyers.totals, 0, buyers.flows, 0, buyers.surplus, 0);
        Settle.settle(11, 22, r.price[0], TICK, 0, r.bidMarginalTick[0], r.bidMarginalFill[0],
                buyers.bookBids[r.bidMarginalTick[0]], r.askMarginalTick[0], r.askMarginalFill[0],
                buyers.bookAsks[r.askMarginalTick[0]], true, -1, buyers.cash, buyers.inventory, buyers.quota,
                buyers.trait, buyers.bidTick, buyers.bidQty, buyers.askTick, buyers.askQty, cursor, 0,
                buyers.totals, 0, buyers.flows, 0, buyers.surplus, 1);
        assertEquals(150, buyers.totals[Settle.SURPLUS]);
        assertTrue(buyers.surplus[0] > 0 && buyers.surplus[1] > 0, "buyers' and sellers' cohorts both gain");
        assertEquals(150, buyers.surplus[0] + buyers.surplus[1], "the cohorts' surplus adds to the market's");
    }

    /** Many random books and seeds: conservation, constraints, price priority, volume maximisation. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
    void randomBooksConserveAndRespectEveryConstraint(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int round = 0; round < 50; round++) {
            int n = 1 + rnd.nextInt(300);
            int maxTick = 5 + rnd.nextInt(60);
            int feeBps = rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(100);
            int maxShort = rnd.nextInt(3);
            int maxPosition = 5 + rnd.nextInt(20);
            Market m = new Market(n, maxTick);
            for (int i = 0; i < n; i++) {
                m.cash[i] = rnd.nextLong(0, 50 * maxTick * TICK);
                m.inventory[i] = rnd.nextInt(0, 10);
                if (rnd.nextBoolean()) {
                    m.bidTick[i] = 1 + rnd.nextInt(maxTick);
                    m.bidQty[i] = 1 + rnd.nextInt(8);
                }
                if (rnd.nextBoolean()) {
                    m.askTick[i] = 1 + rnd.nextInt(maxTick);
                    m.askQty[i] = 1 + rnd.nextInt(12);
                }
            }
            long cashBefore = sum(m.cash);
            long goodsBefore = sum(m.inventory);
            long[] rejects = new long[RejectReason.COUNT];
            Gate.gate(0, n, TICK, feeBps, maxPosition, maxShort, Integer.MAX_VALUE, Long.MAX_VALUE, 0, 0, 0, Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE, 0, 0, m.cash, m.inventory, new int[n],
                    new int[n], new int[n], m.bidTick, m.bidQty, m.askTick, m.askQty, rejects);
            int[] invBefore = m.inventory.clone();
            m.bookAndClear(1 + rnd.nextInt(maxTick));
            assertVolumeIsMaximal(m);
            int[] cuts = rnd.ints(rnd.nextInt(4), 0, n + 1).sorted().toArray();
            m.settle(feeBps, 0, cuts);

            assertEquals(cashBefore, sum(m.cash) + m.totals[Settle.FEES], "money conserved");
            assertEquals(goodsBefore, sum(m.inventory), "goods conserved");
            long bought = 0;
            long sold = 0;
            int price = m.r.price[0];
            for (int i = 0; i < n; i++) {
                int delta = m.inventory[i] - invBefore[i];
                assertTrue(m.cash[i] >= 0, "cash never negative");
                assertTrue(m.inventory[i] >= -maxShort, "inventory within the short limit");
                assertTrue(m.inventory[i] <= Math.max(maxPosition, invBefore[i]), "position limit");
                int bf = fill(m.bidQty[i], m.bidTick[i], m.r.bidMarginalTick[0], true);
                int af = fill(m.askQty[i], m.askTick[i], m.r.askMarginalTick[0], false);
                if (m.bidQty[i] > 0 && price > 0 && m.bidTick[i] < price) {
                    assertEquals(0, bf);
                }
                if (bf >= 0 && af >= 0) {
                    assertEquals(bf - af, delta, "fully filled or unfilled orders");
                }
                bought += Math.max(0, delta);
                sold += Math.max(0, -delta);
            }
            assertTrue(bought <= m.r.volume[0] && sold <= m.r.volume[0]);
            long net = 0;
            for (int i = 0; i < n; i++) {
                net += m.inventory[i] - invBefore[i];
            }
            assertEquals(0, net);
            assertEquals(expectedMoved(m, invBefore), m.r.volume[0] * 2, "both sides move exactly V units");
        }
    }

    /** Units a fully determined order fills: its quantity, 0, or -1 when it is at the marginal tick. */
    private static int fill(int qty, int tick, int marginal, boolean bid) {
        if (qty == 0) {
            return 0;
        }
        if (tick == marginal) {
            return -1;
        }
        return (bid ? tick > marginal : tick < marginal) && marginal > 0 ? qty : 0;
    }

    /** Units bought plus units sold, recovered from the slots (an agent may do both). */
    private static long expectedMoved(Market m, int[] invBefore) {
        long moved = 0;
        // recompute each agent's bid and ask fills from the clearing result and the cumulative rule
        long bidC = 0;
        long askC = 0;
        ClearingResult r = m.r;
        if (r.price[0] == 0) {
            return 0;
        }
        long bidT = m.bookBids[r.bidMarginalTick[0]];
        long askT = m.bookAsks[r.askMarginalTick[0]];
        for (int i = 0; i < m.n; i++) {
            if (m.bidQty[i] > 0) {
                if (m.bidTick[i] > r.bidMarginalTick[0]) {
                    moved += m.bidQty[i];
                } else if (m.bidTick[i] == r.bidMarginalTick[0]) {
                    moved += (bidC + m.bidQty[i]) * r.bidMarginalFill[0] / bidT - bidC * r.bidMarginalFill[0] / bidT;
                    bidC += m.bidQty[i];
                }
            }
            if (m.askQty[i] > 0) {
                if (m.askTick[i] < r.askMarginalTick[0]) {
                    moved += m.askQty[i];
                } else if (m.askTick[i] == r.askMarginalTick[0]) {
                    moved += (askC + m.askQty[i]) * r.askMarginalFill[0] / askT - askC * r.askMarginalFill[0] / askT;
                    askC += m.askQty[i];
                }
            }
        }
        return moved;
    }

    private static void assertVolumeIsMaximal(Market m) {
        long best = 0;
        for (int t = 1; t <= m.maxTick; t++) {
            long d = 0;
            long s = 0;
            for (int u = t; u <= m.maxTick; u++) {
                d += m.bookBids[u];
            }
            for (int u = 1; u <= t; u++) {
                s += m.bookAsks[u];
            }
            best = Math.max(best, Math.min(d, s));
        }
        assertEquals(best, m.r.volume[0], "clearing volume is the maximum executable volume");
    }

    @Test
    void feesNeverOverflowAndRoundDown() {
        assertEquals(0, Fees.fee(9_999, 1));
        assertEquals(1, Fees.fee(10_000, 1));
        assertEquals(Long.MAX_VALUE / 10_000 * 1000 + Long.MAX_VALUE % 10_000 * 1000 / 10_000,
                Fees.fee(Long.MAX_VALUE, 1000));
        assertTrue(Fees.fee(Long.MAX_VALUE, 1000) > 0);
    }

    private static long sum(long[] a) {
        long s = 0;
        for (long v : a) {
            s += v;
        }
        return s;
    }

    private static long sum(int[] a) {
        long s = 0;
        for (int v : a) {
            s += v;
        }
        return s;
    }
}
