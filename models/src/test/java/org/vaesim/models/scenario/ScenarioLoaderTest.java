package org.vaesim.models.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaesim.models.event.EventSpec;
import org.vaesim.models.market.MarketSpec;
import org.vaesim.models.market.ResourceType;
import org.vaesim.models.population.CohortSpec;
import org.vaesim.models.strategy.ChartistParams;
import org.vaesim.models.strategy.ExecutionParams;
import org.vaesim.models.strategy.FundamentalistParams;
import org.vaesim.models.strategy.HftParams;
import org.vaesim.models.strategy.MarketMakerParams;
import org.vaesim.models.strategy.Side;
import org.vaesim.models.strategy.StrategyFamily;
import org.vaesim.models.strategy.ZeroIntelligenceParams;

/** Valid documents: exact records, defaults, files. Bad documents are in {@link ScenarioErrorsTest}. */
class ScenarioLoaderTest {
    static final String FULL = """
            {
              "name": "full-example",
              "description": "every family, every event type",
              "seed": -42,
              "epochs": 500,
              "metrics_every": 5,
              "checkpoint_every": 100,
              "markets": [
                {"name": "gpu-hours", "resource": "compute", "tick_size": 0.01, "ticks": 2048,
                 "initial_price": 12.50, "fundamental": 12.00, "fee_bps": 5},
                {"name": "datasets", "resource": "data", "tick_size": 0.25, "ticks": 64, "initial_price": 4}
              ],
              "population": [
                {"name": "exec", "strategy": "execution", "market": "gpu-hours", "count": 1,
                 "params": {"side": "sell", "target_qty": 50000, "participation": 0.1, "start_epoch": 100,
                            "limit_price": 10.00, "max_order": 5000}},
                {"name": "makers", "strategy": "market-maker", "market": "gpu-hours", "count": 20,
                 "cash": 100000, "inventory": 500,
                 "params": {"half_spread_ticks": 3, "quote_qty": 20, "max_inventory": 400, "skew_ticks": 1}},
                {"name": "sellers", "strategy": "zi-c", "market": "datasets", "count": 300, "inventory": 5,
                 "params": {"side": "sell", "value_min": 2.5, "value_max": 6.75, "units": 2, "period": 20}},
                {"name": "chart", "strategy": "chartist", "market": "gpu-hours", "count": 400, "cash": 2500.5,
                 "params": {"lookback": 10, "threshold_ticks": 2, "aggression_ticks": 3, "qty": 4,
                            "activity": 0.5, "max_position": 200, "max_short": 50}},
                {"name": "buyers", "strategy": "zi-c", "market": "datasets", "count": 300, "cash": 100,
                 "params": {"side": "buy", "value_min": 1.25, "value_max": 5}},
                {"name": "hft", "strategy": "hft", "market": "gpu-hours", "count": 5, "cash": 50000.000001,
                 "params": {"quote_qty": 3, "max_inventory": 30, "aggression_ticks": 4}},
                {"name": "value", "strategy": "fundamentalist", "market": "gpu-hours", "count": 1000, "cash": 1000,
                 "params": {"dispersion_ticks": 50, "threshold_ticks": 5, "reaction": 0.05, "max_qty": 8,
                            "activity": 0.25, "max_position": 100, "max_short": 10}},
                {"name": "noise", "strategy": "zi-u", "market": "datasets", "count": 50,
                 "params": {"side": "buy", "value_min": 0.25, "value_max": 15.75}}
              ],
              "events": [
                {"epoch": 100, "type": "shift_fundamental", "market": "gpu-hours", "percent": -20.5},
                {"epoch": 200, "type": "inject_cash", "cohort": "value", "amount": 250.75},
                {"epoch": 201, "type": "remove_cash", "cohort": "exec", "amount": 0.000001},
                {"epoch": 300, "type": "inject_goods", "cohort": "sellers", "units": 3},
                {"epoch": 499, "type": "remove_goods", "cohort": "makers", "units": 7}
              ]
            }
            """;

    @Test
    void fullExampleParsesToExactRecords() throws ConfigException {
        Scenario s = ScenarioLoader.parse(FULL, "full.json");

        assertEquals("full-example", s.name());
        assertEquals(-42, s.seed());
        assertEquals(500, s.epochs());
        assertEquals(5, s.metricsEvery());
        assertEquals(100, s.checkpointEvery());
        assertEquals(List.of(
                new MarketSpec("gpu-hours", ResourceType.COMPUTE, 10_000, 2048, 1250, 1200, 5),
                new MarketSpec("datasets", ResourceType.DATA, 250_000, 64, 16, 16, 0)), s.markets());
        // Family order, file order within a family: sellers, buyers, noise, value, chart, makers, hft, exec.
        assertEquals(List.of(
                new CohortSpec("sellers", StrategyFamily.ZI_C, 1, 300, 0, 5,
                        new ZeroIntelligenceParams(Side.SELL, 10, 27, 2, 20)),
                new CohortSpec("buyers", StrategyFamily.ZI_C, 1, 300, 100_000_000L, 0,
                        new ZeroIntelligenceParams(Side.BUY, 5, 20, 1, 10)),
                new CohortSpec("noise", StrategyFamily.ZI_U, 1, 50, 0, 0,
                        new ZeroIntelligenceParams(Side.BUY, 1, 63, 1, 10)),
                new CohortSpec("value", StrategyFamily.FUNDAMENTALIST, 0, 1000, 1_000_000_000L, 0,
                        new FundamentalistParams(50, 5, 0.05, 8, 0.25, 100, 10)),
                new CohortSpec("chart", StrategyFamily.CHARTIST, 0, 400, 2_500_500_000L, 0,
                        new ChartistParams(10, 2, 3, 4, 0.5, 200, 50)),
                new CohortSpec("makers", StrategyFamily.MARKET_MAKER, 0, 20, 100_000_000_000L, 500,
                        new MarketMakerParams(3, 20, 400, 1)),
                new CohortSpec("hft", StrategyFamily.HFT, 0, 5, 50_000_000_001L, 0,
                        new HftParams(3, 30, 4)),
                new CohortSpec("exec", StrategyFamily.EXECUTION, 0, 1, 0, 0,
                        new ExecutionParams(Side.SELL, 50_000, 0.1, 100, 1000, 5000))), s.cohorts());
        // Cohort indexes are positions in the sorted list above.
        assertEquals(List.of(
                new EventSpec.ShiftFundamental(100, 0, -20.5),
                new EventSpec.InjectCash(200, 3, 250_750_000L),
                new EventSpec.RemoveCash(201, 7, 1),
                new EventSpec.InjectGoods(300, 0, 3),
                new EventSpec.RemoveGoods(499, 5, 7)), s.events());
        assertEquals(2076, s.agentCount());
    }

    @Test
    void defaultsAreApplied() throws ConfigException {
        Scenario s = ScenarioLoader.parse("""
                {"name": "d", "seed": 1, "epochs": 10,
                 "markets": [{"name": "m", "resource": "asset", "tick_size": 1, "ticks": 16, "initial_price": 8}],
                 "population": [
                   {"name": "f", "strategy": "fundamentalist", "market": "m", "count": 1},
                   {"name": "c", "strategy": "chartist", "market": "m", "count": 1, "params": {}},
                   {"name": "mm", "strategy": "market-maker", "market": "m", "count": 1, "params": null},
                   {"name": "h", "strategy": "hft", "market": "m", "count": 1},
                   {"name": "z", "strategy": "zi-u", "market": "m", "count": 1,
                    "params": {"side": "sell", "value_min": 1, "value_max": 15}},
                   {"name": "x", "strategy": "execution", "market": "m", "count": 1,
                    "params": {"side": "buy", "target_qty": 100, "participation": 1, "limit_price": null}}
                 ]}
                """, "defaults.json");

        assertEquals(10, s.metricsEvery());
        assertEquals(0, s.checkpointEvery());
        assertEquals(List.of(), s.events());
        assertEquals(List.of(new MarketSpec("m", ResourceType.ASSET, 1_000_000, 16, 8, 8, 0)), s.markets());
        assertEquals(List.of(
                new CohortSpec("z", StrategyFamily.ZI_U, 0, 1, 0, 0, new ZeroIntelligenceParams(Side.SELL, 1, 15, 1, 10)),
                new CohortSpec("f", StrategyFamily.FUNDAMENTALIST, 0, 1, 0, 0,
                        new FundamentalistParams(0, 1, 0.1, 10, 1.0, 1000, 0)),
                new CohortSpec("c", StrategyFamily.CHARTIST, 0, 1, 0, 0, new ChartistParams(5, 1, 1, 1, 1.0, 1000, 0)),
                new CohortSpec("mm", StrategyFamily.MARKET_MAKER, 0, 1, 0, 0, new MarketMakerParams(2, 10, 100, 2)),
                new CohortSpec("h", StrategyFamily.HFT, 0, 1, 0, 0, new HftParams(2, 10, 2)),
                new CohortSpec("x", StrategyFamily.EXECUTION, 0, 1, 0, 0,
                        new ExecutionParams(Side.BUY, 100, 1.0, 0, 0, 1_000_000))), s.cohorts());
    }

    @Test
    void integersMayBeWrittenAsWholeDecimals() throws ConfigException {
        Scenario s = ScenarioLoader.parse("""
                {"name": "whole", "seed": -9223372036854775808.0, "epochs": 1e3,
                 "markets": [{"name": "m", "resource": "asset", "tick_size": 1, "ticks": 16.00, "initial_price": 8}],
                 "population": [{"name": "f", "strategy": "fundamentalist", "market": "m", "count": 1}]}
                """, "whole.json");
        assertEquals(1000, s.epochs());
        assertEquals(Long.MIN_VALUE, s.seed());
    }

    /**
     * The most agents, on the widest grid, with money plus wealth at the top price at the 2^62 limit: 2 x 10^9
     * agents x (12.118009 credits + 35,000 units x 0.065535) = 4611686018000000000 micro-credits. (A billion
     * units each, as this test once allowed, is 1.3 x 10^23 micro-credits of wealth: no 64-bit sum holds it.)
     */
    @Test
    void largestPopulationFitsEveryLimit() throws ConfigException {
        String max = """
                {"name": "max", "seed": 0, "epochs": 1000000000,
                 "markets": [{"name": "m", "resource": "asset", "tick_size": 0.000001, "ticks": 65536,
                              "initial_price": 0.065535}],
                 "population": [{"name": "z", "strategy": "zi-c", "market": "m", "count": 2000000000,
                                 "inventory": 35000, "cash": %s,
                                 "params": {"side": "buy", "value_min": 0.000001, "value_max": 0.065535}}]}
                """;
        Scenario s = ScenarioLoader.parse(max.formatted("12.118009"), "max.json");
        assertEquals(2_000_000_000L, s.agentCount());
        assertEquals(65_535, s.markets().getFirst().initialTick());
        assertEquals(12_118_009L, s.cohorts().getFirst().cash());
        ConfigException over = assertThrows(ConfigException.class,
                () -> ScenarioLoader.parse(max.formatted("12.118010"), "max.json"));
        assertEquals("$.markets[0]", over.jsonPath(), "one micro-credit more each leaves 64 bits' wealth");
    }

    @Test
    void loadReadsAFile(@TempDir Path dir) throws IOException, ConfigException {
        Path file = dir.resolve("full.json");
        Files.writeString(file, "\uFEFF" + FULL);
        assertEquals(ScenarioLoader.parse(FULL, "full.json"), ScenarioLoader.load(file));
    }

    @Test
    void missingFileIsAConfigError(@TempDir Path dir) {
        Path file = dir.resolve("nope.json");
        ConfigException e = assertThrows(ConfigException.class, () -> ScenarioLoader.load(file));
        assertEquals(file.toString(), e.source());
        assertEquals("$", e.jsonPath());
        assertEquals("(no such file)", e.badValue());
        assertEquals(file + ": $ = (no such file): must be a regular, readable file of JSON in UTF-8 of at most 64 MiB"
                + " (67108864 bytes)", e.getMessage());
    }

    @Test
    void nonUtf8FileIsAConfigError(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("latin1.json");
        Files.write(file, new byte[] {'{', '"', (byte) 0xE9, '"', '}'});
        ConfigException e = assertThrows(ConfigException.class, () -> ScenarioLoader.load(file));
        assertEquals("$", e.jsonPath());
        assertEquals("(not UTF-8 text)", e.badValue());
    }

    /** The example in the format reference must stay valid. */
    @Test
    void referenceExampleIsValid() throws IOException, ConfigException {
        String doc = Files.readString(Path.of("..", "docs", "config-reference.md"));
        Matcher example = Pattern.compile("```json\n(.*?)```", Pattern.DOTALL).matcher(doc);
        assertTrue(example.find(), "docs/config-reference.md has a ```json example");
        Scenario s = ScenarioLoader.parse(example.group(1), "config-reference.md");
        assertEquals("reference-example", s.name());
        assertEquals(new MarketSpec("gpu-hours", ResourceType.COMPUTE, 10_000, 4096, 2000, 2000, 2),
                s.markets().getFirst());
        assertEquals(List.of("gpu-buyers", "gpu-sellers", "data-traders", "value", "trend", "makers", "hft",
                "seller-algo", "startup-agents"), s.cohorts().stream().map(CohortSpec::name).toList());
        var auction = s.auctions().getFirst();
        assertEquals(new org.vaesim.models.market.AuctionSpec.ReservedShare(100_000, 6000), auction.mechanism());
        assertEquals(List.of(0, 8), auction.bidders().stream().map(b -> b.cohortIndex()).toList());
        var mission = s.missions().getFirst();
        assertEquals(800, mission.reserveTick());
        assertEquals(new org.vaesim.models.mission.MissionSpec.Tax(250_000, List.of(0)), mission.policy().tax());
        assertEquals(List.of(2, 8), mission.bidders().stream().map(b -> b.cohortIndex()).toList());
        assertEquals(1999, mission.deadlineEpoch());
        assertEquals(new EventSpec.InjectCash(1500, 0, 100_000_000L), s.events().get(1));
        assertEquals(new EventSpec.RemoveGoods(1800, 2, 2), s.events().get(2));
    }
}
