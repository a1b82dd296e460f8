package org.vaesim.host.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.vaesim.host.run.RunDirectory;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code report.html} of a sweep directory: for every metric, its mean against the first swept parameter,
 * one line per value of the other parameters, with the 95% confidence band; and the table of points. Each
 * chart is also written as a standalone SVG file in {@code charts/}. A first parameter whose values are not
 * all numbers (a mechanism object, say) is drawn as categories, in grid order.
 */
public final class SweepReport {
    /** A sampled sweep's design (docs/sweeps.md#sampling-designs): its presence makes the charts scatter plots. */
    public static final String DESIGN = "design.json";
    /** The robustness of the sweep's claims (docs/sweeps.md#robustness), shown in a section of its own. */
    public static final String ROBUSTNESS = "robustness.json";
    private SweepReport() {
    }

    public static Path write(Path sweepDir, Path out) throws IOException {
        List<String> lines = Files.readAllLines(sweepDir.resolve("summary.csv"), StandardCharsets.UTF_8);
        if (lines.size() < 2) {
            throw new IOException(sweepDir + "/summary.csv has no points yet");
        }
        List<String> header = List.of(cells(lines.getFirst()));
        int runsColumn = header.indexOf("runs");
        List<String> parameters = header.subList(1, runsColumn);
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            rows.add(cells(line));
        }
        List<String> categories = new ArrayList<>();
        boolean categorical = false;
        for (String[] row : rows) {
            categorical |= Double.isNaN(parse(row[1]));
            if (!categories.contains(row[1])) {
                categories.add(row[1]);
            }
        }
        // a sampled sweep (design.json): its points scatter over the first sampled parameter, one series of dots per
        // combination of the grid's values; lines would join unrelated points
        int sampled = sampledParameters(sweepDir);
        Path charts = sweepDir.resolve("charts");
        Files.createDirectories(charts);
        int chartNumber = 0;
        StringBuilder b = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
        b.append("<title>vaesim sweep report</title><style>").append(HtmlReport.CSS).append("</style></head><body>");
        b.append("<h1>vaesim sweep: ").append(Html.escape(sweepDir.getFileName().toString())).append("</h1>");
        b.append("<p>").append(rows.size()).append(" points over ").append(Html.escape(String.join(", ", parameters)))
                .append("; lines are means over seeds, bands 95% confidence intervals (Student-t; on the logit scale"
                + " for bounded metrics, see docs/sweeps.md).</p>");
        for (int c = runsColumn + 1; c + 2 < header.size(); c += 3) {
            String metric = header.get(c).substring(0, header.get(c).length() - ".mean".length());
            LineChart chart = new LineChart(metric, parameters.getFirst(), metric);
            if (categorical) {
                chart.categories(categories.stream().map(SweepReport::label).toList());
            }
            for (Map.Entry<String, List<String[]>> group : groups(header, rows, parameters.size(), sampled)
                    .entrySet()) {
                List<String[]> g = sampled == 0 ? group.getValue() : group.getValue().stream()
                        .sorted(Comparator.comparingDouble(r -> parse(r[1]))).toList();
                double[] x = new double[g.size()];
                double[] mean = new double[g.size()];
                double[] low = new double[g.size()];
                double[] high = new double[g.size()];
                for (int i = 0; i < g.size(); i++) {
                    x[i] = categorical ? categories.indexOf(g.get(i)[1]) + 1 : parse(g.get(i)[1]);
                    mean[i] = parse(g.get(i)[c]);
                    low[i] = parse(g.get(i)[c + 1]);
                    high[i] = parse(g.get(i)[c + 2]);
                }
                String name = group.getKey().isEmpty() ? "mean" : group.getKey();
                (sampled == 0 ? chart.add(name, x, mean) : chart.points(name, x, mean)).band(x, low, high);
            }
            b.append(chart.svg());
            Files.writeString(charts.resolve(String.format("%02d-%s.svg", ++chartNumber,
                    metric.replaceAll("[^A-Za-z0-9._-]", "_"))), chart.standaloneSvg(), StandardCharsets.UTF_8);
        }
        b.append("<h2>Points</h2>");
        List<List<String>> table = new ArrayList<>();
        for (String[] row : rows) {
            table.add(List.of(row).subList(0, Math.min(row.length, runsColumn + 1)));
        }
        b.append(Html.table(header.subList(0, runsColumn + 1), table));
        robustness(sweepDir, b);
        b.append("<p>From summary.csv; each run's own report is in points/*/report.html.</p></body></html>");
        Path target = out != null ? out : sweepDir.resolve(HtmlReport.FILE);
        Files.writeString(target, b.toString(), StandardCharsets.UTF_8);
        return target;
    }

    /**
     * The rows by the values of the parameters after the first: one line per combination, named by those
     * parameters that vary (a parameter with one value in the whole grid names no line), values labelled as
     * categories are. In a sampled sweep, by the grid's parameters alone (after the {@code sampled} ones).
     */
    private static Map<String, List<String[]>> groups(List<String> header, List<String[]> rows, int parameters,
                                                      int sampled) {
        Map<String, List<String[]>> groups = new LinkedHashMap<>();
        for (String[] row : rows) {
            List<String> key = new ArrayList<>();
            for (int p = Math.max(2, sampled + 1); p <= parameters; p++) {
                final int column = p;
                if (rows.stream().anyMatch(r -> !r[column].equals(rows.getFirst()[column]))) {
                    key.add(header.get(p) + " = " + label(row[p]));
                }
            }
            groups.computeIfAbsent(String.join(" / ", key), k -> new ArrayList<>()).add(row);
        }
        return groups;
    }

    /** How many of the sweep's parameters its sampling design sets (they come first), 0 for a grid sweep. */
    private static int sampledParameters(Path sweepDir) throws IOException {
        Path design = sweepDir.resolve(DESIGN);
        return Files.exists(design) ? RunDirectory.JSON.readTree(design.toFile()).path("ranges").size() : 0;
    }

    /** The robustness section: one row per claim of robustness.json (docs/sweeps.md#robustness), if there is one. */
    private static void robustness(Path sweepDir, StringBuilder b) throws IOException {
        Path file = sweepDir.resolve(ROBUSTNESS);
        if (!Files.exists(file)) {
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode c : RunDirectory.JSON.readTree(file.toFile()).path("claims")) {
            if (c.has("error") || c.path("cells").asInt() == 0) {
                rows.add(List.of(c.path("name").asText(), c.path("claim").asText(), c.has("error")
                        ? c.path("error").asText() : "no cell has a complete run", "", "", "", ""));
                continue;
            }
            JsonNode split = c.path("split");
            rows.add(List.of(c.path("name").asText(), c.path("claim").asText(),
                    c.path("cells_holding").asInt() + " of " + c.path("cells").asInt() + " ("
                    + percent(c.path("share").asDouble()) + ", 95% CI " + percent(c.path("share_ci95").path(0)
                    .asDouble()) + " to " + percent(c.path("share_ci95").path(1).asDouble()) + ")",
                    c.path("runs_holding").asInt() + " of " + c.path("runs").asInt(),
                    Integer.toString(c.path("mixed_cells").asInt()),
                    Integer.toString(c.path("flips").size()),
                    split.isObject() ? "holds " + split.path("holds").asText() + " " + split.path("parameter").asText()
                    + " = " + String.format(Locale.ROOT, "%.4g", split.path("threshold").asDouble()) + " in "
                    + percent(split.path("accuracy").asDouble()) + " of cells" : "none"));
        }
        b.append("<h2>Robustness</h2><p>Whether each claim holds across the swept region: per cell (the points that"
                + " differ only in the lever compared, or one point), on the means over the seeds; runs count each"
                + " seed; mixed cells are those where the seeds disagree. Per-seed values in robustness-NAME.csv,"
                + " the cells where a claim fails in robustness.json.</p>");
        b.append(Html.table(List.of("claim", "statement", "cells where it holds", "runs where it holds",
                "mixed cells", "cells where it fails", "best one-parameter split"), rows));
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * share);
    }

    /**
     * A category's label from a JSON object's fields, in order: text values as they are, numbers and booleans after
     * their field's name, nested objects and arrays by the name alone ({"type":"principal_cap","max_share":0.4} is
     * "principal_cap max_share 0.4"; {"subsidy":{...},"reputation_weight":2} is "subsidy reputation_weight 2"); an
     * empty object is "defaults".
     */
    public static String label(String value) {
        if (!value.startsWith("{")) {
            return value;
        }
        try {
            List<String> parts = new ArrayList<>();
            // text values as they are (a mechanism's type), numbers and booleans after their field's name, nested
            // objects and arrays by their field's name alone (a policy's subsidy); an empty object is the defaults
            RunDirectory.JSON.readTree(value).properties().forEach(e -> parts.add(e.getValue().isTextual()
                    ? e.getValue().asText() : e.getValue().isContainerNode() ? e.getKey()
                    : e.getKey() + " " + e.getValue().toString()));
            return parts.isEmpty() ? "defaults" : String.join(" ", parts);
        } catch (IOException e) {
            return value;
        }
    }

    /** The cells of one CSV line (RFC 4180: quoted cells may hold commas and doubled quotes). */
    public static String[] cells(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        out.add(cell.toString());
        return out.toArray(new String[0]);
    }

    private static double parse(String cell) {
        try {
            return cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
        } catch (NumberFormatException notANumber) {
            return Double.NaN;
        }
    }
}
