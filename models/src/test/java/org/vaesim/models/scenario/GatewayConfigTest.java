package org.vaesim.models.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vaesim.models.event.EventSpec;
import org.vaesim.models.gateway.GatewaySpec;
import org.vaesim.models.market.ResourceType;

/** gateway: what it parses to, and each bad input's file, JSON path and what is allowed. */
class GatewayConfigTest {
    private static final String SOURCE = "configs/gw.json";

    /**
     * Agents hold 100 x 50 + 10 x 20 + 4 x 0 = 5200 credits; with 800 offshore the economy has 6000 credits of
     * agent currency. Cohorts sort as: value (fundamentalist, file 0), offshore (fundamentalist, file 2), hft (1).
     */
    private static String doc(String gateway, String events) {
        return """
            { "name": "gw", "seed": 1, "epochs": 50,
              "markets": [ {"name": "gpu", "resource": "compute", "tick_size": 0.01, "ticks": 4000, "initial_price": 20},
                           {"name": "files", "resource": "data", "tick_size": 0.01, "ticks": 1000, "initial_price": 5} ],
              "population": [
                {"name": "value", "strategy": "fundamentalist", "market": "gpu", "count": 100, "cash": 50},
                {"name": "hft", "strategy": "hft", "market": "gpu", "count": 10, "cash": 20},
                {"name": "offshore", "strategy": "fundamentalist", "market": "gpu", "count": 4, "principal": "fund"} ],
              "gateway": %s,
              "events": [%s] }
            """.formatted(gateway, events);
    }

    private static final String GATEWAY = """
        { "fee_bps": 25, "offshore_agent_currency": 800, "cap_per_epoch": 600, "cap_per_principal": 100,
          "rate": {"initial": 1.25, "volatility_bps": 3, "reversion": 0.02, "depth": 5000},
          "markets": [ {"market": "gpu", "volatility_bps": 2, "reversion": 0.1, "depth": 300} ],
          "brokers": [ {"cohort": "offshore", "external_cash": 1000, "cash_target": 40, "max_units": 5} ] }
        """;

    private static Scenario parse(String gateway, String events) throws ConfigException {
        return ScenarioLoader.parse(doc(gateway, events), SOURCE);
    }

    @Test
    void parsesTheGatewayItsLinksAndBrokers() throws ConfigException {
        Scenario s = parse(GATEWAY, "");
        GatewaySpec g = s.gateway();
        assertTrue(g.open(), "open by default");
        assertEquals(25, g.feeBps());
        assertEquals(600_000_000L, g.capPerEpoch());
        assertEquals(100_000_000L, g.capPerPrincipal());
        assertEquals(List.of(ResourceType.COMPUTE), g.allowedResources(), "by default the linked markets' resources");
        assertEquals(new GatewaySpec.Process(1_250_000, 3, 20_000, 5_000_000_000L), g.rate());
        assertEquals(800_000_000L, g.offshoreCurrency());
        // the external price defaults to the internal opening price at the opening rate: 20 x 1.25 = 25
        assertEquals(List.of(new GatewaySpec.Link(0, ResourceType.COMPUTE,
                new GatewaySpec.Process(25_000_000, 2, 100_000, 300))), g.links());
        assertEquals(List.of(new GatewaySpec.Broker(1, 0, 1_000_000_000L, 40_000_000, 5)), g.brokers(),
                "the broker cohort's sorted index is 1");
        assertNull(g.breaker());
        assertNull(ScenarioLoader.parse(doc(GATEWAY, "").replace("\"gateway\": " + GATEWAY + ",", ""), SOURCE)
                .gateway(), "no gateway block, no gateway");
    }

    @Test
    void parsesItsEventsAndCircuitBreaker() throws ConfigException {
        String gateway = GATEWAY.replace("\"fee_bps\": 25,", "\"fee_bps\": 25, \"open\": false, "
                + "\"allowed_resources\": [\"data\", \"compute\"], "
                + "\"circuit_breaker\": {\"drawdown_percent\": 4.5, \"close_epochs\": 0},");
        Scenario s = parse(gateway, """
            {"epoch": 3, "type": "gateway_open"}, {"epoch": 9, "type": "gateway_close"},
            {"epoch": 12, "type": "external_shock", "market": "gpu", "percent": -20},
            {"epoch": 13, "type": "rate_shock", "percent": 15}""");
        GatewaySpec g = s.gateway();
        assertTrue(!g.open());
        assertEquals(List.of(ResourceType.DATA, ResourceType.COMPUTE), g.allowedResources());
        assertEquals(new GatewaySpec.Breaker(45_000, 0), g.breaker(), "4.5% = 45,000 millionths; 0 = to the end");
        assertEquals(List.of(new EventSpec.GatewayOpen(3), new EventSpec.GatewayClose(9),
                new EventSpec.ExternalShock(12, 0, -20), new EventSpec.RateShock(13, 15)), s.events());
    }

    /** Each bad edit: the error names the file, the JSON path, the bad value and what is allowed. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // caps: negative, or more than all the agent currency there is (5200 + 800 = 6000 credits)
        "\"cap_per_epoch\": 600|\"cap_per_epoch\": -5|$.gateway.cap_per_epoch|-5"
                + "|must be an amount of credits from 0 to 6000 (the economy's agent currency",
        "\"cap_per_epoch\": 600|\"cap_per_epoch\": 6000.000001|$.gateway.cap_per_epoch|6000.000001"
                + "|must be an amount of credits from 0 to 6000",
        "\"cap_per_principal\": 100|\"cap_per_principal\": 1e9|$.gateway.cap_per_principal|1000000000"
                + "|must be an amount of credits from 0 to 6000",
        // a link to a market that does not exist
        "{\"market\": \"gpu\",|{\"market\": \"tpu\",|$.gateway.markets[0].market|\"tpu\""
                + "|must name a market, one of \"gpu\", \"files\"",
        // an allowed resource no market trades
        "\"fee_bps\": 25,|\"fee_bps\": 25, \"allowed_resources\": [\"compute\", \"agent_time\"],"
                + "|$.gateway.allowed_resources[1]|\"agent_time\""
                + "|no market of this scenario trades it; must be a resource some market trades, one of \"compute\", \"data\"",
        "\"fee_bps\": 25,|\"fee_bps\": 25, \"allowed_resources\": [\"compute\", \"compute\"],"
                + "|$.gateway.allowed_resources[1]|\"compute\"|listed twice",
        // brokers: an unknown cohort, a cohort of the wrong family, a cohort on an unlinked market
        "{\"cohort\": \"offshore\",|{\"cohort\": \"fund\",|$.gateway.brokers[0].cohort|\"fund\""
                + "|must name a cohort, one of \"value\", \"hft\", \"offshore\"",
        "{\"cohort\": \"offshore\",|{\"cohort\": \"hft\",|$.gateway.brokers[0].cohort|\"hft\""
                + "|is a hft cohort; brokers value goods at the external price as fundamentalists do; allowed:"
                + " a fundamentalist cohort trading a linked market: \"value\", \"offshore\"",
        "\"fee_bps\": 25,|\"fee_bps\": 2000,|$.gateway.fee_bps|2000|must be an integer from 0 to 1000",
        "\"initial\": 1.25,|\"initial\": 0,|$.gateway.rate.initial|0|must be a finite number in (0, 1000]",
        "\"max_units\": 5|\"max_units\": 0|$.gateway.brokers[0].max_units|0|must be an integer from 1 to 1000000",
        "\"fee_bps\": 25,|\"fee_bps\": 25, \"circuit_breaker\": {\"drawdown_percent\": 0},"
                + "|$.gateway.circuit_breaker.drawdown_percent|0|must be a finite number in (0, 100]",
        "\"fee_bps\": 25,|\"fee_bps\": 25, \"opened\": true,|$.gateway.opened|true|unknown field; allowed fields: open,"
    })
    void rejectsBadGateways(String original, String replacement, String path, String value, String allowed) {
        assertTrue(GATEWAY.contains(original), "fixture text present: " + original);
        ConfigException e = assertThrows(ConfigException.class,
                () -> parse(GATEWAY.replace(original, replacement), ""));
        assertEquals(SOURCE, e.source());
        assertEquals(path, e.jsonPath(), e.getMessage());
        assertEquals(value, e.badValue(), e.getMessage());
        assertTrue(e.allowed().contains(allowed), e.getMessage());
    }

    /** The gateway with {@code openAccess} as its open_access block. */
    private static String withOpenAccess(String openAccess) {
        return GATEWAY.replace("\"brokers\":", "\"open_access\": " + openAccess + ", \"brokers\":");
    }

    @Test
    void parsesOpenAccess() throws ConfigException {
        GatewaySpec g = parse(withOpenAccess("{\"threshold_ticks\": {\"min\": 5, \"max\": 40}, \"max_units\": 3}"),
                "").gateway();
        assertEquals(new GatewaySpec.OpenAccess(List.of(0, 2), 5, 40, 3), g.openAccess(),
                "by default every cohort of a linked market but the brokers: value (0) and hft (2)");
        g = parse(withOpenAccess("{\"cohorts\": [\"hft\"]}"), "").gateway();
        assertEquals(new GatewaySpec.OpenAccess(List.of(2), 0, 0, 1), g.openAccess(), "thresholds 0, 1 unit");
        assertNull(parse(GATEWAY, "").gateway().openAccess(), "none unless asked for");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"cohorts\": [\"offshore\"]}|$.gateway.open_access.cohorts[0]|\"offshore\"|is a broker",
        "{\"cohorts\": [\"hft\", \"hft\"]}|$.gateway.open_access.cohorts[1]|\"hft\"|listed twice",
        "{\"cohorts\": [\"fund\"]}|$.gateway.open_access.cohorts[0]|\"fund\"|must name a cohort",
        "{\"cohorts\": []}|$.gateway.open_access.cohorts|[]|1",
        "{\"threshold_ticks\": {\"min\": 50, \"max\": 10}}|$.gateway.open_access.threshold_ticks.max|10"
                + "|must be at least min (50)",
        "{\"threshold_ticks\": {\"min\": -1}}|$.gateway.open_access.threshold_ticks.min|-1"
                + "|must be an integer from 0 to 65536",
        "{\"max_units\": 0}|$.gateway.open_access.max_units|0|must be an integer from 1 to 1000000",
        "{\"max_units\": 1000000}|$.gateway.open_access.max_units|1000000 units|must be at most 2097152",
        "{\"threshold\": 5}|$.gateway.open_access.threshold|5|unknown field; allowed fields: cohorts, threshold_ticks,"
    })
    void rejectsBadOpenAccess(String openAccess, String path, String value, String allowed) {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(withOpenAccess(openAccess), ""));
        assertEquals(SOURCE, e.source());
        assertEquals(path, e.jsonPath(), e.getMessage());
        assertEquals(value, e.badValue(), e.getMessage());
        assertTrue(e.allowed().contains(allowed), e.getMessage());
    }

    @Test
    void rejectsAnOpenAccessCohortOnAMarketTheGatewayDoesNotLink() {
        String doc = doc(withOpenAccess("{\"cohorts\": [\"hft\"]}"), "").replace(
                "{\"name\": \"hft\", \"strategy\": \"hft\", \"market\": \"gpu\"",
                "{\"name\": \"hft\", \"strategy\": \"hft\", \"market\": \"files\"");
        ConfigException e = assertThrows(ConfigException.class, () -> ScenarioLoader.parse(doc, SOURCE));
        assertEquals("$.gateway.open_access.cohorts[0]", e.jsonPath());
        assertTrue(e.allowed().contains("trades market \"files\", which the gateway does not link"), e.getMessage());
    }

    /** 4 brokers x 1,000,000 units is more than the 2^21 units the gateway's sums are sized for. */
    @Test
    void rejectsBrokersThatCouldMoveMoreThanTheGatewaysRange() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> parse(GATEWAY.replace("\"max_units\": 5", "\"max_units\": 1000000"), ""));
        assertEquals("$.gateway.brokers", e.jsonPath());
        assertEquals("4000000 units", e.badValue());
        assertTrue(e.allowed().contains("must be at most 2097152"), e.getMessage());
    }

    @Test
    void rejectsABrokerOnAMarketTheGatewayDoesNotLink() {
        String doc = doc(GATEWAY, "").replace("{\"name\": \"offshore\", \"strategy\": \"fundamentalist\", \"market\": \"gpu\"",
                "{\"name\": \"offshore\", \"strategy\": \"fundamentalist\", \"market\": \"files\"");
        ConfigException e = assertThrows(ConfigException.class, () -> ScenarioLoader.parse(doc, SOURCE));
        assertEquals("$.gateway.brokers[0].cohort", e.jsonPath());
        assertTrue(e.allowed().contains("trades market \"files\", which the gateway does not link"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"epoch\": 5, \"type\": \"gateway_close\"}|$.events[0].type|\"gateway_close\""
                + "|acts on the permeability gateway, and the scenario has none",
        "{\"epoch\": 5, \"type\": \"rate_shock\", \"percent\": -10}|$.events[0].type|\"rate_shock\""
                + "|acts on the permeability gateway, and the scenario has none"
    })
    void rejectsGatewayEventsWithoutAGateway(String event, String path, String value, String allowed) {
        String doc = doc(GATEWAY, event).replace("\"gateway\": " + GATEWAY + ",", "");
        ConfigException e = assertThrows(ConfigException.class, () -> ScenarioLoader.parse(doc, SOURCE));
        assertEquals(path, e.jsonPath());
        assertEquals(value, e.badValue());
        assertTrue(e.allowed().contains(allowed), e.getMessage());
    }

    @Test
    void rejectsAnExternalShockOnAnUnlinkedMarket() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(GATEWAY,
                "{\"epoch\": 5, \"type\": \"external_shock\", \"market\": \"files\", \"percent\": -10}"));
        assertEquals("$.events[0].market", e.jsonPath());
        assertTrue(e.allowed().contains("must name a market the gateway links, one of \"gpu\""), e.getMessage());
    }
}
