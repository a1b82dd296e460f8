package org.vaesim.bench.naive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.vaesim.bench.BenchScenario;
import org.vaesim.kernels.clear.Clear;
import org.vaesim.kernels.clear.ClearingResult;
import org.vaesim.models.market.MarketSpec;
import org.vaesim.models.market.ResourceType;
import org.vaesim.models.scenario.Scenario;

class NaiveSimulatorTest {
    @Test
    void conservesMoneyAndGoodsEveryEpoch() {
        Scenario scenario = BenchScenario.build(2000, 40);
        NaiveSimulator sim = new NaiveSimulator(scenario);
        assertEquals(2000, sim.agents());
        for (int e = 0; e < 40; e++) {
            sim.step();
            assertEquals(sim.initialMoney(), sim.totalMoney(), "money after epoch " + e);
            for (int m = 0; m < 4; m++) {
                assertEquals(sim.initialGoods(m), sim.totalGoods(m), "goods of market " + m + " after epoch " + e);
            }
        }
        for (int m = 0; m < 4; m++) {
            assertTrue(sim.totalVolume(m) > 0, "market " + m + " traded");
            int tick = sim.lastTick(m);
            assertTrue(tick >= 1 && tick < 2000, "price on the grid: " + tick);
        }
    }

    /**
     * The naive book (sorted lists, walked) and vaesim's Clear kernel (histograms) implement the same auction:
     * on random books they must agree on the price and volume, and the naive fills must add up to it per side.
     */
    @Test
    void clearsAtTheKernelsPriceAndVolumeOnRandomBooks() {
        MarketSpec spec = new MarketSpec("m", ResourceType.ASSET, 10_000, 64, 32, 32, 0);
        Random random = new Random(7);
        for (int trial = 0; trial < 2000; trial++) {
            Market market = new Market(spec);
            market.lastTick = 1 + random.nextInt(63);
            int reference = market.lastTick;
            long[] bids = new long[64];
            long[] asks = new long[64];
            List<Order> orders = new ArrayList<>();
            int n = random.nextInt(30);
            int spread = 1 + random.nextInt(63);
            for (int k = 0; k < n; k++) {
                boolean buy = random.nextBoolean();
                int tick = 1 + random.nextInt(spread);
                int qty = 1 + random.nextInt(5);
                Order o = new Order(null, buy, tick, qty);
                orders.add(o);
                market.submit(o);
                (buy ? bids : asks)[tick] += qty;
            }
            long volume = market.clear();
            ClearingResult expected = new ClearingResult(1);
            Clear.clear(0, 0, 63, reference, 0, 0, false, bids, asks, new long[66], expected);
            assertEquals(expected.volume[0], volume, "volume, trial " + trial);
            if (volume > 0) {
                assertEquals(expected.price[0], market.lastTick, "price, trial " + trial);
            }
            long bought = 0;
            long sold = 0;
            for (Order o : orders) {
                assertTrue(o.filled >= 0 && o.filled <= o.qty);
                if (o.filled > 0) {
                    assertTrue(o.buy ? o.tick >= market.lastTick : o.tick <= market.lastTick, "fill at its limit");
                }
                if (o.buy) {
                    bought += o.filled;
                } else {
                    sold += o.filled;
                }
            }
            assertEquals(volume, bought, "bid fills, trial " + trial);
            assertEquals(volume, sold, "ask fills, trial " + trial);
        }
    }
}
