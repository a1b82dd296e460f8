package org.vaesim.host.epoch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vaesim.host.Fixtures;
import org.vaesim.host.Require;
import org.vaesim.host.auction.AuctionStage;
import org.vaesim.host.metrics.AuctionMetrics;
import org.vaesim.host.run.RunDirectory;
import org.vaesim.host.run.RunSession;
import org.vaesim.kernels.Backends;
import org.vaesim.kernels.auction.AuctionPlan;
import org.vaesim.models.scenario.ConfigException;
import org.vaesim.models.scenario.Scenario;
import org.vaesim.models.scenario.ScenarioLoader;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Demand reduction in a uniform-price auction (Ausubel et al. 2014; docs/mechanisms.md#strategic-bidding): a
 * bidder that values several units bids for fewer, so as not to set the price it pays on the others. The known
 * answer is the textbook case, worked out by hand; then java and opencl in lockstep, and a resumed run.
 */
class DemandReductionTest {
    private static final PrintStream SILENT = new PrintStream(OutputStream.nullOutputStream());

    /**
     * Two units a round, three rounds, on a grid of whole credits. The big bidder values its units at 10 and 8
     * (decay 0.8), the small one its single unit at 6; both have cash to spare. {@code bidUnits} is the big
     * bidder's {@code bid_units} (null: the field left out).
     */
    private static String tiny(String bidUnits) {
        return """
            { "name": "demand-reduction", "seed": 3, "epochs": 3, "metrics_every": 1,
              "markets": [ {"name": "gpu", "resource": "compute", "tick_size": 1, "ticks": 100, "initial_price": 5} ],
              "population": [
                {"name": "big", "strategy": "bidder", "market": "gpu", "count": 1, "cash": 1000},
                {"name": "small", "strategy": "bidder", "market": "gpu", "count": 1, "cash": 1000} ],
              "resource_auctions": [ {"name": "compute", "resource": "compute", "tick_size": 1, "ticks": 100,
                "reserve_price": 1, "supply": 2, "mechanism": {"type": "uniform_price"},
                "bidders": [
                  {"cohort": "big", "value_min": 10, "value_max": 10, "max_units": 2, "decay": 0.8%s},
                  {"cohort": "small", "value_min": 6, "value_max": 6} ] } ] }
            """.formatted(bidUnits == null ? "" : ", \"bid_units\": " + bidUnits);
    }

    private static JsonNode run(Path dir, String json) throws Exception {
        Files.createDirectories(dir);
        Path file = dir.resolve("s.json");
        Files.writeString(file, json);
        assertTrue(RunSession.start(Fixtures.scenario(json), file, dir.resolve("r"), "java", 1, SILENT, true)
                .complete());
        return RunDirectory.JSON.readTree(dir.resolve("r").resolve("summary.json").toFile()).get("auctions").get(0);
    }

    /**
     * Truthful (bid_units 2): bids 10, 8 and 6; two units sell at the lowest accepted bid, 8, both to the big
     * bidder: value 18, paid 16, surplus 2 a round; the small bidder gets nothing. Efficiency 18 / 18.
     * Demand reduction (bid_units 1): bids 10 and 6; the price falls to 6 and each gets a unit: the big bidder's
     * value 10, paid 6, surplus 4 a round (twice the truthful 2: reducing demand pays); the small bidder's value
     * 6, paid 6, surplus 0. Revenue falls from 16 to 12 a round, efficiency to (10 + 6) / 18 = 0.888..., since the
     * unit worth 8 goes to a bidder who values it at 6.
     */
    @Test
    void aBidderThatReducesItsDemandPaysLessAndTheAuctionLosesEfficiency(@TempDir Path tmp) throws Exception {
        JsonNode truthful = run(tmp.resolve("t"), tiny("2"));
        assertEquals(48, truthful.get("revenue").asDouble(), 1e-9);
        assertEquals(1.0, truthful.get("efficiency").asDouble(), 1e-12);
        assertEquals(8, truthful.get("last_price").asDouble(), 1e-9);
        assertEquals(6, truthful.get("bidder_surplus").asDouble(), 1e-9);
        JsonNode big = truthful.get("principals").get(0);
        assertEquals("big", big.get("name").asText());
        assertEquals(6, big.get("units").asLong());
        assertEquals(54, big.get("value").asDouble(), 1e-9);
        assertEquals(48, big.get("payment").asDouble(), 1e-9);
        assertEquals(6, big.get("surplus").asDouble(), 1e-9);
        assertEquals(0, truthful.get("principals").get(1).get("units").asLong());

        JsonNode reduced = run(tmp.resolve("r"), tiny("1"));
        assertEquals(36, reduced.get("revenue").asDouble(), 1e-9);
        assertEquals(16.0 / 18.0, reduced.get("efficiency").asDouble(), 1e-12);
        assertEquals(6, reduced.get("last_price").asDouble(), 1e-9);
        assertEquals(12, reduced.get("bidder_surplus").asDouble(), 1e-9);
        big = reduced.get("principals").get(0);
        assertEquals(3, big.get("units").asLong());
        assertEquals(30, big.get("value").asDouble(), 1e-9);
        assertEquals(18, big.get("payment").asDouble(), 1e-9);
        assertEquals(12, big.get("surplus").asDouble(), 1e-9);
        JsonNode small = reduced.get("principals").get(1);
        assertEquals(3, small.get("units").asLong());
        assertEquals(18, small.get("value").asDouble(), 1e-9);
        assertEquals(0, small.get("surplus").asDouble(), 1e-9);
    }

    /**
     * bid_units equal to max_units bids exactly as a truthful bidder does: the same rounds; an auction without the
     * field reports no per-principal surplus (its checkpoint keeps the bytes it had).
     */
    @Test
    void bidUnitsAtMaxUnitsIsTruthfulBidding(@TempDir Path tmp) throws Exception {
        JsonNode plain = run(tmp.resolve("p"), tiny(null));
        JsonNode full = run(tmp.resolve("f"), tiny("2"));
        for (String f : List.of("revenue", "efficiency", "last_price", "bidder_surplus", "envy_share")) {
            assertEquals(plain.get(f), full.get(f), f);
        }
        assertEquals(Files.readAllLines(tmp.resolve("p").resolve("r").resolve("auctions.csv")),
                Files.readAllLines(tmp.resolve("f").resolve("r").resolve("auctions.csv")));
        assertFalse(plain.get("principals").get(0).has("surplus"));
    }

    @Test
    void bidUnitsAboveMaxUnitsIsRefusedNamingThePath() {
        ConfigException e = assertThrows(ConfigException.class, () -> ScenarioLoader.parse(tiny("3"), "t.json"));
        assertEquals("t.json: $.resource_auctions[0].bidders[0].bid_units = 3: must be an integer from 1 to 2",
                e.getMessage());
    }

    /** ResourceAuctionTest's economy with the big principal's first cohort bidding for 1 of its 3 units. */
    private static String strategicJson(long seed, String mechanism) {
        return ResourceAuctionTest.scenario(seed, mechanism).replace(
                "\"max_units\": 3, \"decay\": 0.8}", "\"max_units\": 3, \"decay\": 0.8, \"bid_units\": 1}");
    }

    private static Scenario strategic(String mechanism) {
        return Fixtures.scenario(strategicJson(9, mechanism));
    }

    @Test
    void demandReductionConservesAndLowersTheBigPrincipalsShare() {
        Scenario truthful = Fixtures.scenario(ResourceAuctionTest.scenario(9, ResourceAuctionTest.UNIFORM));
        long[] units = new long[2];
        int k = 0;
        for (Scenario s : List.of(truthful, strategic(ResourceAuctionTest.UNIFORM))) {
            try (Engine e = Engine.start(s, Backends.JAVA, 2)) {
                while (!e.finished()) {
                    e.step();
                    e.verifyConservation();
                    for (AuctionMetrics m : e.stage(AuctionStage.class).lastRounds()) {
                        assertEquals(m.supply(), m.allocated() + m.unsold());
                    }
                }
                int cloud = AuctionPlan.of(s, e.layout()).getFirst().groups().indexOf("cloud");
                units[k++] = e.stage(AuctionStage.class).ledger().get(0).principalUnits[cloud];
            }
        }
        assertTrue(units[1] < units[0], "cloud wins fewer units when one of its cohorts bids for fewer: "
                + units[0] + " -> " + units[1]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"opencl", "cuda"})
    void demandReductionIsBitIdenticalOnJavaAndEachDevice(String device) {
        Require.backend(device);
        BackendParityTest.assertLockstep(strategic(ResourceAuctionTest.UNIFORM), device);
        BackendParityTest.assertLockstep(strategic(ResourceAuctionTest.CAP), device);
    }

    @Test
    void aResumedStrategicAuctionEndsWithTheUninterruptedChecksumAndSurplus(@TempDir Path tmp) throws Exception {
        String[] checksums = ResourceAuctionTest.wholeAndResumed(tmp, strategicJson(4, ResourceAuctionTest.UNIFORM));
        assertEquals(checksums[0], checksums[1]);
        Path cut = tmp.resolve("cut");
        JsonNode a = RunDirectory.JSON.readTree(cut.resolve("summary.json").toFile()).get("auctions").get(0);
        JsonNode w = RunDirectory.JSON.readTree(tmp.resolve("whole").resolve("summary.json").toFile())
                .get("auctions").get(0);
        assertEquals(w, a, "the resumed run reports the same surplus per principal");
        double surplus = 0;
        for (JsonNode p : a.get("principals")) {
            surplus += p.get("surplus").asDouble();
        }
        assertEquals(a.get("bidder_surplus").asDouble(), surplus, 1e-6, "the principals' surpluses add up");
    }
}
