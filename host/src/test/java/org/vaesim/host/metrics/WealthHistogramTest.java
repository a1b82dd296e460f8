package org.vaesim.host.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

import org.junit.jupiter.api.Test;
import org.vaesim.kernels.inequality.Inequality;
import org.vaesim.kernels.inequality.WealthBuckets;

/**
 * The histogram's Gini, top shares and Lorenz points against analytic values of known laws and against the
 * exact sort ({@link WealthDistribution}), with the accuracy bound of docs/inequality.md: the exact value lies
 * in [lower, upper] and the estimate is within error() of it.
 *
 * <p>The continuous laws are sampled on their quantile grid, x_i = F^-1((i + 1/2) / n), so the sample is
 * deterministic and its Gini differs from the law's by the grid's discretisation only: for n = 200,000 under
 * 10^-6 for the uniform and exponential laws and 4 x 10^-5 for the Pareto law of index 3 (its truncated tail),
 * hence the 10^-4 allowed against the analytic values.
 */
class WealthHistogramTest {
    private static final int N = 200_000;
    private static final double GRID = 1e-4;
    /** Floating-point slack of the exact reference itself (it sums i x_i in doubles). */
    private static final double ROUNDING = 1e-12;

    private static long[] quantileGrid(DoubleUnaryOperator inverseCdf) {
        long[] x = new long[N];
        for (int i = 0; i < N; i++) {
            x[i] = Math.round(inverseCdf.applyAsDouble((i + 0.5) / N));
        }
        return x;
    }

    private static void assertWithin(Bounded b, double exact, String what) {
        assertTrue(exact >= b.lower() - ROUNDING && exact <= b.upper() + ROUNDING,
                what + ": exact " + exact + " outside [" + b.lower() + ", " + b.upper() + "]");
        assertTrue(Math.abs(b.estimate() - exact) <= b.error() + ROUNDING,
                what + ": estimate " + b.estimate() + " vs exact " + exact + ", error bound " + b.error());
    }

    /** Every figure of the histogram holds the exact one; returns the histogram. */
    static WealthHistogram assertAgreesWithTheExactSort(long[] wealth) {
        WealthHistogram h = WealthHistogram.of(wealth);
        long[] sorted = wealth.clone();
        Arrays.sort(sorted);
        WealthDistribution exact = WealthDistribution.ofSorted(sorted);
        assertWithin(h.gini(), exact.gini(), "Gini");
        assertWithin(h.top1Share(), exact.top1Share(), "top 1%");
        assertWithin(h.top10Share(), exact.top10Share(), "top 10%");
        for (int k = 0; k < WealthHistogram.LORENZ_POINTS; k++) {
            assertWithin(h.lorenz()[k], exact.lorenz()[k], "Lorenz point " + k);
        }
        assertEquals(exact.total(), h.total());
        return h;
    }

    /**
     * The a priori bound for non-negative wealth: each bucket above 127 is at most 1/64 of its smallest value
     * wide, so the Gini's interval is at most (largest bucket's share of agents) / 256 wide, half that the error.
     */
    private static void assertAPrioriBound(WealthHistogram h) {
        long largest = 0;
        for (int b = 0; b < WealthBuckets.COUNT; b++) {
            largest = Math.max(largest, h.count(b));
        }
        assertTrue(h.gini().error() <= (double) largest / h.agents() / 512 + ROUNDING,
                "error " + h.gini().error() + " above the a priori bound");
    }

    @Test
    void uniformLawHasGiniOneThirdAndLorenzPSquared() {
        long[] x = quantileGrid(u -> 1e12 * u);
        WealthHistogram h = assertAgreesWithTheExactSort(x);
        assertAPrioriBound(h);
        assertEquals(1.0 / 3, h.gini().estimate(), h.gini().error() + GRID);
        assertEquals(1 - 0.9 * 0.9, h.top10Share().estimate(), h.top10Share().error() + GRID);
        assertEquals(1 - 0.99 * 0.99, h.top1Share().estimate(), h.top1Share().error() + GRID);
        for (int k = 0; k <= 10; k++) {
            Bounded l = h.lorenz()[k];
            assertEquals(k * k / 100.0, l.estimate(), l.error() + GRID, "L(p) = p^2 at " + k / 10.0);
        }
    }

    @Test
    void exponentialLawHasGiniOneHalf() {
        double mean = 1e9; // 1,000 credits
        long[] x = quantileGrid(u -> -mean * Math.log(1 - u));
        WealthHistogram h = assertAgreesWithTheExactSort(x);
        assertAPrioriBound(h);
        assertEquals(0.5, h.gini().estimate(), h.gini().error() + GRID);
        // the richest fraction q holds q (1 - ln q); the poorest p hold p + (1 - p) ln(1 - p)
        assertEquals(0.1 * (1 + Math.log(10)), h.top10Share().estimate(), h.top10Share().error() + GRID);
        assertEquals(0.01 * (1 + Math.log(100)), h.top1Share().estimate(), h.top1Share().error() + GRID);
        for (int k = 1; k < 10; k++) {
            double p = k / 10.0;
            Bounded l = h.lorenz()[k];
            assertEquals(p + (1 - p) * Math.log(1 - p), l.estimate(), l.error() + GRID, "Lorenz at " + p);
        }
        assertTrue(h.gini().error() < 1e-4, "a smooth law is much better than the a priori bound: "
                + h.gini().error());
    }

    @Test
    void paretoLawOfIndexThreeHasGiniOneFifth() {
        double alpha = 3;
        long[] x = quantileGrid(u -> 1e9 * Math.pow(1 - u, -1 / alpha));
        WealthHistogram h = assertAgreesWithTheExactSort(x);
        assertAPrioriBound(h);
        assertEquals(1 / (2 * alpha - 1), h.gini().estimate(), h.gini().error() + GRID);
        // the richest fraction q holds q^(1 - 1/alpha)
        assertEquals(Math.pow(0.1, 1 - 1 / alpha), h.top10Share().estimate(), h.top10Share().error() + GRID);
        assertEquals(Math.pow(0.01, 1 - 1 / alpha), h.top1Share().estimate(), h.top1Share().error() + GRID);
    }

    @Test
    void equalWealthIsExactlyEqual() {
        long[] x = new long[N];
        Arrays.fill(x, 7_123_456L);
        WealthHistogram h = assertAgreesWithTheExactSort(x);
        assertEquals(Bounded.exactly(0), h.gini(), "one value: min = max, no width left");
        assertEquals(Bounded.exactly(0.01), h.top1Share());
        assertEquals(Bounded.exactly(0.1), h.top10Share());
        for (int k = 0; k <= 10; k++) {
            assertEquals(k / 10.0, h.lorenz()[k].estimate(), 1e-15);
            assertEquals(0, h.lorenz()[k].error(), 1e-15);
        }
    }

    @Test
    void oneAgentHoldingEverythingHasGiniOneMinusOneOverN() {
        long[] x = new long[N];
        x[12_345] = 1_000_000_000_000L;
        WealthHistogram h = assertAgreesWithTheExactSort(x);
        // sum over ordered pairs |x_i - x_j| = 2 (n - 1) X and S = X, so G = (n - 1) / n
        assertEquals(1 - 1.0 / N, h.gini().estimate(), 1e-15);
        assertEquals(0, h.gini().error(), 1e-15);
        assertEquals(Bounded.exactly(1), h.top1Share());
        assertEquals(0, h.lorenz()[9].estimate(), 0);
    }

    @Test
    void boundsOfOneWideBucketWorkedByHand() {
        // 1000, 1001 and 1007 share the bucket [1000, 1007] (2^9 <= x < 2^10 is cut into 64 buckets of 8):
        // c = 3, s = 3008, a = 1000, b = 1007, w = 7. Ordered pairs inside: 2 (1 + 7 + 6) = 28 = 2 (c - 1) w,
        // the least possible; the most: 2 (s - c a)(c b - s) / w = 2 x 8 x 13 / 7. G = D / (2 n S), 2 n S = 18048.
        WealthHistogram h = WealthHistogram.of(new long[] {1007, 1000, 1001});
        assertEquals(1, h.occupiedBuckets());
        assertEquals(28.0 / 18048, h.gini().lower(), 1e-15);
        assertEquals(208.0 / 7 / 18048, h.gini().upper(), 1e-15);
        assertEquals(28.0 / 18048, WealthDistribution.ofSorted(new long[] {1000, 1001, 1007}).gini(), 1e-15);
        // the top 1% of 3 agents is one agent, the bucket's max: exact
        assertEquals(Bounded.exactly(1007.0 / 3008), h.top1Share());
    }

    @Test
    void negativeWealthIsKeptAndStillBounded() {
        SplittableRandom r = new SplittableRandom(5);
        long[] x = new long[50_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextLong(-2_000_000_000L, 20_000_000_000L); // about a tenth of agents short
        }
        WealthHistogram h = assertAgreesWithTheExactSort(x);
        long negative = 0;
        for (int b = 0; b < WealthBuckets.ZERO; b++) {
            negative += h.count(b);
        }
        assertTrue(negative > 4_000 && negative < 5_100, "about a tenth short: " + negative);
    }

    @Test
    void heavyTailedRandomSamplesAgreeWithTheExactSort() {
        for (long seed = 1; seed <= 5; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            long[] x = new long[30_000];
            for (int i = 0; i < x.length; i++) {
                // log-uniform over 12 orders of magnitude, with a lump of equal endowments
                x[i] = i % 4 == 0 ? 1_000_000_000L : (long) Math.pow(10, r.nextDouble(0, 12));
            }
            assertAgreesWithTheExactSort(x);
        }
    }

    @Test
    void decilesOfDistinctValuesAreTheRankDeciles() {
        long[] x = new long[20];
        for (int i = 0; i < 20; i++) {
            x[i] = 20 - i; // 1..20, each in its own bucket below 128
        }
        WealthHistogram h = WealthHistogram.of(x);
        // rank r (0-based) has its middle at r + 1/2 of 20: decile floor((r + 1/2) / 2), so values 2d+1 and
        // 2d+2 are decile d and the thresholds are the buckets of 3, 5, ..., 19
        int[] expected = new int[9];
        for (int k = 1; k <= 9; k++) {
            expected[k - 1] = WealthBuckets.ZERO + 2 * k + 1;
        }
        assertArrayEquals(expected, h.decileThresholds());
        for (int v = 1; v <= 20; v++) {
            assertEquals((v - 1) / 2, Inequality.decile(WealthBuckets.ZERO + v, h.decileThresholds()), "value " + v);
        }
    }

    @Test
    void tiedAgentsShareTheDecileOfTheirBucketsMiddle() {
        long[] x = new long[20];
        Arrays.fill(x, 0, 10, 5);
        Arrays.fill(x, 10, 20, 7);
        WealthHistogram h = WealthHistogram.of(x);
        // ten agents at 5: middle at 5 of 20 = 0.25, decile 2; ten at 7: middle at 15 of 20, decile 7
        assertEquals(2, h.decileOf(WealthBuckets.ZERO + 5));
        assertEquals(7, h.decileOf(WealthBuckets.ZERO + 7));
        int z = WealthBuckets.ZERO;
        assertArrayEquals(new int[] {z + 5, z + 5, z + 7, z + 7, z + 7, z + 7, z + 7, WealthBuckets.COUNT,
            WealthBuckets.COUNT}, h.decileThresholds());
    }

    @Test
    void emptyAndZeroTotalPopulationsReportZero() {
        assertEquals(Bounded.exactly(0), WealthHistogram.of(new long[0]).gini());
        assertEquals(Bounded.exactly(0), WealthHistogram.of(new long[] {5, -5}).gini());
    }
}
