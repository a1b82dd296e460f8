package org.vaesim.models.population;

/**
 * A distribution a cohort draws a per-agent quantity from, once per run and seed (docs/config-reference.md#drawn
 * endowments): uniform on the integers [min, max], or log-normal with the given median and sigma (of the log),
 * rounded to the nearest integer and kept inside [min, max]. The integers are the field's own units: micro-credits for
 * cash, units for inventory. The draws themselves are made where the population is built (kernels' Endowments).
 *
 * @param kind   uniform or log-normal
 * @param min    the least value a draw takes
 * @param max    the most value a draw takes
 * @param median log-normal: the median, in the field's units (NaN for uniform)
 * @param sigma  log-normal: the standard deviation of the log (NaN for uniform)
 */
public record Distribution(Kind kind, long min, long max, double median, double sigma) {
    /** The distributions a config may name. */
    public enum Kind {
        UNIFORM("uniform"), LOGNORMAL("lognormal");

        private final String jsonName;

        Kind(String jsonName) {
            this.jsonName = jsonName;
        }

        public String jsonName() {
            return jsonName;
        }
    }

    public Distribution {
        if (min > max || min < 0) {
            throw new IllegalArgumentException("need 0 <= min <= max, got " + min + ", " + max);
        }
    }
}
