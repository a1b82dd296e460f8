package org.vaesim.host.experiment.design;

import static org.vaesim.host.experiment.design.SpecValues.finite;
import static org.vaesim.host.experiment.design.SpecValues.shown;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.vaesim.models.scenario.ConfigException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * A ranking whose robustness a sweep reports (an element of {@code $.robustness}, docs/sweeps.md), one of two kinds:
 * <ul>
 * <li>a lever claim: among the values of grid parameter {@code across}, {@code expect} gives the lowest (or highest)
 * {@code metric}, all other parameters equal;</li>
 * <li>a comparison: {@code left op right} in every run, where left is a metric and right a metric or a number.</li>
 * </ul>
 * Metric names are results.csv's columns; they are known only once runs have ended, so a name that is not one is
 * reported in robustness.json rather than refused here.
 *
 * @param name     the claim's name, {@code [A-Za-z0-9._-]{1,64}}, unique in the sweep
 * @param across   lever claims: the index of the grid parameter in the sweep's parameters, else -1
 * @param expected lever claims: the value of {@code across} claimed best, else null
 * @param metric   lever claims: the metric ranked; comparisons: the left-hand metric
 * @param lowest   lever claims: whether lower is better
 * @param op       comparisons: {@code >}, {@code <}, {@code >=} or {@code <=}, else null
 * @param right    comparisons: the right-hand metric, or null when it is the number {@code rightValue}
 */
public record Claim(String name, int across, JsonNode expected, String metric, boolean lowest, String op,
                    String right, double rightValue) {
    private static final int MAX_CLAIMS = 32;
    private static final Set<String> LEVER_FIELDS = Set.of("name", "metric", "best", "across", "expect");
    private static final Set<String> COMPARE_FIELDS = Set.of("name", "left", "op", "right");
    private static final List<String> OPS = List.of(">", "<", ">=", "<=");

    /** Whether this is a lever claim (else a comparison). */
    public boolean lever() {
        return across >= 0;
    }

    /** The claim in words, as the report shows it. */
    public String text(List<String> parameters) {
        return lever() ? shown(expected) + " gives the " + (lowest ? "lowest " : "highest ") + metric + " among the"
                + " values of " + parameters.get(across)
                : metric + " " + op + " " + (right != null ? right : SpecValues.number(rightValue));
    }

    /** Whether {@code a op b} holds (comparisons); false when either is NaN. */
    public boolean compare(double a, double b) {
        return switch (op) {
            case ">" -> a > b;
            case "<" -> a < b;
            case ">=" -> a >= b;
            default -> a <= b;
        };
    }

    /**
     * Reads {@code $.robustness} (missing: no claims). {@code parameters} are the sweep's parameters, of which the
     * first {@code sampled} are sampled and the rest the grid's, with their values in {@code gridValues}.
     */
    public static List<Claim> readAll(String src, JsonNode node, List<String> parameters, int sampled,
                                      Map<String, List<JsonNode>> gridValues) throws ConfigException {
        if (node.isMissingNode()) {
            return List.of();
        }
        if (!node.isArray() || node.isEmpty() || node.size() > MAX_CLAIMS) {
            throw new ConfigException(src, "$.robustness", shown(node), "must be an array of 1 to " + MAX_CLAIMS
                    + " claims: {\"name\", \"metric\", \"best\": \"lowest\"|\"highest\", \"across\", \"expect\"} or"
                    + " {\"name\", \"left\", \"op\", \"right\"}");
        }
        List<Claim> claims = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            Claim c = read(src, "$.robustness[" + i + "]", node.get(i), parameters, sampled, gridValues);
            if (!names.add(c.name())) {
                throw new ConfigException(src, "$.robustness[" + i + "].name", c.name(), "is already the name of"
                        + " another claim; allowed: a name used once");
            }
            claims.add(c);
        }
        return List.copyOf(claims);
    }

    private static Claim read(String src, String at, JsonNode c, List<String> parameters, int sampled,
                              Map<String, List<JsonNode>> gridValues) throws ConfigException {
        if (!c.isObject()) {
            throw new ConfigException(src, at, shown(c), "must be an object (a lever claim or a comparison)");
        }
        boolean lever = c.has("across");
        Set<String> fields = lever ? LEVER_FIELDS : COMPARE_FIELDS;
        for (var f : c.properties()) {
            if (!fields.contains(f.getKey())) {
                throw new ConfigException(src, at + "." + f.getKey(), shown(f.getValue()), "unknown field; allowed"
                        + " fields: " + (lever ? "name, metric, best, across, expect (a lever claim)"
                        : "name, left, op, right (a comparison; a lever claim has across)"));
            }
        }
        JsonNode name = c.path("name");
        if (!name.isTextual() || !name.textValue().matches("[A-Za-z0-9._-]{1,64}")) {
            throw new ConfigException(src, at + ".name", shown(name), "must match [A-Za-z0-9._-]{1,64}");
        }
        if (lever) {
            String metric = metricName(src, at + ".metric", c.path("metric"));
            JsonNode best = c.path("best");
            if (!best.isTextual() || !List.of("lowest", "highest").contains(best.textValue())) {
                throw new ConfigException(src, at + ".best", shown(best), "must be \"lowest\" or \"highest\"");
            }
            JsonNode across = c.path("across");
            int index = across.isTextual() ? parameters.indexOf(across.textValue()) : -1;
            if (index < sampled || gridValues.getOrDefault(across.asText(), List.of()).size() < 2) {
                throw new ConfigException(src, at + ".across", shown(across), "must name a grid parameter with at"
                        + " least two values (the levers compared at each point); grid parameters: "
                        + gridValues.keySet());
            }
            JsonNode expect = c.path("expect");
            List<JsonNode> values = gridValues.get(across.textValue());
            if (!values.contains(expect)) {
                throw new ConfigException(src, at + ".expect", shown(expect), "must be one of the values of "
                        + across.textValue() + " as the grid writes them: "
                        + shown(new ArrayNode(JsonNodeFactory.instance, values)));
            }
            return new Claim(name.textValue(), index, expect, metric, best.textValue().equals("lowest"), null, null,
                    Double.NaN);
        }
        String left = metricName(src, at + ".left", c.path("left"));
        JsonNode op = c.path("op");
        if (!op.isTextual() || !OPS.contains(op.textValue())) {
            throw new ConfigException(src, at + ".op", shown(op), "must be one of " + String.join(" ", OPS));
        }
        JsonNode right = c.path("right");
        if (right.isTextual()) {
            return new Claim(name.textValue(), -1, null, metricName(src, at + ".right", right), false,
                    op.textValue(), right.textValue(), Double.NaN);
        }
        if (finite(right) == null) {
            throw new ConfigException(src, at + ".right", shown(right), "must be a metric (a results.csv column)"
                    + " or a number");
        }
        return new Claim(name.textValue(), -1, null, left, false, op.textValue(), null, right.doubleValue());
    }

    private static String metricName(String src, String at, JsonNode n) throws ConfigException {
        if (!n.isTextual() || n.textValue().isEmpty() || n.textValue().length() > 200) {
            throw new ConfigException(src, at, shown(n), "must name a metric: a column of results.csv, such as"
                    + " wealth_gini or asset.volume");
        }
        return n.textValue();
    }
}
