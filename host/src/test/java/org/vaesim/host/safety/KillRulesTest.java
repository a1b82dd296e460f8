package org.vaesim.host.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.vaesim.host.Fixtures;
import org.vaesim.host.epoch.Engine;
import org.vaesim.kernels.memory.Population;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.models.market.MarketSpec;
import org.vaesim.models.scenario.Scenario;

/** The order-to-trade and loss kill rules, on cases whose firing epoch follows from the rule's definition. */
class KillRulesTest {

    private record Kill(int epoch, String target) {
    }

    private static List<Kill> capture(Engine engine) {
        List<Kill> kills = new ArrayList<>();
        engine.audit((epoch, type, fields) -> {
            if (type.equals("kill")) {
                kills.add(new Kill(epoch, (String) ((Map<?, ?>) fields).get("target")));
            }
        });
        return kills;
    }

    /**
     * 1000 ZI buyers and 1000 ZI sellers of principal "labs" (values and costs in [8, 12]) and 1000 market makers
     * of principal "spoof" quoting 9.00 away from the last price, so far that no ZI order can reach them. In an
     * epoch that trades, labs sends at most 2000 orders and fills at least 2 (every trade is between two of its
     * agents), a ratio of at most 1000; spoof sends 2000 and fills none. With a limit of 1000 only spoof is
     * stopped, at the end of the third epoch that traded.
     */
    @Test
    void orderToTradeRuleStopsTheSpooferAfterItsThirdTradedEpoch() {
        Scenario s = Fixtures.scenario("""
                {"name": "otr", "seed": 5, "epochs": 40,
                 "markets": [{"name": "m", "resource": "compute", "tick_size": 0.01, "ticks": 2000,
                              "initial_price": 10.00}],
                 "population": [
                   {"name": "buyers", "strategy": "zi-c", "market": "m", "count": 1000, "cash": 1000,
                    "principal": "labs",
                    "params": {"side": "buy", "value_min": 8.00, "value_max": 12.00, "units": 1, "period": 5}},
                   {"name": "sellers", "strategy": "zi-c", "market": "m", "count": 1000, "inventory": 50,
                    "principal": "labs",
                    "params": {"side": "sell", "value_min": 8.00, "value_max": 12.00, "units": 1, "period": 5}},
                   {"name": "quotes", "strategy": "market-maker", "market": "m", "count": 1000, "cash": 100000,
                    "inventory": 500, "principal": "spoof",
                    "params": {"half_spread_ticks": 900, "quote_qty": 1, "max_inventory": 1000, "skew_ticks": 0}}],
                 "safety": {"kill_rules": [{"when": "order_to_trade", "ratio": 1000, "epochs": 3}]}}
                """);
        try (Engine engine = Engine.start(s, 2)) {
            List<Kill> kills = capture(engine);
            int traded = 0;
            int thirdTraded = -1;
            while (!engine.finished()) {
                int e = engine.epoch();
                engine.step();
                if (engine.markets().lastVolume[0] > 0 && ++traded == 3) {
                    thirdTraded = e;
                }
            }
            assertTrue(thirdTraded >= 2, "the market traded at least three times");
            assertEquals(List.of(new Kill(thirdTraded, "principal spoof")), kills);
            assertEquals(1000, engine.safety().killed);
            engine.verifyConservation();
        }
    }

    /**
     * The flash crash with a loss limit of 0.5% of endowment. The trading loss the rule reads from settlement's
     * flows must equal the one recomputed from the population (cash and units now against the endowment, marked
     * at the last price), and each principal must be stopped in the first epoch its loss exceeds the limit.
     */
    @Test
    void lossRuleStopsEachPrincipalInTheEpochItsLossExceedsTheLimit() {
        var tree = Fixtures.tree("flash-crash.json");
        tree.put("epochs", 220);
        tree.withArray("events").removeAll();
        tree.putObject("safety").putArray("kill_rules").addObject().put("when", "loss").put("percent", 0.5);
        Scenario s = Fixtures.scenario(tree);
        List<String> principals = s.principals();
        try (Engine engine = Engine.start(s, 2)) {
            List<Kill> kills = capture(engine);
            long[] capital = new long[principals.size()];
            for (Segment seg : engine.layout().segments()) {
                MarketSpec m = s.markets().get(seg.market());
                capital[principals.indexOf(seg.cohort().identity().principal())] += seg.size()
                        * (seg.cohort().cash() + seg.cohort().inventory() * m.priceOf(m.initialTick()));
            }
            List<Kill> expected = new ArrayList<>();
            boolean[] stopped = new boolean[principals.size()];
            while (!engine.finished()) {
                int e = engine.epoch();
                engine.step();
                long[] recomputed = pnlFromPopulation(engine, principals);
                long[] fromFlows = engine.rule(KillSwitch.class).tradingPnl(engine.safety(), engine.markets());
                for (int p = 0; p < principals.size(); p++) {
                    if (!stopped[p]) {
                        assertEquals(recomputed[p], fromFlows[p], "P&L of " + principals.get(p) + " after epoch " + e);
                        if (-recomputed[p] > 0.005 * capital[p]) {
                            stopped[p] = true;
                            expected.add(new Kill(e, "principal " + principals.get(p)));
                        }
                    }
                }
            }
            assertTrue(!expected.isEmpty(), "someone lost more than 0.5% in the crash");
            assertEquals(expected, kills);
            engine.verifyConservation();
        }
    }

    /** Per principal: cash now minus the endowment, plus units now minus the endowment at the last price. */
    private static long[] pnlFromPopulation(Engine engine, List<String> principals) {
        Population pop = engine.population();
        long[] pnl = new long[principals.size()];
        for (Segment seg : engine.layout().segments()) {
            long price = engine.scenario().markets().get(seg.market()).priceOf(engine.markets().lastTick[seg.market()]);
            int p = principals.indexOf(seg.cohort().identity().principal());
            for (int i = seg.start(); i < seg.end(); i++) {
                pnl[p] += pop.cash[i] - seg.cohort().cash() + (pop.inventory[i] - (long) seg.cohort().inventory()) * price;
            }
        }
        return pnl;
    }
}
