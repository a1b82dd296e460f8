package org.vaesim.host.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.vaesim.models.scenario.ConfigException;
import org.vaesim.models.scenario.Scenario;
import org.vaesim.models.scenario.ScenarioLoader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A sweep file (docs/sweeps.md): a base scenario, a grid of parameter values, seeds. Every point of the grid
 * is checked as a scenario before anything runs, so a bad value fails at once, naming its parameter.
 */
public record SweepSpec(String name, Path scenarioFile, List<String> parameters, List<Point> points, List<Long> seeds,
                        int parallel) {
    private static final Set<String> FIELDS = Set.of("name", "scenario", "grid", "seeds", "epochs", "parallel");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One grid point: its index, the values of the parameters in order, and its scenario (without seed). */
    public record Point(int index, List<JsonNode> values, ObjectNode scenario) {
    }

    public static SweepSpec load(Path file) throws ConfigException {
        String src = file.toString();
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new ConfigException(src, "$", "(unreadable)", "a sweep file in JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException(src, "$", String.valueOf(root), "must be a JSON object");
        }
        for (var f : root.properties()) {
            if (!FIELDS.contains(f.getKey())) {
                throw new ConfigException(src, "$." + f.getKey(), f.getValue().toString(),
                        "unknown field; allowed fields: name, scenario, grid, seeds, epochs, parallel");
            }
        }
        String name = root.path("name").asText("");
        if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new ConfigException(src, "$.name", root.path("name").toString(), "must match [A-Za-z0-9._-]{1,64}");
        }
        Path scenarioFile = file.toAbsolutePath().getParent().resolve(root.path("scenario").asText(""));
        ObjectNode base;
        try {
            ScenarioLoader.load(scenarioFile);
            base = (ObjectNode) JSON.readTree(scenarioFile.toFile());
        } catch (ConfigException e) {
            throw new ConfigException(src, "$.scenario", root.path("scenario").toString(), e.getMessage());
        } catch (IOException e) {
            throw new ConfigException(src, "$.scenario", root.path("scenario").toString(), "cannot read: " + e);
        }
        if (root.has("epochs")) {
            if (!root.get("epochs").canConvertToInt() || root.get("epochs").asInt() < 1) {
                throw new ConfigException(src, "$.epochs", root.get("epochs").toString(), "must be an integer >= 1");
            }
            base.put("epochs", root.get("epochs").asInt());
        }
        JsonNode grid = root.path("grid");
        if (!grid.isObject() || grid.isEmpty()) {
            throw new ConfigException(src, "$.grid", grid.toString(),
                    "must be an object naming at least one scenario parameter and its values");
        }
        List<String> parameters = new ArrayList<>();
        List<List<JsonNode>> values = new ArrayList<>();
        Map<String, ParameterPath> paths = new LinkedHashMap<>();
        for (var entry : grid.properties()) {
            String at = "$.grid[\"" + entry.getKey() + "\"]";
            if (!entry.getValue().isArray() || entry.getValue().isEmpty()) {
                throw new ConfigException(src, at, entry.getValue().toString(), "must be a non-empty array of values");
            }
            try {
                paths.put(entry.getKey(), ParameterPath.parse(entry.getKey()));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(src, at, entry.getKey(), e.getMessage());
            }
            parameters.add(entry.getKey());
            List<JsonNode> list = new ArrayList<>();
            entry.getValue().forEach(list::add);
            values.add(list);
        }
        List<Point> points = new ArrayList<>();
        expand(src, base, parameters, paths, values, 0, new ArrayList<>(), points);
        List<Long> seeds = seeds(src, root.path("seeds"));
        int parallel = root.has("parallel") ? root.get("parallel").asInt(0) : 0;
        if (root.has("parallel") && (parallel < 1 || parallel > 256)) {
            throw new ConfigException(src, "$.parallel", root.get("parallel").toString(), "must be 1 to 256");
        }
        return new SweepSpec(name, scenarioFile, List.copyOf(parameters), List.copyOf(points), seeds, parallel);
    }

    private static void expand(String src, ObjectNode base, List<String> parameters, Map<String, ParameterPath> paths,
                               List<List<JsonNode>> values, int depth, List<JsonNode> chosen, List<Point> out)
            throws ConfigException {
        if (depth == parameters.size()) {
            ObjectNode scenario = base.deepCopy();
            for (int i = 0; i < parameters.size(); i++) {
                String at = "$.grid[\"" + parameters.get(i) + "\"]";
                try {
                    paths.get(parameters.get(i)).set(scenario, chosen.get(i));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(src, at, parameters.get(i), e.getMessage());
                }
            }
            try {
                ScenarioLoader.parse(scenario.toString(), "point " + out.size());
            } catch (ConfigException e) {
                throw new ConfigException(src, "$.grid", chosen.toString(),
                        "this point makes an invalid scenario: " + e.getMessage());
            }
            out.add(new Point(out.size(), List.copyOf(chosen), scenario));
            return;
        }
        for (JsonNode v : values.get(depth)) {
            chosen.add(v);
            expand(src, base, parameters, paths, values, depth + 1, chosen, out);
            chosen.removeLast();
        }
    }

    private static List<Long> seeds(String src, JsonNode seeds) throws ConfigException {
        List<Long> list = new ArrayList<>();
        if (seeds.isMissingNode()) {
            list.add(1L);
        } else if (seeds.canConvertToInt() && seeds.asInt() >= 1 && seeds.asInt() <= 10_000) {
            for (long s = 1; s <= seeds.asInt(); s++) {
                list.add(s);
            }
        } else if (seeds.isArray() && !seeds.isEmpty()) {
            for (JsonNode s : seeds) {
                if (!s.canConvertToLong() || !s.isIntegralNumber()) {
                    throw new ConfigException(src, "$.seeds", s.toString(), "seeds must be integers");
                }
                list.add(s.asLong());
            }
        } else {
            throw new ConfigException(src, "$.seeds", seeds.toString(),
                    "must be a count (1 to 10000, meaning seeds 1..count) or a non-empty array of integer seeds");
        }
        return List.copyOf(list);
    }

    /** The validated scenario of a point with a seed. */
    Scenario scenario(Point p, long seed) {
        try {
            return ScenarioLoader.parse(p.scenario().toString(), name + " point " + p.index()).withSeed(seed);
        } catch (ConfigException e) {
            throw new IllegalStateException("checked when the sweep was loaded", e);
        }
    }
}
