package org.vaesim.host.epoch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vaesim.host.Fixtures;
import org.vaesim.models.scenario.Scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Money and goods are conserved exactly through every family, fees and every kind of event: what agents
 * hold plus the fee sink equals the initial totals plus injections minus removals.
 */
class ConservationTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void moneyAndGoodsAreConservedThroughTradesFeesAndEvents(long seed) {
        ObjectNode tree = Fixtures.tree("quickstart.json");
        tree.put("epochs", 60);
        tree.withArray("events").removeAll();
        tree.withArray("events").addObject().put("epoch", 5).put("type", "inject_cash").put("cohort", "asset-value").put("amount", 12.5);
        tree.withArray("events").addObject().put("epoch", 10).put("type", "remove_cash").put("cohort", "data-buyers").put("amount", 5000);
        tree.withArray("events").addObject().put("epoch", 15).put("type", "inject_goods").put("cohort", "compute-sellers").put("units", 3);
        tree.withArray("events").addObject().put("epoch", 20).put("type", "remove_goods").put("cohort", "asset-momentum").put("units", 1000);
        tree.withArray("events").addObject().put("epoch", 25).put("type", "shift_fundamental").put("market", "asset").put("percent", -20);
        Scenario s = Fixtures.scenario(tree).withSeed(seed);
        try (Engine engine = Engine.start(s, 2)) {
            long feesSeen = 0;
            while (!engine.finished()) {
                engine.step();
                engine.verifyConservation(); // exact, every epoch
                long fees = engine.markets().feeSink();
                assertTrue(fees >= feesSeen, "the fee sink only grows");
                feesSeen = fees;
            }
            Accounting a = engine.accounting();
            assertEquals(12_500_000L * 5_000, a.moneyInjected, "12.5 credits to each of 5,000 agents");
            // remove_cash takes at most what each agent holds: never more than 5000 credits each
            assertTrue(a.moneyRemoved > 0 && a.moneyRemoved <= 5_000_000_000L * 5_000);
            assertEquals(3L * 10_000, a.goodsInjected[0]);
            assertTrue(a.goodsRemoved[3] > 0 && a.goodsRemoved[3] <= 1000L * 2_000);
            assertTrue(feesSeen > 0, "fees were charged");
        }
    }
}
