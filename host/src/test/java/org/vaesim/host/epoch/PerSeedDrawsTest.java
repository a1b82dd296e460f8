package org.vaesim.host.epoch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.vaesim.host.Require;
import org.vaesim.host.io.StateDigest;
import org.vaesim.kernels.Backends;
import org.vaesim.kernels.memory.Endowments;
import org.vaesim.kernels.memory.Population;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.models.scenario.ConfigException;
import org.vaesim.models.scenario.Scenario;
import org.vaesim.models.scenario.ScenarioLoader;

/**
 * What cohorts draw per seed (docs/config-reference.md#drawn-endowments and #arrival): endowments and arrival epochs;
 * opt-in, reproducible, the same on every backend and thread count.
 */
class PerSeedDrawsTest {
    /** A ZI market whose buyers' cash and sellers' inventory are {@code cash} and {@code inventory} as written. */
    private static Scenario market(String cash, String inventory, long seed) throws ConfigException {
        return ScenarioLoader.parse("""
            { "name": "zi", "seed": %d, "epochs": 30,
              "markets": [ {"name": "m", "resource": "compute", "tick_size": 0.01, "ticks": 1000, "initial_price": 5} ],
              "population": [
                {"name": "buyers", "strategy": "zi-c", "market": "m", "count": 2001, "cash": %s,
                 "params": {"side": "buy", "value_min": 4, "value_max": 6, "period": 2}},
                {"name": "sellers", "strategy": "zi-c", "market": "m", "count": 1999, "inventory": %s,
                 "params": {"side": "sell", "value_min": 4, "value_max": 6, "period": 2}} ] }
            """.formatted(seed, cash, inventory), "zi.json");
    }

    private static final String LOGNORMAL_CASH = "{\"dist\": \"lognormal\", \"median\": 20, \"sigma\": 1,"
            + " \"min\": 1, \"max\": 500}";
    private static final String UNIFORM_UNITS = "{\"dist\": \"uniform\", \"min\": 0, \"max\": 20}";

    private static String finalDigest(Scenario s, int threads) {
        try (Engine e = Engine.start(s, Backends.JAVA, threads)) {
            while (!e.finished()) {
                e.step();
            }
            return StateDigest.of(e);
        }
    }

    /**
     * A distribution that can only draw the fixed amount gives the fixed amount's run, bit for bit: drawing touches
     * no other random number, so every existing config (which draws nothing) runs as before.
     */
    @Test
    void aDrawThatCanOnlyGiveTheFixedAmountIsTheFixedRun() throws ConfigException {
        assertEquals(finalDigest(market("100", "10", 7), 2), finalDigest(market(
                "{\"dist\": \"uniform\", \"min\": 100, \"max\": 100}", "{\"dist\": \"uniform\", \"min\": 10, \"max\":"
                + " 10}", 7), 2));
    }

    @Test
    void seedsDrawDifferentEndowmentsAndOneSeedTheSameOnes() throws ConfigException {
        long[] a = initialCash(market(LOGNORMAL_CASH, UNIFORM_UNITS, 1));
        long[] again = initialCash(market(LOGNORMAL_CASH, UNIFORM_UNITS, 1));
        long[] b = initialCash(market(LOGNORMAL_CASH, UNIFORM_UNITS, 2));
        assertArrayEquals(a, again);
        assertFalse(Arrays.equals(a, b), "another seed, other endowments");
        long distinct = Arrays.stream(a, 0, 2001).distinct().count();
        assertTrue(distinct > 1000, "the buyers' cash is spread: " + distinct + " distinct amounts");
        assertTrue(Arrays.stream(a, 0, 2001).allMatch(c -> c >= 1_000_000 && c <= 500_000_000), "inside [1, 500]");
        assertNotEquals(finalDigest(market(LOGNORMAL_CASH, UNIFORM_UNITS, 1), 2),
                finalDigest(market(LOGNORMAL_CASH, UNIFORM_UNITS, 2), 2));
    }

    @Test
    void theRunDoesNotDependOnThreads() throws ConfigException {
        Scenario s = market(LOGNORMAL_CASH, UNIFORM_UNITS, 3);
        assertEquals(finalDigest(s, 1), finalDigest(s, 2));
    }

    /** The sums a principal's capital and a family's initial wealth are computed from are the population's. */
    @Test
    void totalsAreThePopulationsSums() throws ConfigException {
        Scenario s = market(LOGNORMAL_CASH, UNIFORM_UNITS, 4);
        try (Engine e = Engine.start(s, Backends.JAVA, 1)) {
            for (Segment seg : e.layout().segments()) {
                long[] t = Endowments.totals(seg.cohort(), seg.start(), seg.end(), s.seed());
                long cash = 0;
                long units = 0;
                for (int i = seg.start(); i < seg.end(); i++) {
                    cash += e.population().cash[i];
                    units += e.population().inventory[i];
                }
                assertEquals(cash, t[0], seg.cohort().name());
                assertEquals(units, t[1], seg.cohort().name());
            }
        }
    }

    /** Drawn on the host and copied to the device: the opencl run is the java run, epoch by epoch. */
    @Test
    void deviceBackendsRunTheSameDrawnPopulation() throws ConfigException {
        Require.backend(Backends.OPENCL);
        BackendParityTest.assertLockstep(market(LOGNORMAL_CASH, UNIFORM_UNITS, 5), Backends.OPENCL);
    }

    /** 1,000 agents arriving from epoch 2 to 11: the batch of each epoch, as the run admits them. */
    private static int[] batches(long seed, String arrival) throws ConfigException {
        Scenario s = ScenarioLoader.parse("""
            { "name": "arrivals", "seed": %d, "epochs": 14,
              "markets": [ {"name": "m", "resource": "compute", "tick_size": 0.01, "ticks": 1000, "initial_price": 5} ],
              "population": [
                {"name": "buyers", "strategy": "zi-c", "market": "m", "count": 500, "cash": 100,
                 "params": {"side": "buy", "value_min": 4, "value_max": 6}},
                {"name": "late", "strategy": "zi-c", "market": "m", "count": 1000, "inventory": 5,
                 "arrival": %s, "params": {"side": "sell", "value_min": 4, "value_max": 6}} ] }
            """.formatted(seed, arrival), "arrivals.json");
        int[] batch = new int[14];
        try (Engine e = Engine.start(s, Backends.JAVA, 1)) {
            Segment late = e.layout().segments().stream().filter(g -> g.cohort().name().equals("late")).findFirst()
                    .orElseThrow();
            int arrived = 0;
            while (!e.finished()) {
                e.step();
                int now = 0;
                for (int i = late.start(); i < late.end(); i++) {
                    now += e.population().status[i] != Population.PENDING ? 1 : 0;
                }
                batch[e.epoch() - 1] = now - arrived;
                arrived = now;
            }
        }
        return batch;
    }

    /**
     * Drawn arrival epochs: nobody before epoch 2 or after 11, everybody by then, about 100 an epoch (a binomial of
     * 1,000 and 1/10: 6 sigma is 57), different batches for another seed, the same for the same one.
     */
    @Test
    void arrivalEpochsAreDrawnPerSeed() throws ConfigException {
        String drawn = "{\"from_epoch\": 2, \"until_epoch\": 11}";
        int[] a = batches(1, drawn);
        assertEquals(0, a[0] + a[1] + a[12] + a[13], Arrays.toString(a));
        assertEquals(1000, Arrays.stream(a).sum());
        for (int e = 2; e <= 11; e++) {
            assertTrue(a[e] > 100 - 57 && a[e] < 100 + 57, Arrays.toString(a));
        }
        assertArrayEquals(a, batches(1, drawn));
        assertFalse(Arrays.equals(a, batches(2, drawn)), "another seed, other batches");
        int[] fixed = batches(1, "{\"from_epoch\": 2, \"per_epoch\": 100}");
        assertArrayEquals(new int[] {0, 0, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 0, 0}, fixed,
                "fixed batches as before");
        assertArrayEquals(fixed, batches(2, "{\"from_epoch\": 2, \"per_epoch\": 100}"), "whatever the seed");
    }

    private static long[] initialCash(Scenario s) {
        try (Engine e = Engine.start(s, Backends.JAVA, 1)) {
            return e.population().cash.clone();
        }
    }
}
