package org.vaesim.host.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class IntervalTest {
    private static final MetricBounds.Bounds UNIT = MetricBounds.UNIT;

    /** x = 1, 2, 3: mean 2, s = 1, t(2) = 4.303, so 2 ± 4.303/√3 = 2 ± 2.48434 (the interval every sweep had). */
    @Test
    void unboundedMetricsKeepTheStudentTInterval() {
        double[] x = {1, 2, 3};
        Sweep.Interval t = Sweep.Interval.of(x, null);
        assertEquals(2, t.mean(), 1e-12);
        assertEquals(2 - 4.303 / Math.sqrt(3), t.low(), 1e-12);
        assertEquals(2 + 4.303 / Math.sqrt(3), t.high(), 1e-12);
        assertEquals(Sweep.Interval.of(x), t);
    }

    /**
     * Shares of 0.90, 0.95, 0.99, 0.97: mean 0.9525, t(3) s/√n = 0.06145, so Student-t says [0.8911, 1.0139], above
     * the largest share there is. On the logit scale: logit(0.9525) ± 0.06145 / (0.9525 * 0.0475), mapped back,
     * [0.83756, 0.98734] (worked by hand in double precision).
     */
    @Test
    void aShareNearOneGetsAnIntervalBelowOne() {
        double[] x = {0.90, 0.95, 0.99, 0.97};
        assertTrue(Sweep.Interval.of(x).high() > 1, "Student-t leaves the bounds here");
        Sweep.Interval b = Sweep.Interval.of(x, UNIT);
        assertEquals(0.9525, b.mean(), 1e-12);
        assertEquals(0.8375636745469072, b.low(), 1e-4);
        assertEquals(0.9873392817682226, b.high(), 1e-4);
    }

    @Test
    void runsAllOnABoundGiveThatBound() {
        assertEquals(new Sweep.Interval(1, 1, 1), Sweep.Interval.of(new double[] {1, 1, 1}, UNIT));
        assertEquals(new Sweep.Interval(0, 0, 0), Sweep.Interval.of(new double[] {0, 0}, UNIT));
    }

    /** A wealth Gini above 1 (negative wealth) shows that [0, 1] bounds nothing here: Student-t, as before. */
    @Test
    void dataOutsideTheBoundsFallBackToStudentT() {
        double[] x = {0.9, 1.1, 1.2};
        assertEquals(Sweep.Interval.of(x), Sweep.Interval.of(x, UNIT));
    }

    /** Thousands of small samples, many at or near a bound: the interval stays in [low, high] and holds the mean. */
    @Test
    void aBoundedIntervalNeverLeavesItsBounds() {
        SplittableRandom random = new SplittableRandom(7);
        int studentTOutside = 0;
        for (MetricBounds.Bounds b : new MetricBounds.Bounds[] {UNIT, MetricBounds.CORRELATION}) {
            for (int trial = 0; trial < 20_000; trial++) {
                double[] x = new double[2 + random.nextInt(12)];
                double centre = random.nextDouble();
                for (int i = 0; i < x.length; i++) {
                    double u = random.nextInt(5) == 0 ? random.nextInt(2) // a share exactly on a bound
                            : Math.clamp(centre + (random.nextDouble() - 0.5) * random.nextDouble(), 0, 1);
                    x[i] = b.low() + u * (b.high() - b.low());
                }
                Sweep.Interval ci = Sweep.Interval.of(x, b);
                assertTrue(ci.low() >= b.low() && ci.high() <= b.high(), ci + " of " + java.util.Arrays.toString(x));
                assertTrue(ci.low() <= ci.mean() && ci.mean() <= ci.high(), ci.toString());
                Sweep.Interval t = Sweep.Interval.of(x);
                studentTOutside += t.low() < b.low() || t.high() > b.high() ? 1 : 0;
            }
        }
        assertTrue(studentTOutside > 1000, "the samples test the bounds: Student-t left them " + studentTOutside
                + " times");
    }

    /**
     * A share of runs gets the Wilson score interval, with z = 1.959964 (z² = 3.841459). 5 of 10: p = 0.5, centre
     * (0.5 + 0.192073) / 1.384146 = 0.5, half 1.959964 √(0.025 + 0.009604) / 1.384146 = 0.263407, so [0.236593,
     * 0.763407]; 0 of 30: centre and half both 0.064024 / 1.128049 = 0.056757, so [0, 0.113513]; 30 of 30 is its
     * mirror image.
     */
    @Test
    void aShareOfRunsGetsTheWilsonInterval() {
        double[] half = {1, 0, 1, 0, 1, 0, 1, 0, 1, 0};
        Sweep.Interval w = Sweep.Interval.wilson(half);
        assertEquals(0.5, w.mean(), 1e-15);
        assertEquals(0.236593, w.low(), 1e-6);
        assertEquals(0.763407, w.high(), 1e-6);
        Sweep.Interval none = Sweep.Interval.wilson(new double[30]);
        assertEquals(0, none.mean());
        assertEquals(0, none.low());
        assertEquals(0.113513, none.high(), 1e-6);
        double[] ones = new double[30];
        java.util.Arrays.fill(ones, 1);
        Sweep.Interval all = Sweep.Interval.wilson(ones);
        assertEquals(1, all.high(), 1e-15);
        assertEquals(1 - 0.113513, all.low(), 1e-6);
        assertEquals(Sweep.Interval.of(new double[] {0.5, 1}), Sweep.Interval.wilson(new double[] {0.5, 1}),
                "not a 0/1 metric: Student-t");
        assertTrue(MetricBounds.isShareOfRuns("asset.crash_took_off"));
        assertTrue(MetricBounds.isShareOfRuns("asset.crash_recovered"));
        assertTrue(!MetricBounds.isShareOfRuns("asset.crash_depth"));
        assertTrue(MetricBounds.isShareOfRuns("linking.detected"), "detected: every attacker flagged, 0 or 1 a run");
        assertTrue(!MetricBounds.isShareOfRuns("linking.detected_share"), "a share of principals within a run");
    }
}
