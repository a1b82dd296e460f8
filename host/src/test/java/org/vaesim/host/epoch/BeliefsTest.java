package org.vaesim.host.epoch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vaesim.host.Fixtures;
import org.vaesim.kernels.EpochInputs;
import org.vaesim.kernels.memory.Layout;
import org.vaesim.models.scenario.Scenario;

/**
 * The host's signals for the heterogeneous-belief families against values worked out by hand from a made-up price
 * history: segment 0 is the order-driven cohort, segment 1 the switching one (the families' order).
 */
class BeliefsTest {
    /** Where the switching cohort's (segment 1's) signals start. */
    private static final int S = EpochInputs.SIGNALS;

    private static Scenario scenario(String switchingParams) {
        return Fixtures.scenario("""
            { "name": "beliefs", "seed": 3, "epochs": 100,
              "markets": [ { "name": "m", "resource": "asset", "tick_size": 0.01, "ticks": 20000,
                             "initial_price": 20.00, "fundamental": 25.00 } ],
              "population": [
                { "name": "w", "strategy": "switching", "market": "m", "count": 10, "params": %s },
                { "name": "od", "strategy": "order-driven", "market": "m", "count": 10,
                  "params": { "reversion_epochs": 40 } } ] }
            """.formatted(switchingParams));
    }

    /** Prices after epochs 0 .. e-1 of a path that grows by the factor g each epoch from 1000 ticks. */
    private static void geometricPath(MarketState markets, int e, double g) {
        for (int t = 0; t < e; t++) {
            int tick = (int) Math.round(1000 * Math.pow(g, t));
            markets.history[t % MarketState.HISTORY] = tick;
        }
        markets.lastTick[0] = markets.history[(e - 1) % MarketState.HISTORY];
        markets.previousTick[0] = markets.history[(e - 2) % MarketState.HISTORY];
    }

    @Test
    void orderDrivenTradersSeeTheFundamentalGapOverTheirReversionTimeAndTheMeanReturnOfEachHorizon() {
        Scenario s = scenario("{}");
        Layout layout = new Layout(s);
        MarketState markets = MarketState.of(s);
        int e = 300;
        geometricPath(markets, e, 1.002);
        EpochInputs in = new EpochInputs(1, 2);
        new Beliefs(s, layout).observe(e, markets, in);
        int base = 0; // segment 0: the order-driven cohort
        double last = markets.lastTick[0];
        assertEquals(Math.log(2500 / last) / 40, in.signals[base], 1e-15, "ln(F / L) / reversion epochs");
        for (int h = 0; h < 8; h++) {
            int lag = 1 << h;
            double then = markets.history[(e - 1 - lag) % MarketState.HISTORY];
            assertEquals(Math.log(last / then) / lag, in.signals[base + 1 + h], 1e-12, "trend over " + lag);
            // rounding the path to whole ticks moves each trend by at most 0.5 / 1000 / lag from ln 1.002
            assertEquals(Math.log(1.002), in.signals[base + 1 + h], 1e-3 / lag, "the path's growth rate");
        }
    }

    @Test
    void withoutHerdingOrMisalignmentTheShareOfFundamentalistsIsTheLogitOfThePredisposition() {
        Scenario s = scenario("""
            { "predisposition": 0.8, "intensity": 2, "herding": 0, "misalignment": 0, "performance": 0,
              "fundamental_reaction": 0.1, "chartist_reaction": 0.5, "fundamental_noise": 0, "chartist_noise": 0 }""");
        MarketState markets = MarketState.of(s);
        assertEquals(0.5, markets.beliefs[0], "half are fundamentalists before the first epoch");
        EpochInputs in = new EpochInputs(1, 2);
        geometricPath(markets, 10, 1.01);
        new Beliefs(s, new Layout(s)).observe(10, markets, in);
        assertEquals(1 / (1 + Math.exp(-2 * 0.8)), in.signals[S], 1e-15, "n = 1 / (1 + e^(-intensity a))");
        double last = markets.lastTick[0];
        double move = Math.log(last / markets.previousTick[0]);
        assertEquals(0.1 * Math.log(2500 / last), in.signals[S + 1], 1e-15, "fundamentalists: reaction x ln(F / L)");
        assertEquals(0.5 * move, in.signals[S + 2], 1e-15, "chartists: reaction x the last log return");
        assertEquals(0, in.signals[S + 3], "no noise of their own");
        assertEquals(0, in.signals[S + 4]);
    }

    /**
     * Each rule's noise splits into the common share (variance share common_noise) and the agents' own, and grows by
     * 1 + feedback x the root mean square log return of the window: on a path growing 1 % an epoch that is ln 1.01.
     */
    @Test
    void forecastNoiseSplitsIntoACommonAndAnOwnShareAndGrowsWithRecentVolatility() {
        Scenario s = scenario("""
            { "fundamental_noise": 0.002, "chartist_noise": 0.02, "common_noise": 0.36, "volatility_feedback": 50,
              "volatility_window": 5 }""");
        MarketState markets = MarketState.of(s);
        EpochInputs in = new EpochInputs(1, 2);
        geometricPath(markets, 30, 1.01);
        new Beliefs(s, new Layout(s)).observe(30, markets, in);
        double sum = 0;
        for (int t = 29; t > 24; t--) {
            double r = Math.log((double) markets.history[t] / markets.history[t - 1]);
            sum += r * r;
        }
        double scale = 1 + 50 * Math.sqrt(sum / 5);
        assertEquals(1 + 50 * Math.log(1.01), scale, 0.01, "the window's volatility is about ln 1.01");
        assertEquals(0.002 * scale * 0.8, in.signals[S + 3], 1e-15, "fundamentalists' own: sqrt(1 - 0.36) = 0.8");
        assertEquals(0.02 * scale * 0.8, in.signals[S + 4], 1e-15, "chartists' own");
    }

    @Test
    void herdingMisalignmentAndProfitsMoveTheChoiceAsTheirTermsSay() {
        Scenario s = scenario("""
            { "predisposition": -0.5, "intensity": 1.5, "herding": 2, "misalignment": 100, "performance": 1000,
              "memory": 0.75, "fundamental_reaction": 0.05, "chartist_reaction": 0.4 }""");
        MarketState markets = MarketState.of(s);
        EpochInputs in = new EpochInputs(1, 2);
        geometricPath(markets, 10, 1.01);
        markets.beliefs[0] = 0.3;
        markets.beliefs[1] = 0.002;
        markets.beliefs[2] = -0.001;
        double last = markets.lastTick[0];
        double previous = markets.previousTick[0];
        double beforeThat = markets.history[7]; // the price after epoch e - 3
        double move = Math.log(last / previous);
        double uf = 0.75 * 0.002 + 0.25 * move * 0.05 * Math.log(2500 / previous);
        double uc = 0.75 * -0.001 + 0.25 * move * 0.4 * Math.log(previous / beforeThat);
        double m = Math.log(last / 2500);
        double a = -0.5 + 2 * (0.3 - 0.7) + 100 * m * m + 1000 * (uf - uc);
        new Beliefs(s, new Layout(s)).observe(10, markets, in);
        assertEquals(uf, markets.beliefs[1], 1e-15, "fundamentalists' remembered profit");
        assertEquals(uc, markets.beliefs[2], 1e-15, "chartists' remembered profit");
        assertEquals(1 / (1 + Math.exp(-1.5 * a)), markets.beliefs[0], 1e-12, "the new share");
        assertEquals(markets.beliefs[0], in.signals[S], "handed to the agents");
        assertTrue(m * m * 100 > 2, "far below the fundamental, misalignment dominates: " + markets.beliefs[0]);
        assertTrue(markets.beliefs[0] > 0.9, "and most become fundamentalists");
    }
}
