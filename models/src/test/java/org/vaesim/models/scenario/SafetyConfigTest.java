package org.vaesim.models.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vaesim.models.event.EventSpec;
import org.vaesim.models.safety.KillTarget;
import org.vaesim.models.population.CohortSpec;
import org.vaesim.models.safety.SafetySpec;
import org.vaesim.models.strategy.StrategyFamily;

/** The safety section and kill events: what they parse to, and every way they can be wrong. */
class SafetyConfigTest {
    private static final String SOURCE = "configs/s.json";
    private static final String BASE = """
            {
              "name": "safe", "seed": 1, "epochs": 50,
              "markets": [ {"name": "m", "resource": "asset", "tick_size": 0.01, "ticks": 2000, "initial_price": 5.00} ],
              "population": [
                {"name": "f", "strategy": "fundamentalist", "market": "m", "count": 100},
                {"name": "z", "strategy": "zi-c", "market": "m", "count": 10,
                 "params": {"side": "buy", "value_min": 4.00, "value_max": 6.00}} ],
              "safety": {
                "circuit_breaker": {"band_percent": 5, "reference_epochs": 3, "halt_epochs": 4},
                "market_wide": {"levels_percent": [7, 13, 20], "halt_epochs": [10, 20, 0]},
                "volatility_pause": {"move_percent": 10, "lookback_epochs": 6},
                "kill_rules": [{"when": "breaker_trips", "count": 2, "target": "family", "family": "zi-c"}] },
              "events": [
                {"epoch": 5, "type": "kill", "target": "agent", "agent": 109},
                {"epoch": 6, "type": "kill", "target": "cohort", "cohort": "f"},
                {"epoch": 7, "type": "kill", "target": "global"} ]
            }
            """;

    @Test
    void parsesTheSafetySectionAndKillEvents() throws ConfigException {
        var s = ScenarioLoader.parse(BASE, SOURCE);
        assertEquals(new SafetySpec(new SafetySpec.CircuitBreakerSpec(5, 3, 4),
                new SafetySpec.MarketWideSpec(List.of(7.0, 13.0, 20.0), List.of(10, 20, 0)),
                new SafetySpec.VolatilityPauseSpec(10, 6, 5),
                List.of(new SafetySpec.KillRule(SafetySpec.KillRule.When.BREAKER_TRIPS, 2,
                        new KillTarget.Family(StrategyFamily.ZI_C)))), s.safety());
        // cohorts are ordered by family: zi-c (z) first, then the fundamentalists (f)
        assertEquals(List.of(new EventSpec.Kill(5, new KillTarget.Agent(109)),
                new EventSpec.Kill(6, new KillTarget.Cohort(1)), new EventSpec.Kill(7, new KillTarget.Global())),
                s.events());
    }

    @Test
    void aMarketMayHaveABandOfItsOwn() throws ConfigException {
        String twoMarkets = BASE.replace("\"initial_price\": 5.00} ]", "\"initial_price\": 5.00},\n"
                + "{\"name\": \"n\", \"resource\": \"compute\", \"tick_size\": 0.01, \"ticks\": 2000,"
                + " \"initial_price\": 5.00} ]");
        var own = ScenarioLoader.parse(twoMarkets.replace("\"band_percent\": 5,", "\"band_percent\": 5, \"markets\": {\"n\": 2},"),
                SOURCE).safety().breaker();
        assertEquals(new SafetySpec.CircuitBreakerSpec(5, 3, 4), own.forMarket("m"));
        assertEquals(new SafetySpec.CircuitBreakerSpec(2, 3, 4), own.forMarket("n"));
        // without band_percent, only the markets named have a band
        var only = ScenarioLoader.parse(twoMarkets.replace("\"band_percent\": 5,", "\"markets\": {\"n\": 2},"),
                SOURCE).safety().breaker();
        assertEquals(null, only.forMarket("m"));
        assertEquals(new SafetySpec.CircuitBreakerSpec(2, 3, 4), only.forMarket("n"));
    }

    @Test
    void noSafetySectionMeansNone() throws ConfigException {
        String json = BASE.substring(0, BASE.indexOf("\"safety\"")) + BASE.substring(BASE.indexOf("\"events\""));
        assertEquals(SafetySpec.NONE, ScenarioLoader.parse(json, SOURCE).safety());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"band_percent\": 5|\"band_percent\": 0|$.safety.circuit_breaker.band_percent|0|must be a finite number in (0, 50]",
        "\"band_percent\": 5|\"band_percent\": 0.1|$.safety.circuit_breaker.band_percent|0.1|less than one tick",
        "\"band_percent\": 5|\"band_percent\": 5, \"markets\": {\"m\": 60}|$.safety.circuit_breaker.markets.m|60|must be a finite number in (0, 50]",
        "\"band_percent\": 5|\"band_percent\": 5, \"markets\": {\"m\": 0.1}|$.safety.circuit_breaker.markets.m|0.1|less than one tick",
        "\"band_percent\": 5|\"band_percent\": 5, \"markets\": {\"x\": 2}|$.safety.circuit_breaker.markets.x|2|allowed fields: m",
        "\"band_percent\": 5|\"markets\": {}|$.safety.circuit_breaker.markets|{}|must name at least one market",
        "\"band_percent\": 5|\"markets\": [2]|$.safety.circuit_breaker.markets|[2]|must be an object",
        "\"band_percent\": 5, |\"markets\": {\"m\": \"wide\"}, |$.safety.circuit_breaker.markets.m|\"wide\"|must be a finite number",
        "[7, 13, 20]|[7, 20, 13]|$.safety.market_wide.levels_percent[2]|13|larger than the level before it",
        "\"move_percent\": 10|\"move_percent\": 0|$.safety.volatility_pause.move_percent|0|must be a finite number in (0, 1000]",
        "\"lookback_epochs\": 6|\"lookback_epochs\": 1025|$.safety.volatility_pause.lookback_epochs|1025|from 1 to 1024",
        "[10, 20, 0]|[10, 20]|$.safety.market_wide.halt_epochs|[10,20]|must be an array of 3 to 3 elements",
        "\"halt_epochs\": 4|\"halt_epochs\": 4, \"mode\": 1|$.safety.circuit_breaker.mode|1|unknown field",
        "\"count\": 2|\"count\": 0|$.safety.kill_rules[0].count|0|from 1",
        "\"family\": \"zi-c\"|\"family\": \"zi-x\"|$.safety.kill_rules[0].family|\"zi-x\"|must be one of",
        "\"when\": \"breaker_trips\"|\"when\": \"rejections\"|$.safety.kill_rules[0].target|\"family\"|kills the offending principal",
        "\"target\": \"global\"|\"target\": \"principal\", \"principal\": \"nobody\"|$.events[2].principal|\"nobody\"|must name a principal",
        "\"agent\": 109|\"agent\": 110|$.events[0].agent|110|from 0 to 109",
        "\"target\": \"global\"|\"target\": \"everyone\"|$.events[2].target|\"everyone\"|must be one of",
        "\"target\": \"global\"|\"target\": \"global\", \"cohort\": \"f\"|$.events[2].cohort|\"f\"|not used by target",
        "\"count\": 2, \"target\": \"family\", \"family\": \"zi-c\"|\"count\": 2, \"target\": \"family\", \"family\": \"zi-c\", \"ratio\": 3|$.safety.kill_rules[0].ratio|3|not used by a breaker_trips rule",
        "\"when\": \"breaker_trips\", \"count\": 2, \"target\": \"family\", \"family\": \"zi-c\"|\"when\": \"order_to_trade\", \"ratio\": 1|$.safety.kill_rules[0].ratio|1|must be a finite number in (1, 1000000000]",
        "\"when\": \"breaker_trips\", \"count\": 2, \"target\": \"family\", \"family\": \"zi-c\"|\"when\": \"order_to_trade\", \"ratio\": 5, \"count\": 3|$.safety.kill_rules[0].count|3|it takes ratio, epochs, min_orders",
        "\"when\": \"breaker_trips\", \"count\": 2, \"target\": \"family\", \"family\": \"zi-c\"|\"when\": \"order_to_trade\", \"ratio\": 5, \"epochs\": 0|$.safety.kill_rules[0].epochs|0|from 1",
        "\"when\": \"breaker_trips\", \"count\": 2, \"target\": \"family\", \"family\": \"zi-c\"|\"when\": \"loss\", \"percent\": 101|$.safety.kill_rules[0].percent|101|must be a finite number in (0, 100]",
        "\"when\": \"breaker_trips\", \"count\": 2, \"target\": \"family\", \"family\": \"zi-c\"|\"when\": \"loss\", \"percent\": 20, \"target\": \"global\"|$.safety.kill_rules[0].target|\"global\"|kills the offending principal itself",
        "\"circuit_breaker\": {|\"audit\": \"all\", \"circuit_breaker\": {|$.safety.audit|\"all\"|one of \"full\", \"events\"",
    })
    void rejectsBadSafetyInput(String snippet, String replacement, String path, String bad, String allowed) {
        assertTrue(BASE.contains(snippet), snippet);
        ConfigException e = assertThrows(ConfigException.class,
                () -> ScenarioLoader.parse(BASE.replace(snippet, replacement), SOURCE));
        assertEquals(path, e.jsonPath(), e.getMessage());
        assertEquals(bad, e.badValue(), e.getMessage());
        assertTrue(e.allowed().contains(allowed), e.getMessage());
    }

    @Test
    void theAuditLogRecordsEveryEpochUnlessToldToRecordEventsOnly() throws ConfigException {
        assertEquals(SafetySpec.AuditMode.FULL, ScenarioLoader.parse(BASE, SOURCE).safety().audit());
        String events = BASE.replace("\"circuit_breaker\": {", "\"audit\": \"events\", \"circuit_breaker\": {");
        assertEquals(SafetySpec.AuditMode.EVENTS, ScenarioLoader.parse(events, SOURCE).safety().audit());
    }

    @Test
    void aRejectionsRuleAndAPrincipalTarget() throws ConfigException {
        String json = BASE.replace("{\"when\": \"breaker_trips\", \"count\": 2, \"target\": \"family\", \"family\": \"zi-c\"}",
                "{\"when\": \"rejections\", \"count\": 50}")
                .replace("{\"epoch\": 7, \"type\": \"kill\", \"target\": \"global\"}",
                        "{\"epoch\": 7, \"type\": \"kill\", \"target\": \"principal\", \"principal\": \"f\"}");
        var s = ScenarioLoader.parse(json, SOURCE);
        assertEquals(new SafetySpec.KillRule(SafetySpec.KillRule.When.REJECTIONS, 50, null), s.safety().killRules().getFirst());
        assertEquals(new EventSpec.Kill(7, new KillTarget.Principal("f")), s.events().get(2));
    }

    @Test
    void orderToTradeAndLossRules() throws ConfigException {
        String json = BASE.replace("{\"when\": \"breaker_trips\", \"count\": 2, \"target\": \"family\", \"family\": \"zi-c\"}",
                "{\"when\": \"order_to_trade\", \"ratio\": 20, \"epochs\": 3, \"min_orders\": 100},"
                        + " {\"when\": \"order_to_trade\", \"ratio\": 1.5}, {\"when\": \"loss\", \"percent\": 25}");
        var rules = ScenarioLoader.parse(json, SOURCE).safety().killRules();
        assertEquals(SafetySpec.KillRule.orderToTrade(20, 3, 100), rules.get(0));
        assertEquals(SafetySpec.KillRule.orderToTrade(1.5, 1, 1), rules.get(1), "defaults: one epoch, one order");
        assertEquals(SafetySpec.KillRule.loss(25), rules.get(2));
    }

    @Test
    void aKillRuleNeedsCircuitBreakers() {
        String json = BASE.replace("\"circuit_breaker\": {\"band_percent\": 5, \"reference_epochs\": 3, \"halt_epochs\": 4},", "");
        ConfigException e = assertThrows(ConfigException.class, () -> ScenarioLoader.parse(json, SOURCE));
        assertEquals("$.safety.kill_rules[0].when", e.jsonPath());
        assertTrue(e.allowed().contains("needs safety.circuit_breaker"), e.getMessage());
    }

    /** BASE with cohort z arriving as {@code arrival} and these extra safety fields. */
    private static String withArrival(String arrival, String safety) {
        return BASE.replace("\"params\": {\"side\": \"buy\"", "\"arrival\": " + arrival + ", \"params\": {\"side\": \"buy\"")
                .replace("\"kill_rules\": [", safety + "\"kill_rules\": [");
    }

    @Test
    void arrivalsReputationProbationAndEntryChecks() throws ConfigException {
        var s = ScenarioLoader.parse(withArrival("{\"from_epoch\": 10, \"per_epoch\": 3, \"declared_capability\": 0.7}",
                "\"reputation\": {\"gain\": 0.1}, \"probation\": {\"below_reputation\": 0.5, \"spend_limit\": 2},"
                        + " \"entry\": {\"min_capability\": 0.6, \"max_agents_per_principal\": 50},"), SOURCE);
        var z = s.cohorts().stream().filter(c -> c.name().equals("z")).findFirst().orElseThrow();
        assertEquals(new CohortSpec.Arrival(10, 3, 0.7), z.arrival());
        assertEquals(13, z.arrival().lastEpoch(10), "10 agents, 3 per epoch from epoch 10: epochs 10..13");
        assertEquals(new SafetySpec.ReputationSpec(1.0, 0.1, 0.25), s.safety().reputation(), "defaults kept");
        assertEquals(new SafetySpec.ProbationSpec(0.5, Integer.MAX_VALUE, 2_000_000, Integer.MAX_VALUE),
                s.safety().probation());
        assertEquals(new SafetySpec.EntrySpec(0.6, 0, 50, 0.5), s.safety().entry());
        var founding = s.cohorts().stream().filter(c -> c.name().equals("f")).findFirst().orElseThrow();
        assertEquals(null, founding.arrival());
    }

    @Test
    void probationAloneTracksReputationWithItsDefaults() throws ConfigException {
        var s = ScenarioLoader.parse(BASE.replace("\"kill_rules\": [",
                "\"probation\": {\"below_reputation\": 0.5, \"max_order_qty\": 1}, \"kill_rules\": ["), SOURCE);
        assertEquals(SafetySpec.ReputationSpec.DEFAULT, s.safety().reputation());
        assertEquals(null, ScenarioLoader.parse(BASE, SOURCE).safety().reputation(), "no reputation without a use");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"from_epoch\": 50}||$.population[1].arrival.from_epoch|50|from 0 to 49",
        "{\"from_epoch\": 48, \"per_epoch\": 2}||$.population[1].arrival.per_epoch|2|allowed: at least 5",
        "{\"from_epoch\": 1, \"per_epoch\": 11}||$.population[1].arrival.per_epoch|11|from 1 to 10",
        "{\"from_epoch\": 1, \"declared_capability\": 1.5}||$.population[1].arrival.declared_capability|1.5|in [0, 1]",
        "{\"from_epoch\": 1, \"when\": 2}||$.population[1].arrival.when|2|unknown field",
        "{\"from_epoch\": 1}|\"reputation\": {\"loss\": -0.1},|$.safety.reputation.loss|-0.1|in [0, 1]",
        "{\"from_epoch\": 1}|\"probation\": {\"below_reputation\": 0.5},|$.safety.probation.max_order_qty|(missing)|at least one limit",
        "{\"from_epoch\": 1}|\"probation\": {\"below_reputation\": 0, \"max_order_qty\": 1},|$.safety.probation.below_reputation|0|in (0, 1]",
        "{\"from_epoch\": 1}|\"entry\": {\"initial_reputation\": 2},|$.safety.entry.initial_reputation|2|in [0, 1]",
        "{\"from_epoch\": 1}|\"entry\": {\"max_agents_per_principal\": 0},|$.safety.entry.max_agents_per_principal|0|from 1",
    })
    void rejectsBadEntryInput(String arrival, String safety, String path, String bad, String allowed) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ScenarioLoader.parse(withArrival(arrival, safety == null ? "" : safety), SOURCE));
        assertEquals(path, e.jsonPath(), e.getMessage());
        assertEquals(bad, e.badValue(), e.getMessage());
        assertTrue(e.allowed().contains(allowed), e.getMessage());
    }

    @Test
    void entryChecksNeedAnArrivingCohort() {
        ConfigException e = assertThrows(ConfigException.class, () -> ScenarioLoader.parse(BASE.replace(
                "\"kill_rules\": [", "\"entry\": {\"min_capability\": 0.5}, \"kill_rules\": ["), SOURCE));
        assertEquals("$.safety.entry", e.jsonPath());
        assertTrue(e.allowed().contains("no cohort has an arrival"), e.getMessage());
    }

    private static String withLimits(String limits) {
        return BASE.replace("\"kill_rules\": [", "\"principal_limits\": " + limits + ", \"kill_rules\": [");
    }

    @Test
    void principalLimits() throws ConfigException {
        var s = ScenarioLoader.parse(withLimits("[{\"principal\": \"f\", \"orders_per_epoch\": 12.5},"
                + " {\"principal\": \"z\", \"orders_per_epoch\": 3, \"burst\": 10}]"), SOURCE);
        assertEquals(List.of(new SafetySpec.PrincipalLimit("f", 12_500, 13), new SafetySpec.PrincipalLimit("z", 3_000, 10)),
                s.safety().principalLimits(), "burst defaults to the rate rounded up");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[{\"principal\": \"nobody\", \"orders_per_epoch\": 1}]|$.safety.principal_limits[0].principal|\"nobody\"|must name a principal",
        "[{\"principal\": \"f\", \"orders_per_epoch\": 1}, {\"principal\": \"f\", \"orders_per_epoch\": 2}]|$.safety.principal_limits[1].principal|\"f\"|one limit per principal",
        "[{\"principal\": \"f\", \"orders_per_epoch\": 0}]|$.safety.principal_limits[0].orders_per_epoch|0|in (0, 1000000000]",
        "[{\"principal\": \"f\", \"orders_per_epoch\": 0.0001}]|$.safety.principal_limits[0].orders_per_epoch|0.0001|at most 3 decimals",
        "[{\"principal\": \"f\", \"orders_per_epoch\": 1, \"burst\": 0}]|$.safety.principal_limits[0].burst|0|from 1",
        "[{\"principal\": \"f\"}]|$.safety.principal_limits[0].orders_per_epoch|(missing)|finite number",
    })
    void rejectsBadPrincipalLimits(String limits, String path, String bad, String allowed) {
        ConfigException e = assertThrows(ConfigException.class, () -> ScenarioLoader.parse(withLimits(limits), SOURCE));
        assertEquals(path, e.jsonPath(), e.getMessage());
        assertEquals(bad, e.badValue(), e.getMessage());
        assertTrue(e.allowed().contains(allowed), e.getMessage());
    }

    @Test
    void aScopeNamesTheMarketsAndResourcesItAuthorizes() throws ConfigException {
        String base = BASE.replace("{\"name\": \"f\", \"strategy\": \"fundamentalist\", \"market\": \"m\", \"count\": 100}",
                "{\"name\": \"f\", \"strategy\": \"fundamentalist\", \"market\": \"m\", \"count\": 100, \"scope\": SCOPE}");
        assertTrue(base.contains("SCOPE"));
        var in = ScenarioLoader.parse(base.replace("SCOPE", "{\"markets\": [\"m\"], \"resources\": [\"asset\"]}"), SOURCE);
        var out = ScenarioLoader.parse(base.replace("SCOPE", "{\"resources\": [\"compute\"]}"), SOURCE);
        assertTrue(in.cohorts().stream().filter(c -> c.name().equals("f")).findFirst().orElseThrow().identity().scope().authorized());
        var scope = out.cohorts().stream().filter(c -> c.name().equals("f")).findFirst().orElseThrow().identity().scope();
        assertEquals(false, scope.authorized());
        assertEquals(0, scope.largestOrder(), "no order passes outside the scope");
        ConfigException e = assertThrows(ConfigException.class,
                () -> ScenarioLoader.parse(base.replace("SCOPE", "{\"markets\": [\"mars\"]}"), SOURCE));
        assertEquals("$.population[0].scope.markets[0]", e.jsonPath(), e.getMessage());
        assertTrue(e.allowed().contains("must name a market"), e.getMessage());
        e = assertThrows(ConfigException.class,
                () -> ScenarioLoader.parse(base.replace("SCOPE", "{\"resources\": [\"gold\"]}"), SOURCE));
        assertEquals("$.population[0].scope.resources[0]", e.jsonPath(), e.getMessage());
        assertTrue(e.allowed().contains("\"agent_time\""), e.getMessage());
    }

    /**
     * A scope's markets may also name resource auctions and missions, which are read after the population: a name
     * of either authorizes that venue, and a name of nothing is an error that lists every venue.
     */
    @Test
    void aScopeMayNameTheAuctionsAndMissionsItAuthorizes() throws ConfigException {
        String base = """
            {"name": "venues", "seed": 1, "epochs": 5,
             "markets": [{"name": "m", "resource": "compute", "tick_size": 0.01, "ticks": 2000, "initial_price": 5.00}],
             "population": [{"name": "b", "strategy": "bidder", "market": "m", "count": 10, "cash": 100,
                             "scope": {"markets": SCOPE}}],
             "resource_auctions": [{"name": "gpu", "resource": "compute", "tick_size": 0.01, "ticks": 2000,
               "reserve_price": 1.00, "supply": 5, "mechanism": {"type": "uniform_price"},
               "bidders": [{"cohort": "b", "value_min": 2.00, "value_max": 3.00}]}],
             "missions": [{"name": "map", "tick_size": 0.01, "ticks": 1000, "sponsor": {"type": "external"},
               "tasks": 10, "reserve_price": 1.00, "budget": 100,
               "bidders": [{"cohort": "b", "cost_min": 0.50, "cost_max": 0.90, "capability_min": 0.5,
                            "capability_max": 0.9}]}]}
            """;
        var scope = ScenarioLoader.parse(base.replace("SCOPE", "[\"gpu\", \"map\"]"), SOURCE).cohorts().getFirst()
                .identity().scope();
        assertTrue(scope.authorizes("gpu", org.vaesim.models.market.ResourceType.COMPUTE));
        assertTrue(scope.authorizes("map", null));
        assertEquals(false, scope.authorized(), "the cohort's own market is not listed");
        assertEquals(0, scope.largestOrder("m", org.vaesim.models.market.ResourceType.COMPUTE));
        ConfigException e = assertThrows(ConfigException.class,
                () -> ScenarioLoader.parse(base.replace("SCOPE", "[\"moon\"]"), SOURCE));
        assertEquals("$.population[0].scope.markets[0]", e.jsonPath(), e.getMessage());
        assertTrue(e.allowed().contains("\"m\", \"gpu\", \"map\""), e.getMessage());
    }
}
