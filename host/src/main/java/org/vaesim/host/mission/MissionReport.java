package org.vaesim.host.mission;

import static org.vaesim.host.report.HtmlReport.rows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.vaesim.host.report.Html;
import org.vaesim.host.report.LineChart;
import org.vaesim.host.report.RoundRows;

import com.fasterxml.jackson.databind.JsonNode;

/** The missions' section of report.html, handed to the report by their kind ({@code StageKind.report}). */
final class MissionReport {
    private MissionReport() {
    }

    /**
     * The missions (summary.json {@code s}, missions.csv {@code file}): per mission its outcome and measures, its
     * principals, and its rounds over time.
     */
    static String section(JsonNode s, Path file) throws IOException {
        RoundRows csv = RoundRows.read(file);
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
        for (JsonNode m : s.path("missions")) {
            String name = m.path("name").asText();
            b.append(Html.table(List.of(name + ": principal", "bidders", "awarded", "delivered", "delivery rate",
                    "paid", "payment share", "mean reputation"), rows(m.path("principals"), "name", "bidders",
                    "awarded", "delivered", "delivery_rate", "paid", "payment_share", "mean_reputation")));
            RoundRows own = csv.of(name);
            double[] epoch = own.column("epoch");
            double tasks = m.path("tasks").asDouble();
            double[] done = own.column("completed");
            for (int i = 0; i < done.length; i++) {
                done[i] /= tasks;
            }
            b.append(new LineChart(name + ": progress and money per round", "epoch", "share")
                    .add("tasks completed (share of the mission)", epoch, done)
                    .add("completion rate (delivered / posted)", epoch, own.column("completion_rate"))
                    .add("free-riding share", epoch, own.column("free_riding_share"))
                    .add("payment HHI", epoch, own.column("payment_hhi"))
                    .add("winners' mean capability", epoch, own.column("mean_winner_capability")).svg());
            b.append(new LineChart(name + ": price per delivered task", "epoch", "credits")
                    .add("price (reputation 1)", epoch, own.column("price"))
                    .add("cost per completed task", epoch, own.column("cost_per_completed_task")).svg());
            b.append(new LineChart(name + ": escrow", "epoch", "credits")
                    .add("escrow", epoch, own.column("escrow"))
                    .add("subsidy account", epoch, own.column("subsidy_balance")).svg());
        }
        return b.toString();
    }
}
