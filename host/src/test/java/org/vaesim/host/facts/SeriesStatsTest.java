package org.vaesim.host.facts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Known answers: hand-computed small series, and long synthetic series whose autocorrelations and kurtosis follow
 * from their definitions. Each tolerance is about five standard deviations of the estimate at that length (given
 * with the test), so a correct estimator fails less than once in a million runs while a wrong formula (a lag off
 * by one, a missing centring, a wrong normalisation) fails.
 */
class SeriesStatsTest {

    @Test
    void autocorrelationOfAnAlternatingSeriesIsMinusOneAtOddLags() {
        // mean 0, sum of squares n; lag k sums n - k products of +-1 with sign (-1)^k
        double[] x = {1, -1, 1, -1, 1, -1, 1, -1};
        double[] acf = SeriesStats.autocorrelation(x, 3);
        assertArrayEquals(new double[] {-7.0 / 8, 6.0 / 8, -5.0 / 8}, acf, 1e-15);
    }

    @Test
    void autocorrelationIsNaNForAConstantSeriesAndBeyondTheSeries() {
        assertTrue(Double.isNaN(SeriesStats.autocorrelation(new double[] {2, 2, 2}, 1)[0]));
        assertTrue(Double.isNaN(SeriesStats.autocorrelation(new double[] {1, 2, 3}, 3)[2]));
    }

    @Test
    void autocorrelationOfAnAr1ProcessIsPhiToTheLag() {
        // sd of the estimate at lag k for n = 100,000 and phi = 0.6 is at most about 0.006 (Bartlett)
        double phi = 0.6;
        double[] acf = SeriesStats.autocorrelation(Synthetic.ar1(100_000, phi, 11), 5);
        for (int k = 1; k <= 5; k++) {
            assertEquals(Math.pow(phi, k), acf[k - 1], 0.03, "lag " + k);
        }
    }

    @Test
    void squaredGarchReturnsHaveTheAutocorrelationTheModelImplies() {
        // rho_1 = a(1 - b^2 - ab) / (1 - b^2 - 2ab), rho_k = rho_1 (a + b)^(k-1); a = 0.1, b = 0.7 has a finite
        // eighth moment, so the estimate converges at rate 1/sqrt(n): its sd at n = 200,000 is about 0.004 (20
        // simulated series), and 0.02 is five of them
        double a = 0.1;
        double b = 0.7;
        double[] r = Synthetic.garch(200_000, 0.2, a, b, 12);
        double[] acf = SeriesStats.autocorrelation(SeriesStats.square(r), 10);
        double rho1 = a * (1 - b * b - a * b) / (1 - b * b - 2 * a * b);
        assertEquals(0.118919, rho1, 1e-6);
        for (int k = 1; k <= 10; k++) {
            assertEquals(rho1 * Math.pow(a + b, k - 1), acf[k - 1], 0.02, "lag " + k);
        }
        // and the returns themselves are uncorrelated (sd 1/sqrt(n) = 0.0022)
        for (double rho : SeriesStats.autocorrelation(r, 10)) {
            assertEquals(0, rho, 0.012);
        }
    }

    @Test
    void excessKurtosisOfAGaussianIsZeroAndOfALaplaceThreeFallingAsOneOverTheHorizon() {
        // Gaussian: sd sqrt(24/n) = 0.015 at n = 100,000
        assertEquals(0, SeriesStats.excessKurtosis(Synthetic.gaussian(100_000, 13)), 0.08);
        // Laplace: 3, and a sum of h independent ones 3/h; sd about sqrt(1188/n) = 0.08 at n = 200,000 and less for
        // the sums, whose distribution is closer to Gaussian
        double[] x = Synthetic.laplace(200_000, 14);
        assertEquals(3, SeriesStats.excessKurtosis(x), 0.4);
        assertEquals(0.6, SeriesStats.excessKurtosis(SeriesStats.aggregate(x, 5)), 0.2);
        assertEquals(0.15, SeriesStats.excessKurtosis(SeriesStats.aggregate(x, 20)), 0.3);
    }

    @Test
    void aggregateSumsNonOverlappingBlocksAndDropsTheIncompleteOne() {
        assertArrayEquals(new double[] {3, 7}, SeriesStats.aggregate(new double[] {1, 2, 3, 4, 5}, 2));
    }

    @Test
    void skewnessOfAHandSeries() {
        // {0, 0, 3}: mean 1, deviations -1, -1, 2; m2 = 2, m3 = 2, skewness 2 / 2^1.5
        assertEquals(1 / Math.sqrt(2), SeriesStats.skewness(new double[] {0, 0, 3}), 1e-15);
    }

    @Test
    void laggedCorrelationMeasuresTheLeverageEffectOfAKnownProcess() {
        double theta = 0.5;
        double sigma = (Math.sqrt(1 - theta) + Math.sqrt(1 + theta)) / 2;
        double expected = -theta * Math.sqrt(2 / Math.PI) * sigma / Math.sqrt(2 + 3 * theta * theta);
        assertEquals(-0.23237, expected, 1e-5);
        double[] r = Synthetic.leverage(200_000, theta, 15);
        double[] lev = SeriesStats.laggedCorrelation(r, SeriesStats.square(r), 3);
        // sd about 1/sqrt(n) = 0.0022 (a little more for the fourth moments)
        assertEquals(expected, lev[0], 0.015);
        assertEquals(0, lev[1], 0.015);
        assertEquals(0, lev[2], 0.015);
    }

    @Test
    void laggedCorrelationPairsXtWithYtPlusK() {
        // at k = 1 the pairs are x_0..x_4 = (1, 4, 2, 8, 5) with y_1..y_5 = (2, 8, 5, 7, 0)
        double[] x = {1, 4, 2, 8, 5, 7};
        double[] y = {4, 2, 8, 5, 7, 0};
        double expected = SeriesStats.correlation(new double[] {1, 4, 2, 8, 5}, new double[] {2, 8, 5, 7, 0});
        assertEquals(expected, SeriesStats.laggedCorrelation(x, y, 1)[0], 1e-15);
    }

    @Test
    void correlationOfVolumeWithAbsoluteReturnsHasItsKnownValue() {
        // V = |r| + noise with var(noise) = var(|r|) = 1 - 2/pi, so corr(V, |r|) = 1/sqrt(2); sd about 0.002
        double[] r = Synthetic.gaussian(100_000, 16);
        double[] noise = Synthetic.gaussian(100_000, 17);
        double[] abs = SeriesStats.abs(r);
        double[] v = new double[r.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = abs[i] + Math.sqrt(1 - 2 / Math.PI) * noise[i];
        }
        assertEquals(1 / Math.sqrt(2), SeriesStats.correlation(v, abs), 0.012);
        assertTrue(Double.isNaN(SeriesStats.correlation(new double[] {1, 1}, new double[] {1, 2})));
    }

    @Test
    void powerLawExponentRecoversAnExactPowerLawAndStopsAtTheFirstNonPositiveLag() {
        double[] acf = new double[100];
        for (int k = 1; k <= 100; k++) {
            acf[k - 1] = 0.4 * Math.pow(k, -0.3);
        }
        assertEquals(0.3, SeriesStats.powerLawExponent(acf, 10), 1e-12);
        acf[50] = -0.01; // lags 1..50 remain: still exactly 0.3
        assertEquals(0.3, SeriesStats.powerLawExponent(acf, 10), 1e-12);
        acf[5] = 0;
        assertTrue(Double.isNaN(SeriesStats.powerLawExponent(acf, 10)), "only 5 positive lags");
    }
}
