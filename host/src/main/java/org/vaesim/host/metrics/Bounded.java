package org.vaesim.host.metrics;

/**
 * A figure derived from the wealth histogram: the interval [lower, upper] that the exact value (from every
 * agent's wealth, sorted) is guaranteed to lie in, and the estimate reported, its midpoint. The estimate is
 * therefore never further than {@link #error()} from the exact value.
 */
public record Bounded(double estimate, double lower, double upper) {

    /** The midpoint of [min(a, b), max(a, b)]. */
    public static Bounded between(double a, double b) {
        double lo = Math.min(a, b);
        double hi = Math.max(a, b);
        return new Bounded(lo + (hi - lo) / 2, lo, hi);
    }

    public static Bounded exactly(double value) {
        return new Bounded(value, value, value);
    }

    /** The largest possible distance between the estimate and the exact value: half the interval. */
    public double error() {
        return (upper - lower) / 2;
    }
}
