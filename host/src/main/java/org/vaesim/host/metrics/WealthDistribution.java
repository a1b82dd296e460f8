package org.vaesim.host.metrics;

import java.util.Arrays;
import java.util.List;

import org.vaesim.host.epoch.MarketState;
import org.vaesim.kernels.memory.Endowments;
import org.vaesim.kernels.memory.Population;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.models.market.MarketSpec;

/**
 * Exact wealth inequality: every agent's wealth (cash plus inventory marked at its market's last price, in
 * micro-credits) is sorted, and the Gini coefficient and top shares are computed from the sorted values.
 * Negative wealth (short positions) is kept as it is, so the Gini can exceed 1 in such economies.
 *
 * <p>This needs the whole population on the host: runs use it only at the end, per cohort (summary.json), and
 * tests use it as the reference that the device histogram ({@link WealthHistogram}) is checked against.
 */
public record WealthDistribution(double gini, double top1Share, double top10Share, long total, double[] lorenz) {
    /** Lorenz curve points: the poorest 0%, 10%, ..., 100% of agents hold lorenz[0..10] of all wealth. */
    public static final int LORENZ_POINTS = 11;


    public static WealthDistribution of(Population p, List<Segment> segments, List<MarketSpec> specs,
                                        MarketState markets) {
        long[] wealth = new long[p.size];
        for (Segment s : segments) {
            int m = s.market();
            long price = specs.get(m).priceOf(markets.lastTick[m]);
            for (int i = s.start(); i < s.end(); i++) {
                wealth[i] = wealth(p, i, price);
            }
        }
        Arrays.parallelSort(wealth);
        return ofSorted(wealth);
    }

    /** The wealth distribution of one cohort (agents [s.start, s.end)) at its market's last price. */
    public static WealthDistribution ofSegment(Population p, Segment s, List<MarketSpec> specs, MarketState markets) {
        long price = specs.get(s.market()).priceOf(markets.lastTick[s.market()]);
        long[] wealth = new long[s.size()];
        for (int i = s.start(); i < s.end(); i++) {
            wealth[i - s.start()] = wealth(p, i, price);
        }
        Arrays.sort(wealth);
        return ofSorted(wealth);
    }

    /**
     * The wealth distribution of one cohort at epoch 0: each agent's endowment (its cash and its units, drawn per
     * seed where the cohort draws them) with the units at its market's opening price, as {@link #ofSegment} marks
     * them at the end. An arriving cohort counts with the endowment it arrives with. Its Gini against
     * {@link #ofSegment}'s is a cohort's change in inequality over the run (summary.json's
     * {@code cohorts[].wealth_gini_change}).
     */
    public static WealthDistribution ofEndowment(Segment s, MarketSpec market, long seed) {
        long[] wealth = new long[s.size()]; // the cash first, then the wealth in place: one long per agent
        int[] units = new int[s.size()];
        Endowments.of(s.cohort(), s.start(), s.end(), seed, wealth, units);
        long price = market.priceOf(market.initialTick());
        for (int k = 0; k < wealth.length; k++) {
            wealth[k] = Math.addExact(wealth[k], Math.multiplyExact((long) units[k], price));
        }
        Arrays.sort(wealth);
        return ofSorted(wealth);
    }

    /**
     * Agent {@code i}'s cash plus its inventory at {@code price}, exactly: scenarios are validated so that this
     * fits 64 bits (docs/config-reference.md#numeric-limits); should it not, an {@link ArithmeticException}
     * fails the run rather than a wrapped wealth giving a Gini outside [0, 1].
     */
    static long wealth(Population p, int i, long price) {
        return Math.addExact(p.cash[i], Math.multiplyExact((long) p.inventory[i], price));
    }

    /**
     * From ascending values: G = 2 * sum(i * x_i) / (n * sum(x)) - (n + 1) / n, i = 1..n; the top-p% share is
     * the sum of the largest ceil(p n / 100) values over the total.
     */
    public static WealthDistribution ofSorted(long[] sorted) {
        int n = sorted.length;
        if (n == 0) {
            return new WealthDistribution(0, 0, 0, 0, new double[LORENZ_POINTS]);
        }
        long total = 0;
        double weighted = 0;
        for (int i = 0; i < n; i++) {
            total = Math.addExact(total, sorted[i]);
            weighted += (double) (i + 1) * sorted[i];
        }
        if (total == 0) {
            return new WealthDistribution(0, 0, 0, 0, new double[LORENZ_POINTS]);
        }
        double gini = 2.0 * weighted / ((double) n * total) - (n + 1.0) / n;
        return new WealthDistribution(gini, topShare(sorted, total, 1), topShare(sorted, total, 10), total,
                lorenz(sorted, total));
    }

    /** Share of the total held by the poorest floor(k n / 10) agents, k = 0..10. */
    private static double[] lorenz(long[] sorted, long total) {
        double[] points = new double[LORENZ_POINTS];
        long running = 0;
        int next = 0;
        for (int k = 0; k < LORENZ_POINTS; k++) {
            int upTo = (int) ((long) sorted.length * k / (LORENZ_POINTS - 1));
            while (next < upTo) {
                running += sorted[next++];
            }
            points[k] = (double) running / total;
        }
        return points;
    }

    /** Share of the richest ceil(n percent / 100) agents (in integers: n x 0.1 in doubles can round up a whole agent). */
    private static double topShare(long[] sorted, long total, int percent) {
        int k = (int) (((long) sorted.length * percent + 99) / 100);
        long top = 0;
        for (int i = sorted.length - k; i < sorted.length; i++) {
            top += sorted[i];
        }
        return (double) top / total;
    }
}
