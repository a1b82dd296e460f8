package org.vaesim.host.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.vaesim.host.epoch.Engine;
import org.vaesim.kernels.gate.ReputationRules;
import org.vaesim.kernels.memory.Population;
import org.vaesim.models.scenario.Scenario;
import org.vaesim.models.scenario.ScenarioLoader;

/** Per principal: how many of its active agents are below full reputation and how many are on probation. */
class PrincipalsReputationTest {

    @Test
    void countsActiveAgentsBelowFullAndBelowTheProbationLine() throws Exception {
        Scenario s = ScenarioLoader.parse("""
                { "name": "hand", "seed": 1, "epochs": 1,
                  "markets": [ {"name": "m", "resource": "compute", "tick_size": 1, "ticks": 100, "initial_price": 1} ],
                  "population": [
                    {"name": "a", "strategy": "bidder", "market": "m", "count": 4, "cash": 10, "principal": "p1"},
                    {"name": "b", "strategy": "bidder", "market": "m", "count": 3, "cash": 10, "principal": "p2"} ],
                  "safety": { "reputation": {"gain": 0.02, "loss": 0.25},
                              "probation": {"below_reputation": 0.5, "max_order_qty": 1} } }
                """, "principals");
        int line = ReputationRules.of(s.safety()).probationBelow();
        assertEquals(500_000, line);
        try (Engine engine = Engine.start(s, 1)) {
            Population p = engine.population();
            // p1: full, just below full, just below the line, at the line; p2: below the line but killed, full, 0
            int[] reputation = {1_000_000, 999_999, 499_999, 500_000, 100_000, 1_000_000, 0};
            System.arraycopy(reputation, 0, p.reputation, 0, reputation.length);
            p.status[4] = Population.KILLED;
            Principals principals = Principals.of(p, engine.layout().segments(), s.markets(), engine.markets(),
                    engine.safety().flows, line);
            Principals.Principal p1 = principals.byAgents().get(0);
            Principals.Principal p2 = principals.byAgents().get(1);
            assertEquals("p1", p1.name());
            assertEquals(4, p1.activeAgents());
            assertEquals(3, p1.belowFullReputation());
            assertEquals(1, p1.onProbation(), "499,999 is below the line, 500,000 is not");
            assertEquals("p2", p2.name());
            assertEquals(2, p2.activeAgents(), "the killed agent is not counted");
            assertEquals(1, p2.belowFullReputation());
            assertEquals(1, p2.onProbation());
            assertEquals(0.5, p2.meanReputation(), 1e-12);
            // without probation nobody is on it
            assertEquals(0, Principals.of(p, engine.layout().segments(), s.markets(), engine.markets(),
                    engine.safety().flows, 0).byAgents().get(0).onProbation());
        }
    }
}
