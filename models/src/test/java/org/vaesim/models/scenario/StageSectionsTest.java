package org.vaesim.models.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The scenario file's {@code stages} object as the models module reads it: it registers one stage reader, the safety
 * layer's {@code linking} (the host's tests register the extending guide's lottery and test its reader there).
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
        assertTrue(e.getMessage().contains("unknown field; allowed fields: linking"), e.getMessage());
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
