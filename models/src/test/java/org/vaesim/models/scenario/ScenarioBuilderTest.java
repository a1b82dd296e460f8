package org.vaesim.models.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.vaesim.models.market.ResourceType;
import org.vaesim.models.strategy.StrategyFamily;

class ScenarioBuilderTest {
    @Test
    void builderMatchesTheEquivalentJson() throws ConfigException {
        Scenario fromJson = ScenarioLoader.parse("""
                {"name": "built", "seed": 99, "epochs": 250, "metrics_every": 25, "checkpoint_every": 50,
                 "markets": [
                   {"name": "compute", "resource": "compute", "tick_size": 0.01, "ticks": 1024, "initial_price": 5.00},
                   {"name": "time", "resource": "agent_time", "tick_size": 0.5, "ticks": 128, "initial_price": 20,
                    "fundamental": 25, "fee_bps": 10}
                 ],
                 "population": [
                   {"name": "mm", "strategy": "market-maker", "market": "time", "count": 4, "cash": 5000.25,
                    "inventory": 40},
                   {"name": "buyers", "strategy": "zi-c", "market": "compute", "count": 1000,
                    "params": {"side": "buy", "value_min": 4.0, "value_max": 6.0}}
                 ],
                 "events": [{"epoch": 100, "type": "inject_goods", "cohort": "mm", "units": 5}]}
                """, "built.json");

        Scenario built = ScenarioBuilder.named("built").seed(99).epochs(250).metricsEvery(25).checkpointEvery(50)
                .market("compute", ResourceType.COMPUTE, "0.01", 1024, "5.00")
                .market(Map.of("name", "time", "resource", "agent_time", "tick_size", 0.5, "ticks", 128,
                        "initial_price", 20, "fundamental", 25, "fee_bps", 10))
                .cohort(Map.of("name", "mm", "strategy", "market-maker", "market", "time", "count", 4,
                        "cash", 5000.25, "inventory", 40))
                .cohort("buyers", StrategyFamily.ZI_C, "compute", 1000,
                        Map.of("side", "buy", "value_min", 4.0, "value_max", 6.0))
                .event(Map.of("epoch", 100, "type", "inject_goods", "cohort", "mm", "units", 5))
                .build();

        assertEquals(fromJson, built);
    }

    @Test
    void invalidInputThrowsWithTheConfigError() {
        ScenarioBuilder builder = ScenarioBuilder.named("bad").seed(1).epochs(10)
                .market("m", ResourceType.ASSET, "1", 16, "16")
                .cohort("f", StrategyFamily.FUNDAMENTALIST, "m", 1, Map.of());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

        ConfigException cause = assertInstanceOf(ConfigException.class, e.getCause());
        assertEquals(ScenarioBuilder.SOURCE, cause.source());
        assertEquals("$.markets[0].initial_price", cause.jsonPath());
        assertEquals(cause.getMessage(), e.getMessage());
    }
}
