package org.vaesim.host.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vaesim.host.Fixtures;
import org.vaesim.host.epoch.Engine;
import org.vaesim.kernels.gate.RejectReason;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.kernels.settle.Settle;
import org.vaesim.models.scenario.Scenario;

/**
 * configs/sybil-swarm*.json (docs/experiments/sybil-swarm.md), 60 epochs: 5,000 wash traders of one principal,
 * each inside its own scope and rate limit. Per-agent controls see nothing; the principal-level layer admits
 * 1,000 (the cap), lets 200 orders through (the bucket), and the 800 rejected orders stop the principal in the
 * epoch the swarm arrives.
 */
class SybilSwarmTest {

    private static Engine run(String config) {
        Scenario s = Fixtures.scenario(Fixtures.tree(config)).withEpochs(60);
        Engine engine = Engine.start(s, 2);
        while (!engine.finished()) {
            engine.step();
        }
        engine.verifyConservation();
        return engine;
    }

    private static long rejects(Engine e, RejectReason r) {
        return e.markets().rejects[r.ordinal()];
    }

    /** Units the swarm bought: with every swarm agent trading one side, the wash volume it added. */
    private static long swarmOrdersFilled(Engine e) {
        Segment swarm = e.layout().segments().stream().filter(s -> s.cohort().name().equals("swarm")).findFirst()
                .orElseThrow();
        return e.safety().flows[swarm.index() * Settle.FLOWS + Settle.FLOW_FILLED];
    }

    @Test
    void perAgentControlsDoNotSeeTheSwarmButThePrincipalLayerStopsItOnArrival() {
        try (Engine unprotected = run("sybil-swarm-unprotected.json");
             Engine agentControls = run("sybil-swarm-agent-controls.json");
             Engine protectedRun = run("sybil-swarm.json")) {
            long volume = unprotected.markets().totalVolume[0];
            // every swarm order is 2 units and fills against another swarm agent's: wash volume = filled orders
            assertTrue(swarmOrdersFilled(unprotected) > 0.9 * volume,
                    "most of the volume is the swarm trading with itself: " + swarmOrdersFilled(unprotected) + " of " + volume);
            assertEquals(volume, agentControls.markets().totalVolume[0], "per-agent controls change nothing");
            assertEquals(0, rejects(agentControls, RejectReason.SCOPE) + rejects(agentControls, RejectReason.RATE_LIMIT));
            assertEquals(0, agentControls.safety().killed);

            assertEquals(1000, protectedRun.safety().admitted, "the cap");
            assertEquals(500, protectedRun.safety().refused[EntryChecks.Refusal.PRINCIPAL_CAP.ordinal()]);
            assertEquals(800, rejects(protectedRun, RejectReason.PRINCIPAL_RATE_LIMIT), "1,000 orders, bucket of 200");
            assertEquals(4500, protectedRun.safety().killed, "the 1,000 admitted and the 3,500 still to arrive");
            assertTrue(protectedRun.markets().totalVolume[0] < 0.1 * volume);
        }
    }
}
