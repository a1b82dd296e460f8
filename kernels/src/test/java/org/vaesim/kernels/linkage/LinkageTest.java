package org.vaesim.kernels.linkage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vaesim.kernels.KernelBackends;

/**
 * The linking scan's contract on every backend: the Java twin called directly and {@code link_signature} on an
 * OpenCL or CUDA device. The expected rows are worked out by hand from the binning rules in Linkage's documentation;
 * a random population, whose range starts and ends off the 256-item work-group grid, must give the same row on every
 * backend.
 */
class LinkageTest {
    /** A clearing (Linkage.CLEARING longs) at {@code price} with these marginal ticks, fills and totals. */
    private static long[] clearing(int price, int bidMarginal, long bidFill, long bidTotal, int askMarginal,
                                   long askFill, long askTotal) {
        long[] c = new long[Linkage.CLEARING];
        Linkage.clearing(c, 0, price, bidMarginal, bidFill, bidTotal, askMarginal, askFill, askTotal);
        return c;
    }

    private static long[] scan(String backend, int from, int to, int reference, int width, long[] clearing,
                               int[] status, int[] bidTick, int[] bidQty, int[] askTick, int[] askQty, int offset) {
        long[] out = new long[offset + Linkage.ROW];
        int bm = (int) clearing[Linkage.BID_MARGINAL];
        int am = (int) clearing[Linkage.ASK_MARGINAL];
        long bf = clearing[Linkage.BID_MARGINAL_FILL];
        long bt = clearing[Linkage.BID_MARGINAL_TOTAL];
        long af = clearing[Linkage.ASK_MARGINAL_FILL];
        long at = clearing[Linkage.ASK_MARGINAL_TOTAL];
        if (backend.equals("java")) {
            Linkage.signature(from, to, reference, width, bm, bf, bt, am, af, at, status, bidTick, bidQty, askTick,
                    askQty, out, offset);
        } else {
            KernelBackends.of(backend).run("link_signature", to - from, true, from, to, reference, width, bm, bf, bt,
                    am, af, at, status, bidTick, bidQty, askTick, askQty, out, offset);
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(ints = {-9, -8, -5, -4, -1, 0, 3, 4, 31, 32, 100})
    void aggressionBinsAreFloorsOfTheWidthCentredOnZero(int ticks) {
        // width 4: bin = floor(ticks / 4) + 8, clamped to [0, 15]
        int expected = Math.max(0, Math.min(15, Math.floorDiv(ticks, 4) + 8));
        assertEquals(expected, Linkage.aggressionBin(ticks, 4));
    }

    /**
     * Reference 1000, width 4. Agent 0 bids 2 units at 1030 (aggression 30: bin 7 + 8 = 15; size bin 1); agent 1
     * asks 2 at 970 (aggression 30: bin 15; size 1); agent 2 bids 1 at 999 (aggression -1: floor(-1/4) = -1, bin 7;
     * size 0) and asks 20 at 1005 (aggression -5: floor = -2, bin 6; size 4); agent 3 is killed (skipped); agent 4
     * has no order. Agent 5, outside [0, 5), bids 7 at 1000 and is not counted. The clearing's marginal ticks are
     * 999 (bids: 2 of 3 units there filled) and 1005 (asks: 9 of 40): agent 0's 2 units bid at 1030 &gt; 999 filled
     * whole, agent 2's 1 unit at the marginal 999 gets floor(1 x 2 / 3) = 0; agent 1's 2 units asked at 970 &lt; 1005
     * filled whole, agent 2's 20 at the marginal 1005 floor(20 x 9 / 40) = 4; the killed agent 3's bid counts nowhere.
     * So 2 units bought and 2 + 4 = 6 sold.
     */
    @ParameterizedTest
    @ValueSource(strings = {"java", "opencl", "cuda"})
    void countsEachOrderOnceByAggressionAndSize(String backend) {
        int[] status = {0, 0, 0, 1, 0, 0};
        int[] bidTick = {1030, 0, 999, 1030, 0, 1000};
        int[] bidQty = {2, 0, 1, 2, 0, 7};
        int[] askTick = {0, 970, 1005, 0, 0, 0};
        int[] askQty = {0, 2, 20, 0, 0, 0};
        long[] row = scan(backend, 0, 5, 1000, 4, clearing(1002, 999, 2, 3, 1005, 9, 40), status, bidTick, bidQty,
                askTick, askQty, 3);
        long[] expected = new long[3 + Linkage.ROW];
        expected[3 + Linkage.BID_AGGRESSION + 15] = 1;
        expected[3 + Linkage.BID_AGGRESSION + 7] = 1;
        expected[3 + Linkage.BID_SIZE + 1] = 1;
        expected[3 + Linkage.BID_SIZE + 0] = 1;
        expected[3 + Linkage.ASK_AGGRESSION + 15] = 1;
        expected[3 + Linkage.ASK_AGGRESSION + 6] = 1;
        expected[3 + Linkage.ASK_SIZE + 1] = 1;
        expected[3 + Linkage.ASK_SIZE + 4] = 1;
        expected[3 + Linkage.BID_FILLED] = 2;
        expected[3 + Linkage.ASK_FILLED] = 6;
        assertArrayEquals(expected, row);
    }

    /** A market that did not trade: no order filled, whatever its price. */
    @ParameterizedTest
    @ValueSource(strings = {"java", "opencl", "cuda"})
    void nothingFillsWhereTheMarketDidNotTrade(String backend) {
        long[] row = scan(backend, 0, 2, 1000, 4, clearing(0, 999, 2, 3, 1005, 9, 40), new int[] {0, 0},
                new int[] {1999, 0}, new int[] {5, 0}, new int[] {0, 1}, new int[] {0, 5}, 0);
        assertEquals(0, row[Linkage.BID_FILLED]);
        assertEquals(0, row[Linkage.ASK_FILLED]);
        assertEquals(1, row[Linkage.BID_AGGRESSION + 15], "the orders are fingerprinted as before");
    }

    /** Every backend gives the Java twin's row on a random population of 3,001 agents scanned from agent 37. */
    @ParameterizedTest
    @ValueSource(strings = {"opencl", "cuda"})
    void deviceRowEqualsTheJavaTwinsOnARandomPopulation(String backend) {
        int n = 3001;
        SplittableRandom r = new SplittableRandom(20261206);
        int[] status = new int[n];
        int[] bidTick = new int[n];
        int[] bidQty = new int[n];
        int[] askTick = new int[n];
        int[] askQty = new int[n];
        for (int i = 0; i < n; i++) {
            status[i] = r.nextInt(10) == 0 ? r.nextInt(1, 4) : 0;
            bidTick[i] = r.nextInt(1, 2001);
            bidQty[i] = r.nextInt(3) == 0 ? 0 : r.nextInt(1, 1 << r.nextInt(1, 31));
            askTick[i] = r.nextInt(1, 2001);
            askQty[i] = r.nextInt(3) == 0 ? 0 : r.nextInt(1, 100_000);
        }
        long[] at = clearing(1000, 1200, 123_456_789, 987_654_321, 800, 5, 7);
        for (int i = 37; i < n; i += 50) { // some orders at each marginal tick
            bidTick[i] = 1200;
            askTick[i] = 800;
        }
        long[] java = scan("java", 37, n, 1000, 3, at, status, bidTick, bidQty, askTick, askQty, 0);
        long[] device = scan(backend, 37, n, 1000, 3, at, status, bidTick, bidQty, askTick, askQty, 0);
        assertArrayEquals(java, device);
        long bought = 0;
        for (int i = 37; i < n; i++) {
            if (status[i] == 0) {
                long share = bidQty[i] * 123_456_789L / 987_654_321;
                bought += bidTick[i] > 1200 ? bidQty[i] : bidTick[i] == 1200 ? share : 0;
            }
        }
        assertEquals(bought, java[Linkage.BID_FILLED], "whole above the marginal tick, a share at it");
        assertTrue(bought > Integer.MAX_VALUE, "the units pass an int's range");
        long counted = 0;
        for (int s = 0; s < Linkage.BID_FILLED; s++) {
            counted += java[s];
        }
        long orders = 0;
        for (int i = 37; i < n; i++) {
            orders += status[i] == 0 ? (bidQty[i] > 0 ? 2 : 0) + (askQty[i] > 0 ? 2 : 0) : 0;
        }
        assertEquals(orders, counted, "each active order adds to one aggression and one size bin");
    }
}
