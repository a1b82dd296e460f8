package org.vaesim.host.facts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Hill (1975) estimator of a tail index. With x_1 >= x_2 >= ... the largest values of a tail,
 * {@code H_k = (1/k) sum_{i<=k} ln(x_i / x_{k+1})} and {@code alpha_k = 1 / H_k}; for a Pareto-like tail
 * P(X > x) ~ x^-alpha the estimate is consistent as k grows with n while k/n shrinks, with asymptotic standard
 * error alpha / sqrt(k). No single k is right (small k: variance; large k: the bias of a tail that is not exactly
 * Pareto), so the estimate is reported over a range of k: the Hill plot.
 */
public final class Hill {
    private Hill() {
    }

    /** One point of a Hill plot: the estimate from the k largest values, and its standard error alpha / sqrt(k). */
    public record Point(int k, double alpha, double standardError) {
    }

    /** The strictly positive values of x (right tail) or of -x (left tail), largest first. */
    public static double[] tail(double[] x, boolean right) {
        double[] t = Arrays.stream(x).map(v -> right ? v : -v).filter(v -> v > 0).sorted().toArray();
        for (int i = 0, j = t.length - 1; i < j; i++, j--) {
            double s = t[i];
            t[i] = t[j];
            t[j] = s;
        }
        return t;
    }

    /**
     * The estimate from the k largest of {@code descending} (needs 1 <= k < length): +Infinity when the k+1
     * largest are all equal (a quantised tail has no power law to estimate), NaN when k is out of range.
     */
    public static double alpha(double[] descending, int k) {
        if (k < 1 || k >= descending.length) {
            return Double.NaN;
        }
        double sum = 0;
        double threshold = Math.log(descending[k]);
        for (int i = 0; i < k; i++) {
            sum += Math.log(descending[i]) - threshold;
        }
        return sum == 0 ? Double.POSITIVE_INFINITY : k / sum;
    }

    /**
     * The Hill plot over k = kMin..kMax (clipped to what the tail allows), at most {@code points} values of k
     * spread evenly; one pass of running log sums, so each point costs O(1).
     */
    public static List<Point> plot(double[] descending, int kMin, int kMax, int points) {
        List<Point> plot = new ArrayList<>();
        int hi = Math.min(kMax, descending.length - 1);
        int lo = Math.max(1, kMin);
        if (hi < lo) {
            return plot;
        }
        int gaps = Math.max(1, points - 1);
        int step = Math.max(1, (hi - lo + gaps - 1) / gaps); // rounded up: at most points values of k
        double logSum = 0;
        int next = lo;
        for (int k = 1; k <= hi; k++) {
            logSum += Math.log(descending[k - 1]);
            if (k == next || k == hi) {
                double h = logSum / k - Math.log(descending[k]);
                double a = h == 0 ? Double.POSITIVE_INFINITY : 1 / h;
                plot.add(new Point(k, a, a / Math.sqrt(k)));
                next += step;
            }
        }
        return plot;
    }
}
