package org.vaesim.host.epoch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vaesim.host.Fixtures;
import org.vaesim.host.metrics.NegotiationTiers;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.models.scenario.Scenario;

/**
 * Capability as bargaining power (Tomasev et al. 2025: more capable agents get better deals), against the
 * drift the k-double auction predicts.
 *
 * <p>Two tiers with powers 1 and 2, values and costs uniform on ticks 500..1500. A tier-1 agent gains only
 * against tier-0 partners (probability q0): half the time it sells at cost + floor(2/3 d), half the time it
 * buys at cost + floor(1/3 d), d = value - cost when positive. Its expected cash drift per epoch is
 * q0 x 1/2 x E[(floor(2d/3) - floor(d/3)) 1{d > 0}], about 13.9 ticks, and tier 0 loses the same.
 * Over 200 epochs the mean of 10,000 agents has a standard error near 1% of the drift, so 10% is ample.
 */
class NegotiationTest {

    /** E[(floor(2d/3) - floor(d/3)) 1{d > 0}] for value and cost independent and uniform on 1001 ticks. */
    static double expectedGainTicks() {
        double sum = 0;
        for (int d = 1; d <= 1000; d++) {
            double p = (1001.0 - d) / (1001.0 * 1001.0);
            sum += p * (Math.floorDiv(2 * d, 3) - Math.floorDiv(d, 3));
        }
        return sum;
    }

    /** 20,000 agents in two tiers, 200 epochs, values and costs on 5.00..15.00. */
    static Scenario twoTiers(long seed, double spread) {
        return Fixtures.scenario("""
            { "name": "negotiation", "seed": %d, "epochs": 200,
              "markets": [ { "name": "t", "resource": "agent_time", "tick_size": 0.01, "ticks": 2000, "initial_price": 10 } ],
              "population": [ { "name": "n", "strategy": "negotiation", "market": "t", "count": 20000, "cash": 1000,
                                "params": { "value_min": 5.00, "value_max": 15.00, "tiers": 2, "spread": %s } } ] }
            """.formatted(seed, spread));
    }

    @Test
    void moreCapableAgentsGainWhatTheBargainingRulePredicts() {
        Scenario s = twoTiers(11, 1);
        try (Engine engine = Engine.start(s, 2)) {
            while (!engine.finished()) {
                engine.step();
            }
            engine.verifyConservation();
            Segment seg = engine.layout().segments().getFirst();
            long[][] tiers = NegotiationTiers.cash(engine.population(), seg, 2);
            double q0 = (double) tiers[0][0] / (seg.size() - 1);
            double expected = 200 * q0 * 0.5 * expectedGainTicks() * 10_000; // micro-credits per agent
            double gained1 = (double) tiers[1][1] / tiers[1][0] - 1_000_000_000L;
            double lost0 = 1_000_000_000L - (double) tiers[0][1] / tiers[0][0];
            assertTrue(Math.abs(gained1 - expected) < 0.1 * expected, "tier 1 gained " + gained1 + ", expected " + expected);
            assertTrue(lost0 > 0.9 * expected * tiers[1][0] / tiers[0][0], "tier 0 lost " + lost0);
            assertEquals(0, tiers[0][1] + tiers[1][1] - 20_000L * 1_000_000_000L, "zero-sum between tiers");
        }
    }

    @Test
    void equalPowerMeansNoDrift() {
        try (Engine engine = Engine.start(twoTiers(12, 0), 2)) {
            while (!engine.finished()) {
                engine.step();
            }
            Segment seg = engine.layout().segments().getFirst();
            long[][] tiers = NegotiationTiers.cash(engine.population(), seg, 2);
            double drift = (double) tiers[1][1] / tiers[1][0] - 1_000_000_000L;
            double capableDrift = 200 * 0.5 * 0.5 * expectedGainTicks() * 10_000;
            assertTrue(Math.abs(drift) < 0.1 * capableDrift, "no systematic drift: " + drift);
        }
    }
}
