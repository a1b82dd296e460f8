package org.vaesim.host.facts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * The facts of a run's markets, from its metrics.csv: what {@code vaesim facts}, summary.json's {@code facts} block,
 * the report and sweeps show (docs/facts.md).
 */
public final class RunFacts {
    /** The default burn-in: this share of the epochs recorded is left out (the economy settling from its start). */
    public static final double BURN_IN = 0.10;

    private RunFacts() {
    }

    /** The first epoch used by default: the first 10% of the epochs up to {@code lastEpoch} are left out. */
    public static int defaultFrom(int lastEpoch) {
        return (int) Math.ceil(BURN_IN * lastEpoch);
    }

    /**
     * summary.json's block: one object per market of {@code metricsCsv}, its facts from the default burn-in on, or
     * {@code {"market": ..., "error": ...}} where there are too few returns or the prices have none; a file that
     * cannot be read (or read as metrics) gives one {@code {"error": ...}}, so that a summary is always written.
     */
    public static ArrayNode json(Path metricsCsv) {
        ArrayNode out = new ObjectMapper().createArrayNode();
        ReturnSeries.MetricsColumns cols;
        try {
            cols = ReturnSeries.MetricsColumns.read(metricsCsv);
        } catch (IllegalArgumentException | IOException e) {
            out.addObject().put("error", e.getMessage());
            return out;
        }
        int from = defaultFrom(cols.lastEpoch());
        for (String m : cols.markets()) {
            try {
                out.add(FactsJson.of(StylizedFacts.of(cols.returns(m, from))));
            } catch (IllegalArgumentException e) {
                out.addObject().put("market", m).put("error", e.getMessage());
            }
        }
        return out;
    }

    /** The facts of every market of {@code metricsCsv} that has enough returns after the default burn-in. */
    public static List<StylizedFacts> of(Path metricsCsv) throws IOException {
        List<StylizedFacts> out = new ArrayList<>();
        ReturnSeries.MetricsColumns cols;
        try {
            cols = ReturnSeries.MetricsColumns.read(metricsCsv);
        } catch (IllegalArgumentException e) {
            return out; // the summary's facts block says why
        }
        int from = defaultFrom(cols.lastEpoch());
        for (String m : cols.markets()) {
            try {
                out.add(StylizedFacts.of(cols.returns(m, from)));
            } catch (IllegalArgumentException e) {
                // too few returns, or a price without a log: the report shows the markets that have facts
            }
        }
        return out;
    }

    /** {@code vaesim facts}' text: the verdicts, the warnings, then the autocorrelations and the Hill plot. */
    public static String text(StylizedFacts f) {
        ReturnSeries s = f.series();
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "market %s: %d returns of %d epoch%s, epochs %d-%d; %.1f%% of the returns"
                + " are 0, %.1f%% of their epochs did not trade%n", s.market(), s.returns().length,
                s.intervalEpochs(), s.intervalEpochs() == 1 ? "" : "s", s.fromEpoch(), s.toEpoch(),
                100 * s.zeroShare(), 100 * s.noTradeShare()));
        b.append(String.format(Locale.ROOT, "  %-48s %-54s %-40s %s%n", "fact", "measured", "reference", "holds"));
        int held = 0;
        int judged = 0;
        for (StylizedFacts.Fact fact : f.facts()) {
            String verdict = fact.holds() == null ? "cannot tell" : fact.holds() ? "yes" : "no";
            b.append(String.format(Locale.ROOT, "  %-48s %-54s %-40s %s%n", fact.name(), fact.shown(),
                    fact.reference(), verdict));
            judged += fact.holds() == null ? 0 : 1;
            held += Boolean.TRUE.equals(fact.holds()) ? 1 : 0;
        }
        b.append("  ").append(held).append(" of ").append(judged).append(" facts hold (references and sources: "
                + "docs/experiments/stylized-facts.md)\n");
        for (String w : f.warnings()) {
            b.append("  warning: ").append(w).append('\n');
        }
        int[] lags = {1, 2, 3, 5, 10, 20, 50, 100};
        b.append(String.format(Locale.ROOT, "  %-10s", "acf lag"));
        for (int k : lags) {
            b.append(String.format(Locale.ROOT, "%10d", k));
        }
        b.append(String.format(Locale.ROOT, "   (95%% band +-%s)%n", StylizedFacts.fmt(f.band())));
        row(b, "r", f.returnAcf(), lags);
        row(b, "|r|", f.absAcf(), lags);
        row(b, "r^2", f.squaredAcf(), lags);
        row(b, "leverage", f.leverage(), new int[] {1, 2, 3, 5, 10});
        b.append(String.format(Locale.ROOT, "  excess kurtosis at horizons 1, 5, 20: %s, %s, %s; skewness %s;"
                + " volume-volatility correlation %s%n", StylizedFacts.fmt(f.kurtosis()[0]),
                StylizedFacts.fmt(f.kurtosis()[1]), StylizedFacts.fmt(f.kurtosis()[2]),
                StylizedFacts.fmt(f.skewness()), StylizedFacts.fmt(f.volumeVolatility())));
        for (StylizedFacts.Tail t : List.of(f.right(), f.left())) {
            b.append(String.format(Locale.ROOT, "  Hill plot, %s tail (%d returns), k: alpha ",
                    t == f.right() ? "right" : "left", t.size()));
            int every = Math.max(1, t.plot().size() / 10);
            for (int i = 0; i < t.plot().size(); i += every) {
                Hill.Point p = t.plot().get(i);
                b.append(' ').append(p.k()).append(": ").append(StylizedFacts.fmt(p.alpha())).append(';');
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static void row(StringBuilder b, String name, double[] v, int[] lags) {
        b.append(String.format(Locale.ROOT, "  %-10s", name));
        for (int k : lags) {
            b.append(String.format(Locale.ROOT, "%10s", k <= v.length ? StylizedFacts.fmt(v[k - 1]) : ""));
        }
        b.append('\n');
    }
}
