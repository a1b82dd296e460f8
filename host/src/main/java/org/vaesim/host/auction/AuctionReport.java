package org.vaesim.host.auction;

import static org.vaesim.host.report.HtmlReport.rows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.vaesim.host.report.Html;
import org.vaesim.host.report.LineChart;
import org.vaesim.host.report.RoundRows;

import com.fasterxml.jackson.databind.JsonNode;

/** The resource auctions' section of report.html, handed to the report by their kind ({@code StageKind.report}). */
final class AuctionReport {
    private AuctionReport() {
    }

    /**
     * The resource auctions (summary.json {@code s}, auctions.csv {@code file}): per auction its results table,
     * principals, and its rounds over time.
     */
    static String section(JsonNode s, Path file) throws IOException {
        RoundRows csv = RoundRows.read(file);
        StringBuilder b = new StringBuilder("<h2>Resource auctions</h2>");
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode a : s.path("auctions")) {
            rows.add(List.of(a.path("name").asText(), a.path("mechanism").path("type").asText(),
                    a.path("efficiency").asText(), a.path("allocation_gini").asText(),
                    a.path("cumulative_allocation_gini").asText(), a.path("envy_share").asText(),
                    a.path("envy_share_up_to_one_unit").asText(), a.path("small_principal_share").asText("-"),
                    a.path("max_principal_share").asText(), a.has("revenue") ? a.path("revenue").asText()
                            : a.path("tokens_spent").asText() + " tokens"));
        }
        b.append(Html.table(List.of("auction", "mechanism", "efficiency", "Gini", "Gini, run", "envy",
                "envy (EF1)", "small share", "top share", "revenue"), rows));
        b.append("<p>Means over rounds: efficiency (value won / the best the supply could give), the Gini of units"
                + " per bidder (per round, and of units won over the run), envy (bidders who prefer another's bundle"
                + " net of its price; EF1: even with one unit removed), the share of supply to small principals and"
                + " to the largest principal. docs/mechanisms.md defines each.</p>");
        for (JsonNode a : s.path("auctions")) {
            String name = a.path("name").asText();
            b.append(Html.table(List.of(name + ": principal", "small", "bidders", "units won", "share of supply",
                    "envy share"), rows(a.path("principals"), "name", "small", "bidders", "units", "share",
                    "envy_share")));
            RoundRows own = csv.of(name);
            double[] epoch = own.column("epoch");
            b.append(new LineChart(name + ": price per unit", "epoch", a.has("revenue") ? "credits" : "tokens")
                    .add("price", epoch, own.column("price"))
                    .add("small principals' price", epoch, own.column("small_price")).svg());
            b.append(new LineChart(name + ": efficiency and fairness per round", "epoch", "share")
                    .add("efficiency", epoch, own.column("efficiency"))
                    .add("envy share", epoch, own.column("envy_share"))
                    .add("allocation Gini", epoch, own.column("allocation_gini"))
                    .add("small principals' share", epoch, own.column("small_principal_share"))
                    .add("largest principal's share", epoch, own.column("max_principal_share")).svg());
        }
        return b.toString();
    }
}
