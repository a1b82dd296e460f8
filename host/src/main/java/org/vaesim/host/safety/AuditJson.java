package org.vaesim.host.safety;

import java.util.Collection;
import java.util.Map;

/**
 * Compact JSON text of an audit record's field values: strings, booleans, integers, finite doubles, lists and
 * maps of these (and null), and {@link Raw} text that is JSON already. The output is what Jackson writes for
 * the same values, but without its reflective tree building: the log writes one record per epoch, so in a
 * short run Jackson's path barely leaves the JIT's first tiers. In the bench's 70-epoch safety runs a record
 * took about 1.5 ms through Jackson and 0.2-0.4 ms through this writer (docs/performance.md).
 */
final class AuditJson {
    private static final String HEX = "0123456789ABCDEF";

    private AuditJson() {
    }

    /** Appends the JSON text of {@code value} to {@code out}. */
    static void append(StringBuilder out, Object value) {
        switch (value) {
            case null -> out.append("null");
            case String s -> string(out, s);
            case Boolean b -> out.append(b.booleanValue());
            case Integer i -> out.append(i.intValue());
            case Long l -> out.append(l.longValue());
            case Double d -> number(out, d);
            case Raw raw -> out.append(raw.json());
            case Map<?, ?> map -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    string(out, String.valueOf(e.getKey()));
                    out.append(':');
                    append(out, e.getValue());
                }
                out.append('}');
            }
            case Collection<?> list -> {
                out.append('[');
                boolean first = true;
                for (Object o : list) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    append(out, o);
                }
                out.append(']');
            }
            default -> throw new IllegalArgumentException("an audit field cannot hold a "
                    + value.getClass().getName() + " (" + value + ")");
        }
    }

    /** A field value that is JSON text already, written as it is (the caller vouches that it is valid JSON). */
    record Raw(String json) {
    }

    private static void number(StringBuilder out, double d) {
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("an audit field cannot hold " + d + ": JSON has no such number");
        }
        out.append(d);
    }

    /** A JSON string: quotes, backslashes and control characters escaped, everything else as it is. */
    static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 15));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
