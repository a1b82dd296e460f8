package org.vaesim.host.epoch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vaesim.host.Fixtures;
import org.vaesim.models.scenario.Scenario;

/**
 * configs/flash-crash.json does what it says, for several seeds: calm before the sell algorithm starts at
 * epoch 100, sharp falls of several percent while it sells, rebounds, and a price back near the fundamental
 * once it is done; the algorithm sells its whole target.
 */
class FlashCrashScenarioTest {
    private static final int ALGO_START = 100;

    @ParameterizedTest
    @ValueSource(longs = {20100506, 1, 2})
    void sellAlgorithmCausesSharpFallsAndRebounds(long seed) {
        Scenario s = Fixtures.scenario(Fixtures.tree("flash-crash.json")).withSeed(seed);
        int epochs = s.epochs();
        double[] price = new double[epochs];
        int seller = (int) s.agentCount() - 1; // the execution cohort is laid out last
        try (Engine engine = Engine.start(s, 2)) {
            while (!engine.finished()) {
                engine.step();
                price[engine.epoch() - 1] = engine.markets().lastTick[0] / 100.0;
            }
            assertEquals(0, engine.population().quota[seller], "the algorithm sold its whole target");
        }
        double initial = 20.0;
        assertTrue(maxDrawdown(price, 0, ALGO_START) < 0.01, "calm before the algorithm");
        double during = maxDrawdown(price, ALGO_START, epochs - 100);
        assertTrue(during >= 0.04, "a fall of at least 4% while it sells: " + during);
        int trough = argMin(price, ALGO_START, epochs - 100);
        double rebound = max(price, trough, Math.min(epochs, trough + 20));
        assertTrue(rebound >= price[trough] * 1.03, "rebounds by 3% within 20 epochs of the trough");
        for (int e = epochs - 50; e < epochs; e++) {
            assertTrue(Math.abs(price[e] - initial) / initial < 0.02, "back near the fundamental at " + e);
        }
    }

    static double maxDrawdown(double[] p, int from, int to) {
        double peak = p[from];
        double worst = 0;
        for (int i = from; i < to; i++) {
            peak = Math.max(peak, p[i]);
            worst = Math.max(worst, (peak - p[i]) / peak);
        }
        return worst;
    }

    private static int argMin(double[] p, int from, int to) {
        int best = from;
        for (int i = from; i < to; i++) {
            if (p[i] < p[best]) {
                best = i;
            }
        }
        return best;
    }

    private static double max(double[] p, int from, int to) {
        double m = p[from];
        for (int i = from; i < to; i++) {
            m = Math.max(m, p[i]);
        }
        return m;
    }
}
