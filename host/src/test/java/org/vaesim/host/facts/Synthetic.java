package org.vaesim.host.facts;

import java.util.SplittableRandom;

/** Series with known statistical properties, from fixed seeds, for the facts' known-answer tests. */
final class Synthetic {
    private Synthetic() {
    }

    static double[] gaussian(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextGaussian();
        }
        return x;
    }

    /** Student's t with 3 degrees of freedom: Z / sqrt(chi2_3 / 3), whose tails fall as |x|^-3. */
    static double[] studentT3(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double chi2 = 0;
            for (int j = 0; j < 3; j++) {
                double g = rng.nextGaussian();
                chi2 += g * g;
            }
            x[i] = rng.nextGaussian() / Math.sqrt(chi2 / 3);
        }
        return x;
    }

    /** Laplace (double exponential), excess kurtosis exactly 3; a sum of h of them has excess kurtosis 3 / h. */
    static double[] laplace(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double e = -Math.log(1 - rng.nextDouble());
            x[i] = rng.nextBoolean() ? e : -e;
        }
        return x;
    }

    /** AR(1): x_t = phi x_{t-1} + e_t with Gaussian e, started from its stationary law; acf(k) = phi^k. */
    static double[] ar1(int n, double phi, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[n];
        x[0] = rng.nextGaussian() / Math.sqrt(1 - phi * phi);
        for (int i = 1; i < n; i++) {
            x[i] = phi * x[i - 1] + rng.nextGaussian();
        }
        return x;
    }

    /**
     * GARCH(1,1): r_t = sigma_t e_t, sigma_t^2 = omega + alpha r_{t-1}^2 + beta sigma_{t-1}^2, Gaussian e, after a
     * burn-in of 1,000 steps from the unconditional variance omega / (1 - alpha - beta).
     */
    static double[] garch(int n, double omega, double alpha, double beta, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] r = new double[n];
        double s2 = omega / (1 - alpha - beta);
        for (int t = -1000; t < n; t++) {
            double x = Math.sqrt(s2) * rng.nextGaussian();
            if (t >= 0) {
                r[t] = x;
            }
            s2 = omega + alpha * x * x + beta * s2;
        }
        return r;
    }

    /**
     * A leverage effect with a known answer: r_t = sigma_t e_t with sigma_t^2 = 1 - theta sign(e_{t-1}), so a fall
     * raises the next variance. corr(r_t, r_{t+1}^2) = -theta sqrt(2/pi) E[sigma] / sqrt(2 + 3 theta^2) with
     * E[sigma] = (sqrt(1 - theta) + sqrt(1 + theta)) / 2, and 0 at lags of 2 and more.
     */
    static double[] leverage(int n, double theta, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] r = new double[n];
        double previous = rng.nextGaussian();
        for (int t = 0; t < n; t++) {
            double e = rng.nextGaussian();
            r[t] = Math.sqrt(1 - theta * Math.signum(previous)) * e;
            previous = e;
        }
        return r;
    }
}
