package org.vaesim.host.report;

import static org.vaesim.host.report.HtmlReport.column;
import static org.vaesim.host.report.HtmlReport.rows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The report sections of the resource auctions and the missions, which their stages' kinds hand to report.html
 * ({@code StageKind.report}); each reads summary.json and the mechanism's own CSV.
 */
public final class MechanismSections {
    private MechanismSections() {
    }

    /** A CSV file with a header row (auctions.csv), as rows of cells; empty when absent. */
    private static List<String[]> readCsv(Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                rows.add(SweepReport.cells(line));
            }
        }
        return rows;
    }

    /**
     * The resource auctions (summary.json {@code s}, auctions.csv {@code file}): per auction its results table,
     * principals, and its rounds over time.
     */
    public static String auctions(JsonNode s, Path file) throws IOException {
        List<String[]> csv = readCsv(file);
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
        List<String> header = csv.isEmpty() ? List.of() : List.of(csv.getFirst());
        for (JsonNode a : s.path("auctions")) {
            String name = a.path("name").asText();
            b.append(Html.table(List.of(name + ": principal", "small", "bidders", "units won", "share of supply",
                    "envy share"), rows(a.path("principals"), "name", "small", "bidders", "units", "share",
                    "envy_share")));
            List<String[]> own = csv.stream().skip(1).filter(r -> r.length > 1 && r[1].equals(name)).toList();
            double[] epoch = column(own, header, "epoch");
            b.append(new LineChart(name + ": price per unit", "epoch", a.has("revenue") ? "credits" : "tokens")
                    .add("price", epoch, column(own, header, "price"))
                    .add("small principals' price", epoch, column(own, header, "small_price")).svg());
            b.append(new LineChart(name + ": efficiency and fairness per round", "epoch", "share")
                    .add("efficiency", epoch, column(own, header, "efficiency"))
                    .add("envy share", epoch, column(own, header, "envy_share"))
                    .add("allocation Gini", epoch, column(own, header, "allocation_gini"))
                    .add("small principals' share", epoch, column(own, header, "small_principal_share"))
                    .add("largest principal's share", epoch, column(own, header, "max_principal_share")).svg());
        }
        return b.toString();
    }

    /**
     * The missions (summary.json {@code s}, missions.csv {@code file}): per mission its outcome and measures, its
     * principals, and its rounds over time.
     */
    public static String missions(JsonNode s, Path file) throws IOException {
        List<String[]> csv = readCsv(file);
        StringBuilder b = new StringBuilder("<h2>Missions</h2>");
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode m : s.path("missions")) {
            rows.add(List.of(m.path("name").asText(), m.path("policy").path("levers").asText(),
                    m.path("success").asBoolean() ? "yes, epoch " + m.path("completed_epoch").asText() : "no",
                    m.path("tasks_completed").asText() + " of " + m.path("tasks").asText(),
                    m.path("completion").asText("-"), m.path("cost_per_completed_task").asText("-"),
                    m.path("escrow_cost_per_completed_task").asText("-"), m.path("free_riding_share").asText("-"),
                    m.path("repeat_non_deliverers").asText("-"), m.path("payment_hhi").asText("-"),
                    m.path("payment_gini").asText("-"), m.path("escrow_returned").asText()));
        }
        b.append(Html.table(List.of("mission", "policy", "success", "tasks done", "completion", "cost per task",
                "escrow cost per task", "free-riding", "repeat non-deliverers", "HHI", "Gini", "escrow returned"),
                rows));
        b.append("<p>Completion: tasks delivered / tasks posted. Cost per task: escrow and subsidy paid per delivered"
                + " task (credits). Free-riding: the share of payments that went to tasks not delivered (advances)."
                + " Repeat non-deliverers: bidders awarded two or more tasks who delivered none, among those awarded"
                + " any. HHI: concentration of payments by principal; Gini: of payments over bidders."
                + " docs/mechanisms.md#missions defines each.</p>");
        List<String> header = csv.isEmpty() ? List.of() : List.of(csv.getFirst());
        for (JsonNode m : s.path("missions")) {
            String name = m.path("name").asText();
            b.append(Html.table(List.of(name + ": principal", "bidders", "awarded", "delivered", "delivery rate",
                    "paid", "payment share", "mean reputation"), rows(m.path("principals"), "name", "bidders",
                    "awarded", "delivered", "delivery_rate", "paid", "payment_share", "mean_reputation")));
            List<String[]> own = csv.stream().skip(1).filter(r -> r.length > 1 && r[1].equals(name)).toList();
            double[] epoch = column(own, header, "epoch");
            double tasks = m.path("tasks").asDouble();
            double[] done = column(own, header, "completed");
            for (int i = 0; i < done.length; i++) {
                done[i] /= tasks;
            }
            b.append(new LineChart(name + ": progress and money per round", "epoch", "share")
                    .add("tasks completed (share of the mission)", epoch, done)
                    .add("completion rate (delivered / posted)", epoch, column(own, header, "completion_rate"))
                    .add("free-riding share", epoch, column(own, header, "free_riding_share"))
                    .add("payment HHI", epoch, column(own, header, "payment_hhi"))
                    .add("winners' mean capability", epoch, column(own, header, "mean_winner_capability")).svg());
            b.append(new LineChart(name + ": price per delivered task", "epoch", "credits")
                    .add("price (reputation 1)", epoch, column(own, header, "price"))
                    .add("cost per completed task", epoch, column(own, header, "cost_per_completed_task")).svg());
            b.append(new LineChart(name + ": escrow", "epoch", "credits")
                    .add("escrow", epoch, column(own, header, "escrow"))
                    .add("subsidy account", epoch, column(own, header, "subsidy_balance")).svg());
        }
        return b.toString();
    }
}
