package org.vaesim.host.experiment.design;

import java.math.BigDecimal;
import java.util.Locale;

import org.vaesim.models.scenario.ConfigException;

import com.fasterxml.jackson.databind.JsonNode;

/** How a sweep file's values are checked and shown in its errors: whole numbers in a range, values as written. */
public final class SpecValues {
    private static final int MAX_SHOWN_CHARS = 60;

    private SpecValues() {
    }

    /** A whole number in [min, max]; the error says "must be an integer from min to max". */
    public static long whole(String src, String path, JsonNode n, long min, long max) throws ConfigException {
        return whole(src, path, n, min, max, "must be an integer from " + min + " to " + max);
    }

    /** A whole number in [min, max], written as 3, 3.0 or 3e0 (as scenario files allow); 2.5 is refused. */
    public static long whole(String src, String path, JsonNode n, long min, long max, String rule)
            throws ConfigException {
        BigDecimal value = finite(n);
        if (value == null || Math.abs((long) value.scale()) > 1_000_000L
                || (value.signum() != 0 && value.stripTrailingZeros().scale() > 0)
                || value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new ConfigException(src, path, shown(n), rule);
        }
        return value.longValueExact();
    }

    /** The exact value of a finite JSON number, or null for anything else (text, NaN, infinities). */
    public static BigDecimal finite(JsonNode n) {
        boolean finite = n != null && n.isNumber()
                && !((n.isDouble() || n.isFloat()) && !Double.isFinite(n.doubleValue()));
        return finite ? n.decimalValue() : null;
    }

    /** A number as the sweep's tables write it: 10 significant digits, no trailing zeros; NaN or null empty. */
    public static String number(Double v) {
        return v == null || Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.10g", v).replaceAll("\\.?0+$", "")
                .replaceAll("\\.?0+e", "e");
    }

    /** A value as written, shortened; "(missing)" for an absent field, never an empty string. */
    public static String shown(JsonNode n) {
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
}
