package org.vaesim.host.epoch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vaesim.host.Fixtures;
import org.vaesim.host.io.StateDigest;
import org.vaesim.kernels.cpu.JavaBackend;
import org.vaesim.models.scenario.Scenario;

/**
 * Same seed, same state, whatever the thread count; different seeds, different states. The quickstart
 * population (about 90,000 agents) spans two backend chunks, so the chunk-order reductions and the
 * marginal-tick queue positions across chunks are exercised.
 */
class ReproducibilityTest {
    private static final int EPOCHS = 40;
    private static Scenario quickstart;

    @BeforeAll
    static void load() {
        quickstart = Fixtures.scenario(Fixtures.tree("quickstart.json")).withEpochs(EPOCHS);
        assertTrue(quickstart.agentCount() > JavaBackend.CHUNK, "needs more than one chunk");
    }

    static String run(Scenario s, int threads) {
        try (Engine engine = Engine.start(s, threads)) {
            while (!engine.finished()) {
                engine.step();
            }
            engine.verifyConservation();
            return StateDigest.of(engine);
        }
    }

    @Test
    void sameSeedGivesTheSameChecksumForOneTwoAndFourThreads() {
        String one = run(quickstart, 1);
        assertEquals(one, run(quickstart, 2));
        assertEquals(one, run(quickstart, 4));
    }

    @Test
    void differentSeedsGiveDifferentChecksums() {
        assertNotEquals(run(quickstart, 2), run(quickstart.withSeed(quickstart.seed() + 1), 2));
    }

    @Test
    void marketsActuallyTrade() {
        try (Engine engine = Engine.start(quickstart, 2)) {
            while (!engine.finished()) {
                engine.step();
            }
            for (int m = 0; m < engine.markets().markets; m++) {
                assertTrue(engine.markets().totalVolume[m] > 0, "market " + m + " traded");
            }
        }
    }
}
