package org.vaesim.kernels.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.vaesim.models.population.Distribution;

/** The draws' distributions, checked against their definitions on many draws. */
class EndowmentsTest {
    private static long[] draws(Distribution d, int n) {
        SplittableRandom words = new SplittableRandom(11); // any uniform words: this tests the mapping
        long[] x = new long[n];
        for (int i = 0; i < n; i++) {
            x[i] = Endowments.value(d, words.nextInt(), words.nextInt());
        }
        return x;
    }

    /** Uniform on the integers 3..6: each about a quarter of 200,000 draws (4 sigma is 0.0039), nothing else. */
    @Test
    void uniformDrawsEachIntegerEquallyOften() {
        long[] x = draws(new Distribution(Distribution.Kind.UNIFORM, 3, 6, Double.NaN, Double.NaN), 200_000);
        for (long v = 3; v <= 6; v++) {
            final long value = v;
            double share = Arrays.stream(x).filter(y -> y == value).count() / 200_000.0;
            assertEquals(0.25, share, 0.004, "share of " + v);
        }
        assertTrue(Arrays.stream(x).allMatch(y -> y >= 3 && y <= 6));
    }

    /**
     * Log-normal with median 1e6 and sigma 0.5: half the draws below the median, and Phi(1) = 0.8413 of them below
     * median e^sigma (4 sigma of the share is about 0.0033 at 200,000 draws); none outside [min, max].
     */
    @Test
    void logNormalDrawsHaveTheirMedianAndSpread() {
        Distribution d = new Distribution(Distribution.Kind.LOGNORMAL, 100_000, 5_000_000, 1e6, 0.5);
        long[] x = draws(d, 200_000);
        assertEquals(0.5, Arrays.stream(x).filter(y -> y < 1e6).count() / 200_000.0, 0.004);
        assertEquals(0.8413, Arrays.stream(x).filter(y -> y < 1e6 * Math.exp(0.5)).count() / 200_000.0, 0.004);
        assertTrue(Arrays.stream(x).allMatch(y -> y >= 100_000 && y <= 5_000_000));
    }
}
