package org.vaesim.models.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vaesim.models.capability.EntrenchmentSpec;

/** entrenchment: what it parses to, its defaults, and each bad input's file, JSON path and what is allowed. */
class CapabilityConfigTest {
    private static final String SOURCE = "configs/cap.json";

    private static String doc(String blocks) {
        return """
            { "name": "cap", "seed": 1, "epochs": 95,
              "markets": [ {"name": "time", "resource": "agent_time", "tick_size": 0.01, "ticks": 2000,
                            "initial_price": 10} ],
              "population": [
                {"name": "a", "strategy": "negotiation", "market": "time", "count": 100, "cash": 50,
                 "params": {"value_min": 5, "value_max": 15, "tiers": 2, "spread": 1}} ]
              %s }
            """.formatted(blocks);
    }

    @Test
    void readsTheEntrenchmentBlockAndItsDefaults() throws ConfigException {
        assertNull(ScenarioLoader.parse(doc(""), SOURCE).entrenchment());
        assertEquals(new EntrenchmentSpec(1, 9), ScenarioLoader.parse(doc(", \"entrenchment\": {}"), SOURCE)
                .entrenchment(), "lag 1 and a tenth of the 95 epochs by default");
        assertEquals(new EntrenchmentSpec(3, 40), ScenarioLoader.parse(
                doc(", \"entrenchment\": {\"persistence_lag\": 3, \"early_epochs\": 40}"), SOURCE).entrenchment());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"entrenchment\": {\"persistence_lag\": 9}|$.entrenchment.persistence_lag|9|must be an integer from 1 to 7",
        "\"entrenchment\": {\"early_epochs\": 0}|$.entrenchment.early_epochs|0|must be an integer from 1 to 1000000000",
        "\"entrenchment\": {\"lag\": 2}|$.entrenchment.lag|2|unknown field; allowed fields: persistence_lag, early_epochs",
        "\"entrenchment\": 3|$.entrenchment|3|must be an object"
    })
    void rejectsBadEntrenchmentBlocks(String block, String path, String value, String allowed) {
        ConfigException e = assertThrows(ConfigException.class, () -> ScenarioLoader.parse(doc(", " + block), SOURCE));
        assertEquals(SOURCE, e.source());
        assertEquals(path, e.jsonPath(), e.getMessage());
        assertEquals(value, e.badValue(), e.getMessage());
        assertTrue(e.allowed().contains(allowed), e.getMessage());
    }
}
