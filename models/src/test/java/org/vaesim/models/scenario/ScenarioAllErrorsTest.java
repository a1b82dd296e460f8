package org.vaesim.models.scenario;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * One pass reports every error of a document (issue 13, F.3): each top-level field, market, cohort, auction,
 * mission and event is checked on its own; a part that others refer to must be free of errors for them to be
 * checked, and what is skipped so is listed, never reported as an error of its own. Each error keeps the exact
 * message a document with only that error gets (ScenarioErrorsTest pins those).
 */
class ScenarioAllErrorsTest {
    private static final String SOURCE = ScenarioErrorsTest.SOURCE;

    /** ScenarioErrorsTest's valid document with a breaker and a resource auction, whose bidders have cash. */
    private static final String BASE = ScenarioErrorsTest.BASE
            .replace("\"count\": 100,", "\"count\": 100, \"cash\": 10,")
            .replace("  \"events\": [", """
                  "safety": {"circuit_breaker": {"band_percent": 10}},
                  "resource_auctions": [
                    {"name": "gpu", "resource": "compute", "tick_size": 0.01, "ticks": 1000, "supply": 10,
                     "mechanism": {"type": "uniform_price"},
                     "bidders": [{"cohort": "buyers", "value_min": 0.01, "value_max": 1.00}]}
                  ],
                  "events": [""");

    private static ConfigException rejected(String json) {
        return assertThrows(ConfigException.class, () -> ScenarioLoader.parse(json, SOURCE));
    }

    /** Each error's path, in the order found. */
    private static List<String> paths(ConfigException e) {
        return e.errors().stream().map(ConfigException::jsonPath).toList();
    }

    private static String edit(String snippet, String replacement) {
        assertEquals(1, BASE.split(java.util.regex.Pattern.quote(snippet), -1).length - 1, snippet);
        return BASE.replace(snippet, replacement);
    }

    @Test
    void baseDocumentIsValid() {
        assertDoesNotThrow(() -> ScenarioLoader.parse(BASE, SOURCE));
    }

    @Test
    void reportsEveryTopLevelAndMarketErrorAndListsWhatDependsOnTheMarkets() {
        String json = edit("\"seed\": 7,", "\"seed\": true, \"colour\": \"red\", \"agents\": 5,")
                .replace("\"epochs\": 100", "\"epochs\": 0")
                .replace("\"ticks\": 1024,", "\"ticks\": 1024, \"lot_size\": 1,")
                .replace("\"resource\": \"data\"", "\"resource\": \"energy\"");
        ConfigException e = rejected(json);
        assertEquals(List.of("$.colour", "$.agents", "$.seed", "$.epochs", "$.markets[0].lot_size",
                "$.markets[1].resource"), paths(e));
        assertSame(e, e.errors().getFirst(), "the thrown exception is the first error");
        assertEquals("configs/x.json: $.epochs = 0: must be an integer from 1 to 1000000000",
                e.errors().get(3).getMessage());
        assertEquals("configs/x.json: $.markets[1].resource = \"energy\": must be one of \"compute\", \"data\","
                + " \"agent_time\", \"asset\"", e.errors().get(5).getMessage());
        // cohorts' prices lie on their markets' grids, and everything after refers to the cohorts
        assertEquals(List.of("$.population", "$.safety", "$.resource_auctions", "$.events"), e.notChecked());
    }

    @Test
    void aMisspeltFieldDoesNotHideTheErrorsAfterIt() {
        // one cohort with an unknown field is still read: its missing required field is the second error
        ConfigException e = rejected(edit("\"side\": \"buy\", \"value_min\": 4.00",
                "\"side\": \"buy\", \"valeu_min\": 4.00"));
        assertEquals(List.of("$.population[1].params.valeu_min", "$.population[1].params.value_min"), paths(e));
        assertEquals("(missing)", e.errors().get(1).badValue());
    }

    @Test
    void reportsEveryCohortInErrorAndSkipsThePartsThatReferToCohorts() {
        String json = edit("\"count\": 10,", "\"count\": 0,")
                .replace("\"count\": 50", "\"count\": -5")
                .replace("\"target_qty\": 1000", "\"target_qty\": 0");
        ConfigException e = rejected(json);
        assertEquals(List.of("$.population[0].count", "$.population[2].count",
                "$.population[3].params.target_qty"), paths(e));
        assertEquals(List.of("$.safety", "$.resource_auctions", "$.events"), e.notChecked());
    }

    @Test
    void reportsErrorsInSafetyAnAuctionAndEachEventTogether() {
        String json = edit("\"band_percent\": 10", "\"band_percent\": 0")
                .replace("\"supply\": 10,", "\"supply\": 0,")
                .replace("\"cohort\": \"fund\", \"amount\": 10", "\"cohort\": \"funds\", \"amount\": 10")
                .replace("\"percent\": 5}", "\"percent\": -100}");
        ConfigException e = rejected(json);
        assertEquals(List.of("$.safety.circuit_breaker.band_percent", "$.resource_auctions[0].supply",
                "$.events[0].cohort", "$.events[1].percent"), paths(e));
        assertEquals(List.of(), e.notChecked(), "the auctions and events do not depend on the safety block");
        assertEquals("configs/x.json: $.events[0].cohort = \"funds\": must name a cohort, one of \"mm\", \"buyers\","
                + " \"fund\", \"exec\"", e.errors().get(2).getMessage());
    }

    @Test
    void withoutAValidRunLengthEpochsAreCheckedOnlyAgainstTheLongestAllowed() {
        // epoch 500 is fine for some run length: only the run length itself is an error
        ConfigException e = rejected(edit("\"epochs\": 100", "\"epochs\": \"long\"")
                .replace("\"epoch\": 60", "\"epoch\": 500"));
        assertEquals(List.of("$.epochs"), paths(e));
    }

    @Test
    void aGatewayInErrorSkipsOnlyTheEventsThatActOnIt() {
        String json = edit("\"safety\":", """
                "gateway": {"fee_bps": 5000, "markets": [{"market": "compute"}]},
                "safety":""").replace("\"percent\": 5}", "\"percent\": 5},\n"
                + "    {\"epoch\": 70, \"type\": \"gateway_close\"},\n"
                + "    {\"epoch\": 80, \"type\": \"inject_goods\", \"cohort\": \"mm\", \"units\": 0}");
        ConfigException e = rejected(json);
        assertEquals(List.of("$.gateway.fee_bps", "$.events[3].units"), paths(e));
        assertEquals(List.of("$.events[2]"), e.notChecked());
    }

    @Test
    void aSingleErrorIsItsOwnList() {
        ConfigException e = rejected(edit("\"percent\": 5}", "\"percent\": -100}"));
        assertEquals(List.of(e), e.errors());
        assertEquals(List.of(), e.notChecked());
    }
}
