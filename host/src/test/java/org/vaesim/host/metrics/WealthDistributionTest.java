package org.vaesim.host.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WealthDistributionTest {
    @Test
    void equalWealthHasZeroGini() {
        WealthDistribution w = WealthDistribution.ofSorted(new long[] {5, 5, 5, 5});
        assertEquals(0.0, w.gini(), 1e-12);
        assertEquals(0.25, w.top1Share(), 1e-12, "top 1% of 4 agents is one agent");
    }

    @Test
    void oneAgentHoldingEverythingHasGiniOneMinusOneOverN() {
        // G = 2 * (4 * 1) / (4 * 1) - 5/4 = 0.75
        WealthDistribution w = WealthDistribution.ofSorted(new long[] {0, 0, 0, 1});
        assertEquals(0.75, w.gini(), 1e-12);
        assertEquals(1.0, w.top10Share(), 1e-12);
    }

    @Test
    void topSharesOfALinearDistribution() {
        long[] v = new long[100];
        for (int i = 0; i < 100; i++) {
            v[i] = i + 1; // total 5050
        }
        WealthDistribution w = WealthDistribution.ofSorted(v);
        assertEquals(100.0 / 5050, w.top1Share(), 1e-12);
        assertEquals((91 + 100) * 10 / 2.0 / 5050, w.top10Share(), 1e-12);
        // Gini of 1..n is (n - 1) / (3n) = 0.33
        assertEquals(99.0 / 300, w.gini(), 1e-12);
    }

    @Test
    void lorenzCurveOfALinearDistribution() {
        long[] v = new long[100];
        for (int i = 0; i < 100; i++) {
            v[i] = i + 1;
        }
        double[] lorenz = WealthDistribution.ofSorted(v).lorenz();
        assertEquals(0.0, lorenz[0], 1e-12);
        assertEquals(55.0 / 5050, lorenz[1], 1e-12, "the poorest 10 hold 1 + ... + 10");
        assertEquals(1275.0 / 5050, lorenz[5], 1e-12, "the poorest half hold 1 + ... + 50");
        assertEquals(1.0, lorenz[10], 1e-12);
    }

    @Test
    void smithScheduleMaximumSurplusIs150Ticks() {
        long[] demand = new long[100];
        long[] supply = new long[100];
        for (int k = 0; k < 11; k++) {
            demand[65 - 5 * k] = 1;
            supply[15 + 5 * k] = 1;
        }
        assertEquals(150, SurplusBound.fromSchedules(demand, supply));
    }
}
