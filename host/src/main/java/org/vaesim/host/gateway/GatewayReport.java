package org.vaesim.host.gateway;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.vaesim.host.report.Html;
import org.vaesim.host.report.HtmlReport;
import org.vaesim.host.report.LineChart;
import org.vaesim.host.run.RunDirectory;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The gateway's section of report.html, which its stage's kind hands to the report ({@code StageKind.report}):
 * drawn from summary.json, metrics.csv's gateway columns ({@link GatewayStage#metricsColumns}) and the audit log.
 */
final class GatewayReport {
    private GatewayReport() {
    }

    /**
     * The gateway (docs/permeability.md): flows across the boundary between metrics rows, internal against
     * external prices with the gateway's closures marked, the external holders' P&L and exposure, and the
     * contagion figures of summary.json.
     */
    static String section(JsonNode s, Path runDir) throws IOException {
        RunDirectory run = new RunDirectory(runDir);
        HtmlReport.Metrics m = HtmlReport.Metrics.read(run.metrics());
        List<JsonNode> audit = HtmlReport.readAudit(run.audit());
        JsonNode g = s.path("gateway");
        StringBuilder b = new StringBuilder("<h2>Gateway to the external economy</h2>");
        List<List<String>> facts = new ArrayList<>(List.of(
                List.of("open at the end", g.path("open").asText() + (g.has("closed_until_epoch")
                        ? " (closed until epoch " + g.path("closed_until_epoch").asText() + ")" : "")),
                List.of("closures", "circuit breaker " + g.path("closures").path("circuit_breaker").asText()
                        + ", operator " + g.path("closures").path("operator").asText()),
                List.of("controls", "fee " + g.path("fee_bps").asText() + " bps; cap per epoch "
                        + g.path("cap_per_epoch").asText("none") + ", per principal "
                        + g.path("cap_per_principal").asText("none") + " credits; allowed resources "
                        + g.path("allowed_resources").toString()),
                List.of("epochs with crossings", g.path("active_epochs").asText()),
                List.of("exposure (external credits)", "now " + g.path("exposure").path("exposure").asText()
                        + ", peak " + g.path("exposure").path("peak_exposure").asText() + " after epoch "
                        + g.path("exposure").path("peak_exposure_epoch").asText() + "; external holders' P&L "
                        + g.path("exposure").path("external_pnl").asText())));
        JsonNode open = g.path("open_access");
        if (!open.isMissingNode()) { // ordinary agents crossing on their own (docs/permeability.md#open-access)
            StringBuilder units = new StringBuilder();
            for (JsonNode link : open.path("markets")) {
                units.append("; ").append(link.path("market").asText()).append(" ")
                        .append(link.path("exported").asText()).append(" out, ")
                        .append(link.path("imported").asText()).append(" in");
            }
            facts.add(List.of("open access", open.path("crossings").asText() + " crossings by agents of "
                    + open.path("cohorts").toString() + " (thresholds " + open.path("threshold_ticks_min").asText()
                    + "-" + open.path("threshold_ticks_max").asText() + " ticks, up to "
                    + open.path("max_units").asText() + " units)" + units));
        }
        b.append(Html.keyValues(facts));
        double[] epoch = m.column("epoch");
        List<Double> closures = new ArrayList<>();
        for (JsonNode r : audit) {
            if (r.path("type").asText().equals("gateway") && r.path("action").asText().equals("close")) {
                closures.add(r.path("epoch").asDouble());
            }
        }
        LineChart flows = new LineChart("gateway flows per metrics row: agent currency", "epoch", "credits")
                .add("sold out (AC -> EM)", epoch, perRow(m.column("gateway.agent_currency_out")))
                .add("bought in (EM -> AC)", epoch, perRow(m.column("gateway.agent_currency_in")));
        closures.forEach(flows::marker);
        b.append(flows.svg());
        for (JsonNode link : g.path("markets")) {
            String name = link.path("name").asText();
            LineChart goods = new LineChart(name + ": goods across the boundary per metrics row", "epoch", "units")
                    .add("exported", epoch, perRow(m.column(name + ".exported")))
                    .add("imported", epoch, perRow(m.column(name + ".imported")));
            closures.forEach(goods::marker);
            b.append(goods.svg());
            LineChart prices = new LineChart(name + ": internal and external price", "epoch",
                    "credits / external credits")
                    .add("internal (agent currency)", epoch, m.column(name + ".price"))
                    .add("external (external money)", epoch, m.column(name + ".external_price"));
            closures.forEach(prices::marker);
            b.append(prices.svg());
        }
        b.append(new LineChart("external holders: marked-to-market P&L and exposure", "epoch", "external credits")
                .add("P&L", epoch, m.column("gateway.external_pnl"))
                .add("exposure", epoch, m.column("gateway.exposure"))
                .add("rate (external credits per credit)", epoch, m.column("gateway.rate")).svg());
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode link : g.path("markets")) {
            JsonNode out = link.path("return_correlation");
            rows.add(List.of(link.path("name").asText(), link.path("exported").asText(), link.path("imported").asText(),
                    link.path("external_price").asText(), link.path("internal_max_drawdown").asText(),
                    link.path("external_max_drawdown").asText(), link.path("pass_through").asText("-"),
                    out.path("lag0").asText("-") + " / " + out.path("lag1").asText("-"),
                    link.path("reverse_correlation").path("lag1").asText("-")));
        }
        b.append(Html.table(List.of("market", "exported", "imported", "external price", "internal max drawdown",
                "external max drawdown", "pass-through", "corr(int, ext) lag 0 / 1", "corr(ext, int) lag 1"), rows));
        JsonNode f = g.path("flows");
        b.append(Html.table(List.of("agent currency out", "in", "EM for exports", "EM from imports", "EM for AC",
                "EM from AC", "fees (EM)"), List.of(List.of(f.path("agent_currency_out").asText(),
                f.path("agent_currency_in").asText(), f.path("external_money_for_exports").asText(),
                f.path("external_money_from_imports").asText(), f.path("external_money_for_agent_currency").asText(),
                f.path("external_money_from_agent_currency").asText(), f.path("fees").asText()))));
        b.append("<p>Flows are the change of metrics.csv's cumulative gateway columns from one row to the next (per"
                + " epoch when metrics_every is 1). Exposure is the external holders' loss, marked to market, on what"
                + " they bought from the sandbox through the gateway; pass-through is the external price's largest"
                + " drawdown over the internal one's. docs/permeability.md defines each.</p>");
        return b.toString();
    }

    /** Differences between consecutive rows of a cumulative column (the first row's value as is). */
    private static double[] perRow(double[] cumulative) {
        double[] d = new double[cumulative.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = i == 0 ? cumulative[0] : cumulative[i] - cumulative[i - 1];
        }
        return d;
    }
}
