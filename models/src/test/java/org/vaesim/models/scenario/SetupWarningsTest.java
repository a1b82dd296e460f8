package org.vaesim.models.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Likely-dead set-ups that {@code vaesim validate} warns about (issue 13, F.3). The first two scenarios were run:
 * each of their markets ended with 0 units traded (HostResultsTest in host runs the first and checks the run's own
 * warnings).
 */
class SetupWarningsTest {
    static final Path SCENARIOS = Path.of("src", "test", "resources", "scenarios");

    private static List<SetupWarnings.Warning> warnings(String json) throws ConfigException {
        return SetupWarnings.of(ScenarioLoader.parse(json, "test"));
    }

    private static List<String> paths(List<SetupWarnings.Warning> warnings) {
        return warnings.stream().map(SetupWarnings.Warning::path).toList();
    }

    @Test
    void zeroIntelligenceValuesWiderThanTheBreakerBandWarnInEachMarket() throws ConfigException {
        List<SetupWarnings.Warning> w = SetupWarnings.of(ScenarioLoader.load(
                SCENARIOS.resolve("newcomer-two-markets.json")));
        assertEquals(List.of("$.markets[0]", "$.markets[0]", "$.markets[1]"), paths(w));
        // gpu opens at 20.00 (tick 400 of 0.05): the 5% band is ticks 380 to 420; the values are 10 to 30
        assertEquals("market \"gpu\": the ZI traders (gpu-buyers, gpu-sellers) value it at 10 to 30 credits, beyond"
                + " the circuit breaker's band of 19 to 21 credits (±5% of the opening price 20): their clearing"
                + " prices will often breach it and halt the market for 5 epochs, and since the band moves only with"
                + " trades the market may stay halted; widen band_percent or narrow the ZI values to the band",
                w.get(0).message());
        // gpu-value's private values: the fundamental, tick 400, ± 100 ticks (gpu-trend are chartists)
        assertTrue(w.get(1).message().startsWith("market \"gpu\": the fundamentalists (gpu-value) value it at 15 to"
                + " 25 credits (the fundamental ± dispersion_ticks 100), beyond the circuit breaker's band of 19 to 21"
                + " credits"), w.get(1)::message);
        assertTrue(w.get(2).message().startsWith("market \"files\": the ZI traders (files-buyers, files-sellers) value"
                + " it at 5 to 15 credits, beyond the circuit breaker's band of 9.5 to 10.5 credits"),
                w.get(2)::message);
    }

    @Test
    void valuesInsideTheBandDoNotWarn() throws IOException, ConfigException {
        String json = Files.readString(SCENARIOS.resolve("newcomer-two-markets.json"))
                .replace("\"band_percent\": 5", "\"band_percent\": 50");
        // ±50% of 20 is 10 to 30, exactly gpu's values; files' 5 to 15 are within ±50% of 10 too
        assertEquals(List.of(), warnings(json));
    }

    @Test
    void zeroIntelligenceUnconstrainedTradersBidAnywhereOnTheGrid() throws ConfigException {
        String json = """
                {"name": "u", "seed": 1, "epochs": 10,
                 "markets": [{"name": "m", "resource": "data", "tick_size": 0.01, "ticks": 2000, "initial_price": 5}],
                 "population": [
                   {"name": "b", "strategy": "zi-u", "market": "m", "count": 10, "cash": 100,
                    "params": {"side": "buy", "value_min": 4.99, "value_max": 5.01}},
                   {"name": "s", "strategy": "zi-u", "market": "m", "count": 10, "inventory": 5,
                    "params": {"side": "sell", "value_min": 4.99, "value_max": 5.01}}],
                 "safety": {"circuit_breaker": {"band_percent": 20}}}
                """;
        List<SetupWarnings.Warning> w = warnings(json);
        assertEquals(List.of("$.markets[0]"), paths(w));
        assertTrue(w.getFirst().message().contains("bid and ask anywhere on the grid, 0.01 to 19.99 credits, beyond the"
                + " circuit breaker's band of 4 to 6 credits"), w.getFirst()::message);
    }

    @Test
    void aFundamentalOutsideTheBandAtTheOpeningWarns() throws ConfigException {
        List<SetupWarnings.Warning> w = SetupWarnings.of(ScenarioLoader.load(
                SCENARIOS.resolve("fundamental-outside-band.json")));
        assertEquals(List.of("$.markets[0].fundamental"), paths(w));
        assertTrue(w.getFirst().message().startsWith("market \"asset\": the fundamental 12 lies outside the circuit"
                + " breaker's band of 9.5 to 10.5 credits (±5% of the opening price 10): fundamentalists (value)"),
                w.getFirst()::message);
    }

    @Test
    void aShiftOfTheFundamentalBeyondTheBandWarnsOnlyWhereFundamentalistsTrade() throws IOException,
            ConfigException {
        String json = Files.readString(SCENARIOS.resolve("fundamental-outside-band.json"))
                .replace(", \"fundamental\": 12.00", "")
                .replace("\"safety\"", "\"events\": [{\"epoch\": 50, \"type\": \"shift_fundamental\", \"market\":"
                        + " \"asset\", \"percent\": 20}, {\"epoch\": 60, \"type\": \"shift_fundamental\", \"market\":"
                        + " \"asset\", \"percent\": -5}],\n  \"safety\"");
        List<SetupWarnings.Warning> w = warnings(json);
        assertEquals(List.of("$.events[0].percent"), paths(w), "-5% is within the ±5% band");
        assertTrue(w.getFirst().message().startsWith("shifting the fundamental of market \"asset\" by 20% moves it"
                + " beyond the circuit breaker's band of ±5%"), w.getFirst()::message);
        assertEquals(List.of(), warnings(json.replace("\"strategy\": \"fundamentalist\"", "\"strategy\": \"chartist\"")
                .replace("\"dispersion_ticks\": 20, \"threshold_ticks\": 5", "\"threshold_ticks\": 5")));
    }

    private static String market(String cohorts) {
        return """
                {"name": "sides", "seed": 1, "epochs": 10,
                 "markets": [{"name": "m", "resource": "data", "tick_size": 0.01, "ticks": 2000, "initial_price": 5},
                             {"name": "n", "resource": "asset", "tick_size": 0.01, "ticks": 2000, "initial_price": 5}],
                 "population": [%s,
                   {"name": "other", "strategy": "kinetic", "market": "n", "count": 10, "cash": 1,
                    "params": {"model": "random"}}]}
                """.formatted(cohorts);
    }

    @Test
    void aMarketWhereNobodyCanSellOrNobodyCanBuyWarns() throws ConfigException {
        String buyers = """
                {"name": "b", "strategy": "zi-c", "market": "m", "count": 10, "cash": 100,
                 "params": {"side": "buy", "value_min": 4, "value_max": 6}}""";
        String emptySellers = """
                {"name": "s", "strategy": "zi-c", "market": "m", "count": 10,
                 "params": {"side": "sell", "value_min": 4, "value_max": 6}}""";
        List<SetupWarnings.Warning> w = warnings(market(buyers + ",\n" + emptySellers));
        assertEquals(List.of("$.markets[0]"), paths(w), "the kinetic market n only marks wealth: no warning");
        assertEquals("market \"m\" has buyers (b) but nobody can sell: no cohort that sells there starts with goods"
                + " (inventory) or may sell short (or its scope leaves the market out); a trade needs both, so it"
                + " never trades", w.getFirst().message());
        // goods brought by an event, or short sales, give the market a seller
        assertEquals(List.of(), warnings(market(buyers + ",\n" + emptySellers).replace("}]}", "}],"
                + " \"events\": [{\"epoch\": 5, \"type\": \"inject_goods\", \"cohort\": \"s\", \"units\": 1}]}")));
        assertEquals(List.of(), warnings(market(buyers + """
                , {"name": "f", "strategy": "fundamentalist", "market": "m", "count": 10, "params": {"max_short": 5}}
                """)));
        // fundamentalists with goods but no money: sellers only
        w = warnings(market("""
                {"name": "f", "strategy": "fundamentalist", "market": "m", "count": 10, "inventory": 5}"""));
        assertTrue(w.getFirst().message().startsWith("market \"m\" has sellers (f) but nobody can buy"),
                w.getFirst()::message);
        // a scope that leaves the market out: the gate rejects every order of the cohort
        w = warnings(market(buyers.replace("\"cash\": 100,", "\"cash\": 100, \"scope\": {\"markets\": [\"n\"]},")
                + ",\n" + emptySellers.replace("\"count\": 10,", "\"count\": 10, \"inventory\": 3,")));
        assertTrue(w.getFirst().message().startsWith("market \"m\" has sellers (s) but nobody can buy"),
                w.getFirst()::message);
    }

    @Test
    void aMarketNoCohortTradesWarns() throws ConfigException {
        String json = market("""
                {"name": "f", "strategy": "fundamentalist", "market": "n", "count": 10, "inventory": 5, "cash": 5}""");
        assertEquals(List.of(new SetupWarnings.Warning("$.markets[0]", "market \"m\": no cohort trades it, so it"
                + " never trades")), warnings(json));
    }

    /**
     * The shipped scenarios: the intentional quadrants warn, for their data market under a 3% band, and the 2010
     * flash crash with breakers, for its background traders' values beyond a 1% band.
     */
    @Test
    void shippedConfigsWarnOnlyWhereTheirRunsShowIt() throws IOException, ConfigException {
        Map<String, List<String>> found = new TreeMap<>();
        Path configs = Path.of("..", "configs");
        try (Stream<Path> files = Stream.concat(Files.list(configs), Files.list(configs.resolve("quadrants")))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                List<String> paths = paths(SetupWarnings.of(ScenarioLoader.load(f)));
                if (!paths.isEmpty()) {
                    found.put(configs.relativize(f).toString(), paths);
                }
            }
        }
        // docs/experiments/quadrants.md: the data market's ZI values 3 to 7, and its newcomers' values 4.50 to 5.50
        // (dispersion_ticks 50), against a 3% band around 5: its breaker trips 57 times in 400 epochs
        // docs/experiments/flash-crash.md: the background traders' values 19.70 to 20.30 against a 1% band around 20:
        // 15 trips per run on average, and in 5 of 10 seeds the price never gets back to its pre-crash level
        // docs/experiments/quadrants.md, the factorial: the same ZI values against a 10% band: 8.4 trips a run, and
        // the breakers lower the book's allocative efficiency by 0.21
        assertEquals(Map.of("quadrants/intentional-impermeable.json", List.of("$.markets[1]", "$.markets[1]"),
                "quadrants/intentional-permeable.json", List.of("$.markets[1]", "$.markets[1]"),
                "quadrants/factorial-intentional.json", List.of("$.markets[1]"),
                "flash-crash-2010-breakers.json", List.of("$.markets[0]"),
                "flash-crash-2010-both.json", List.of("$.markets[0]")), found);
    }
}
