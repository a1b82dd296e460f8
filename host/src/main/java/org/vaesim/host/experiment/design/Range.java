package org.vaesim.host.experiment.design;

import static org.vaesim.host.experiment.design.SpecValues.finite;
import static org.vaesim.host.experiment.design.SpecValues.shown;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Set;

import org.vaesim.models.scenario.ConfigException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The range a sampling design spreads one parameter over, and how a unit coordinate u in [0, 1) becomes its value:
 * linearly, {@code min + u (max - min)}; on a log scale, {@code min (max/min)^u}; for an integer range, the same over
 * [min, max + 1) rounded down, so each of the max - min + 1 integers gets an equal share of u (on a log scale, a
 * share proportional to log((k+1)/k)). Continuous values are rounded to the nearest multiple of {@code step} where
 * one is given (a price on a tick grid, credits to the micro-credit), else to {@value #DIGITS} significant digits so
 * that scenario files and result tables hold readable numbers; either way they are kept inside [min, max].
 *
 * @param parameter the parameter path the range belongs to
 * @param step      the grid continuous values are rounded to, or null
 */
public record Range(String parameter, BigDecimal min, BigDecimal max, boolean integer, boolean log, BigDecimal step) {
    /** Significant digits of a continuous value. */
    public static final int DIGITS = 6;
    private static final Set<String> FIELDS = Set.of("min", "max", "integer", "log", "step");
    private static final MathContext ROUNDING = new MathContext(DIGITS);

    /** Reads the range at {@code at} (a JSON path such as {@code $.sample.ranges["fee"]}) of {@code parameter}. */
    static Range read(String src, String at, String parameter, JsonNode node) throws ConfigException {
        if (!node.isObject()) {
            throw new ConfigException(src, at, shown(node), "must be an object {\"min\": a, \"max\": b} with optional"
                    + " \"integer\": true, \"log\": true and \"step\": s");
        }
        for (var f : node.properties()) {
            if (!FIELDS.contains(f.getKey())) {
                throw new ConfigException(src, at + "." + f.getKey(), shown(f.getValue()),
                        "unknown field; allowed fields: min, max, integer, log, step");
            }
        }
        boolean integer = flag(src, at + ".integer", node.path("integer"));
        boolean log = flag(src, at + ".log", node.path("log"));
        BigDecimal min = bound(src, at + ".min", node.path("min"), integer);
        BigDecimal max = bound(src, at + ".max", node.path("max"), integer);
        if (max.compareTo(min) <= 0) {
            throw new ConfigException(src, at + ".max", shown(node.path("max")), "must be greater than min ("
                    + min.toPlainString() + "); a parameter with one value belongs in the scenario or the grid");
        }
        if (log && min.signum() <= 0) {
            throw new ConfigException(src, at + ".min", shown(node.path("min")),
                    "must be greater than 0 on a log scale (\"log\": true)");
        }
        BigDecimal step = null;
        if (node.has("step")) {
            step = finite(node.get("step"));
            if (integer || step == null || step.signum() <= 0 || step.compareTo(max.subtract(min)) > 0) {
                throw new ConfigException(src, at + ".step", shown(node.get("step")), integer
                        ? "applies to continuous ranges only (an integer range has step 1)"
                        : "must be a number above 0 and at most max - min (" + max.subtract(min).toPlainString() + ")");
            }
        }
        return new Range(parameter, min, max, integer, log, step);
    }

    private static boolean flag(String src, String at, JsonNode n) throws ConfigException {
        if (n.isMissingNode()) {
            return false;
        }
        if (!n.isBoolean()) {
            throw new ConfigException(src, at, shown(n), "must be true or false");
        }
        return n.booleanValue();
    }

    private static BigDecimal bound(String src, String at, JsonNode n, boolean integer) throws ConfigException {
        BigDecimal v = finite(n);
        // beyond about 1e15 a double no longer holds every integer, and the mapping below works in doubles
        if (v == null || v.abs().compareTo(BigDecimal.valueOf(1e15)) > 0) {
            throw new ConfigException(src, at, shown(n), integer ? "must be an integer from -1e15 to 1e15"
                    : "must be a number from -1e15 to 1e15");
        }
        if (integer && v.signum() != 0 && v.stripTrailingZeros().scale() > 0) {
            throw new ConfigException(src, at, shown(n), "must be a whole number in an integer range"
                    + " (\"integer\": true)");
        }
        return v;
    }

    /** The parameter's value at unit coordinate {@code u} in [0, 1). */
    public JsonNode value(double u) {
        double lo = min.doubleValue();
        double hi = integer ? max.doubleValue() + 1 : max.doubleValue();
        double x = log ? lo * StrictMath.exp(u * StrictMath.log(hi / lo)) : lo + u * (hi - lo);
        if (integer) {
            long k = (long) Math.floor(x);
            return JsonNodeFactory.instance.numberNode(Math.clamp(k, min.longValueExact(), max.longValueExact()));
        }
        BigDecimal v;
        if (step != null) {
            // the nearest multiple of step, and the nearest one inside [min, max] where rounding left the range
            v = BigDecimal.valueOf(Math.round(x / step.doubleValue())).multiply(step);
            v = v.compareTo(min) < 0 ? min.divide(step, 0, RoundingMode.CEILING).multiply(step)
                    : v.compareTo(max) > 0 ? max.divide(step, 0, RoundingMode.FLOOR).multiply(step) : v;
        } else {
            v = new BigDecimal(x).round(ROUNDING);
            v = v.compareTo(min) < 0 ? min : v.compareTo(max) > 0 ? max : v;
        }
        v = v.stripTrailingZeros();
        return DecimalNode.valueOf(v.scale() < 0 ? v.setScale(0) : v);
    }

    /** The range as its sweep file writes it, for design.json. */
    ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("min", min);
        o.put("max", max);
        o.put("integer", integer);
        o.put("log", log);
        if (step != null) {
            o.put("step", step);
        }
        return o;
    }
}
