package org.vaesim.models.scenario;

import java.util.List;

import org.vaesim.models.population.Distribution;

/**
 * Reads a cohort's drawn endowment: {@code cash} or {@code inventory} written as a distribution object instead of a
 * number (docs/config-reference.md#drawn-endowments), {@code {"dist": "uniform", "min": a, "max": b}} or
 * {@code {"dist": "lognormal", "median": m, "sigma": s, "min": a, "max": b}} with min and max optional for the
 * log-normal (0, and the median times e^(6 sigma): a draw beyond it has a chance below 1e-9, and is kept at it).
 * Cash is in credits (at most 6 decimals), inventory in whole units.
 */
final class DrawReader {
    static final List<String> FIELDS = List.of("dist", "min", "max", "median", "sigma");
    /** The largest sigma: e^(6 x 5) already spans 13 orders of magnitude. */
    private static final double MAX_SIGMA = 5;

    private DrawReader() {
    }

    /** The distribution of cash at {@code field} (an object), in micro-credits. */
    static Distribution credits(Node field) throws ConfigException {
        return read(field, true);
    }

    /** The distribution of inventory at {@code field} (an object), in units. */
    static Distribution units(Node field) throws ConfigException {
        return read(field, false);
    }

    private static Distribution read(Node field, boolean credits) throws ConfigException {
        Node d = field.object(FIELDS);
        Distribution.Kind kind = d.requiredEnum("dist", Distribution.Kind.values(), Distribution.Kind::jsonName);
        double scale = credits ? Money.MICROS_PER_CREDIT : 1;
        long top = credits ? Money.MAX_AMOUNT : 1_000_000_000;
        if (kind == Distribution.Kind.UNIFORM) {
            for (String f : List.of("median", "sigma")) {
                if (!d.field(f).isMissing()) {
                    throw d.field(f).error("unknown field for \"uniform\"; allowed fields: dist, min, max");
                }
            }
            long min = amount(d, "min", credits);
            long max = amount(d, "max", credits);
            if (max < min) {
                throw d.field("max").error("must be at least min");
            }
            return new Distribution(kind, min, max, Double.NaN, Double.NaN);
        }
        double median = d.requiredDouble("median", Node.Interval.above(0, top / scale)) * scale;
        double sigma = d.requiredDouble("sigma", Node.Interval.above(0, MAX_SIGMA));
        long min = d.field("min").isMissing() ? 0 : amount(d, "min", credits);
        long max = d.field("max").isMissing()
                ? (long) Math.min(top, Math.floor(median * StrictMath.exp(6 * sigma))) : amount(d, "max", credits);
        if (!(min <= median && median <= max)) {
            throw d.field("median").error("must lie between min and max (the draws are kept inside [min, max])");
        }
        return new Distribution(kind, min, max, median, sigma);
    }

    private static long amount(Node d, String name, boolean credits) throws ConfigException {
        return credits ? d.requiredCredits(name, false) : d.requiredInt(name, 0, 1_000_000_000);
    }
}
