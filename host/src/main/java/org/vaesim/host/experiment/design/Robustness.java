package org.vaesim.host.experiment.design;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.vaesim.host.report.SweepReport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Whether each {@link Claim} of a sweep holds across the swept region (docs/sweeps.md#robustness). The unit is a
 * cell: one point for a comparison; for a lever claim, the points that differ only in the lever (so every other
 * parameter, sampled or not, is held equal). A cell is named by the parameters that vary from point to point. In
 * each cell the claim is tested in every seed and on the means over the seeds; the report gives the share of cells
 * where it holds on the means with a Wilson 95% interval, the share of runs, the cells where the seeds disagree,
 * every cell where it fails (a regime switch: which lever wins there instead), and the one threshold on one
 * parameter that best separates the cells where it holds from the others.
 */
public final class Robustness {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final double Z95 = 1.959963984540054;

    private Robustness() {
    }

    /**
     * The sweep's points and runs as the report needs them.
     *
     * @param parameters the sweep's parameters (sampled first)
     * @param points     each point's values, by point index
     * @param seeds      the seeds, in order
     * @param runs       per point index, per seed, the run's metrics (results.csv's row); complete runs only
     */
    public record Inputs(List<String> parameters, List<List<JsonNode>> points, List<Long> seeds,
                         Map<Integer, Map<Long, Map<String, Double>>> runs) {
    }

    /** One cell of a claim: its index, the points in it (one per lever value, or one), and its values. */
    private record Cell(int index, List<Integer> points, List<JsonNode> values) {
    }

    /**
     * Writes robustness.json (SweepReport.ROBUSTNESS) and a CSV per claim into {@code dir}; returns one line per
     * claim for the log.
     */
    public static List<String> write(Path dir, List<Claim> claims, Inputs in) throws IOException {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode out = root.putArray("claims");
        List<String> lines = new ArrayList<>();
        for (Claim claim : claims) {
            List<String> csv = new ArrayList<>();
            ObjectNode c = evaluate(claim, in, csv);
            out.add(c);
            lines.add(c.has("error") ? claim.name() + ": " + c.get("error").asText() : c.get("cells").asInt() == 0
                    ? claim.name() + ": no cell has a complete run" : String.format(
                    Locale.ROOT, "%s: holds in %d of %d cells (%.0f%%, 95%% CI %.0f-%.0f%%) and %d of %d runs",
                    claim.name(), c.get("cells_holding").asInt(), c.get("cells").asInt(),
                    100 * c.get("share").asDouble(), 100 * c.get("share_ci95").get(0).asDouble(),
                    100 * c.get("share_ci95").get(1).asDouble(), c.get("runs_holding").asInt(),
                    c.get("runs").asInt()));
            writeAtomically(dir.resolve("robustness-" + claim.name() + ".csv"), csv);
        }
        writeAtomically(dir.resolve(SweepReport.ROBUSTNESS), List.of(JSON.writeValueAsString(root)));
        return lines;
    }

    /**
     * Deletes robustness files in {@code dir} that none of {@code claims} writes: robustness.json when there are
     * none, and the CSV of every claim renamed or removed since an earlier invocation, so the directory never shows a
     * report of claims its sweep file does not make.
     */
    public static void removeStale(Path dir, List<Claim> claims) throws IOException {
        if (claims.isEmpty()) {
            Files.deleteIfExists(dir.resolve(SweepReport.ROBUSTNESS));
        }
        List<String> current = claims.stream().map(c -> "robustness-" + c.name() + ".csv").toList();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "robustness-*.csv")) {
            for (Path f : files) {
                if (!current.contains(f.getFileName().toString())) {
                    Files.delete(f);
                }
            }
        }
    }

    /** The claim's report; {@code csv} receives its per-seed table (header first). */
    static ObjectNode evaluate(Claim claim, Inputs in, List<String> csv) {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("name", claim.name());
        r.put("claim", claim.text(in.parameters()));
        List<String> needed = claim.lever() ? List.of(claim.metric()) : claim.right() == null
                ? List.of(claim.metric()) : List.of(claim.metric(), claim.right());
        Map<String, Double> any = in.runs().values().stream().flatMap(m -> m.values().stream()).findFirst()
                .orElse(Map.of());
        for (String m : needed) {
            if (!any.isEmpty() && !any.containsKey(m)) {
                r.put("error", "metric " + m + " is not a column of results.csv; columns: " + any.keySet());
                return r;
            }
        }
        // the parameters that name a cell: all but the lever, and but those with one value at every point (a grid
        // parameter that only overrides the base scenario)
        List<Integer> shown = new ArrayList<>();
        for (int p = 0; p < in.parameters().size(); p++) {
            final int k = p;
            JsonNode first = in.points().getFirst().get(k);
            if (p != claim.across() && in.points().stream().anyMatch(v -> !v.get(k).equals(first))) {
                shown.add(p);
            }
        }
        List<JsonNode> levels = new ArrayList<>();
        List<Cell> cells = cells(claim, in, shown, levels);
        List<String> head = new ArrayList<>(List.of("cell"));
        shown.forEach(p -> head.add(in.parameters().get(p)));
        head.add("seed");
        if (claim.lever()) {
            levels.forEach(l -> head.add(in.parameters().get(claim.across()) + "=" + SweepReport.label(text(l))));
            head.add("best");
        } else {
            head.addAll(List.of(claim.metric(), claim.right() != null ? claim.right() : "right"));
        }
        head.add("holds");
        csv.add(String.join(",", head.stream().map(Robustness::csvCell).toList()));

        int cellsDefined = 0;
        int cellsHolding = 0;
        int runs = 0;
        int runsHolding = 0;
        int mixed = 0;
        ArrayNode flips = JsonNodeFactory.instance.arrayNode();
        List<double[]> splitData = new ArrayList<>(); // per defined cell: its parameters' values, then 1 or 0
        for (Cell cell : cells) {
            int held = 0;
            int tested = 0;
            double[] sum = new double[cell.points().size() + (claim.lever() ? 0 : 1)];
            int paired = 0;
            ArrayNode perSeed = JsonNodeFactory.instance.arrayNode();
            for (long seed : in.seeds()) {
                double[] v = values(claim, in, cell, seed);
                if (v == null) {
                    continue;
                }
                boolean holds = holds(claim, v, cell, levels);
                boolean defined = !Double.isNaN(v[0]) && Arrays.stream(v).noneMatch(Double::isNaN);
                if (defined) {
                    tested++;
                    held += holds ? 1 : 0;
                    paired++;
                    for (int i = 0; i < v.length; i++) {
                        sum[i] += v[i];
                    }
                }
                csv.add(row(cell, shown, Long.toString(seed), v, claim, levels, defined ? holds : null));
                ObjectNode s = perSeed.addObject();
                s.put("seed", seed);
                ArrayNode vs = s.putArray("values");
                for (double x : v) {
                    addNumber(vs, x);
                }
                if (defined) {
                    s.put("holds", holds);
                }
            }
            runs += tested;
            runsHolding += held;
            if (paired == 0) {
                continue;
            }
            double[] mean = new double[sum.length];
            for (int i = 0; i < sum.length; i++) {
                mean[i] = sum[i] / paired;
            }
            boolean holds = holds(claim, mean, cell, levels);
            csv.add(row(cell, shown, "mean", mean, claim, levels, holds));
            cellsDefined++;
            cellsHolding += holds ? 1 : 0;
            mixed += held > 0 && held < tested ? 1 : 0;
            double[] point = new double[shown.size() + 1];
            for (int i = 0; i < shown.size(); i++) {
                JsonNode v = cell.values().get(i);
                point[i] = v.isNumber() ? v.doubleValue() : Double.NaN;
            }
            point[shown.size()] = holds ? 1 : 0;
            splitData.add(point);
            if (!holds) {
                ObjectNode f = flips.addObject();
                f.put("cell", cell.index());
                ObjectNode values = f.putObject("values");
                for (int i = 0; i < shown.size(); i++) {
                    values.set(in.parameters().get(shown.get(i)), cell.values().get(i));
                }
                ArrayNode means = f.putArray("means");
                for (double x : mean) {
                    addNumber(means, x);
                }
                if (claim.lever()) {
                    int best = best(claim, mean);
                    f.set("best", best < 0 ? JsonNodeFactory.instance.textNode("tie") : levels.get(best));
                }
                f.put("seeds_holding", held);
                f.put("seeds", tested);
                f.set("per_seed", perSeed);
            }
        }
        if (claim.lever()) {
            ArrayNode l = r.putArray("levels");
            levels.forEach(l::add);
            r.put("metric", claim.metric());
            r.put("best", claim.lowest() ? "lowest" : "highest");
            r.set("expect", claim.expected());
        }
        r.put("cells", cellsDefined);
        r.put("cells_holding", cellsHolding);
        // with no complete run there is no share: null, never NaN (which is not JSON)
        if (cellsDefined == 0) {
            r.putNull("share");
            r.putArray("share_ci95").addNull().addNull();
        } else {
            r.put("share", (double) cellsHolding / cellsDefined);
            double[] ci = wilson(cellsHolding, cellsDefined);
            r.putArray("share_ci95").add(ci[0]).add(ci[1]);
        }
        r.put("holds_everywhere", cellsDefined > 0 && cellsHolding == cellsDefined);
        r.put("runs", runs);
        r.put("runs_holding", runsHolding);
        if (runs == 0) {
            r.putNull("run_share");
        } else {
            r.put("run_share", (double) runsHolding / runs);
        }
        r.put("mixed_cells", mixed);
        r.set("split", split(splitData, shown.stream().map(in.parameters()::get).toList()));
        r.set("flips", flips);
        return r;
    }

    /** The cells of a claim, in point order; {@code levels} receives the lever's values in grid order. */
    private static List<Cell> cells(Claim claim, Inputs in, List<Integer> shown, List<JsonNode> levels) {
        Map<List<JsonNode>, List<Integer>> byKey = new LinkedHashMap<>();
        for (int p = 0; p < in.points().size(); p++) {
            List<JsonNode> values = in.points().get(p);
            List<JsonNode> key = shown.stream().map(values::get).toList();
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
            if (claim.lever() && !levels.contains(values.get(claim.across()))) {
                levels.add(values.get(claim.across()));
            }
        }
        List<Cell> cells = new ArrayList<>();
        // a lever claim's cell lists its points in the lever's grid order, so that point i is level i
        byKey.forEach((key, points) -> cells.add(new Cell(cells.size(), claim.lever() ? points.stream()
                .sorted(Comparator.comparingInt(p -> levels.indexOf(in.points().get(p).get(claim.across()))))
                .toList() : List.copyOf(points), key)));
        return cells;
    }

    /**
     * A run's values in a cell: a lever claim's metric per level (in {@code levels}' order), or a comparison's left
     * and right; null when no point of the cell has a complete run with this seed. NaN where a value is missing.
     */
    private static double[] values(Claim claim, Inputs in, Cell cell, long seed) {
        double[] v = new double[claim.lever() ? cell.points().size() : 2];
        boolean any = false;
        for (int i = 0; i < cell.points().size(); i++) {
            Map<String, Double> run = in.runs().getOrDefault(cell.points().get(i), Map.of()).get(seed);
            any |= run != null;
            if (claim.lever()) {
                v[i] = run == null ? Double.NaN : run.getOrDefault(claim.metric(), Double.NaN);
            } else {
                v[0] = run == null ? Double.NaN : run.getOrDefault(claim.metric(), Double.NaN);
                v[1] = run == null ? Double.NaN : claim.right() == null ? claim.rightValue()
                        : run.getOrDefault(claim.right(), Double.NaN);
            }
        }
        return any ? v : null;
    }

    /** Whether the claim holds for these values: the expected lever strictly best, or left op right. */
    private static boolean holds(Claim claim, double[] v, Cell cell, List<JsonNode> levels) {
        if (!claim.lever()) {
            return claim.compare(v[0], v[1]);
        }
        int expected = -1;
        for (int i = 0; i < cell.points().size(); i++) {
            expected = levels.get(i).equals(claim.expected()) ? i : expected;
        }
        if (expected < 0 || Double.isNaN(v[expected])) {
            return false;
        }
        for (int i = 0; i < v.length; i++) {
            if (i != expected && !(claim.lowest() ? v[expected] < v[i] : v[expected] > v[i])) {
                return false; // a tie is no win: the claim is that this lever is best
            }
        }
        return true;
    }

    /** The index of the strictly best level, or -1 when two or more share the best value. */
    private static int best(Claim claim, double[] v) {
        int best = 0;
        boolean tie = false;
        for (int i = 1; i < v.length; i++) {
            boolean better = claim.lowest() ? v[i] < v[best] : v[i] > v[best];
            tie = !better && (v[i] == v[best] || tie);
            best = better ? i : best;
        }
        return tie ? -1 : best;
    }

    private static String row(Cell cell, List<Integer> shown, String seed, double[] v, Claim claim,
                              List<JsonNode> levels, Boolean holds) {
        List<String> cells = new ArrayList<>(List.of(Integer.toString(cell.index())));
        cell.values().forEach(x -> cells.add(csvCell(text(x))));
        cells.add(seed);
        for (double x : v) {
            cells.add(SpecValues.number(x));
        }
        if (claim.lever()) {
            int best = best(claim, v);
            cells.add(Arrays.stream(v).anyMatch(Double::isNaN) ? "" : best < 0 ? "tie"
                    : csvCell(SweepReport.label(text(levels.get(best)))));
        }
        cells.add(holds == null ? "" : holds ? "1" : "0");
        return String.join(",", cells);
    }

    /**
     * The single threshold on one numeric parameter that best separates the cells where the claim holds from the
     * others ("holds below t" or "holds above t"), by the share of cells it puts on the right side; null when the
     * claim holds everywhere or nowhere, or no parameter is numeric. A summary of where the regime switches, not a
     * model: a claim that fails in patches shows a low accuracy.
     */
    static JsonNode split(List<double[]> cells, List<String> names) {
        int n = cells.size();
        int holding = (int) cells.stream().filter(c -> c[names.size()] == 1).count();
        if (holding == 0 || holding == n) {
            return JsonNodeFactory.instance.nullNode();
        }
        ObjectNode best = null;
        int bestCorrect = -1;
        for (int p = 0; p < names.size(); p++) {
            final int col = p;
            if (cells.stream().anyMatch(c -> Double.isNaN(c[col]))) {
                continue;
            }
            List<double[]> sorted = cells.stream().sorted((a, b) -> Double.compare(a[col], b[col])).toList();
            int holdsBelow = 0; // cells at or below the cut where it holds
            for (int k = 0; k < n - 1; k++) {
                holdsBelow += sorted.get(k)[names.size()] == 1 ? 1 : 0;
                if (sorted.get(k)[col] == sorted.get(k + 1)[col]) {
                    continue;
                }
                int below = k + 1;
                int failsAbove = (n - below) - (holding - holdsBelow);
                int correctBelow = holdsBelow + failsAbove; // "holds below t"
                int correctAbove = n - correctBelow; // "holds above t"
                int correct = Math.max(correctBelow, correctAbove);
                if (correct > bestCorrect) {
                    bestCorrect = correct;
                    best = JsonNodeFactory.instance.objectNode();
                    best.put("parameter", names.get(p));
                    best.put("threshold", (sorted.get(k)[col] + sorted.get(k + 1)[col]) / 2);
                    best.put("holds", correctBelow >= correctAbove ? "below" : "above");
                    best.put("accuracy", (double) correct / n);
                }
            }
        }
        return best == null ? JsonNodeFactory.instance.nullNode() : best;
    }

    /** A number, or null for NaN (a value a run does not have), so that the file stays JSON. */
    private static void addNumber(ArrayNode a, double x) {
        if (Double.isNaN(x)) {
            a.addNull();
        } else {
            a.add(x);
        }
    }

    /** Wilson's 95% score interval for k successes in n (Wilson 1927); it stays inside [0, 1]. */
    public static double[] wilson(int k, int n) {
        if (n == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double p = (double) k / n;
        double z2 = Z95 * Z95;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z95 / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    private static String text(JsonNode v) {
        return v.isTextual() ? v.asText() : v.toString();
    }

    private static String csvCell(String text) {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private static void writeAtomically(Path file, List<String> lines) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, lines, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
