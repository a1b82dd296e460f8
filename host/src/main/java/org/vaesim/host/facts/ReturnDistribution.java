package org.vaesim.host.facts;

/**
 * The distribution of standardized returns z = (r - mean) / sd as a histogram density beside the standard normal
 * density, for the report's plot on a log scale: heavy tails show as bins far above the parabola of the Gaussian.
 *
 * @param z        bin centres, in standard deviations
 * @param density  the share of returns in each bin divided by the bin width (NaN for an empty bin)
 * @param gaussian the standard normal density at each centre
 * @param outside  returns beyond the outermost bins (not drawn)
 */
public record ReturnDistribution(double[] z, double[] density, double[] gaussian, int outside) {
    /** Bins of {@code width} standard deviations covering -limit..limit. */
    public static ReturnDistribution of(double[] returns, double width, double limit) {
        int bins = (int) Math.round(2 * limit / width);
        double[] z = new double[bins];
        double[] density = new double[bins];
        double[] gaussian = new double[bins];
        double m = SeriesStats.mean(returns);
        double var = 0;
        for (double r : returns) {
            var += (r - m) * (r - m);
        }
        double sd = Math.sqrt(var / returns.length);
        long[] counts = new long[bins];
        int outside = 0;
        for (double r : returns) {
            double x = sd == 0 ? 0 : (r - m) / sd;
            int b = (int) Math.floor((x + limit) / width);
            if (b < 0 || b >= bins) {
                outside++;
            } else {
                counts[b]++;
            }
        }
        for (int b = 0; b < bins; b++) {
            z[b] = -limit + (b + 0.5) * width;
            density[b] = counts[b] == 0 ? Double.NaN : counts[b] / (returns.length * width);
            gaussian[b] = Math.exp(-z[b] * z[b] / 2) / Math.sqrt(2 * Math.PI);
        }
        return new ReturnDistribution(z, density, gaussian, outside);
    }
}
