package org.vaesim.host.experiment.design;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DesignTest {

    /** Each of the n strata [k/n, (k+1)/n) of every dimension holds exactly one point: the defining property. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 10, 64, 1000})
    void latinHypercubeHitsEveryStratumOnceInEveryDimension(int n) {
        for (long seed : new long[] {1, 2, -7, Long.MAX_VALUE}) {
            double[][] u = LatinHypercube.points(n, 5, seed);
            for (int j = 0; j < 5; j++) {
                boolean[] hit = new boolean[n];
                for (double[] point : u) {
                    assertTrue(point[j] >= 0 && point[j] < 1, "in [0, 1): " + point[j]);
                    int stratum = (int) Math.floor(point[j] * n);
                    assertFalse(hit[stratum], "stratum " + stratum + " of dimension " + j + " hit twice");
                    hit[stratum] = true;
                }
            }
        }
    }

    @Test
    void aDesignIsAFunctionOfItsSeed() {
        assertTrue(Arrays.deepEquals(LatinHypercube.points(50, 3, 42), LatinHypercube.points(50, 3, 42)));
        assertFalse(Arrays.deepEquals(LatinHypercube.points(50, 3, 42), LatinHypercube.points(50, 3, 43)));
        assertTrue(Arrays.deepEquals(Sobol.points(64, 4, true, 9), Sobol.points(64, 4, true, 9)));
        assertFalse(Arrays.deepEquals(Sobol.points(64, 4, true, 9), Sobol.points(64, 4, true, 10)));
        assertTrue(Arrays.deepEquals(Sobol.points(64, 4, false, 9), Sobol.points(64, 4, false, 10)),
                "unscrambled points have no randomness: the seed does not matter");
    }

    /**
     * The first eight plain Sobol' points in three dimensions, as Joe and Kuo's generator and scipy.stats.qmc.Sobol
     * (scramble=False) list them, and by hand: dimension 1 is van der Corput with direction numbers 1/2, 1/4, 1/8;
     * dimension 2 (s=1, m=1) has 1/2, 3/4, 5/8; dimension 3 (s=2, a=1, m=1,3) has 1/2, 3/4, m3 = 2*3 ^ 4*1 ^ 1 = 3,
     * so 3/8. In Gray-code order point i+1 xors in the direction number of the lowest zero bit of i: bits 0, 1, 0, 2,
     * 0, 1, 0.
     */
    @Test
    void plainSobolPointsAreThePublishedOnes() {
        double[][] expected = {
            {0, 0, 0}, {0.5, 0.5, 0.5}, {0.75, 0.25, 0.25}, {0.25, 0.75, 0.75},
            {0.375, 0.375, 0.625}, {0.875, 0.875, 0.125}, {0.625, 0.125, 0.875}, {0.125, 0.625, 0.375},
        };
        double[][] u = Sobol.points(8, 3, false, 0);
        for (int i = 0; i < 8; i++) {
            assertArrayEquals(expected[i], u[i], 0, "point " + i);
        }
    }

    /** Joe-Kuo's dimension 20 (s=7, a=1, m=1,3,7,11,23,15,103): its first seven direction numbers are the m_k. */
    @Test
    void directionNumbersStartWithTheTablesInitialValues() {
        int[] v = Sobol.directions(19);
        int[] m = {1, 3, 7, 11, 23, 15, 103};
        for (int k = 0; k < m.length; k++) {
            assertEquals(m[k], v[k] >>> (31 - k), "m_" + (k + 1));
        }
        // and Bratley and Fox's recurrence m_k = 2 a_1 m_{k-1} ^ 4 a_2 m_{k-2} ^ ... ^ 2^6 a_6 m_{k-6} ^ 2^7 m_{k-7}
        // ^ m_{k-7}: a = 1 sets only a_6 (the lowest of the six middle bits), so m_8 = 64*3 ^ 128*1 ^ 1 = 65
        assertEquals(65, v[7] >>> (31 - 7));
    }

    /**
     * Sobol' points in base 2 are a (t, s)-sequence: the first 2^m points put exactly one point in each of the 2^m
     * intervals of one dimension, and (t = 0 for the first two dimensions) in each elementary 2^a x 2^(m-a) box of
     * those two. Owen scrambling keeps both properties, which is why it is the scrambling used here.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void sobolPointsAreStratifiedScrambledOrNot(boolean scramble) {
        int m = 7;
        int n = 1 << m;
        double[][] u = Sobol.points(n, Sobol.MAX_DIMS, scramble, 2025);
        for (int j = 0; j < Sobol.MAX_DIMS; j++) {
            boolean[] hit = new boolean[n];
            for (double[] point : u) {
                assertTrue(point[j] >= 0 && point[j] < 1);
                int cell = (int) (point[j] * n);
                assertFalse(hit[cell], "dimension " + j + ": interval " + cell + " twice");
                hit[cell] = true;
            }
        }
        for (int a = 0; a <= m; a++) {
            boolean[] hit = new boolean[n];
            for (double[] point : u) {
                int cell = ((int) (point[0] * (1 << a)) << (m - a)) | (int) (point[1] * (1 << (m - a)));
                assertFalse(hit[cell], "box " + a + ": " + cell + " twice");
                hit[cell] = true;
            }
        }
    }

    @Test
    void scrambledPointsAreNotThePlainOnes() {
        double[][] plain = Sobol.points(16, 2, false, 1);
        double[][] scrambled = Sobol.points(16, 2, true, 1);
        assertFalse(Arrays.deepEquals(plain, scrambled));
        assertTrue(scrambled[0][0] != 0 || scrambled[0][1] != 0, "the origin is scrambled away");
    }
}
