package org.vaesim.host.experiment.design;

/**
 * Latin hypercube sampling (McKay, Beckman and Conover, Technometrics 21, 1979): {@code n} points in the unit cube
 * {@code [0, 1)^dims} such that, in every dimension, each of the {@code n} strata {@code [k/n, (k+1)/n)} holds exactly
 * one point. Per dimension the strata are assigned to the points by an independent random permutation, and each
 * point lies uniformly at random inside its stratum ("random" LHS, not centred).
 *
 * <p>The randomness is the project's counter-based Philox keyed by the design's seed ({@link DesignRandom}), so the
 * design is a pure function of (n, dims, seed): the same file gives the same points on every machine.
 */
public final class LatinHypercube {
    /** The purposes of the design's draws (third counter word): which permutation slot, which jitter. */
    private static final int PERMUTE = 0;
    private static final int JITTER = 1;

    private LatinHypercube() {
    }

    /** {@code n} points of {@code dims} coordinates in [0, 1), as {@code points[i][j]}. */
    public static double[][] points(int n, int dims, long seed) {
        if (n < 1 || dims < 1) {
            throw new IllegalArgumentException("a Latin hypercube needs n >= 1 and dims >= 1, got " + n + ", " + dims);
        }
        DesignRandom random = new DesignRandom(seed);
        double[][] u = new double[n][dims];
        int[] stratum = new int[n];
        for (int j = 0; j < dims; j++) {
            for (int i = 0; i < n; i++) {
                stratum[i] = i;
            }
            // Fisher-Yates, drawing the swap partner of slot k uniformly from 0..k
            for (int k = n - 1; k > 0; k--) {
                int r = random.below(k + 1, k, j, PERMUTE);
                int t = stratum[k];
                stratum[k] = stratum[r];
                stratum[r] = t;
            }
            for (int i = 0; i < n; i++) {
                // (stratum + jitter) / n can round up to 1.0 only if jitter rounds to 1; it is below 1 - 2^-53
                u[i][j] = Math.min((stratum[i] + random.unit(i, j, JITTER)) / n, Math.nextDown(1.0));
            }
        }
        return u;
    }
}
