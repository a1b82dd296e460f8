package org.vaesim.kernels.rng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * vaesim's own log2, 2^x, Pareto and normal draws against the platform's exact functions and the distributions'
 * known moments and tails. (Their bit-identity across backends is checked through the decide kernels that use them,
 * in TwinParityTest.)
 */
class DrawsTest {
    private static final int[] EDGE_WORDS = {0, 1, 2, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFE, 0xFFFFFFFF};

    private static double exactLog2Unit(int word) {
        return Math.log(((word & 0xFFFFFFFFL) + 1) / 4294967296.0) / Math.log(2);
    }

    @Test
    void log2OfAUniformIsWithin3e8OfTheExactValue() {
        for (int w : EDGE_WORDS) {
            assertEquals(exactLog2Unit(w), Draws.log2Unit(w), 3e-8, "word " + Integer.toUnsignedString(w));
        }
        SplittableRandom r = new SplittableRandom(1);
        for (int k = 0; k < 200_000; k++) {
            int w = r.nextInt();
            assertEquals(exactLog2Unit(w), Draws.log2Unit(w), 3e-8, "word " + Integer.toUnsignedString(w));
        }
        assertEquals(0.0, Draws.log2Unit(0xFFFFFFFF), "u = 1 gives exactly 0");
        assertEquals(-32.0, Draws.log2Unit(0), "u = 2^-32 gives exactly -32");
    }

    @Test
    void exp2IsWithin1e9RelativeAndExactAtIntegers() {
        for (int k = -60; k <= 60; k++) {
            assertEquals(Math.pow(2, k), Draws.exp2(k), "2^" + k + " exactly");
        }
        SplittableRandom r = new SplittableRandom(2);
        for (int k = 0; k < 200_000; k++) {
            double x = -60 + 120 * r.nextDouble();
            double exact = Math.pow(2, x);
            assertEquals(exact, Draws.exp2(x), 1e-9 * exact, "2^" + x);
        }
        assertEquals(Math.pow(2, 60), Draws.exp2(1e6), "clamped above");
        assertEquals(Math.pow(2, -60), Draws.exp2(-1e6), "clamped below");
        assertEquals(Math.E, Draws.exp(1.0), 1e-9 * Math.E);
    }

    @Test
    void paretoDrawsHaveTheirPowerLawTail() {
        double alpha = 2.5;
        int n = 1_000_000;
        int above10 = 0;
        int above100 = 0;
        int[] scratch = new int[4];
        for (int block = 0; block < n / 4; block++) {
            Philox.philox4x32_10(block, 0, 0, 0, 17, 23, scratch);
            for (int w : scratch) {
                double x = Draws.pareto(w, 1 / alpha);
                assertTrue(x >= 1.0, "a Pareto draw is at least its scale: " + x);
                above10 += x > 10 ? 1 : 0;
                above100 += x > 100 ? 1 : 0;
            }
        }
        // P(X > x) = x^-2.5: 3162 and 10 expected; +-5 and +-3 standard deviations
        assertEquals(Math.pow(10, -alpha) * n, above10, 5 * Math.sqrt(Math.pow(10, -alpha) * n));
        assertEquals(Math.pow(100, -alpha) * n, above100, 3 * Math.sqrt(Math.pow(100, -alpha) * n) + 1);
    }

    @Test
    void normalDrawsHaveUnitVarianceAndBoundedTails() {
        int n = 1_000_000;
        double sum = 0;
        double squares = 0;
        double fourth = 0;
        double largest = 0;
        int[] scratch = new int[4];
        for (int block = 0; block < n / 4; block++) {
            Philox.philox4x32_10(block, 1, 0, 0, 5, 9, scratch);
            for (int j = 0; j < 4; j++) {
                double z = Draws.normal(scratch[j]);
                sum += z;
                squares += z * z;
                fourth += z * z * z * z;
                largest = Math.max(largest, Math.abs(z));
            }
        }
        assertEquals(0.0, sum / n, 0.005, "mean");
        assertEquals(1.0, squares / n, 0.005, "variance");
        // Irwin-Hall of 4 uniforms: excess kurtosis -6/(5 x 4) = -0.3
        assertEquals(-0.3, fourth / n - 3, 0.03, "excess kurtosis");
        assertTrue(largest <= Math.sqrt(12) + 1e-12, "tails end at sqrt(12): " + largest);
        assertEquals(-2 * 255 * Math.sqrt(3) / 256, Draws.normal(0), 1e-15, "the lowest value");
        assertEquals(0.0, Draws.normal(0x807F807F), "four bytes summing to 510 are the centre");
    }
}
