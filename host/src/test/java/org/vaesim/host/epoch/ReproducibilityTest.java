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
 * population (about 90,000 agents) spans several backend chunks, whose size depends on the thread count
 * ({@link JavaBackend#chunkSize}: 22,528 agents on one thread, 12,288 on two, 6,144 on four), so the chunk-order
 * reductions, the marginal-tick queue positions across chunks and the independence of chunk boundaries are all
 * exercised.
 */
class ReproducibilityTest {
    private static final int EPOCHS = 40;
    private static Scenario quickstart;

    @BeforeAll
    static void load() {
        quickstart = Fixtures.scenario(Fixtures.tree("quickstart.json")).withEpochs(EPOCHS);
        int agents = Math.toIntExact(quickstart.agentCount());
        assertTrue(agents > JavaBackend.chunkSize(agents, 1), "needs more than one chunk");
        assertTrue(JavaBackend.chunkSize(agents, 1) != JavaBackend.chunkSize(agents, 4),
                "the thread counts compared must cut the population differently");
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
