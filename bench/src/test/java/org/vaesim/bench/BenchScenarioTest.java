package org.vaesim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.vaesim.host.epoch.Engine;
import org.vaesim.host.safety.CircuitBreakers;
import org.vaesim.kernels.gate.RejectReason;
import org.vaesim.models.population.CohortSpec;
import org.vaesim.models.safety.Identity;
import org.vaesim.models.safety.KillTarget;
import org.vaesim.models.safety.SafetySpec;
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
        Map<StrategyFamily, Long> byFamily = byFamily(BenchScenario.build(1_000_000, 10));
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

    /**
     * The heterogeneous economy: the same agents per market, ZI, market-maker, HFT and execution cohorts as the
     * standard one; its fundamentalists' and chartists' 35 % split as stated; the grid twice as fine.
     */
    @Test
    void heterogeneousEconomyReplacesOnlyThePriceFormingCohorts() {
        for (int n : new int[] {BenchScenario.MIN_AGENTS, 20_001, 1_000_000}) {
            Scenario standard = BenchScenario.build(n, 10);
            Scenario h = BenchScenario.build(n, 10, false, BenchScenario.Economy.HETEROGENEOUS);
            assertEquals(n, h.agentCount());
            Map<StrategyFamily, Long> a = byFamily(standard);
            Map<StrategyFamily, Long> b = byFamily(h);
            for (StrategyFamily f : List.of(StrategyFamily.ZI_C, StrategyFamily.ZI_U, StrategyFamily.MARKET_MAKER,
                    StrategyFamily.HFT, StrategyFamily.EXECUTION)) {
                assertEquals(a.get(f), b.get(f), f + " at N=" + n);
            }
            assertEquals(a.get(StrategyFamily.FUNDAMENTALIST) + a.get(StrategyFamily.CHARTIST),
                    b.get(StrategyFamily.FUNDAMENTALIST) + b.get(StrategyFamily.CHARTIST)
                            + b.get(StrategyFamily.SWITCHING) + b.get(StrategyFamily.ORDER_DRIVEN)
                            + b.get(StrategyFamily.NOISE), "the price-forming 35 % at N=" + n);
            for (int m = 0; m < 4; m++) {
                assertEquals(2 * standard.markets().get(m).ticks(), h.markets().get(m).ticks());
                assertEquals(standard.markets().get(m).priceOf(standard.markets().get(m).initialTick()),
                        h.markets().get(m).priceOf(h.markets().get(m).initialTick()), "the same opening price");
            }
        }
        Map<StrategyFamily, Long> big = byFamily(BenchScenario.build(1_000_000, 10, false,
                BenchScenario.Economy.HETEROGENEOUS));
        // 249 999 agents per market after the execution algo: switching 20 %, order-driven 4 %, noise 2 %, chartists 3 %
        assertEquals(4 * 49_999, big.get(StrategyFamily.SWITCHING));
        assertEquals(4 * 9_999, big.get(StrategyFamily.ORDER_DRIVEN));
        assertEquals(4 * 4_999, big.get(StrategyFamily.NOISE));
        assertEquals(4 * 7_499, big.get(StrategyFamily.CHARTIST));
    }

    private static Map<StrategyFamily, Long> byFamily(Scenario s) {
        Map<StrategyFamily, Long> byFamily = new HashMap<>();
        for (CohortSpec c : s.cohorts()) {
            byFamily.merge(c.family(), (long) c.count(), Long::sum);
        }
        return byFamily;
    }

    @Test
    void rejectsPopulationsTooSmallForEveryCohort() {
        assertThrows(IllegalArgumentException.class, () -> BenchScenario.json(BenchScenario.MIN_AGENTS - 1, 10));
    }

    @Test
    void safetyVariantIsTheSameEconomyUnderEveryMechanism() {
        for (int n : new int[] {BenchScenario.MIN_AGENTS, 20_001, 1_000_000}) {
            Scenario plain = BenchScenario.build(n, 10);
            Scenario safe = BenchScenario.buildWithSafety(n, 10);
            assertEquals(plain.markets(), safe.markets());
            assertEquals(plain.cohorts().size(), safe.cohorts().size());
            Set<String> principals = new TreeSet<>();
            for (int i = 0; i < plain.cohorts().size(); i++) {
                CohortSpec p = plain.cohorts().get(i);
                CohortSpec c = safe.cohorts().get(i);
                assertEquals(p.name(), c.name());
                assertEquals(p.count(), c.count(), c.name());
                assertEquals(p.params(), c.params(), c.name());
                assertEquals(p.cash(), c.cash(), c.name());
                assertEquals(p.inventory(), c.inventory(), c.name());
                principals.add(c.identity().principal());
                Identity.Scope scope = c.identity().scope();
                assertTrue(scope.rateLimited(), c.name());
                // Generous: ten times the strategy's largest order, and a spend limit it cannot reach.
                assertEquals(10L * c.params().maxOrderQty(), scope.maxOrderQty(), c.name());
                assertTrue(scope.spendLimit() >= 1999L * 10_000 * c.params().maxOrderQty(), c.name());
                assertTrue(scope.maxPosition() < Integer.MAX_VALUE, c.name());
                int perEpoch = c.family() == StrategyFamily.MARKET_MAKER || c.family() == StrategyFamily.HFT
                        ? 2 : 1;
                if (c.family() != StrategyFamily.ZI_U) {
                    assertTrue(scope.ordersPerEpochMilli() > perEpoch * 1000, c.name());
                }
            }
            assertEquals(Set.of("principal-0", "principal-1", "principal-2", "principal-3", "principal-4"),
                    principals);
            SafetySpec safety = safe.safety();
            assertEquals(20.0, safety.breaker().bandPercent());
            assertEquals(List.of(7.0, 13.0, 20.0), safety.marketWide().levelsPercent());
            assertEquals(new SafetySpec.VolatilityPauseSpec(20, 5, 5), safety.pause());
            assertEquals(List.of(SafetySpec.KillRule.When.BREAKER_TRIPS, SafetySpec.KillRule.When.ORDER_TO_TRADE,
                    SafetySpec.KillRule.When.LOSS), safety.killRules().stream().map(SafetySpec.KillRule::when).toList());
            assertEquals(new KillTarget.Family(StrategyFamily.HFT), safety.killRules().get(0).target());
            assertTrue(safety.tracksReputation() && safety.probation() != null, "reputation and probation");
            assertEquals(List.of("principal-0"), safety.principalLimits().stream()
                    .map(SafetySpec.PrincipalLimit::principal).toList());
            assertEquals(SafetySpec.NONE, plain.safety());
        }
        assertTrue(BenchScenario.jsonWithSafety(400, 5).contains("\"kill_rules\""));
        assertFalse(BenchScenario.json(400, 5).contains("\"safety\""));
    }

    @Test
    void safetyVariantRunsWithoutTrippingAnything() {
        Scenario s = BenchScenario.buildWithSafety(4000, 30);
        try (Engine engine = Engine.start(s, 2)) {
            for (int e = 0; e < 30; e++) {
                engine.step();
            }
            engine.verifyConservation();
            // Evaluated every epoch, but the economy stays inside the bands: no halts, no kills, no scope rejects.
            assertEquals(0, engine.safety().totalTrips());
            assertEquals(0, engine.safety().totalPauses());
            assertEquals(0, CircuitBreakers.levelsFired(engine.scenario().markets(), engine.safety()));
            assertEquals(0, engine.safety().killed);
            long scope = 0;
            long volume = 0;
            for (int m = 0; m < s.markets().size(); m++) {
                scope += engine.markets().rejects[m * RejectReason.COUNT + RejectReason.SCOPE.ordinal()];
                scope += engine.markets().rejects[m * RejectReason.COUNT + RejectReason.PRINCIPAL_RATE_LIMIT.ordinal()];
                volume += engine.markets().totalVolume[m];
            }
            assertEquals(0, scope, "neither scopes nor the principal's bucket bind");
            assertTrue(volume > 0);
        }
    }
}
