package org.vaesim.host.experiment.design;

import static org.vaesim.host.experiment.design.SpecValues.shown;
import static org.vaesim.host.experiment.design.SpecValues.whole;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.vaesim.models.scenario.ConfigException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A sweep's sampling design (the {@code sample} object of a sweep file, docs/sweeps.md): {@code points} points over
 * the declared ranges, placed by a Latin hypercube or by Sobol' points, from the design's own {@code seed}.
 *
 * @param kind      the design
 * @param points    how many points
 * @param seed      the design's seed (the runs have their own seeds)
 * @param scrambled whether Sobol' points are Owen-scrambled (a Latin hypercube is random by construction)
 * @param ranges    the sampled parameters in file order
 * @param unit      the points in the unit cube, {@code unit[i][j]} for point i and range j
 */
public record SampleDesign(Kind kind, int points, long seed, boolean scrambled, List<Range> ranges, double[][] unit) {
    private static final Set<String> FIELDS = Set.of("design", "points", "seed", "scramble", "ranges");

    /** The designs a sweep file may name. */
    public enum Kind {
        LHS("lhs"), SOBOL("sobol");

        private final String jsonName;

        Kind(String jsonName) {
            this.jsonName = jsonName;
        }

        public String jsonName() {
            return jsonName;
        }
    }

    /** Reads {@code $.sample} of sweep file {@code src}, with at most {@code maxPoints} points. */
    public static SampleDesign read(String src, JsonNode sample, int maxPoints) throws ConfigException {
        if (!sample.isObject()) {
            throw new ConfigException(src, "$.sample", shown(sample), "must be an object with design, points, ranges"
                    + " and optional seed and scramble");
        }
        for (var f : sample.properties()) {
            if (!FIELDS.contains(f.getKey())) {
                throw new ConfigException(src, "$.sample." + f.getKey(), shown(f.getValue()),
                        "unknown field; allowed fields: design, points, seed, scramble, ranges");
            }
        }
        JsonNode design = sample.path("design");
        Kind kind = null;
        for (Kind k : Kind.values()) {
            kind = design.isTextual() && design.textValue().equals(k.jsonName()) ? k : kind;
        }
        if (kind == null) {
            throw new ConfigException(src, "$.sample.design", shown(design),
                    "must be \"lhs\" (Latin hypercube) or \"sobol\" (Sobol' points)");
        }
        int points = (int) whole(src, "$.sample.points", sample.path("points"), 1, maxPoints);
        long seed = sample.has("seed") ? whole(src, "$.sample.seed", sample.get("seed"), Long.MIN_VALUE,
                Long.MAX_VALUE, "must be an integer (signed 64-bit): the design's own seed") : 1;
        boolean scrambled = kind == Kind.SOBOL;
        if (sample.has("scramble")) {
            JsonNode s = sample.get("scramble");
            if (kind != Kind.SOBOL || !s.isBoolean()) {
                throw new ConfigException(src, "$.sample.scramble", shown(s), kind != Kind.SOBOL
                        ? "applies to \"sobol\" only (a Latin hypercube is random by construction)"
                        : "must be true (Owen-scrambled, the default) or false (the plain Sobol' points)");
            }
            scrambled = s.booleanValue();
        }
        JsonNode rangesNode = sample.path("ranges");
        int most = kind == Kind.SOBOL ? Sobol.MAX_DIMS : 64;
        if (!rangesNode.isObject() || rangesNode.isEmpty() || rangesNode.size() > most) {
            throw new ConfigException(src, "$.sample.ranges", shown(rangesNode), "must be an object naming 1 to "
                    + most + " scenario parameters and their ranges" + (kind == Kind.SOBOL
                    ? " (the Sobol' direction numbers here cover " + Sobol.MAX_DIMS + " dimensions)" : ""));
        }
        List<Range> ranges = new ArrayList<>();
        for (var r : rangesNode.properties()) {
            ranges.add(Range.read(src, "$.sample.ranges[\"" + r.getKey() + "\"]", r.getKey(), r.getValue()));
        }
        double[][] unit = kind == Kind.LHS ? LatinHypercube.points(points, ranges.size(), seed)
                : Sobol.points(points, ranges.size(), scrambled, seed);
        return new SampleDesign(kind, points, seed, scrambled, List.copyOf(ranges), unit);
    }

    /** The sampled parameters' paths, in file order. */
    public List<String> parameters() {
        return ranges.stream().map(Range::parameter).toList();
    }

    /** The values of sample point {@code i}, one per range. */
    public List<JsonNode> values(int i) {
        List<JsonNode> v = new ArrayList<>();
        for (int j = 0; j < ranges.size(); j++) {
            v.add(ranges.get(j).value(unit[i][j]));
        }
        return v;
    }

    /** design.json: the design, its ranges, and every sample point in the unit cube and as values. */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("design", kind.jsonName());
        o.put("points", points);
        o.put("seed", seed);
        if (kind == Kind.SOBOL) {
            o.put("scrambled", scrambled);
        }
        ObjectNode r = o.putObject("ranges");
        ranges.forEach(range -> r.set(range.parameter(), range.toJson()));
        ArrayNode samples = o.putArray("samples");
        for (int i = 0; i < points; i++) {
            ObjectNode s = samples.addObject();
            s.put("sample", i);
            ArrayNode u = s.putArray("unit");
            for (double x : unit[i]) {
                u.add(x);
            }
            ArrayNode values = s.putArray("values");
            values(i).forEach(values::add);
        }
        return o;
    }
}
