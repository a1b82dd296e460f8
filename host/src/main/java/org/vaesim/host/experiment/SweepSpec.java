package org.vaesim.host.experiment;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.vaesim.models.scenario.ConfigException;
import org.vaesim.models.scenario.ConfigFiles;
import org.vaesim.models.scenario.Scenario;
import org.vaesim.models.scenario.ScenarioLoader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A sweep file (docs/sweeps.md): a base scenario, a grid of parameter values, seeds. Every point of the grid
 * is checked as a scenario before anything runs, so a bad value fails at once, naming its parameter. Both files
 * are read as the scenario loader reads a scenario: exact decimals, so a point's scenario holds the base file's
 * numbers exactly as written, and a run of it is the run of the same file outside a sweep.
 */
public final class SweepSpec {
    /** The most runs (points x seeds) one sweep may hold: each point is validated before anything runs. */
    public static final int MAX_RUNS = 100_000;
    /** The most seeds, as a count or as a list. */
    public static final int MAX_SEEDS = 10_000;
    /** The longest run a sweep may ask for, as in a scenario file. */
    static final int MAX_EPOCHS = 1_000_000_000;
    private static final Set<String> FIELDS = Set.of("name", "scenario", "grid", "seeds", "epochs", "parallel");
    private static final int MAX_SHOWN_CHARS = 60;

    private final String name;
    private final Path scenarioFile;
    private final List<String> parameters;
    private final List<ParameterPath> paths;
    private final ObjectNode base;
    private final List<Point> points;
    private final List<Long> seeds;
    private final int parallel;

    /**
     * One grid point: its index, the values of the parameters in order, and the key of its scenario (without
     * seed): {@link RunKey#ofScenario}, which with a seed keys the runs a sweep may reuse.
     */
    public record Point(int index, List<JsonNode> values, String scenarioKey) {
    }

    private SweepSpec(String name, Path scenarioFile, List<String> parameters, List<ParameterPath> paths,
                      ObjectNode base, List<Point> points, List<Long> seeds, int parallel) {
        this.name = name;
        this.scenarioFile = scenarioFile;
        this.parameters = List.copyOf(parameters);
        this.paths = List.copyOf(paths);
        this.base = base;
        this.points = List.copyOf(points);
        this.seeds = List.copyOf(seeds);
        this.parallel = parallel;
    }

    public String name() {
        return name;
    }

    /** The base scenario file, as resolved against the sweep file's folder. */
    public Path scenarioFile() {
        return scenarioFile;
    }

    /** The swept parameter paths, in file order. */
    public List<String> parameters() {
        return parameters;
    }

    /** Every combination of the parameters' values, in file order (the last parameter varies fastest). */
    public List<Point> points() {
        return points;
    }

    public List<Long> seeds() {
        return seeds;
    }

    /** Runs at a time from the file, or 0 when it leaves that to the command line and the cores. */
    public int parallel() {
        return parallel;
    }

    public static SweepSpec load(Path file) throws ConfigException {
        String src = file.toString();
        JsonNode root = ScenarioLoader.parseTree(ConfigFiles.read(file, src), src);
        if (!root.isObject()) {
            throw new ConfigException(src, "$", shown(root), "must be a JSON object");
        }
        for (var f : root.properties()) {
            if (!FIELDS.contains(f.getKey())) {
                throw new ConfigException(src, "$." + f.getKey(), shown(f.getValue()),
                        "unknown field; allowed fields: name, scenario, grid, seeds, epochs, parallel");
            }
        }
        JsonNode nameNode = root.path("name");
        if (!nameNode.isTextual() || !nameNode.textValue().matches("[A-Za-z0-9._-]{1,64}")) {
            throw new ConfigException(src, "$.name", shown(nameNode), "must match [A-Za-z0-9._-]{1,64}");
        }
        JsonNode scenarioNode = root.path("scenario");
        if (!scenarioNode.isTextual() || scenarioNode.textValue().isEmpty()) {
            throw new ConfigException(src, "$.scenario", shown(scenarioNode),
                    "must name the base scenario file, relative to the sweep file");
        }
        Path scenarioFile = file.toAbsolutePath().getParent().resolve(scenarioNode.textValue());
        ObjectNode base;
        try {
            // one read, so that the scenario validated is the one swept
            String text = ConfigFiles.read(scenarioFile, scenarioFile.toString());
            ScenarioLoader.parse(text, scenarioFile.toString());
            base = (ObjectNode) ScenarioLoader.parseTree(text, scenarioFile.toString());
        } catch (ConfigException e) {
            throw new ConfigException(src, "$.scenario", shown(scenarioNode), e.getMessage());
        }
        if (root.has("epochs")) {
            whole(src, "$.epochs", root.get("epochs"), 1, MAX_EPOCHS);
            base.set("epochs", root.get("epochs").deepCopy()); // as written: exactly what a file would say
        }
        JsonNode grid = root.path("grid");
        if (!grid.isObject() || grid.isEmpty()) {
            throw new ConfigException(src, "$.grid", shown(grid),
                    "must be an object naming at least one scenario parameter and its values");
        }
        List<String> parameters = new ArrayList<>();
        List<ParameterPath> paths = new ArrayList<>();
        List<List<JsonNode>> values = new ArrayList<>();
        long pointCount = 1;
        for (var entry : grid.properties()) {
            String at = "$.grid[\"" + entry.getKey() + "\"]";
            if (!entry.getValue().isArray() || entry.getValue().isEmpty()) {
                throw new ConfigException(src, at, shown(entry.getValue()), "must be a non-empty array of values");
            }
            try {
                paths.add(ParameterPath.parse(entry.getKey()));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(src, at, entry.getKey(), e.getMessage());
            }
            parameters.add(entry.getKey());
            List<JsonNode> list = new ArrayList<>();
            entry.getValue().forEach(list::add);
            values.add(list);
            pointCount = Math.min(pointCount * list.size(), (long) MAX_RUNS + 1); // no overflow, still over the cap
        }
        List<Long> seeds = seeds(src, root.path("seeds"));
        if (pointCount * seeds.size() > MAX_RUNS) {
            throw new ConfigException(src, "$.grid", (pointCount > MAX_RUNS ? "more than " + MAX_RUNS : pointCount)
                    + " points x " + seeds.size() + " seeds", "a sweep may hold at most " + MAX_RUNS
                    + " runs (points x seeds): split it into several sweeps, or use fewer values or seeds");
        }
        int parallel = root.has("parallel") ? (int) whole(src, "$.parallel", root.get("parallel"), 1, 256) : 0;
        List<Point> points = new ArrayList<>();
        expand(src, base, paths, parameters, values, new ArrayList<>(), points, new HashMap<>());
        return new SweepSpec(nameNode.textValue(), scenarioFile, parameters, paths, base, points, seeds, parallel);
    }

    /**
     * Every combination of values, each checked as a scenario and keyed; two points that make the same scenario
     * (a place set twice, say) are an error, as their runs would be one run counted twice.
     */
    private static void expand(String src, ObjectNode base, List<ParameterPath> paths, List<String> parameters,
                               List<List<JsonNode>> values, List<JsonNode> chosen, List<Point> out,
                               Map<String, Integer> pointOfKey) throws ConfigException {
        int depth = chosen.size();
        if (depth == parameters.size()) {
            ObjectNode scenario = scenarioTree(base, paths, parameters, chosen, src);
            Scenario valid;
            try {
                valid = ScenarioLoader.read(scenario, "point " + out.size());
            } catch (ConfigException e) {
                throw new ConfigException(src, "$.grid", chosen.toString(),
                        "this point makes an invalid scenario: " + e.getMessage());
            }
            String key = RunKey.ofScenario(scenario, valid.epochs());
            Integer same = pointOfKey.putIfAbsent(key, out.size());
            if (same != null) {
                throw new ConfigException(src, "$.grid", chosen.toString(), "this point makes the same scenario as"
                        + " point " + same + " " + out.get(same).values() + "; allowed: values that make every point"
                        + " a different scenario (each value once, no place swept twice, seeds in $.seeds)");
            }
            out.add(new Point(out.size(), List.copyOf(chosen), key));
            return;
        }
        for (JsonNode v : values.get(depth)) {
            chosen.add(v);
            expand(src, base, paths, parameters, values, chosen, out, pointOfKey);
            chosen.removeLast();
        }
    }

    /** The base scenario with the point's values set, a new tree the caller owns. */
    private static ObjectNode scenarioTree(ObjectNode base, List<ParameterPath> paths, List<String> parameters,
                                           List<JsonNode> chosen, String src) throws ConfigException {
        ObjectNode scenario = base.deepCopy();
        for (int i = 0; i < parameters.size(); i++) {
            try {
                paths.get(i).set(scenario, chosen.get(i).deepCopy());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(src, "$.grid[\"" + parameters.get(i) + "\"]", parameters.get(i),
                        e.getMessage());
            }
        }
        return scenario;
    }

    /** The scenario of point {@code p} (without seed) as a new JSON tree: what {@code scenarios/pNNNN.json} holds. */
    public ObjectNode scenarioJson(Point p) {
        try {
            return scenarioTree(base, paths, parameters, p.values(), name);
        } catch (ConfigException e) {
            throw new IllegalStateException("checked when the sweep was loaded", e);
        }
    }

    private static List<Long> seeds(String src, JsonNode seeds) throws ConfigException {
        String rule = "must be a count (1 to " + MAX_SEEDS + ", meaning seeds 1..count) or an array of 1 to "
                + MAX_SEEDS + " distinct integer seeds";
        List<Long> list = new ArrayList<>();
        if (seeds.isMissingNode()) {
            list.add(1L);
        } else if (seeds.isNumber()) {
            long count = whole(src, "$.seeds", seeds, 1, MAX_SEEDS, rule);
            for (long s = 1; s <= count; s++) {
                list.add(s);
            }
        } else if (seeds.isArray() && !seeds.isEmpty() && seeds.size() <= MAX_SEEDS) {
            Map<Long, Integer> seen = new HashMap<>();
            for (int i = 0; i < seeds.size(); i++) {
                long seed = whole(src, "$.seeds[" + i + "]", seeds.get(i), Long.MIN_VALUE, Long.MAX_VALUE,
                        "seeds must be integers (signed 64-bit)");
                Integer first = seen.putIfAbsent(seed, i);
                if (first != null) {
                    throw new ConfigException(src, "$.seeds[" + i + "]", shown(seeds.get(i)), "seed " + seed
                            + " is already listed at $.seeds[" + first + "]; allowed: each seed once (a repeated"
                            + " seed repeats its run: duplicate rows and a too narrow interval)");
                }
                list.add(seed);
            }
        } else {
            throw new ConfigException(src, "$.seeds", shown(seeds), rule);
        }
        return List.copyOf(list);
    }

    private static long whole(String src, String path, JsonNode n, long min, long max) throws ConfigException {
        return whole(src, path, n, min, max, "must be an integer from " + min + " to " + max);
    }

    /** A whole number in [min, max], written as 3, 3.0 or 3e0 (as scenario files allow); 2.5 is refused. */
    private static long whole(String src, String path, JsonNode n, long min, long max, String rule)
            throws ConfigException {
        boolean finite = n.isNumber() && !((n.isDouble() || n.isFloat()) && !Double.isFinite(n.doubleValue()));
        BigDecimal value = finite ? n.decimalValue() : null;
        if (value == null || Math.abs((long) value.scale()) > 1_000_000L
                || (value.signum() != 0 && value.stripTrailingZeros().scale() > 0)
                || value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new ConfigException(src, path, shown(n), rule);
        }
        return value.longValueExact();
    }

    /** A value as written, shortened; "(missing)" for an absent field, never an empty string. */
    private static String shown(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "(missing)";
        }
        String text = n.isNumber() && n.isBigDecimal() ? n.decimalValue().toString() : n.toString();
        if (text.length() <= MAX_SHOWN_CHARS) {
            return text;
        }
        return n.isArray() ? "(an array of " + n.size() + " elements)"
                : n.isObject() ? "(an object of " + n.size() + " fields)"
                : text.substring(0, MAX_SHOWN_CHARS - 4) + " ...";
    }

    /** The validated scenario of a point with a seed. */
    Scenario scenario(Point p, long seed) {
        try {
            return ScenarioLoader.read(scenarioJson(p), name + " point " + p.index()).withSeed(seed);
        } catch (ConfigException e) {
            throw new IllegalStateException("checked when the sweep was loaded", e);
        }
    }
}
