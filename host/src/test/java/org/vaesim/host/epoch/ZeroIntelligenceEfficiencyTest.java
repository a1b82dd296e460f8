package org.vaesim.host.epoch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vaesim.host.Fixtures;
import org.vaesim.host.metrics.MetricsRow;

/**
 * Gode and Sunder (1993): budget-constrained zero-intelligence traders (ZI-C) reach high allocative
 * efficiency (97-100% in their five markets; we assert at least 95%), unconstrained ones (ZI-U) clearly less.
 *
 * <p>Here 1,000 buyers and 1,000 sellers have values and costs uniform on 50..150 and one unit per
 * 30-epoch period, in a call market on a 1..200 grid. With a symmetric schedule every ZI-U unit eventually
 * trades, so ZI-U's realised surplus is sum(values) - sum(costs) of everyone: zero in expectation with a
 * standard deviation of about sqrt(2000) x 29 = 1,300 ticks, against a maximum of about 16,700 ticks per
 * period. Asserting ZI-U efficiency below 0.5 leaves more than 5 standard deviations of room; ZI-C's
 * efficiency is an average over 5 periods of 2,000 agents, whose spread across seeds is well under 1%.
 */
class ZeroIntelligenceEfficiencyTest {

    static double efficiency(String family, long seed) {
        String json = """
            { "name": "gode-sunder", "seed": %d, "epochs": 150, "metrics_every": 150,
              "markets": [ { "name": "m", "resource": "asset", "tick_size": 1, "ticks": 201, "initial_price": 100 } ],
              "population": [
                { "name": "buyers", "strategy": "%s", "market": "m", "count": 1000, "cash": 1000000,
                  "params": { "side": "buy", "value_min": 50, "value_max": 150, "units": 1, "period": 30 } },
                { "name": "sellers", "strategy": "%s", "market": "m", "count": 1000, "inventory": 1000,
                  "params": { "side": "sell", "value_min": 50, "value_max": 150, "units": 1, "period": 30 } } ] }
            """.formatted(seed, family, family);
        try (Engine engine = Engine.start(Fixtures.scenario(json), 2)) {
            long[] max = MetricsRow.maxSurplus(engine);
            assertTrue(max[0] > 10_000, "maximum surplus per period is about 16,700 ticks, got " + max[0]);
            while (!engine.finished()) {
                engine.step();
            }
            return MetricsRow.efficiency(engine, 0, max[0]);
        }
    }

    @Test
    void constrainedTradersReachGodeSunderEfficiency() {
        for (long seed = 1; seed <= 3; seed++) {
            double e = efficiency("zi-c", seed);
            assertTrue(e >= 0.95 && e <= 1.0, "ZI-C efficiency " + e);
        }
    }

    @Test
    void unconstrainedTradersAreClearlyLessEfficient() {
        for (long seed = 1; seed <= 3; seed++) {
            double zic = efficiency("zi-c", seed);
            double ziu = efficiency("zi-u", seed);
            assertTrue(ziu < 0.5, "ZI-U efficiency " + ziu);
            assertTrue(zic - ziu > 0.45, "ZI-C " + zic + " vs ZI-U " + ziu);
        }
    }
}
