package org.vaesim.host.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.vaesim.host.facts.Hill;
import org.vaesim.host.facts.ReturnDistribution;
import org.vaesim.host.facts.StylizedFacts;

/**
 * The report's stylized facts (docs/facts.md): per market the verdicts beside their references, the
 * autocorrelations of r and of |r| and r^2 with their 95% bands, the Hill plot of both tails, and the return
 * distribution against a Gaussian on a log scale.
 */
final class FactsSection {
    private FactsSection() {
    }

    static String of(List<StylizedFacts> markets) {
        if (markets.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("<h2>Stylized facts of returns</h2>");
        b.append("<p>Log returns of each market's clearing price per metrics row after the burn-in, judged against the"
                + " stylized facts of Cont (2001); docs/facts.md defines each figure and"
                + " docs/experiments/stylized-facts.md gives the reference ranges and their sources.</p>");
        for (StylizedFacts f : markets) {
            b.append(market(f));
        }
        return b.toString();
    }

    private static String market(StylizedFacts f) {
        String name = f.series().market();
        StringBuilder b = new StringBuilder();
        List<List<String>> rows = new ArrayList<>();
        for (StylizedFacts.Fact fact : f.facts()) {
            rows.add(List.of(fact.name(), fact.shown(), fact.reference(),
                    fact.holds() == null ? "cannot tell" : fact.holds() ? "holds" : "does not hold"));
        }
        b.append(Html.table(List.of(name + " (" + f.series().returns().length + " returns, epochs "
                + f.series().fromEpoch() + "-" + f.series().toEpoch() + ")", "measured", "reference", "verdict"),
                rows));
        for (String w : f.warnings()) {
            b.append("<p class=\"bad\">").append(Html.escape(w)).append("</p>");
        }
        b.append(acf(name + ": autocorrelation of returns", f.returnAcf(), f.band(), "r"));
        LineChart vol = new LineChart(name + ": autocorrelation of |r| and r\u00b2 (volatility clustering)", "lag",
                "autocorrelation")
                .add("|r|", lags(f.absAcf().length), f.absAcf())
                .add("r\u00b2", lags(f.squaredAcf().length), f.squaredAcf());
        b.append(withBand(vol, f.absAcf().length, f.band()).svg());
        LineChart hill = new LineChart(name + ": Hill plot (tail index against k, with 95% intervals)", "k",
                "tail index alpha");
        for (StylizedFacts.Tail t : List.of(f.right(), f.left())) {
            double[] k = t.plot().stream().mapToDouble(Hill.Point::k).toArray();
            double[] a = t.plot().stream().mapToDouble(Hill.Point::alpha).toArray();
            double[] lo = new double[a.length];
            double[] hi = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                lo[i] = a[i] - 1.96 * t.plot().get(i).standardError();
                hi[i] = a[i] + 1.96 * t.plot().get(i).standardError();
            }
            hill.add((t == f.right() ? "right" : "left") + " tail", k, a).band(k, lo, hi);
        }
        double[] ends = {5, Math.max(6, StylizedFacts.HILL_PLOT_HIGH * f.series().returns().length)};
        hill.add("alpha = 2", ends, new double[] {2, 2}).add("alpha = 5 (Cont's range: 2-5)", ends,
                new double[] {5, 5});
        b.append(hill.svg());
        ReturnDistribution d = ReturnDistribution.of(f.series().returns(), 0.5, 10);
        // the Gaussian down to a tenth of one return's density: further out it would only stretch the axis
        double floor = 0.1 / (f.series().returns().length * 0.5);
        double[] gaussian = Arrays.stream(d.gaussian()).map(g -> g >= floor ? g : Double.NaN).toArray();
        b.append(new LineChart(name + ": distribution of standardized returns (log scale)", "(r - mean) / sd",
                "log10 density")
                .points("returns", d.z(), log10(d.density()))
                .add("Gaussian", d.z(), log10(gaussian)).svg());
        if (d.outside() > 0) {
            b.append("<p>").append(d.outside()).append(" returns lie beyond 10 standard deviations and are not drawn."
                    + "</p>");
        }
        return b.toString();
    }

    private static String acf(String title, double[] acf, double band, String series) {
        LineChart c = new LineChart(title, "lag", "autocorrelation").add(series, lags(acf.length), acf);
        return withBand(c, acf.length, band).svg();
    }

    /** A zero line with the 95% band +-band shaded around it, from lag 1 to {@code lags}. */
    private static LineChart withBand(LineChart c, int lags, double band) {
        double[] x = lags(lags);
        double[] lo = new double[lags];
        double[] hi = new double[lags];
        Arrays.fill(lo, -band);
        Arrays.fill(hi, band);
        return c.add("95% band under independence", x, new double[lags]).band(x, lo, hi);
    }

    private static double[] lags(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i + 1;
        }
        return x;
    }

    private static double[] log10(double[] v) {
        return Arrays.stream(v).map(Math::log10).toArray();
    }
}
