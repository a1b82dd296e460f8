package org.vaesim.kernels.inequality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vaesim.kernels.KernelBackends;

/**
 * The metrics kernels against populations worked out by hand, on every backend: the Java twin and the C kernel
 * get the same columns and must give the same, hand-computed, histogram, deciles and transition matrix. The
 * agent ranges start and end off the 256-item work-group grid.
 */
class InequalityTest {
    private static final int Z = 3712; // the bucket of wealth 0 (docs/inequality.md)

    /** The histogram pass over [from, to) on the named backend; returns the cash total. */
    static long histogram(String backend, int from, int to, long price, long[] cash, int[] inventory,
                          long[] histogram) {
        if (backend.equals("java")) {
            return Inequality.wealthHistogram(from, to, price, cash, inventory, histogram);
        }
        long[] total = new long[1];
        KernelBackends.of(backend).run("wealth_histogram", to - from, true, from, to, price, cash, inventory, histogram,
                total);
        return total[0];
    }

    static void mobility(String backend, int from, int to, long price, int[] thresholds, long[] cash,
                         int[] inventory, byte[] decile, long[] transitions) {
        if (backend.equals("java")) {
            Inequality.rankMobility(from, to, price, thresholds, cash, inventory, decile, transitions);
        } else {
            KernelBackends.of(backend).run("rank_mobility", to - from, true, from, to, price, thresholds, cash, inventory,
                    decile, transitions);
        }
    }

    private static long[] empty() {
        long[] h = new long[WealthBuckets.LENGTH];
        WealthBuckets.clear(h);
        return h;
    }

    private static void assertBucket(long[] h, int bucket, long count, long sum, long min, long max) {
        int k = bucket * 4;
        assertArrayEquals(new long[] {count, sum, min, max}, Arrays.copyOfRange(h, k, k + 4), "bucket " + bucket);
    }

    private static long occupied(long[] h) {
        long n = 0;
        for (int b = 0; b < WealthBuckets.COUNT; b++) {
            n += h[4 * b] > 0 ? 1 : 0;
        }
        return n;
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "opencl", "cuda"})
    void putsEachAgentsWealthInItsBucket(String backend) {
        // agents 3..8 of 10; wealth = cash + inventory x 10: 5, 15, 220, -13, 1 000 000, 30
        long[] cash = {99, 99, 99, 5, 5, 200, -3, 1_000_000, 0, 99};
        int[] inventory = {0, 0, 0, 0, 1, 2, -1, 0, 3, 0};
        long[] h = empty();
        long cashTotal = histogram(backend, 3, 9, 10, cash, inventory, h);
        assertEquals(5 + 5 + 200 - 3 + 1_000_000 + 0, cashTotal);
        assertBucket(h, Z + 5, 1, 5, 5, 5);
        assertBucket(h, Z + 15, 1, 15, 15, 15);
        assertBucket(h, Z + 174, 1, 220, 220, 220); // 220 in [128, 256): 64 + (220 >> 1) = 174
        assertBucket(h, Z - 13, 1, -13, -13, -13);
        assertBucket(h, Z + 954, 1, 1_000_000, 1_000_000, 1_000_000); // 13 * 64 + (10^6 >> 13)
        assertBucket(h, Z + 30, 1, 30, 30, 30);
        assertEquals(6, occupied(h), "nothing else, and agents outside the range are left out");
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "opencl", "cuda"})
    void addsRunsOfEqualWealthAcrossWorkGroups(String backend) {
        int n = 1500;
        long[] cash = new long[n];
        int[] inventory = new int[n];
        for (int i = 0; i < n; i++) {
            // agents 0..999 hold 7; agents 1000..1499 alternate between 128 and 129 (one bucket of width 2)
            cash[i] = i < 1000 ? 7 : 128 + (i & 1);
        }
        long[] h = empty();
        long total = histogram(backend, 37, n - 11, 1_000, cash, inventory, h);
        // [37, 1489): 963 agents at 7; 489 at 128 or 129, of which 245 even (1000..1488) and 244 odd
        assertBucket(h, Z + 7, 963, 963 * 7, 7, 7);
        assertBucket(h, Z + 128, 489, 245 * 128 + 244 * 129, 128, 129);
        assertEquals(2, occupied(h));
        assertEquals(963 * 7 + 245 * 128 + 244 * 129, total);
        // a second pass adds to what is there
        histogram(backend, 0, 37, 1_000, cash, inventory, h);
        assertBucket(h, Z + 7, 1000, 7000, 7, 7);
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "opencl", "cuda"})
    void handlesTheExtremesOfTheRange(String backend) {
        // 9.1e18 + 1 x 1e17 = 9.2e18 lies in [127 x 2^56, 2^63 - 1], the last bucket
        long[] cash = {Long.MIN_VALUE, -1, 0, 9_100_000_000_000_000_000L, Long.MAX_VALUE};
        int[] inventory = {0, 0, 0, 1, 0};
        long[] h = empty();
        histogram(backend, 0, 4, 100_000_000_000_000_000L, cash, inventory, h);
        assertBucket(h, 0, 1, Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE);
        assertBucket(h, Z - 1, 1, -1, -1, -1);
        assertBucket(h, Z, 1, 0, 0, 0);
        assertBucket(h, 7423, 1, 9_200_000_000_000_000_000L, 9_200_000_000_000_000_000L, 9_200_000_000_000_000_000L);
        long[] top = empty();
        histogram(backend, 4, 5, 100_000_000_000_000_000L, cash, inventory, top);
        assertBucket(top, 7423, 1, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "opencl", "cuda"})
    void ranksIntoDecilesAndCountsTheMovesFromThePreviousOnes(String backend) {
        // thresholds at the buckets of wealth 1..9: an agent's decile is its wealth clamped to 0..9
        int[] thresholds = new int[9];
        for (int k = 0; k < 9; k++) {
            thresholds[k] = Z + 1 + k;
        }
        int n = 700;
        long[] cash = new long[n];
        int[] inventory = new int[n];
        byte[] decile = new byte[n];
        long[] expected = new long[100];
        byte[] expectedDecile = new byte[n];
        int from = 5;
        int to = n - 3;
        for (int i = 0; i < n; i++) {
            cash[i] = (i / 4) % 13 - 2; // -2 .. 10, in runs of four neighbours
            inventory[i] = i % 3 == 0 ? 1 : 0; // worth 2 at price 2
            long wealth = cash[i] + 2L * inventory[i];
            int now = (int) Math.max(0, Math.min(9, wealth));
            byte before = i % 7 == 0 ? Inequality.NO_DECILE : (byte) (i % 10);
            decile[i] = before;
            if (i < from || i >= to) {
                expectedDecile[i] = before;
                continue;
            }
            expectedDecile[i] = (byte) now;
            if (before != Inequality.NO_DECILE) {
                expected[before * 10 + now]++;
            }
        }
        long[] transitions = new long[100];
        mobility(backend, from, to, 2, thresholds, cash, inventory, decile, transitions);
        assertArrayEquals(expectedDecile, decile, "deciles stored; agents outside the range untouched");
        assertArrayEquals(expected, transitions);
        long counted = Arrays.stream(transitions).sum();
        // agents 5..696: 692, less those with no previous decile (multiples of 7 from 7 to 693: 99)
        assertEquals(692 - 99, counted);
    }
}
