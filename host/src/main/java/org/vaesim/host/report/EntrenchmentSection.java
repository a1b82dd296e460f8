package org.vaesim.host.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The report's entrenchment section (docs/inequality.md#entrenchment): the summary's figures, and over time the
 * persistence of the top decile, the early winners' share of it, the concentration of compute by principal and
 * the wealth and capability Ginis, from entrenchment.csv and metrics.csv. Drawn only for a run that reports
 * entrenchment ({@code StageKind.SectionedCsv}).
 */
public final class EntrenchmentSection {
    private EntrenchmentSection() {
    }

    /**
     * The section of a run whose summary, {@code summary}, has an entry {@code entrenchment}, from the run
     * directory's metrics.csv (the wealth Gini) and entrenchment.csv (the entrenchment figures per metrics epoch).
     */
    public static String of(JsonNode summary, Path runDir) throws IOException {
        JsonNode e = summary.path("entrenchment");
        HtmlReport.Metrics m = HtmlReport.Metrics.read(runDir.resolve("metrics.csv"));
        HtmlReport.Metrics en = HtmlReport.Metrics.read(runDir.resolve("entrenchment.csv"));
        StringBuilder b = new StringBuilder("<h2>Entrenchment</h2>");
        List<List<String>> rows = new ArrayList<>();
        for (String f : List.of("persistence_lag", "early_epochs", "mean_persistence", "persistence", "early_winners",
                "early_winner_base_share", "early_winner_share", "compute_hhi")) {
            if (e.has(f)) {
                rows.add(List.of(f, e.path(f).asText()));
            }
        }
        for (Map.Entry<String, JsonNode> p : e.path("compute_by_principal").properties()) {
            rows.add(List.of("compute won by " + p.getKey(), p.getValue().asText()));
        }
        JsonNode c = summary.path("capability"); // docs/capability.md
        for (String f : List.of("feedback", "mean_boost", "mean_stock", "stock_gini", "reinvested")) {
            if (c.has(f)) {
                rows.add(List.of("capability: " + f, c.path(f).asText()));
            }
        }
        b.append(Html.table(List.of("figure", "value"), rows));
        b.append("<p>Persistence: of the agents in the top wealth decile k metrics epochs ago, the share in it now"
                + " (the share a random reshuffle would give is about 0.1). Early winners: the top decile of compute"
                + " won over the first N epochs; their share of today's top wealth decile is compared with their share"
                + " of all agents. HHI: the sum of squared shares of compute won by principal.</p>");
        double[] epoch = en.column("epoch");
        b.append(new LineChart("Entrenchment over time", "epoch", "share")
                .add("top-decile persistence", epoch, en.column("top10_persistence"))
                .add("early winners' share of the top decile", epoch, en.column("early_winner_share"))
                .add("compute HHI by principal", epoch, en.column("compute_hhi"))
                .add("wealth Gini", m.column("epoch"), m.column("wealth_gini"))
                .add("capability Gini", epoch, en.column("capability_gini")).svg());
        return b.toString();
    }
}
