package org.vaesim.kernels.rng;

/**
 * Distributions of Philox words, with vaesim's own approximations of log2 and 2^x: the decide kernels may not call
 * the platform's {@code exp}, {@code log} or {@code pow}, whose last bits differ between Java, OpenCL and CUDA. Each
 * method uses only integer operations and single IEEE double additions, subtractions, multiplications, divisions
 * and {@code floor}, which every backend rounds the same way (FP contraction is off in the C twins, draws.cl), so
 * the results are bit-identical everywhere.
 */
public final class Draws {
    // The constants are public for device/CodesHeader, which writes them into the C twin's header (draws.cl).
    /** ln 2 and log2(e), to 17 significant digits. */
    public static final double LN2 = 0.69314718055994531;
    public static final double LOG2E = 1.4426950408889634;
    /** Standard deviation of the sum of four uniforms on 0..255 is 256 / sqrt(3) (to 2^-17 relative). */
    public static final double IRWIN_HALL_SCALE = 1.7320508075688772 / 256.0;
    /** 2^x is computed for x in [-EXP2_LIMIT, EXP2_LIMIT]; beyond that the argument is clamped. */
    public static final double EXP2_LIMIT = 60.0;

    private Draws() {
    }

    /**
     * log2(u) for u = (word + 1) / 2^32 in (0, 1], the word read as unsigned: in [-32, 0], within 3e-8 of the exact
     * value. The word splits into 2^e x m with m in [1, 2); ln m = 2 atanh(s), s = (m - 1) / (m + 1) in [0, 1/3),
     * whose odd series is cut after s^13 (the next term is below 2 x 3^-15 / 15).
     */
    public static double log2Unit(int word) {
        long v = (word & 0xFFFFFFFFL) + 1;
        int e = 63 - Long.numberOfLeadingZeros(v);
        double m = (double) v / (double) (1L << e);
        double s = (m - 1.0) / (m + 1.0);
        double s2 = s * s;
        double series = 2.0 / 13.0;
        series = 2.0 / 11.0 + s2 * series;
        series = 2.0 / 9.0 + s2 * series;
        series = 2.0 / 7.0 + s2 * series;
        series = 2.0 / 5.0 + s2 * series;
        series = 2.0 / 3.0 + s2 * series;
        series = 2.0 + s2 * series;
        return (double) (e - 32) + s * series * LOG2E;
    }

    /**
     * 2^x for x clamped to [-60, 60], within 1e-9 relative: 2^floor(x) exactly, times e^(f ln 2) for the fraction f
     * in [0, 1) by its Taylor series to the 11th power (the first term left out is below 0.7^12 / 12!).
     */
    public static double exp2(double x) {
        double y = x < -EXP2_LIMIT ? -EXP2_LIMIT : (x > EXP2_LIMIT ? EXP2_LIMIT : x);
        double n = Math.floor(y);
        double t = (y - n) * LN2;
        double p = 1.0 / 39916800.0;
        p = 1.0 / 3628800.0 + t * p;
        p = 1.0 / 362880.0 + t * p;
        p = 1.0 / 40320.0 + t * p;
        p = 1.0 / 5040.0 + t * p;
        p = 1.0 / 720.0 + t * p;
        p = 1.0 / 120.0 + t * p;
        p = 1.0 / 24.0 + t * p;
        p = 1.0 / 6.0 + t * p;
        p = 0.5 + t * p;
        p = 1.0 + t * p;
        p = 1.0 + t * p;
        int k = (int) n;
        return k >= 0 ? p * (double) (1L << k) : p / (double) (1L << -k);
    }

    /** e^x through {@link #exp2}. */
    public static double exp(double x) {
        return exp2(x * LOG2E);
    }

    /**
     * A Pareto (power-law) draw with scale 1 and tail exponent alpha = 1 / inverseAlpha: u^(-1/alpha) by the inverse
     * CDF, u = (word + 1) / 2^32, so at least 1 and P(X > x) = x^-alpha up to u's resolution (at most 2^(32/alpha)).
     */
    public static double pareto(int word, double inverseAlpha) {
        return exp2(-log2Unit(word) * inverseAlpha);
    }

    /**
     * An approximately standard normal draw from one word: the Irwin-Hall sum of its four bytes, centred and scaled to
     * unit variance, on 1,021 levels 0.0068 apart. Its tails end at +-sqrt(12) = 3.46; its excess kurtosis is -0.3.
     * One word, not two: each Philox block a decide kernel computes costs about as much as the rest of its decision.
     */
    public static double normal(int word) {
        int sum = (word & 0xFF) + ((word >>> 8) & 0xFF) + ((word >>> 16) & 0xFF) + (word >>> 24);
        return (double) (sum - 2 * 255) * IRWIN_HALL_SCALE;
    }
}
