package org.vaesim.models.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vaesim.models.strategy.KineticParams;

/** Kinetic exchange cohorts: what they parse to and the ranges of lambda, beta and tax. */
class KineticConfigTest {
    private static final String SOURCE = "configs/k.json";

    private static String doc(String params) {
        return """
            { "name": "k", "seed": 1, "epochs": 5,
              "markets": [ {"name": "m", "resource": "asset", "tick_size": 1, "ticks": 16, "initial_price": 8} ],
              "population": [ {"name": "k", "strategy": "kinetic", "market": "m", "count": 10, "cash": 1,
                               "params": %s} ] }
            """.formatted(params);
    }

    @Test
    void parsesEveryModel() throws ConfigException {
        assertEquals(new KineticParams(KineticParams.Model.SAVING, 0.5, true, 0.1, 0.02),
                ScenarioLoader.parse(doc("{\"model\": \"saving\", \"lambda\": 0.5, \"lambda_distribution\": \"uniform\","
                        + " \"tax\": 0.02}"), SOURCE).cohorts().getFirst().params());
        assertEquals(new KineticParams(KineticParams.Model.YARD_SALE, 0, false, 0.25, 0),
                ScenarioLoader.parse(doc("{\"model\": \"yard_sale\", \"beta\": 0.25}"), SOURCE).cohorts().getFirst()
                        .params());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"model\": \"saving\", \"lambda\": 1}|$.population[0].params.lambda|1|in [0, 1)",
        "{\"model\": \"saving\", \"lambda\": -0.1}|$.population[0].params.lambda|-0.1|in [0, 1)",
        "{\"model\": \"yard_sale\", \"beta\": 0}|$.population[0].params.beta|0|in (0, 1)",
        "{\"model\": \"yard_sale\", \"beta\": 1}|$.population[0].params.beta|1|in (0, 1)",
        "{\"model\": \"random\", \"tax\": 1}|$.population[0].params.tax|1|in [0, 1)",
        "{\"model\": \"random\", \"lambda\": 0.3}|$.population[0].params.lambda|0.3|only the saving model saves",
        "{\"model\": \"saving\", \"beta\": 0.3}|$.population[0].params.beta|0.3|only the yard_sale model",
        "{\"model\": \"boltzmann\"}|$.population[0].params.model|\"boltzmann\"|must be one of",
    })
    void rejectsOutOfRangeParameters(String params, String path, String bad, String allowed) {
        ConfigException e = assertThrows(ConfigException.class, () -> ScenarioLoader.parse(doc(params), SOURCE));
        assertEquals(path, e.jsonPath(), e.getMessage());
        assertEquals(bad, e.badValue(), e.getMessage());
        assertTrue(e.allowed().contains(allowed), e.getMessage());
    }

    @Test
    void negotiationNeedsARangeOfValues() {
        String json = doc("{}").replace("\"strategy\": \"kinetic\"", "\"strategy\": \"negotiation\"")
                .replace("\"params\": {}", "\"params\": {\"value_min\": 9, \"value_max\": 9}");
        ConfigException e = assertThrows(ConfigException.class, () -> ScenarioLoader.parse(json, SOURCE));
        assertEquals("$.population[0].params.value_max", e.jsonPath());
        assertTrue(e.allowed().contains("must be above value_min"), e.getMessage());
    }
}
