package org.vaesim.host.facts;

/**
 * Sample statistics of a time series as pure functions over {@code double[]} (docs/facts.md gives the formulas).
 * Moments are the plain (biased, 1/n) sample moments; a statistic that is undefined, such as a correlation of a
 * constant series, is NaN.
 */
public final class SeriesStats {
    private SeriesStats() {
    }

    public static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    /**
     * The sample autocorrelation at lags 1..maxLag (element k-1 is lag k): sum over t of (x_t - m)(x_{t+k} - m)
     * divided by sum over t of (x_t - m)^2, the estimator whose band under independence is +-1.96/sqrt(n). Lags
     * at or beyond the series' length are NaN.
     */
    public static double[] autocorrelation(double[] x, int maxLag) {
        int n = x.length;
        double m = mean(x);
        double[] d = new double[n];
        double var = 0;
        for (int t = 0; t < n; t++) {
            d[t] = x[t] - m;
            var += d[t] * d[t];
        }
        double[] acf = new double[maxLag];
        for (int k = 1; k <= maxLag; k++) {
            if (k >= n || var == 0) {
                acf[k - 1] = Double.NaN;
                continue;
            }
            double c = 0;
            for (int t = 0; t + k < n; t++) {
                c += d[t] * d[t + k];
            }
            acf[k - 1] = c / var;
        }
        return acf;
    }

    /** Pearson's correlation of x and y (the same length); NaN when either is constant. */
    public static double correlation(double[] x, double[] y) {
        return correlation(x, 0, y, 0, x.length);
    }

    /**
     * corr(x_t, y_{t+k}) for k = 1..maxLag (element k-1 is lag k), each over the n - k pairs that exist: the
     * leverage effect is this with x = r and y = r^2 (Cont 2001).
     */
    public static double[] laggedCorrelation(double[] x, double[] y, int maxLag) {
        double[] c = new double[maxLag];
        for (int k = 1; k <= maxLag; k++) {
            c[k - 1] = k < x.length - 1 ? correlation(x, 0, y, k, x.length - k) : Double.NaN;
        }
        return c;
    }

    /** Pearson's correlation of x[xFrom..xFrom+n) with y[yFrom..yFrom+n). */
    private static double correlation(double[] x, int xFrom, double[] y, int yFrom, int n) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[xFrom + i];
            my += y[yFrom + i];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double a = x[xFrom + i] - mx;
            double b = y[yFrom + i] - my;
            sxy += a * b;
            sxx += a * a;
            syy += b * b;
        }
        return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }

    /** The excess kurtosis m4 / m2^2 - 3 (0 for a Gaussian); NaN for a constant series. */
    public static double excessKurtosis(double[] x) {
        double m = mean(x);
        double m2 = 0;
        double m4 = 0;
        for (double v : x) {
            double d = (v - m) * (v - m);
            m2 += d;
            m4 += d * d;
        }
        m2 /= x.length;
        m4 /= x.length;
        return m2 == 0 ? Double.NaN : m4 / (m2 * m2) - 3;
    }

    /** The skewness m3 / m2^1.5; NaN for a constant series. */
    public static double skewness(double[] x) {
        double m = mean(x);
        double m2 = 0;
        double m3 = 0;
        for (double v : x) {
            double d = v - m;
            m2 += d * d;
            m3 += d * d * d;
        }
        m2 /= x.length;
        m3 /= x.length;
        return m2 == 0 ? Double.NaN : m3 / Math.pow(m2, 1.5);
    }

    /**
     * Returns over horizons of h steps: sums of h consecutive log returns in non-overlapping blocks (an incomplete
     * last block is dropped), so that their kurtosis measures aggregational Gaussianity without the dependence
     * overlapping blocks would add.
     */
    public static double[] aggregate(double[] x, int h) {
        double[] out = new double[x.length / h];
        for (int b = 0; b < out.length; b++) {
            double s = 0;
            for (int i = b * h; i < (b + 1) * h; i++) {
                s += x[i];
            }
            out[b] = s;
        }
        return out;
    }

    public static double[] abs(double[] x) {
        double[] a = new double[x.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = Math.abs(x[i]);
        }
        return a;
    }

    public static double[] square(double[] x) {
        double[] a = new double[x.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = x[i] * x[i];
        }
        return a;
    }

    /**
     * The exponent beta of a power-law decay rho(k) ~ k^-beta fitted by least squares to ln rho(k) against ln k over
     * lags 1..L, where L is the last lag before the first that is not positive (a logarithm needs rho > 0) and at
     * most {@code acf.length}; NaN when fewer than {@code minLags} lags qualify. Cont (2001) finds beta in
     * [0.2, 0.4] for the autocorrelation of absolute returns.
     */
    public static double powerLawExponent(double[] acf, int minLags) {
        int lags = 0;
        while (lags < acf.length && acf[lags] > 0) {
            lags++;
        }
        if (lags < minLags) {
            return Double.NaN;
        }
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int k = 1; k <= lags; k++) {
            double lx = Math.log(k);
            double ly = Math.log(acf[k - 1]);
            sx += lx;
            sy += ly;
            sxx += lx * lx;
            sxy += lx * ly;
        }
        double slope = (lags * sxy - sx * sy) / (lags * sxx - sx * sx);
        return -slope;
    }
}
