package org.vaesim.host.experiment;

import static org.vaesim.host.experiment.design.SpecValues.shown;
import static org.vaesim.host.experiment.design.SpecValues.whole;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.vaesim.host.experiment.design.Claim;
import org.vaesim.host.experiment.design.SampleDesign;
import org.vaesim.models.scenario.ConfigException;
import org.vaesim.models.scenario.ConfigFiles;
import org.vaesim.models.scenario.Scenario;
import org.vaesim.models.scenario.ScenarioLoader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A sweep file (docs/sweeps.md): a base scenario, a grid of parameter values and/or a sampling design over ranges
 * ({@link SampleDesign}), seeds, and optionally rankings to check for robustness ({@link Claim}). Every point
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
    private static final Set<String> FIELDS =
            Set.of("name", "scenario", "grid", "sample", "robustness", "seeds", "epochs", "parallel");

    private final String name;
    private final Path scenarioFile;
    private final List<String> parameters;
    /** Per parameter: where the sweep file declares it ({@code $.grid["p"]} or {@code $.sample.ranges["p"]}). */
    private final List<String> origins;
    private final List<ParameterPath> paths;
    private final ObjectNode base;
    private final List<Point> points;
    private final List<Long> seeds;
    private final int parallel;
    private final SampleDesign design;
    private final List<Claim> claims;

    /**
     * One grid point: its index, the values of the parameters in order, and the key of its scenario (without
     * seed): {@link RunKey#ofScenario}, which with a seed keys the runs a sweep may reuse.
     */
    public record Point(int index, List<JsonNode> values, String scenarioKey) {
    }

    private SweepSpec(String name, Path scenarioFile, List<String> parameters, List<String> origins,
                      List<ParameterPath> paths, ObjectNode base, List<Point> points, List<Long> seeds, int parallel,
                      SampleDesign design, List<Claim> claims) {
        this.name = name;
        this.scenarioFile = scenarioFile;
        this.parameters = List.copyOf(parameters);
        this.origins = List.copyOf(origins);
        this.design = design;
        this.claims = List.copyOf(claims);
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

    /**
     * The points: every combination of the grid's values, in file order (the last parameter varies fastest); with a
     * sample, each sample point crossed with every combination, sample point by sample point.
     */
    public List<Point> points() {
        return points;
    }

    /** The sampling design, or null for a grid sweep; its parameters come first in {@link #parameters()}. */
    public SampleDesign design() {
        return design;
    }

    /** The rankings whose robustness the sweep reports ({@code $.robustness}), in file order; may be empty. */
    public List<Claim> claims() {
        return claims;
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
                        "unknown field; allowed fields: name, scenario, grid, sample, robustness, seeds, epochs,"
                        + " parallel");
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
        SampleDesign design = root.has("sample") ? SampleDesign.read(src, root.get("sample"), MAX_RUNS) : null;
        JsonNode grid = root.path("grid");
        if (design == null ? !grid.isObject() || grid.isEmpty() : !grid.isMissingNode() && !grid.isObject()) {
            throw new ConfigException(src, "$.grid", shown(grid), design == null
                    ? "must be an object naming at least one scenario parameter and its values (or use $.sample)"
                    : "must be an object naming scenario parameters and their values, crossed with the sample");
        }
        List<String> parameters = new ArrayList<>();
        List<String> origins = new ArrayList<>();
        List<ParameterPath> paths = new ArrayList<>();
        List<List<JsonNode>> values = new ArrayList<>();
        Map<String, List<JsonNode>> gridValues = new LinkedHashMap<>();
        if (design != null) {
            for (String parameter : design.parameters()) {
                parameter(src, "$.sample.ranges[\"" + parameter + "\"]", parameter, parameters, origins, paths);
            }
        }
        long pointCount = design == null ? 1 : design.points();
        for (var entry : grid.properties()) {
            String at = "$.grid[\"" + entry.getKey() + "\"]";
            if (!entry.getValue().isArray() || entry.getValue().isEmpty()) {
                throw new ConfigException(src, at, shown(entry.getValue()), "must be a non-empty array of values");
            }
            parameter(src, at, entry.getKey(), parameters, origins, paths);
            List<JsonNode> list = new ArrayList<>();
            entry.getValue().forEach(list::add);
            values.add(list);
            gridValues.put(entry.getKey(), list);
            pointCount = Math.min(pointCount * list.size(), (long) MAX_RUNS + 1); // no overflow, still over the cap
        }
        List<Long> seeds = seeds(src, root.path("seeds"));
        if (pointCount * seeds.size() > MAX_RUNS) {
            throw new ConfigException(src, design == null ? "$.grid" : "$.sample.points", (pointCount > MAX_RUNS
                    ? "more than " + MAX_RUNS : pointCount) + " points x " + seeds.size() + " seeds", "a sweep may"
                    + " hold at most " + MAX_RUNS + " runs (points x seeds): split it into several sweeps, or use"
                    + " fewer " + (design == null ? "values" : "sample points, grid values") + " or seeds");
        }
        int parallel = root.has("parallel") ? (int) whole(src, "$.parallel", root.get("parallel"), 1, 256) : 0;
        List<List<JsonNode>> combinations = new ArrayList<>();
        cross(values, new ArrayList<>(), combinations);
        List<Point> points = new ArrayList<>();
        Map<String, Integer> pointOfKey = new HashMap<>();
        for (int i = 0; i < (design == null ? 1 : design.points()); i++) {
            for (List<JsonNode> combination : combinations) {
                List<JsonNode> chosen = new ArrayList<>(design == null ? List.of() : design.values(i));
                chosen.addAll(combination);
                add(src, base, paths, parameters, origins, chosen, design == null ? -1 : i, points, pointOfKey);
            }
        }
        List<Claim> claims = Claim.readAll(src, root.path("robustness"), parameters, design != null
                ? design.parameters().size() : 0, gridValues);
        return new SweepSpec(nameNode.textValue(), scenarioFile, parameters, origins, paths, base, points, seeds,
                parallel, design, claims);
    }

    /** Adds a swept place to the lists, refusing a path that does not parse or that is swept twice. */
    private static void parameter(String src, String at, String parameter, List<String> parameters,
                                  List<String> origins, List<ParameterPath> paths) throws ConfigException {
        int before = parameters.indexOf(parameter);
        if (before >= 0) {
            throw new ConfigException(src, at, parameter, "is already swept at " + origins.get(before)
                    + "; allowed: each parameter in the sample's ranges or in the grid, not both");
        }
        try {
            paths.add(ParameterPath.parse(parameter));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(src, at, parameter, e.getMessage());
        }
        parameters.add(parameter);
        origins.add(at);
    }

    /** Every combination of the grid's values, in file order (the last parameter varies fastest). */
    private static void cross(List<List<JsonNode>> values, List<JsonNode> chosen, List<List<JsonNode>> out) {
        if (chosen.size() == values.size()) {
            out.add(List.copyOf(chosen));
            return;
        }
        for (JsonNode v : values.get(chosen.size())) {
            chosen.add(v);
            cross(values, chosen, out);
            chosen.removeLast();
        }
    }

    /**
     * Adds the point of these values, checked as a scenario and keyed; two points that make the same scenario (a
     * place set twice, say, or two sample points that round to the same values) are an error, as their runs would
     * be one run counted twice. {@code sample} is the point's sample index, or -1 in a grid.
     */
    private static void add(String src, ObjectNode base, List<ParameterPath> paths, List<String> parameters,
                            List<String> origins, List<JsonNode> chosen, int sample, List<Point> out,
                            Map<String, Integer> pointOfKey) throws ConfigException {
        String at = sample < 0 ? "$.grid" : "$.sample";
        String shown = (sample < 0 ? "" : "sample point " + sample + " ") + chosen;
        ObjectNode scenario = scenarioTree(base, paths, parameters, origins, chosen, src);
        Scenario valid;
        try {
            valid = ScenarioLoader.read(scenario, "point " + out.size());
        } catch (ConfigException e) {
            throw new ConfigException(src, at, shown, "this point makes an invalid scenario: " + e.getMessage());
        }
        String key = RunKey.ofScenario(scenario, valid.epochs());
        Integer same = pointOfKey.putIfAbsent(key, out.size());
        if (same != null) {
            throw new ConfigException(src, at, shown, "this point makes the same scenario as point " + same + " "
                    + out.get(same).values() + "; allowed: values that make every point a different scenario (each"
                    + " value once, no place swept twice, seeds in $.seeds" + (sample < 0 ? ")"
                    : "; an integer range needs room for the sample's points: widen it or take fewer points)"));
        }
        out.add(new Point(out.size(), List.copyOf(chosen), key));
    }

    /** The base scenario with the point's values set, a new tree the caller owns. */
    private static ObjectNode scenarioTree(ObjectNode base, List<ParameterPath> paths, List<String> parameters,
                                           List<String> origins, List<JsonNode> chosen, String src)
            throws ConfigException {
        ObjectNode scenario = base.deepCopy();
        for (int i = 0; i < parameters.size(); i++) {
            try {
                paths.get(i).set(scenario, chosen.get(i).deepCopy());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(src, origins.get(i), parameters.get(i), e.getMessage());
            }
        }
        return scenario;
    }

    /** The scenario of point {@code p} (without seed) as a new JSON tree: what {@code scenarios/pNNNN.json} holds. */
    public ObjectNode scenarioJson(Point p) {
        try {
            return scenarioTree(base, paths, parameters, origins, p.values(), name);
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

    /** The validated scenario of a point with a seed. */
    Scenario scenario(Point p, long seed) {
        try {
            return ScenarioLoader.read(scenarioJson(p), name + " point " + p.index()).withSeed(seed);
        } catch (ConfigException e) {
            throw new IllegalStateException("checked when the sweep was loaded", e);
        }
    }
}
