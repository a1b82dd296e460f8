package org.vaesim.host.epoch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vaesim.host.Fixtures;
import org.vaesim.models.scenario.Scenario;
import org.vaesim.models.strategy.ZeroIntelligenceParams;

/**
 * Smith (1962) chart 1 as {@code configs/smith-1962.json} writes it: 11 buyers valuing one unit at 3.25, 3.00, ...,
 * 0.75 and 11 sellers with costs 0.75, 1.00, ..., 3.25. Worked by hand: at 2.00 six buyers (values 3.25 to 2.00) want
 * a unit and six sellers (costs 0.75 to 2.00) offer one; at 1.99 only five sellers, at 2.01 only five buyers. So
 * p* = 2.00, q* = 6, and the maximum surplus of a period is (1.25 + 1.00 + 0.75 + 0.50 + 0.25 + 0) x 2 = 7.50, 750
 * ticks of 0.01.
 */
class SmithExperimentTest {
    /** Maximum surplus of one period of chart 1, in ticks x units. */
    private static final long MAX_SURPLUS_TICKS = 750;

    @Test
    void truthfulCallAuctionClearsAtTheCompetitiveEquilibriumEveryPeriodAndZiCReaches95Percent() {
        Scenario s = Fixtures.scenario(Fixtures.tree("smith-1962.json"));
        int truthful = marketIndex(s, "truthful");
        int zic = marketIndex(s, "zi-c");
        try (Engine engine = Engine.start(s, 2)) {
            while (!engine.finished()) {
                engine.step();
                int e = engine.epoch();
                assertEquals(200, engine.markets().lastTick[truthful], "p* = 2.00 after epoch " + e);
                assertEquals(6, engine.markets().lastVolume[truthful], "q* = 6 after epoch " + e);
                assertEquals(MAX_SURPLUS_TICKS * e, engine.markets().surplus[truthful],
                        "every period realises the whole 7.50 (100% efficiency), after epoch " + e);
            }
            int period = ((ZeroIntelligenceParams) s.cohorts().stream().filter(c -> c.marketIndex() == zic)
                    .findFirst().orElseThrow().params()).periodEpochs();
            long periods = s.epochs() / period;
            assertEquals(0, s.epochs() % period, "whole ZI-C periods");
            double efficiency = (double) engine.markets().surplus[zic] / (MAX_SURPLUS_TICKS * periods);
            assertTrue(efficiency >= 0.95 && efficiency <= 1.0, "ZI-C efficiency " + efficiency);
            // the engine's own measure (every period had trade possible, so every period counts) says the same
            assertEquals(1.0, PeriodSurplus.efficiency(engine.markets(), truthful), "truthful market's efficiency");
            assertEquals(efficiency, PeriodSurplus.efficiency(engine.markets(), zic), 1e-12, "ZI-C market's");
            assertEquals(efficiency, PeriodSurplus.ziEfficiency(engine.markets(), zic), 1e-12, "ZI-C traders'");
        }
    }

    private static int marketIndex(Scenario s, String name) {
        for (int m = 0; m < s.markets().size(); m++) {
            if (s.markets().get(m).name().equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("no market " + name);
    }
}
