package org.vaesim.host.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.vaesim.host.facts.RunFacts;
import org.vaesim.host.run.RunDirectory;
import org.vaesim.host.safety.AuditLog;
import org.vaesim.host.stage.StageKind;
import org.vaesim.host.stage.Stages;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code report.html}: one self-contained page (inline SVG and CSS, no scripts, no network) with, first, the run's
 * results and warnings as {@code vaesim run} prints them ({@link ResultsBlock}), then its prices, volumes,
 * drawdowns, breaker halts, inequality over time, gate rejections, safety events, cohorts and conservation, read
 * from the run directory's own files.
 */
public final class HtmlReport {
    public static final String FILE = "report.html";
    static final String CSS = """
            body{font-family:system-ui,sans-serif;margin:24px;color:#222;max-width:820px}
            h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ddd}
            table{border-collapse:collapse;font-size:13px;margin:8px 0}td,th{border:1px solid #ccc;padding:3px 8px;
            text-align:right}th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}
            .chart{display:block;margin:8px 0}.chart .title{font-size:13px;font-weight:600}
            .chart .tick,.chart .legend,.chart .axis{font-size:11px}.chart .frame{fill:none;stroke:#999}
            .chart .grid{stroke:#eee}.chart .marker{stroke:#f4a;stroke-width:2;opacity:.5}
            .chart .band{stroke:none;opacity:.15}
            .ok{color:#176a2c}.bad{color:#b00020}
            """;

    private HtmlReport() {
    }

    /** Writes {@code RUN_DIR/report.html} (or {@code out}) and returns its path. */
    public static Path write(Path runDir, Path out) throws IOException {
        RunDirectory run = new RunDirectory(runDir);
        JsonNode summary = RunDirectory.JSON.readTree(run.summary().toFile());
        Metrics metrics = Metrics.read(run.metrics());
        List<JsonNode> audit = readAudit(run.audit());
        Path target = out != null ? out : runDir.resolve(FILE);
        String html = render(summary, metrics, audit);
        String sections = Files.exists(run.metrics()) ? FactsSection.of(RunFacts.of(run.metrics())) : "";
        for (StageKind kind : Stages.stateOrder()) { // each mechanism's section, from its own files; a new one last
            sections += kind.report(summary, runDir);
        }
        html = html.replace(MECHANISMS_PLACEHOLDER, sections);
        Files.writeString(target, html.replace(MECHANISMS_PLACEHOLDER, ""), StandardCharsets.UTF_8);
        return target;
    }

    private static final String MECHANISMS_PLACEHOLDER = "<!--mechanisms-->";

    /**
     * The money accounts of the conservation block: the population's, then every account a stage added
     * ({@code Stage.moneyAccounts}: a field named {@code *_sink}, {@code *_account} or {@code *_accounts}, such as the
     * auctions' revenue or the missions' escrow), in summary.json's order, so a new stage's account shows without an
     * edit here.
     */
    static String moneyTable(JsonNode c) {
        List<String> header = new ArrayList<>(List.of("money initial", "injected", "removed", "final", "fee sink"));
        List<String> row = new ArrayList<>(List.of(c.path("money_initial").asText(), c.path("money_injected").asText(),
                c.path("money_removed").asText(), c.path("money_final").asText(), c.path("fee_sink").asText()));
        for (Map.Entry<String, JsonNode> f : c.properties()) {
            String k = f.getKey();
            if (!k.equals("fee_sink") && f.getValue().isValueNode()
                    && (k.endsWith("_sink") || k.endsWith("_account") || k.endsWith("_accounts"))) {
                header.add(k.replace('_', ' '));
                row.add(f.getValue().asText());
            }
        }
        return Html.table(header, List.of(row));
    }

    /** metrics.csv as columns (for a stage's report section too: the gateway's columns). */
    public record Metrics(List<String> header, List<double[]> rows) {
        /** {@code file}'s columns; none when it is absent. */
        public static Metrics read(Path file) throws IOException {
            if (!Files.exists(file)) {
                return new Metrics(List.of(), List.of());
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String> header = List.of(lines.getFirst().split(",", -1));
            List<double[]> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",", -1);
                double[] row = new double[header.size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = i < cells.length && !cells[i].isEmpty() ? Double.parseDouble(cells[i]) : Double.NaN;
                }
                rows.add(row);
            }
            return new Metrics(header, rows);
        }

        /** Column {@code name}, NaN for empty cells (all NaN when there is no such column). */
        public double[] column(String name) {
            int i = header.indexOf(name);
            double[] v = new double[rows.size()];
            for (int r = 0; r < v.length; r++) {
                v[r] = i < 0 ? Double.NaN : rows.get(r)[i];
            }
            return v;
        }
    }

    /** The audit log's records other than the per-epoch ones (halts, kills, gateway closures, ...); none if absent. */
    public static List<JsonNode> readAudit(Path file) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        if (!Files.exists(file)) {
            return records;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            JsonNode r = RunDirectory.JSON.readTree(line);
            if (!r.path("type").asText().equals("epoch")) {
                records.add(r);
            }
        }
        return records;
    }

    static String render(JsonNode s, Metrics m, List<JsonNode> audit) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
        b.append("<title>vaesim report: ").append(Html.escape(s.path("scenario").asText())).append("</title>");
        b.append("<style>").append(CSS).append("</style></head><body>");
        b.append("<h1>vaesim report: ").append(Html.escape(s.path("scenario").asText())).append("</h1>");
        b.append(Html.keyValues(List.of(List.of("status", s.path("status").asText()),
                List.of("seed", s.path("seed").asText()),
                List.of("backend", s.path("backend").asText() + " (" + s.path("device").asText() + ")"),
                List.of("agents", s.path("agents").asText()),
                List.of("epochs", s.path("completed_epochs").asText() + " of " + s.path("epochs").asText()),
                List.of("state checksum", s.path("state_checksum").asText("(none)")))));
        b.append(ResultsBlock.html(s));
        double[] epoch = m.column("epoch");
        b.append("<h2>Markets</h2>");
        for (JsonNode market : s.path("markets")) {
            String name = market.path("name").asText();
            LineChart price = new LineChart(name + ": last price", "epoch", "credits")
                    .add("price", epoch, m.column(name + ".price"));
            for (JsonNode r : audit) {
                String type = r.path("type").asText();
                boolean ownHalt = (type.equals("breaker_halt") || type.equals("volatility_pause"))
                        && r.path("market").asText().equals(name);
                // A market-wide halt stops its group only: the open economy, or the sandbox it names.
                boolean groupHalt = type.equals("market_wide_halt")
                        && r.path("sandbox").asText("").equals(market.path("sandbox").asText(""));
                if (ownHalt || groupHalt) {
                    price.marker(r.path("epoch").asDouble());
                }
            }
            b.append(price.svg());
            b.append(new LineChart(name + ": volume and drawdown", "epoch", "units / fraction")
                    .add("volume (share of its maximum)", epoch, scaled(m.column(name + ".volume")))
                    .add("drawdown", epoch, m.column(name + ".drawdown")).svg());
        }
        b.append(Html.table(List.of("market", "last price", "volume", "max drawdown", "breaker trips", "fees"),
                rows(s.path("markets"), "name", "last_price", "volume", "max_drawdown", "breaker_trips", "fees")));
        b.append(CrashSection.of(s, m));
        b.append(MECHANISMS_PLACEHOLDER);
        b.append("<h2>Inequality</h2>");
        b.append(new LineChart("wealth inequality", "epoch", "share")
                .add("Gini", epoch, m.column("wealth_gini"))
                .add("top 10% share", epoch, m.column("top10_share"))
                .add("top 1% share", epoch, m.column("top1_share")).svg());
        JsonNode w = s.path("wealth");
        if (!w.isMissingNode()) {
            List<List<String>> kv = new ArrayList<>();
            kv.add(List.of("Gini at epoch " + w.path("epoch").asText(), String.format(java.util.Locale.ROOT,
                    "%.6f (exact value in [%.6f, %.6f])", w.path("gini").asDouble(), w.path("gini_lower").asDouble(),
                    w.path("gini_upper").asDouble())));
            JsonNode mob = w.path("mobility");
            if (!mob.isMissingNode()) {
                kv.add(List.of("rank mobility, epochs " + mob.path("from_epoch").asText() + " to "
                        + mob.path("to_epoch").asText(), String.format(java.util.Locale.ROOT,
                        "Shorrocks %.4f; %.2f%% of agents changed wealth decile",
                        mob.path("shorrocks").asDouble(), 100 * mob.path("changed_share").asDouble())));
            }
            b.append(Html.keyValues(kv));
        }
        b.append(Html.table(List.of("cohort", "strategy", "principal", "agents", "mean wealth", "Gini", "top 10%",
                "Gini change from epoch 0"), rows(s.path("cohorts"), "name", "strategy", "principal", "agents",
                "mean_wealth", "wealth_gini", "top10_share", "wealth_gini_change")));
        b.append("<h2>Safety</h2>");
        LineChart rejects = new LineChart("gate rejections (cumulative)", "epoch", "orders");
        for (JsonNode market : s.path("markets")) {
            rejects.add(market.path("name").asText(), epoch, m.column(market.path("name").asText() + ".rejects"));
        }
        b.append(rejects.svg());
        List<List<String>> events = new ArrayList<>();
        for (JsonNode r : audit) {
            String type = r.path("type").asText();
            if (type.equals("breaker_halt") || type.equals("volatility_pause") || type.equals("market_wide_halt")
                    || type.equals("kill") || type.equals("gateway")) {
                events.add(List.of(r.path("epoch").asText(), type, details(r)));
            }
        }
        b.append(events.isEmpty() ? "<p>No halts, pauses or kills.</p>"
                : Html.table(List.of("epoch", "event", "details"), events));
        JsonNode safety = s.path("safety");
        b.append(Html.table(List.of("principal", "cohorts", "agents", "active", "agent share", "wealth share",
                        "orders booked", "orders filled", "trading P&L", "reputation", "below full", "on probation"),
                rows(safety.path("largest_principals"), "name", "cohorts", "agents", "active_agents", "agent_share",
                        "wealth_share", "orders_booked", "orders_filled", "trading_pnl", "mean_reputation",
                        "below_full_reputation", "on_probation")));
        b.append("<h2>Conservation</h2>");
        JsonNode c = s.path("conservation");
        boolean ok = c.path("all_conserved").asBoolean(false);
        b.append("<p class=\"").append(ok ? "ok" : "bad").append("\">")
                .append(ok ? (c.has("external_money") ? "Agent currency, external money and every good conserved exactly."
                        : "Money and every good conserved exactly.") : "Not conserved, or the run did not finish.")
                .append("</p>");
        b.append(moneyTable(c));
        if (c.has("external_money")) {
            JsonNode em = c.path("external_money");
            b.append(Html.table(List.of("agent currency offshore, initial", "offshore, final", "external money initial",
                            "final", "external market", "broker principals", "gateway fees"),
                    List.of(List.of(c.path("offshore_initial").asText(), c.path("offshore_final").asText(),
                            em.path("initial").asText(), em.path("final").asText(), em.path("external_market").asText(),
                            em.path("broker_principals").asText(), em.path("gateway_fees").asText()))));
        }
        JsonNode t = s.path("throughput");
        b.append("<h2>Throughput</h2>").append(Html.table(
                List.of("agent-epochs/s", "epoch p50 (ms)", "epoch p99 (ms)", "wall (s)"),
                List.of(List.of(t.path("agent_epochs_per_second").asText(), t.path("epoch_ms_p50").asText(),
                        t.path("epoch_ms_p99").asText(), t.path("wall_seconds").asText()))));
        b.append("<p>Written by vaesim ").append(Html.escape(s.path("vaesim_version").asText()))
                .append(" from summary.json, metrics.csv and ").append(AuditLog.FILE).append(".</p>");
        return b.append("</body></html>").toString();
    }

    private static double[] scaled(double[] v) {
        double max = 0;
        for (double x : v) {
            if (Double.isFinite(x)) {
                max = Math.max(max, x);
            }
        }
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = max > 0 ? v[i] / max : v[i];
        }
        return out;
    }

    /** A table's rows: per element of {@code array}, its {@code fields} as text. */
    public static List<List<String>> rows(JsonNode array, String... fields) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode n : array) {
            List<String> row = new ArrayList<>();
            for (String f : fields) {
                row.add(n.path(f).asText());
            }
            rows.add(row);
        }
        return rows;
    }

    private static String details(JsonNode r) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, JsonNode> f : r.properties()) {
            if (!List.of("seq", "epoch", "type", "prev", "hash").contains(f.getKey())) {
                b.append(b.isEmpty() ? "" : ", ").append(f.getKey()).append(": ").append(f.getValue().toString());
            }
        }
        return b.toString();
    }
}
