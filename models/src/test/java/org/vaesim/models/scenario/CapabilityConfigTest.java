package org.vaesim.models.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import java.util.List;

import org.vaesim.models.capability.CapabilitySpec;
import org.vaesim.models.capability.EntrenchmentSpec;
import org.vaesim.models.redistribution.WealthTaxSpec;

/**
 * The stage sections capability, wealth_tax and entrenchment (their readers are registered in this module's
 * META-INF/services): what they parse to, defaults, and each bad input's file, JSON path and what is allowed.
 */
class CapabilityConfigTest {
    private static final String SOURCE = "configs/cap.json";

    /** The scenario with {@code sections} ("name": {...}, comma-separated; empty for none) under "stages". */
    private static String doc(String sections) {
        return """
            { "name": "cap", "seed": 1, "epochs": 95,
              "markets": [ {"name": "time", "resource": "agent_time", "tick_size": 0.01, "ticks": 2000,
                            "initial_price": 10} ],
              "population": [
                {"name": "a", "strategy": "negotiation", "market": "time", "count": 100, "cash": 50,
                 "params": {"value_min": 5, "value_max": 15, "tiers": 2, "spread": 1}} ]
              %s }
            """.formatted(sections.isEmpty() ? "" : ", \"stages\": {" + sections + "}");
    }

    @Test
    void readsTheEntrenchmentBlockAndItsDefaults() throws ConfigException {
        assertNull(ScenarioLoader.parse(doc(""), SOURCE).stage("entrenchment", EntrenchmentSpec.class));
        assertEquals(new EntrenchmentSpec(1, 9), ScenarioLoader.parse(doc("\"entrenchment\": {}"), SOURCE)
                .stage("entrenchment", EntrenchmentSpec.class), "lag 1 and a tenth of the 95 epochs by default");
        assertEquals(new EntrenchmentSpec(3, 40), ScenarioLoader.parse(
                doc("\"entrenchment\": {\"persistence_lag\": 3, \"early_epochs\": 40}"), SOURCE)
                .stage("entrenchment", EntrenchmentSpec.class));
    }

    @Test
    void readsTheCapabilityAndWealthTaxBlocksExactly() throws ConfigException {
        Scenario s = ScenarioLoader.parse(doc("\"capability\": {\"cohorts\": [\"a\"], \"feedback\": 0.75,"
                + " \"half_stock\": 2.5, \"reinvest\": 0.1, \"unit_cost\": 3, \"depreciation\": 0.02},"
                + " \"wealth_tax\": {\"cohorts\": [\"a\"], \"rate\": 0.01, \"every\": 5}"), SOURCE);
        assertEquals(new CapabilitySpec(List.of(0), 750_000, 2_500_000, 1_000_000, 100_000, 3_000_000, 20_000),
                s.stage("capability", CapabilitySpec.class));
        assertEquals(new WealthTaxSpec(List.of(0), 0.01, 5), s.stage("wealth_tax", WealthTaxSpec.class));
        assertEquals(0, new CapabilitySpec(List.of(0), 0, 1, 0, 500_000, 1_000_000, 0).reinvestInForce(),
                "no reinvestment without feedback");
    }

    @Test
    void readsTheFeedsSwitchesAndTheirDefaultNegotiationOnly() throws ConfigException {
        String base = "\"capability\": {\"cohorts\": [\"a\"], \"feedback\": 1";
        assertEquals(CapabilitySpec.Feeds.DEFAULT, ScenarioLoader.parse(doc(base + "}"), SOURCE)
                .stage("capability", CapabilitySpec.class).feeds(), "without feeds: negotiation only, as before");
        assertEquals(new CapabilitySpec.Feeds(false, true, false, true), ScenarioLoader.parse(doc(base
                + ", \"feeds\": {\"negotiation\": false, \"auctions\": true, \"entry\": true}}"), SOURCE)
                .stage("capability", CapabilitySpec.class).feeds());
        assertEquals(CapabilitySpec.Feeds.DEFAULT, ScenarioLoader.parse(doc(base + ", \"feeds\": {}}"), SOURCE)
                .stage("capability", CapabilitySpec.class).feeds());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"capability\": {\"cohorts\": [\"z\"]}|$.stages.capability.cohorts[0]|\"z\"|must name a cohort, one of \"a\"",
        "\"capability\": {\"cohorts\": [\"a\", \"a\"]}|$.stages.capability.cohorts[1]|\"a\"|each cohort once",
        "\"capability\": {\"cohorts\": []}|$.stages.capability.cohorts|[]|must",
        "\"capability\": {\"cohorts\": [\"a\"], \"feedback\": 11}|$.stages.capability.feedback|11|in [0, 10]",
        "\"capability\": {\"cohorts\": [\"a\"], \"half_stock\": 0}|$.stages.capability.half_stock|0|in (0, ",
        "\"capability\": {\"cohorts\": [\"a\"], \"unit_cost\": 0.5}|$.stages.capability.unit_cost|0.5|in [1, ",
        "\"capability\": {\"cohorts\": [\"a\"], \"reinvest\": 1.5}|$.stages.capability.reinvest|1.5|in [0, 1]",
        "\"wealth_tax\": {\"cohorts\": [\"a\"], \"rate\": 2}|$.stages.wealth_tax.rate|2|in [0, 1]",
        "\"wealth_tax\": {\"cohorts\": [\"a\"]}|$.stages.wealth_tax.rate|(missing)|must",
        "\"wealth_tax\": {\"cohorts\": [\"a\"], \"rate\": 0.1, \"every\": 0}|$.stages.wealth_tax.every|0|from 1 to 95",
        "\"entrenchment\": {\"persistence_lag\": 9}|$.stages.entrenchment.persistence_lag|9|an integer from 1 to 7",
        "\"entrenchment\": {\"early_epochs\": 0}|$.stages.entrenchment.early_epochs|0|an integer from 1 to 1000000000",
        "\"entrenchment\": {\"lag\": 2}|$.stages.entrenchment.lag|2|unknown field; allowed fields: persistence_lag,",
        "\"entrenchment\": 3|$.stages.entrenchment|3|must be an object",
        "\"capability\": {\"cohorts\": [\"a\"], \"feeds\": {\"auction\": true}}|$.stages.capability.feeds.auction|true|"
            + "unknown field; allowed fields: negotiation, auctions, missions, entry",
        "\"capability\": {\"cohorts\": [\"a\"], \"feeds\": {\"missions\": 1}}|$.stages.capability.feeds.missions|1|"
            + "must be true or false",
        "\"capability\": {\"cohorts\": [\"a\"], \"feeds\": [\"auctions\"]}|$.stages.capability.feeds|[\"auctions\"]|"
            + "must be an object"
    })
    void rejectsBadBlocks(String block, String path, String value, String allowed) {
        ConfigException e = assertThrows(ConfigException.class, () -> ScenarioLoader.parse(doc(block), SOURCE));
        assertEquals(SOURCE, e.source());
        assertEquals(path, e.jsonPath(), e.getMessage());
        assertEquals(value, e.badValue(), e.getMessage());
        assertTrue(e.allowed().contains(allowed), e.getMessage());
    }
}
