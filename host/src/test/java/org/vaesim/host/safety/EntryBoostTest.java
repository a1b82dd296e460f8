package org.vaesim.host.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vaesim.host.Fixtures;
import org.vaesim.host.Require;
import org.vaesim.host.epoch.Engine;
import org.vaesim.kernels.AgentBoost;
import org.vaesim.kernels.Backends;
import org.vaesim.kernels.cpu.JavaBackend;
import org.vaesim.kernels.device.DeviceBackend;
import org.vaesim.kernels.memory.Segment;

/**
 * The entry boost (docs/capability.md#where-capability-feeds-back): a noiseless test task scores an arriving agent's
 * true ability times 1 + B / 10^6, B the mean of the published entry column over its principal's agents in the
 * economy. Hand-computed: principal labs has 200 buyers and 200 sellers in the economy; its 10 new agents and the 10
 * of principal solo (nobody in the economy yet) have true ability 0.45 against a line of 0.5.
 */
class EntryBoostTest {
    private static final String JSON = """
        { "name": "entry-boost", "seed": 3, "epochs": 3,
          "markets": [ { "name": "m", "resource": "compute", "tick_size": 0.01, "ticks": 400, "initial_price": 2.00 } ],
          "population": [
            { "name": "buyers", "strategy": "zi-c", "market": "m", "count": 200, "cash": 100, "principal": "labs",
              "params": { "side": "buy", "value_min": 1.00, "value_max": 3.00, "units": 1, "period": 5 } },
            { "name": "sellers", "strategy": "zi-c", "market": "m", "count": 200, "inventory": 50, "principal": "labs",
              "params": { "side": "sell", "value_min": 1.00, "value_max": 3.00, "units": 1, "period": 5 } },
            { "name": "new-labs", "strategy": "zi-c", "market": "m", "count": 10, "cash": 100, "principal": "labs",
              "arrival": { "from_epoch": 1, "per_epoch": 10, "declared_capability": 0.45 },
              "params": { "side": "buy", "value_min": 1.00, "value_max": 3.00, "units": 1, "period": 5 } },
            { "name": "new-solo", "strategy": "zi-c", "market": "m", "count": 10, "cash": 100, "principal": "solo",
              "arrival": { "from_epoch": 1, "per_epoch": 10, "declared_capability": 0.45 },
              "params": { "side": "buy", "value_min": 1.00, "value_max": 3.00, "units": 1, "period": 5 } } ],
          "safety": { "entry": { "test_task": { "noise": 0, "min_score": 0.5 } } } }
        """;

    /** Runs the economy with the buyers' entry boosts at {@code buyerBoost} (null: no column published). */
    private static long[] admitted(String backend, Integer buyerBoost) {
        try (Engine e = Engine.start(Fixtures.scenario(JSON), backend, 2)) {
            if (buyerBoost != null) {
                int[] column = new int[e.population().size];
                Arrays.fill(column, 0, 200, buyerBoost); // the buyers come first
                if (e.backend() instanceof JavaBackend j) {
                    j.boost(AgentBoost.ENTRY, column);
                } else {
                    DeviceBackend d = (DeviceBackend) e.backend();
                    d.boost(AgentBoost.ENTRY, d.upload(column));
                }
            }
            while (!e.finished()) {
                e.step();
            }
            e.verifyConservation();
            long[] n = new long[2];
            for (Segment s : e.layout().segments()) {
                int k = s.cohort().name().equals("new-labs") ? 0 : s.cohort().name().equals("new-solo") ? 1 : -1;
                for (int i = s.start(); k >= 0 && i < s.end(); i++) {
                    n[k] += e.population().status[i] == 0 ? 1 : 0;
                }
            }
            return n;
        }
    }

    /**
     * Buyers at 0.25: B = 200 x 0.25 / 400 = 0.125, and 0.45 x 1.125 = 0.50625 passes, so all 10 of labs' new agents
     * are admitted; at 0.2, B = 0.1 and 0.495 fails. Solo has nobody in the economy, B = 0: refused either way, as
     * everyone is without a column.
     */
    @ParameterizedTest
    @ValueSource(strings = {Backends.JAVA, Backends.OPENCL})
    void aPrincipalsCapabilityLiftsItsNewAgentsOverTheLine(String backend) {
        Require.backend(backend);
        assertEquals(Arrays.toString(new long[] {0, 0}), Arrays.toString(admitted(backend, null)), "no column");
        assertEquals(Arrays.toString(new long[] {10, 0}), Arrays.toString(admitted(backend, 250_000)));
        assertEquals(Arrays.toString(new long[] {0, 0}), Arrays.toString(admitted(backend, 200_000)));
        assertEquals(Arrays.toString(new long[] {0, 0}), Arrays.toString(admitted(backend, 0)), "a column of 0s");
    }

    @Test
    void theBoostedAbilityIsTheAbilityTimesOnePlusTheMeanBoost() {
        assertEquals(0.45 * 1.125, EntryChecks.boostedAbility(0.45, new double[] {125_000}, 0));
        assertEquals(0.45, EntryChecks.boostedAbility(0.45, new double[] {0}, 0));
        assertEquals(0.45, EntryChecks.boostedAbility(0.45, null, 0));
    }
}
