package org.vaesim.models.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The scenario file's {@code stages} object with the models module's own stages: capability, wealth_tax and
 * entrenchment, whose readers CapabilityConfigTest tests; the trade relationships, coordination and the safety
 * layer's linking, tested with their stages in the host module. The host's tests also register the extending
 * guide's lottery and test its reader there.
 */
class StageSectionsTest {
    private static final String BASE = """
            { "name": "s", "seed": 1, "epochs": 5,
              "markets": [ { "name": "a", "resource": "compute", "tick_size": 0.01, "ticks": 64,
                             "initial_price": 0.30 } ],
              "population": [ { "name": "b", "strategy": "bidder", "market": "a", "count": 2, "cash": 1 } ]%s }
            """;

    @Test
    void aSectionNoStageClaimsIsRefusedListingTheRegisteredOnes() {
        String json = BASE.formatted(", \"stages\": { \"lottery\": { \"ticket\": 1 } }");
        ConfigException e = assertThrows(ConfigException.class, () -> ScenarioLoader.parse(json, "s.json"));
        assertTrue(e.getMessage().startsWith("s.json: $.stages.lottery = "), e.getMessage());
        assertTrue(e.getMessage().contains("unknown field; allowed fields: capability, coordination, entrenchment,"
                + " linking, relationships, routing, wealth_tax"), e.getMessage());
    }

    @Test
    void stagesMustBeAnObjectAndMayBeEmpty() throws ConfigException {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ScenarioLoader.parse(BASE.formatted(", \"stages\": 3"), "s.json"));
        assertTrue(e.getMessage().contains("$.stages = 3: must be an object"), e.getMessage());
        assertEquals(null, ScenarioLoader.parse(BASE.formatted(", \"stages\": {}"), "s.json")
                .stage("lottery", Object.class));
    }
}
