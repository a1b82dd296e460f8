package org.vaesim.kernels.decide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.vaesim.kernels.EpochInputs;
import org.vaesim.kernels.PriceHistory;
import org.vaesim.kernels.memory.Layout;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.models.scenario.ConfigException;
import org.vaesim.models.scenario.Scenario;
import org.vaesim.models.scenario.ScenarioLoader;

/**
 * The families' observe hooks: what the host puts into the epoch's inputs from the price history, worked out by hand
 * on a history whose tick after epoch t is 100 + 10 t on market b (initial price 50 ticks before epoch 0).
 */
class DecideObserveTest {
    private static final String SCENARIO = """
        { "name": "observe", "seed": 3, "epochs": 20,
          "markets": [ { "name": "a", "resource": "compute", "tick_size": 0.01, "ticks": 400, "initial_price": 2.00 },
                       { "name": "b", "resource": "data", "tick_size": 0.01, "ticks": 400, "initial_price": 0.50 } ],
          "population": [
            { "name": "calm", "strategy": "fundamentalist", "market": "b", "count": 10, "cash": 10,
              "params": { "dispersion_ticks": 3, "threshold_ticks": 1, "reaction": 0.5, "max_qty": 2,
                          "activity": 0.5 } },
            { "name": "shy", "strategy": "fundamentalist", "market": "b", "count": 10, "cash": 10,
              "params": { "dispersion_ticks": 3, "threshold_ticks": 1, "reaction": 0.5, "max_qty": 2,
                          "activity": 0.5, "withdrawal_volatility": 2, "volatility_epochs": 2 } },
            { "name": "c", "strategy": "chartist", "market": "b", "count": 10, "cash": 10,
              "params": { "lookback": 3, "threshold_ticks": 0, "aggression_ticks": 1, "qty": 1, "activity": 0.5 } },
            { "name": "n", "strategy": "noise", "market": "a", "count": 10, "cash": 10,
              "params": { "activity": 0.5, "tail": 1.5, "max_qty": 2, "reach_ticks": 3 } } ] }
        """;

    /** Tick 100 + 10 t after epoch t on every market; the initial tick before epoch 0. */
    private static final PriceHistory RISING = new PriceHistory() {
        @Override
        public int tickAfter(int market, int epoch, int initialTick) {
            return epoch < 0 ? initialTick : 100 + 10 * epoch;
        }

        @Override
        public double realisedVolatility(int market, int epoch, int k, int initialTick) {
            double sum = 0;
            for (int t = epoch - k; t < epoch; t++) {
                int before = tickAfter(market, t - 1, initialTick);
                sum += (double) Math.abs(tickAfter(market, t, initialTick) - before) / before;
            }
            return 100 * sum / k;
        }
    };

    @Test
    void chartistsGetTheirLookBackPriceAndWithdrawingFundamentalistsTheVolatility() throws ConfigException {
        Scenario s = ScenarioLoader.parse(SCENARIO, "observe");
        List<Segment> segments = new Layout(s).segments();
        EpochInputs in = new EpochInputs(2, segments.size());
        for (int epoch : new int[] {1, 10}) {
            in.epoch = epoch;
            java.util.Arrays.fill(in.volatility, -1);
            java.util.Arrays.fill(in.lookbackTick, -1);
            for (Segment seg : segments) {
                DecideFamilies.of(seg.cohort().family()).observe().observe(seg, s.markets().get(seg.market()),
                        RISING, in);
            }
            int calm = index(segments, "calm");
            int shy = index(segments, "shy");
            int chartists = index(segments, "c");
            int noise = index(segments, "n");
            if (epoch == 10) { // look-back: the tick after epoch 10 - 1 - 3 = 6; volatility over epochs 8 and 9
                assertEquals(160, in.lookbackTick[chartists]);
                assertEquals(100 * (10.0 / 170 + 10.0 / 180) / 2, in.volatility[shy], 1e-12);
            } else { // epoch 1: before epoch 0 the initial price, 50 ticks; the window is epochs -1 and 0
                assertEquals(50, in.lookbackTick[chartists]);
                assertEquals(100 * (0.0 / 50 + 50.0 / 50) / 2, in.volatility[shy], 1e-12);
            }
            assertEquals(-1, in.volatility[calm], 0, "a fundamentalist that does not withdraw needs nothing");
            assertEquals(-1, in.lookbackTick[noise]);
            assertEquals(-1, in.volatility[noise], 0);
        }
        assertSame(DecideFamily.Observe.NONE, DecideNoise.FAMILY.observe(), "most families need nothing");
    }

    private static int index(List<Segment> segments, String cohort) {
        return segments.stream().filter(x -> x.cohort().name().equals(cohort)).findFirst().orElseThrow().index();
    }
}
