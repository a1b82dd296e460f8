package org.vaesim.host.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.vaesim.host.Fixtures;
import org.vaesim.host.epoch.Engine;
import org.vaesim.kernels.gate.RejectReason;
import org.vaesim.models.scenario.Scenario;

/**
 * configs/malicious-cohort.json and its unprotected twin: the scope rejects the manipulators' orders, the
 * rejections rule kills their principal in the epoch it fires, and the price stays where the honest traders
 * put it; without the safety layer the manipulators move it far away.
 */
class MaliciousCohortTest {

    private static double maxDeviation(Engine engine, double initial) {
        double worst = 0;
        while (!engine.finished()) {
            engine.step();
            worst = Math.max(worst, Math.abs(engine.markets().lastTick[0] / 100.0 - initial) / initial);
        }
        return worst;
    }

    @Test
    void theSafetyLayerDetectsAndStopsTheManipulatorsWithinOneEpoch() {
        Scenario s = Fixtures.scenario(Fixtures.tree("malicious-cohort.json"));
        List<Object[]> kills = new ArrayList<>();
        try (Engine engine = Engine.start(s, 2)) {
            engine.audit((epoch, type, fields) -> {
                if (type.equals("kill")) {
                    kills.add(new Object[] {epoch, fields});
                }
            });
            engine.step();
            assertEquals(1, kills.size(), "the rule fired in the first epoch");
            Map<?, ?> kill = (Map<?, ?>) kills.getFirst()[1];
            assertEquals(0, kills.getFirst()[0]);
            assertEquals("principal shady-ops", kill.get("target"));
            assertEquals(200L, kill.get("newly_killed"));
            assertTrue(engine.markets().rejects[RejectReason.SCOPE.ordinal()] >= 100, "detected by scope");
            double deviation = maxDeviation(engine, 10.0);
            assertTrue(deviation < 0.05, "the price stays within 5% of 10.00: " + deviation);
            assertEquals(200, engine.safety().killed);
            assertEquals(1, kills.size(), "killed agents raise no more alarms");
            engine.verifyConservation();
        }
    }

    @Test
    void withoutTheSafetyLayerTheManipulatorsMoveThePrice() {
        Scenario s = Fixtures.scenario(Fixtures.tree("malicious-cohort-unprotected.json"));
        try (Engine engine = Engine.start(s, 2)) {
            double deviation = maxDeviation(engine, 10.0);
            assertTrue(deviation > 0.2, "the price is pushed more than 20% away: " + deviation);
            assertEquals(0, engine.safety().killed);
        }
    }
}
