package org.vaesim.host.facts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The stylized facts of one market's returns (Cont 2001), each beside its reference range with a verdict:
 * docs/facts.md defines every quantity and docs/experiments/stylized-facts.md gives the ranges and their sources.
 *
 * @param band              1.96 / sqrt(n): the 95% band of a sample autocorrelation under independence
 * @param returnAcf         acf of r at lags 1..{@link #RETURN_LAGS}
 * @param absAcf            acf of |r| at lags 1..{@link #VOLATILITY_LAGS}
 * @param squaredAcf        acf of r^2 at lags 1..{@link #VOLATILITY_LAGS}
 * @param absDecayExponent  beta of a power-law fit acf(|r|)(k) ~ k^-beta ({@link SeriesStats#powerLawExponent})
 * @param kurtosis          excess kurtosis of returns over {@link #HORIZONS} steps
 * @param volumeVolatility  corr(volume_t, |r_t|)
 * @param leverage          corr(r_t, r^2_{t+k}) at k = 1..{@link #LEVERAGE_LAGS}
 * @param facts             the verdicts, in the order of docs/facts.md
 * @param warnings          what makes the figures less reliable (few returns, many zero returns, coarse sampling)
 */
public record StylizedFacts(ReturnSeries series, double band, double[] returnAcf, double[] absAcf,
                            double[] squaredAcf, double absDecayExponent, Tail right, Tail left, double[] kurtosis,
                            double volumeVolatility, double[] leverage, double skewness, List<Fact> facts,
                            List<String> warnings) {
    public static final int RETURN_LAGS = 20;
    public static final int VOLATILITY_LAGS = 100;
    public static final int LEVERAGE_LAGS = 10;
    public static final int[] HORIZONS = {1, 5, 20};
    /** The fewest returns the facts are computed from at all. */
    public static final int MIN_RETURNS = 30;
    /** Below this many returns the facts come with a warning: lag 100 and the tails need more. */
    public static final int FEW_RETURNS = 1000;
    /** A zero-return share above this comes with a warning: the market hardly trades or hardly moves. */
    public static final double MANY_ZEROS = 0.10;
    /** The chosen k: this share of all returns in each tail (the two tails together: the top 5% of |r|). */
    public static final double HILL_SHARE = 0.025;
    /** The k range whose smallest and largest estimates are reported: 1% to 5% of the returns. */
    public static final double HILL_RANGE_LOW = 0.01;
    public static final double HILL_RANGE_HIGH = 0.05;
    /** The Hill plot runs from k = 5 to 10% of the returns, in at most this many points. */
    public static final double HILL_PLOT_HIGH = 0.10;
    public static final int HILL_PLOT_POINTS = 60;
    /** The fewest blocks a horizon's kurtosis is computed from. */
    public static final int MIN_BLOCKS = 10;

    /**
     * One tail's Hill estimate at the chosen k, the smallest and largest estimates over the k range, and its plot.
     *
     * @param size the tail's returns (strictly positive r for the right tail, strictly negative for the left)
     */
    public record Tail(int size, int k, double alpha, double standardError, int kLow, int kHigh, double alphaMin,
                       double alphaMax, List<Hill.Point> plot) {
        static Tail of(double[] returns, boolean right) {
            double[] t = Hill.tail(returns, right);
            int n = returns.length;
            int k = Math.max(1, (int) Math.round(HILL_SHARE * n));
            int kLow = Math.max(1, (int) Math.round(HILL_RANGE_LOW * n));
            int kHigh = Math.max(kLow, (int) Math.round(HILL_RANGE_HIGH * n));
            double alpha = Hill.alpha(t, k);
            double min = Double.NaN;
            double max = Double.NaN;
            for (Hill.Point p : Hill.plot(t, kLow, kHigh, kHigh - kLow + 1)) {
                min = Double.isNaN(min) ? p.alpha() : Math.min(min, p.alpha());
                max = Double.isNaN(max) ? p.alpha() : Math.max(max, p.alpha());
            }
            return new Tail(t.length, k, alpha, alpha / Math.sqrt(k), kLow, kHigh, min, max,
                    Hill.plot(t, 5, (int) Math.round(HILL_PLOT_HIGH * n), HILL_PLOT_POINTS));
        }
    }

    /**
     * One stylized fact: its measured value (as shown), the reference it is judged against, where that reference
     * comes from, and whether it holds (null when the series is too short to tell).
     */
    public record Fact(String key, String name, double value, String shown, String reference, String source,
                       Boolean holds) {
    }

    /**
     * The facts of {@code s}.
     *
     * @throws IllegalArgumentException with fewer than {@link #MIN_RETURNS} returns
     */
    public static StylizedFacts of(ReturnSeries s) {
        double[] r = s.returns();
        int n = r.length;
        if (n < MIN_RETURNS) {
            throw new IllegalArgumentException("market " + s.market() + " has " + n + " returns after epoch "
                    + s.fromEpoch() + "; the facts need at least " + MIN_RETURNS);
        }
        double band = 1.96 / Math.sqrt(n);
        double[] abs = SeriesStats.abs(r);
        double[] sq = SeriesStats.square(r);
        double[] returnAcf = SeriesStats.autocorrelation(r, RETURN_LAGS);
        double[] absAcf = SeriesStats.autocorrelation(abs, VOLATILITY_LAGS);
        double[] squaredAcf = SeriesStats.autocorrelation(sq, VOLATILITY_LAGS);
        double beta = SeriesStats.powerLawExponent(absAcf, 10);
        Tail right = Tail.of(r, true);
        Tail left = Tail.of(r, false);
        double[] kurtosis = new double[HORIZONS.length];
        for (int h = 0; h < HORIZONS.length; h++) {
            double[] agg = SeriesStats.aggregate(r, HORIZONS[h]);
            kurtosis[h] = agg.length < MIN_BLOCKS ? Double.NaN : SeriesStats.excessKurtosis(agg);
        }
        double volumeVolatility = SeriesStats.correlation(s.volume(), abs);
        double[] leverage = SeriesStats.laggedCorrelation(r, sq, LEVERAGE_LAGS);
        List<Fact> facts = new ArrayList<>();
        double maxAcf = maxAbs(returnAcf, 2, RETURN_LAGS);
        facts.add(new Fact("no_return_autocorrelation", "no autocorrelation of returns (lags 2-20)", maxAcf,
                "max |acf| " + fmt(maxAcf), "< 0.1",
                "Cont (2001) fact 1; the 0.1 threshold from issue 15", judge(maxAcf, maxAcf < 0.1)));
        for (Tail t : List.of(right, left)) {
            String side = t == right ? "right" : "left";
            facts.add(new Fact("heavy_tail_" + side, "heavy " + side + " tail (Hill, k = " + t.k() + ")", t.alpha(),
                    "alpha " + fmt(t.alpha()) + " (" + fmt(t.alphaMin()) + "-" + fmt(t.alphaMax()) + " for k "
                            + t.kLow() + "-" + t.kHigh() + ")", "2 < alpha < 5", "Cont (2001) fact 2",
                    judge(t.alpha(), t.alpha() > 2 && t.alpha() < 5)));
        }
        double k1 = kurtosis[0];
        double k5 = kurtosis[1];
        double k20 = kurtosis[2];
        facts.add(new Fact("aggregational_gaussianity", "heavy tails that thin with aggregation", k1,
                "kurtosis " + fmt(k1) + ", " + fmt(k5) + ", " + fmt(k20) + " (horizons 1, 5, 20)",
                "> 1 at horizon 1, smaller at 5 and 20", "Cont (2001) facts 2 and 4; the threshold 1 from issue 15",
                judge(k1 + k5 + k20, k1 > 1 && k5 < k1 && k20 < k1)));
        double a1 = absAcf[0];
        double a20 = absAcf[19];
        facts.add(new Fact("volatility_clustering", "volatility clustering (acf of |r|)", a1,
                "lag 1 " + fmt(a1) + ", lag 20 " + fmt(a20), "0.1-0.5 at lag 1, > " + fmt(band) + " at lag 20",
                "Cont (2001) fact 6; the range and the lag from issue 15",
                judge(a1 + a20, a1 >= 0.1 && a1 <= 0.5 && a20 > band)));
        facts.add(new Fact("slow_decay_of_volatility_acf", "slow decay of the acf of |r|", beta,
                "power law exponent " + fmt(beta), "0.2 <= beta <= 0.4", "Cont (2001) fact 8",
                judge(beta, beta >= 0.2 && beta <= 0.4)));
        double lev = SeriesStats.mean(leverage);
        facts.add(new Fact("leverage_effect", "leverage effect (corr(r_t, r^2_{t+k}), k 1-10)", lev,
                "mean " + fmt(lev) + ", lag 1 " + fmt(leverage[0]), "mean < -" + fmt(band), "Cont (2001) fact 9",
                judge(lev, lev < -band)));
        facts.add(new Fact("volume_volatility_correlation", "volume-volatility correlation (corr(V_t, |r_t|))",
                volumeVolatility, fmt(volumeVolatility), "> " + fmt(band), "Cont (2001) fact 10",
                judge(volumeVolatility, volumeVolatility > band)));
        return new StylizedFacts(s, band, returnAcf, absAcf, squaredAcf, beta, right, left, kurtosis,
                volumeVolatility, leverage, SeriesStats.skewness(r), List.copyOf(facts), warnings(s));
    }

    private static List<String> warnings(ReturnSeries s) {
        List<String> w = new ArrayList<>();
        int n = s.returns().length;
        if (n < FEW_RETURNS) {
            w.add("only " + n + " returns: the acf at long lags and the tail estimates need more than " + FEW_RETURNS
                    + " (run longer, or set metrics_every lower)");
        }
        if (s.zeroShare() > MANY_ZEROS) {
            w.add(String.format(Locale.ROOT, "%.1f%% of the returns are exactly 0 (%.1f%% of the epochs did not "
                    + "trade): a market that rarely trades or moves shows spurious facts", 100 * s.zeroShare(),
                    100 * s.noTradeShare()));
        }
        if (s.intervalEpochs() > 1) {
            w.add("each return spans " + s.intervalEpochs() + " epochs (metrics_every): these are the facts of "
                    + s.intervalEpochs() + "-epoch returns; set metrics_every to 1 for per-epoch returns");
        }
        return List.copyOf(w);
    }

    /** The verdict, or null (cannot tell) when the value it rests on is not a number. */
    private static Boolean judge(double value, boolean holds) {
        return Double.isNaN(value) ? null : holds;
    }

    /** The largest |x| over lags from..to (1-based); NaN if any is NaN. */
    private static double maxAbs(double[] acf, int from, int to) {
        double m = 0;
        for (int k = from; k <= to; k++) {
            m = Double.isNaN(acf[k - 1]) ? Double.NaN : Math.max(m, Math.abs(acf[k - 1]));
        }
        return m;
    }

    /** A figure for people: four significant digits, or "n/a". */
    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 1000 || v == 0 || Math.abs(v) >= 1e-3 ? "%.4g" : "%.3e", v);
    }
}
