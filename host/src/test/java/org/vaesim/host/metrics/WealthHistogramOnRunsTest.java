package org.vaesim.host.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vaesim.host.Fixtures;
import org.vaesim.host.epoch.Engine;
import org.vaesim.host.epoch.Totals;
import org.vaesim.kernels.inequality.Inequality;
import org.vaesim.kernels.inequality.WealthBuckets;
import org.vaesim.kernels.memory.Population;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.models.scenario.Scenario;

/**
 * The metrics passes on real runs (java backend; the opencl backend gives the same bits, BackendParityTest):
 * every figure of the device histogram holds the exact one of the host sort, and the decile pass ranks every
 * agent as the histogram's definition says and counts exactly the moves a host recomputation finds.
 */
class WealthHistogramOnRunsTest {
    private static final double ROUNDING = 1e-12;

    private static void assertWithin(Bounded b, double exact, String what) {
        assertTrue(exact >= b.lower() - ROUNDING && exact <= b.upper() + ROUNDING,
                what + ": exact " + exact + " outside [" + b.lower() + ", " + b.upper() + "]");
        assertTrue(Math.abs(b.estimate() - exact) <= b.error() + ROUNDING, what + ": estimate too far");
    }

    /** Each agent's wealth at the markets' last prices, computed here from the population's columns. */
    private static long[] wealth(Engine engine) {
        Population p = engine.population();
        long[] price = WealthHistogram.unitPrices(engine);
        long[] w = new long[p.size];
        for (Segment s : engine.layout().segments()) {
            for (int i = s.start(); i < s.end(); i++) {
                w[i] = p.cash[i] + p.inventory[i] * price[s.market()];
            }
        }
        return w;
    }

    /** One metrics epoch checked against the host: returns the sampled histogram. */
    private static WealthHistogram checkMetricsEpoch(Engine engine) {
        WealthHistogram h = WealthHistogram.sample(engine);
        WealthDistribution exact = WealthDistribution.of(engine.population(), engine.layout().segments(),
                engine.scenario().markets(), engine.markets());
        String at = "epoch " + engine.epoch() + ": ";
        assertWithin(h.gini(), exact.gini(), at + "Gini");
        assertWithin(h.top1Share(), exact.top1Share(), at + "top 1%");
        assertWithin(h.top10Share(), exact.top10Share(), at + "top 10%");
        for (int k = 0; k < WealthHistogram.LORENZ_POINTS; k++) {
            assertWithin(h.lorenz()[k], exact.lorenz()[k], at + "Lorenz " + k);
        }
        assertEquals(Totals.money(engine.population(), 0), h.cash(), "the cash total");
        assertEquals(engine.population().size, h.agents());

        long[] w = wealth(engine);
        byte[] before = engine.population().decile.clone();
        long[] expected = new long[Inequality.TRANSITIONS];
        byte[] now = new byte[w.length];
        for (int i = 0; i < w.length; i++) {
            now[i] = (byte) h.decileOf(WealthBuckets.of(w[i])); // the definition, not the thresholds
            if (before[i] != Inequality.NO_DECILE) {
                expected[before[i] * 10 + now[i]]++;
            }
        }
        Mobility m = Mobility.sample(engine, h);
        assertArrayEquals(now, engine.population().decile, at + "stored deciles");
        if (m == null) {
            assertEquals(0, java.util.Arrays.stream(expected).sum(), at + "no previous deciles");
        } else {
            assertArrayEquals(expected, m.transitions(), at + "transitions");
        }
        // deciles rank: every agent of decile d is no richer than any agent of decile d + 1
        long[] richest = new long[10];
        long[] poorest = new long[10];
        java.util.Arrays.fill(richest, Long.MIN_VALUE);
        java.util.Arrays.fill(poorest, Long.MAX_VALUE);
        for (int i = 0; i < w.length; i++) {
            richest[now[i]] = Math.max(richest[now[i]], w[i]);
            poorest[now[i]] = Math.min(poorest[now[i]], w[i]);
        }
        long previousRichest = Long.MIN_VALUE;
        for (int d = 0; d < 10; d++) {
            if (poorest[d] != Long.MAX_VALUE) {
                assertTrue(poorest[d] >= previousRichest, at + "decile " + d + " overlaps a lower one");
                previousRichest = richest[d];
            }
        }
        return h;
    }

    private static void run(Scenario s, int every) {
        try (Engine engine = Engine.start(s, 2)) {
            assertNull(Mobility.sample(engine, WealthHistogram.sample(engine)), "no deciles before the first pass");
            while (!engine.finished()) {
                engine.step();
                if (engine.epoch() % every == 0) {
                    checkMetricsEpoch(engine);
                }
            }
        }
    }

    @Test
    void quickstartAgreesWithTheExactSortAtEveryMetricsEpoch() {
        run(Fixtures.scenario(Fixtures.tree("quickstart.json")).withEpochs(80), 10);
    }

    @Test
    void flashCrashAgreesThroughTheCrash() {
        run(Fixtures.scenario(Fixtures.tree("flash-crash.json")).withEpochs(240), 40);
    }

    @Test
    void yardSaleCondensationAgrees() {
        run(Fixtures.scenario(Fixtures.tree("yard-sale.json")).withEpochs(100), 50);
    }

    /** Short sellers with little cash hold negative wealth: those buckets lie below zero and still bound. */
    @Test
    void negativeWealthFromShortSalesAgrees() {
        Scenario s = Fixtures.scenario("""
            { "name": "shorts", "seed": 11, "epochs": 60,
              "markets": [ { "name": "a", "resource": "asset", "tick_size": 0.01, "ticks": 400, "initial_price": 2.00 } ],
              "population": [
                { "name": "f", "strategy": "fundamentalist", "market": "a", "count": 3000, "cash": 1,
                  "params": { "dispersion_ticks": 60, "threshold_ticks": 2, "reaction": 0.5, "max_qty": 5,
                              "activity": 0.6, "max_position": 40, "max_short": 30 } },
                { "name": "mm", "strategy": "market-maker", "market": "a", "count": 50, "cash": 5000, "inventory": 500,
                  "params": { "half_spread_ticks": 2, "quote_qty": 20, "max_inventory": 2000, "skew_ticks": 2 } } ],
              "events": [ { "epoch": 20, "type": "shift_fundamental", "market": "a", "percent": 60 } ] }
            """);
        try (Engine engine = Engine.start(s, 2)) {
            boolean negative = false;
            while (!engine.finished()) {
                engine.step();
                if (engine.epoch() % 15 == 0) {
                    WealthHistogram h = checkMetricsEpoch(engine);
                    for (int b = 0; b < WealthBuckets.ZERO; b++) {
                        negative |= h.count(b) > 0;
                    }
                }
            }
            assertTrue(negative, "some agents went below zero wealth");
        }
    }

    /** The sample changes nothing in the economy: the histogram pass is read-only, the decile pass writes deciles only. */
    @Test
    void samplingLeavesTheEconomyAlone() {
        Scenario s = Fixtures.scenario(Fixtures.tree("quickstart.json")).withEpochs(30);
        try (Engine a = Engine.start(s, 2); Engine b = Engine.start(s, 2)) {
            while (!a.finished()) {
                a.step();
                b.step();
                if (a.epoch() % 3 == 0) {
                    Mobility.sample(a, WealthHistogram.sample(a));
                }
            }
            Population p = a.population();
            Population q = b.population();
            assertArrayEquals(p.cash, q.cash);
            assertArrayEquals(p.inventory, q.inventory);
            assertArrayEquals(p.quota, q.quota);
            assertArrayEquals(a.markets().lastTick, b.markets().lastTick);
        }
    }
}
