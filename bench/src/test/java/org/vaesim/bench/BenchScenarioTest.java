package org.vaesim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.vaesim.models.population.CohortSpec;
import org.vaesim.models.scenario.Scenario;
import org.vaesim.models.strategy.StrategyFamily;

class BenchScenarioTest {
    @Test
    void hasExactlyTheRequestedAgentsOnFourMarkets() {
        for (int n : new int[] {400, 401, 403, 20_000, 1_000_003}) {
            Scenario s = BenchScenario.build(n, 10);
            assertEquals(n, s.agentCount(), "agents for N=" + n);
            assertEquals(4, s.markets().size());
            assertEquals(BenchScenario.SEED, s.seed());
            for (CohortSpec c : s.cohorts()) {
                assertTrue(c.count() >= 1, c.name());
            }
        }
    }

    @Test
    void mixesFamiliesInTheStatedFractions() {
        Scenario s = BenchScenario.build(1_000_000, 10);
        Map<StrategyFamily, Long> byFamily = new EnumMap<>(StrategyFamily.class);
        for (CohortSpec c : s.cohorts()) {
            byFamily.merge(c.family(), (long) c.count(), Long::sum);
        }
        // 249 999 agents per market after the execution algo: 40 % ZI-C, 10 % ZI-U, 25 % fundamentalists, ...
        assertEquals(4 * 2 * 49_999, byFamily.get(StrategyFamily.ZI_C));
        assertEquals(4 * 2 * 12_499, byFamily.get(StrategyFamily.ZI_U));
        assertEquals(4 * 24_999, byFamily.get(StrategyFamily.CHARTIST));
        assertEquals(4 * 12_499, byFamily.get(StrategyFamily.MARKET_MAKER));
        assertEquals(4 * 24_999, byFamily.get(StrategyFamily.HFT));
        assertEquals(4, byFamily.get(StrategyFamily.EXECUTION));
        assertEquals(4 * (249_999 - 2 * 49_999 - 2 * 12_499 - 24_999 - 12_499 - 24_999),
                byFamily.get(StrategyFamily.FUNDAMENTALIST));
    }

    @Test
    void rejectsPopulationsTooSmallForEveryCohort() {
        assertThrows(IllegalArgumentException.class, () -> BenchScenario.json(BenchScenario.MIN_AGENTS - 1, 10));
    }
}
