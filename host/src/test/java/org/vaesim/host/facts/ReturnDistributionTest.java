package org.vaesim.host.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ReturnDistributionTest {

    @Test
    void densitiesIntegrateToTheShareInsideAndFollowAGaussianSample() {
        double[] r = Synthetic.gaussian(100_000, 41);
        ReturnDistribution d = ReturnDistribution.of(r, 0.5, 4);
        assertEquals(16, d.z().length);
        assertEquals(-3.75, d.z()[0], 1e-12);
        double mass = 0;
        for (double x : d.density()) {
            mass += Double.isNaN(x) ? 0 : x * 0.5;
        }
        assertEquals(1.0, mass + (double) d.outside() / r.length, 1e-12);
        // beyond 4 sd a Gaussian puts 6.3e-5 of its mass: about 6 of 100,000 returns
        assertEquals(6, d.outside(), 8);
        // the bin [0, 0.5), centre 0.25, holds 19.15% of a standard normal, density 0.383; sd of the share 0.0012
        assertEquals(0.383, d.density()[8], 0.01);
        assertEquals(Math.exp(-0.25 * 0.25 / 2) / Math.sqrt(2 * Math.PI), d.gaussian()[8], 1e-15);
    }
}
