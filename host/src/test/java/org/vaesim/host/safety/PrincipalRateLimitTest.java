package org.vaesim.host.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vaesim.host.Fixtures;
import org.vaesim.host.epoch.Engine;
import org.vaesim.kernels.gate.RejectReason;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.models.scenario.Scenario;

/** A principal's token bucket over all its agents' orders. */
class PrincipalRateLimitTest {

    /**
     * 100 market makers of principal "desk" quote both sides every epoch: 200 orders. The principal may send 50
     * per epoch with a burst of 50, so the bucket (full at the start) lets exactly 50 through each epoch and
     * 150 are rejected; the ZI traders of "labs" are not limited. Over 12 epochs the moving offset lets every
     * one of the 100 agents through at least once.
     */
    @Test
    void aPrincipalsAgentsShareOneBucketSpreadOverThemAll() {
        Scenario s = Fixtures.scenario("""
                {"name": "desk", "seed": 3, "epochs": 12,
                 "markets": [{"name": "m", "resource": "compute", "tick_size": 0.01, "ticks": 2000,
                              "initial_price": 10.00}],
                 "population": [
                   {"name": "buyers", "strategy": "zi-c", "market": "m", "count": 300, "cash": 1000,
                    "principal": "labs",
                    "params": {"side": "buy", "value_min": 8.00, "value_max": 12.00, "units": 1, "period": 5}},
                   {"name": "quotes", "strategy": "market-maker", "market": "m", "count": 100, "cash": 100000,
                    "inventory": 500, "principal": "desk",
                    "params": {"half_spread_ticks": 900, "quote_qty": 1, "max_inventory": 1000}}],
                 "safety": {"principal_limits": [{"principal": "desk", "orders_per_epoch": 50, "burst": 50}]}}
                """);
        try (Engine engine = Engine.start(s, 2)) {
            Segment quotes = engine.layout().segments().stream()
                    .filter(x -> x.cohort().name().equals("quotes")).findFirst().orElseThrow();
            boolean[] through = new boolean[quotes.size()];
            long rejected = 0;
            for (int e = 0; e < 12; e++) {
                engine.step();
                long now = engine.markets().rejects[RejectReason.PRINCIPAL_RATE_LIMIT.ordinal()];
                assertEquals(150, now - rejected, "epoch " + e);
                rejected = now;
                for (int i = quotes.start(); i < quotes.end(); i++) {
                    // an order that passed the gate stays in the agent's slot until the next decide
                    through[i - quotes.start()] |= engine.population().bidQty[i] > 0 || engine.population().askQty[i] > 0;
                }
            }
            for (boolean t : through) {
                assertTrue(t, "every agent got an order through at some epoch");
            }
            assertEquals(0, engine.safety().principalTokens[0], "the bucket is spent every epoch");
            engine.verifyConservation();
        }
    }
}
