package org.vaesim.host.routing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
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
import org.vaesim.host.epoch.Engine;
import org.vaesim.host.epoch.Totals;
import org.vaesim.host.io.StateDigest;
import org.vaesim.host.report.HtmlReport;
import org.vaesim.host.run.RunDirectory;
import org.vaesim.host.run.RunSession;
import org.vaesim.host.stage.Section;
import org.vaesim.kernels.memory.Population;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.models.scenario.ConfigException;
import org.vaesim.models.scenario.Money;
import org.vaesim.models.scenario.Scenario;
import org.vaesim.models.scenario.ScenarioLoader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Order routing across two venues of one good: a hand-worked known answer (buyers routed to the cheaper venue pay
 * its price), the safety controls on the venue routed to (scope, halts, kill switch, rate limits), goods conserved
 * per good every epoch while their holders move between venues, java and the devices bit-identical, a resumed run
 * equal to the uninterrupted one, and bad sections refused naming the file, path, value and what is allowed.
 */
class RoutingStageTest {
    private static final PrintStream SILENT = new PrintStream(OutputStream.nullOutputStream());
    private static final long CREDIT = Money.MICROS_PER_CREDIT;

    /**
     * Venues a (opening at 1.00) and b (2.00) of one good. Ten sellers on each ask one unit an epoch at the opening
     * price; five buyers at home on b bid one unit an epoch at 2.50, ten units each in all, with 100 credits. With
     * routing they are on a from epoch 0 on: a clears 5 units an epoch at 1.00 (the price nearest the reference of
     * all that clear the most), b nothing.
     */
    static String scenario(String buyerExtra, String safety, String events, String routing) {
        return """
            { "name": "routing", "seed": 5, "epochs": 10, "checkpoint_every": 5,
              "markets": [ { "name": "a", "resource": "compute", "good": "gpu-hours", "tick_size": 0.01,
                             "ticks": 400, "initial_price": 1.00 },
                           { "name": "b", "resource": "compute", "good": "gpu-hours", "tick_size": 0.01,
                             "ticks": 400, "initial_price": 2.00 } ],
              "population": [
                { "name": "sellers-a", "strategy": "execution", "market": "a", "count": 10, "inventory": 100,
                  "principal": "venue-a",
                  "params": { "side": "sell", "target_qty": 100, "participation": 0.5, "max_order": 1,
                              "limit_price": %s } },
                { "name": "sellers-b", "strategy": "execution", "market": "b", "count": 10, "inventory": 100,
                  "principal": "venue-b",
                  "params": { "side": "sell", "target_qty": 100, "participation": 0.5, "max_order": 1,
                              "limit_price": 2.00 } },
                { "name": "buyers", "strategy": "execution", "market": "b", "count": 5, "cash": 100,
                  "principal": "buyers" %s,
                  "params": { "side": "buy", "target_qty": 10, "participation": 0.5, "max_order": 1,
                              "limit_price": 2.50 } } ]
              %s %s %s }
            """.formatted(safety == null ? "1.00" : "1.05", buyerExtra, safety == null ? "" : ", " + safety,
                events == null ? "" : ", \"events\": [" + events + "]",
                routing == null ? "" : ", \"stages\": { \"routing\": " + routing + " }");
    }

    private static final String ROUTING = "{ \"groups\": [ { \"cohort\": \"buyers\", \"venues\": [\"a\", \"b\"],"
            + " \"threshold_ticks\": 1 } ] }";

    private static Engine run(String json) {
        Engine e = Engine.start(Fixtures.scenario(json), 2);
        while (!e.finished()) {
            e.step(); // vaesim.checks: goods per good and money verified after every epoch
        }
        e.verifyConservation();
        return e;
    }

    private static Segment buyers(Engine e) {
        return e.layout().segments().stream().filter(s -> s.cohort().name().equals("buyers")).findFirst()
                .orElseThrow();
    }

    /** Each buyer's cash and units at the end. */
    private static void assertBuyers(Engine e, long cash, int units) {
        Population p = e.population();
        Segment s = buyers(e);
        for (int i = s.start(); i < s.end(); i++) {
            assertEquals(cash, p.cash[i], "buyer " + i + "'s cash");
            assertEquals(units, p.inventory[i], "buyer " + i + "'s units");
        }
    }

    @Test
    void buyersRoutedToTheCheaperVenuePayItsPriceAndTheGoodIsConservedOverBothVenues() {
        try (Engine e = run(scenario("", null, null, ROUTING))) {
            assertBuyers(e, 90 * CREDIT, 10); // ten units at 1.00
            assertEquals(50, e.markets().totalVolume[0], "a: five units an epoch for ten epochs");
            assertEquals(0, e.markets().totalVolume[1], "b: its buyers left");
            assertEquals(100, e.markets().lastTick[0]);
            Segment sellersA = e.layout().segments().stream().filter(s -> s.cohort().name().equals("sellers-a"))
                    .findFirst().orElseThrow();
            long sold = 0;
            long earned = 0;
            for (int i = sellersA.start(); i < sellersA.end(); i++) {
                sold += 100 - e.population().inventory[i];
                earned += e.population().cash[i];
            }
            assertEquals(50, sold);
            assertEquals(50 * CREDIT, earned);
            assertEquals(0, buyers(e).market(), "the buyers trade on a");
            RoutingStage r = e.stage(RoutingStage.class);
            assertEquals(1, r.moves(0), "one move, before epoch 0");
            // the buyers' 50 units count on a, where they trade now: a's sellers' 950 and them; b's sellers' 1000
            long[] perMarket = Totals.goods(e.population(), e.layout().segments(), 2);
            assertEquals(1000, perMarket[0]);
            assertEquals(1000, perMarket[1]);
        }
        try (Engine e = run(scenario("", null, null, null))) {
            assertBuyers(e, 80 * CREDIT, 10); // without routing: ten units at 2.00 on b
            assertEquals(0, e.markets().totalVolume[0]);
            assertEquals(50, e.markets().totalVolume[1]);
        }
    }

    /** A venue the buyers' scope does not authorize is never chosen: they stay on b, as without routing. */
    @Test
    void aVenueOutsideTheScopeIsNotChosen() {
        try (Engine e = run(scenario(", \"scope\": { \"markets\": [\"b\"] }", null, null, ROUTING))) {
            assertBuyers(e, 80 * CREDIT, 10);
            assertEquals(0, e.stage(RoutingStage.class).moves(0));
        }
    }

    /**
     * The kill switch holds on the venue routed to: killed at epoch 3, the buyers bought on a in epochs 0 to 2 only.
     */
    @Test
    void aKilledCohortStopsOnTheVenueItWasRoutedTo() {
        String kill = "{ \"epoch\": 3, \"type\": \"kill\", \"target\": \"cohort\", \"cohort\": \"buyers\" }";
        try (Engine e = run(scenario("", null, kill, ROUTING))) {
            assertBuyers(e, 97 * CREDIT, 3);
            assertEquals(15, e.markets().totalVolume[0]);
        }
    }

    /**
     * A rate limit holds on the venue routed to: one order per two epochs lets each buyer buy at most 6 of its 10
     * units, every one on a at 1.00.
     */
    @Test
    void aRateLimitHoldsOnTheVenueRoutedTo() {
        try (Engine e = run(scenario(", \"scope\": { \"orders_per_epoch\": 0.5, \"burst\": 1 }", null, null,
                ROUTING))) {
            Population p = e.population();
            Segment s = buyers(e);
            for (int i = s.start(); i < s.end(); i++) {
                assertTrue(p.inventory[i] > 0 && p.inventory[i] <= 6, "buyer " + i + " bought " + p.inventory[i]);
                assertEquals(100 * CREDIT - p.inventory[i] * CREDIT, p.cash[i], "each unit at 1.00");
            }
            assertEquals(0, e.markets().totalVolume[1]);
        }
    }

    /**
     * A halted venue is not chosen. a's sellers ask 1.05 against a 1% band around 1.00: a's clearing breaches and a
     * halts; the buyers, routed there first (it is cheaper by its last price), leave it for b while it is halted and
     * buy there at 2.00. Were halts ignored they would wait on a, the cheaper venue, and never trade.
     */
    @Test
    void aHaltedVenueIsNotChosen() {
        String breaker = "\"safety\": { \"circuit_breaker\": { \"markets\": { \"a\": 1 }, \"halt_epochs\": 3 } }";
        try (Engine e = run(scenario("", breaker, null, ROUTING))) {
            assertEquals(0, e.markets().totalVolume[0], "a never trades: every clearing breaches its band");
            assertTrue(e.markets().totalVolume[1] > 0, "the buyers bought on b while a was halted");
            assertTrue(e.stage(RoutingStage.class).moves(0) >= 2, "to a, and off it when it halted");
            Population p = e.population();
            Segment s = buyers(e);
            for (int i = s.start(); i < s.end(); i++) {
                assertEquals(100 * CREDIT - p.inventory[i] * 2 * CREDIT, p.cash[i], "each unit at 2.00 on b");
            }
        }
    }

    /**
     * The experiment's economy (configs/venue-routing/on.json, 150 epochs): the routers move between the venues as
     * the crash on a opens a gap, so each venue's units change while the good's sum stays exact after every epoch
     * (the check per market, which held before venues, fails here).
     */
    @Test
    void goodsAreConservedPerGoodEveryEpochWhileHoldersMove() {
        ObjectNode tree = Fixtures.tree("venue-routing/on.json");
        tree.put("epochs", 150);
        try (Engine e = Engine.start(Fixtures.scenario(tree), 2)) {
            long initialA = Totals.goods(e.population(), e.layout().segments(), 2)[0];
            boolean moved = false;
            while (!e.finished()) {
                e.step();
                e.verifyConservation();
                long[] g = Totals.goods(e.population(), e.layout().segments(), 2);
                moved |= g[0] != initialA && e.markets().totalVolume[0] > 0;
                assertEquals(e.accounting().goodsExpected(0) + e.accounting().goodsExpected(1), g[0] + g[1],
                        "epoch " + e.epoch());
            }
            assertTrue(moved, "routers moved units between the venues' columns");
            assertTrue(e.stage(RoutingStage.class).moves(0) > 0);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"opencl", "cuda"})
    void theDevicesRouteAsJavaDoes(String device) {
        Require.backend(device);
        ObjectNode tree = Fixtures.tree("venue-routing/on-breaker.json");
        tree.put("epochs", 130);
        for (Scenario s : List.of(Fixtures.scenario(scenario("", null, null, ROUTING)), Fixtures.scenario(tree))) {
            try (Engine java = Engine.start(s, "java", 2); Engine dev = Engine.start(s, device, 0)) {
                while (!java.finished()) {
                    java.step();
                    dev.step();
                    if (!StateDigest.of(java).equals(StateDigest.of(dev))) {
                        fail("java and " + device + " differ after epoch " + java.epoch() + " of " + s.name());
                    }
                }
                assertTrue(java.stage(RoutingStage.class).moves(0) > 0, "the routers moved");
            }
        }
    }

    @Test
    void aResumedRunEndsWhereTheUninterruptedOneDoes(@TempDir Path tmp) throws Exception {
        ObjectNode tree = Fixtures.tree("venue-routing/on.json");
        tree.put("epochs", 140);
        tree.put("checkpoint_every", 115);
        Path file = Fixtures.write(tmp, "on.json", tree);
        Scenario s = Fixtures.scenario(tree);
        RunSession.Outcome whole = RunSession.start(s, file, tmp.resolve("whole"), "java", 2, SILENT, true, false);
        Path cut = tmp.resolve("cut");
        RunSession.start(s, file, cut, "java", 1, SILENT, true, false);
        Files.delete(cut.resolve("checkpoints").resolve("epoch-000000140.ckpt")); // died after epoch 115
        Files.delete(cut.resolve("summary.json"));
        RunSession.Outcome resumed = RunSession.resume(cut, null, 2, null, SILENT, true, false);
        assertEquals(whole.checksum(), resumed.checksum(), "the venues were carried across");
        List<String> rows = Files.readAllLines(tmp.resolve("whole").resolve(RoutingStage.FILE));
        assertEquals(rows, Files.readAllLines(cut.resolve(RoutingStage.FILE)), "no row doubled or lost");
        assertEquals("epoch,market,price,routing_agents", rows.getFirst());
        assertEquals(1 + 2 * 140, rows.size(), "a row per epoch and venue");
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("115,a,") && !r.endsWith(",0")),
                "routers were away from home when the checkpoint was taken");
        JsonNode summary = RunDirectory.JSON.readTree(cut.resolve("summary.json").toFile());
        assertTrue(summary.path("conservation").path("all_conserved").asBoolean());
        assertEquals("asset", summary.path("conservation").path("goods").path("a").path("good").asText());
        assertTrue(summary.path("routing").path("groups").get(0).path("moves").asLong() > 0);
        assertTrue(Files.readString(HtmlReport.write(cut, null)).contains("<h2>Order routing</h2>"));
    }

    /** A checkpoint whose venue is none of the group's is refused, naming the section. */
    @Test
    void aTamperedSectionIsRefused() throws IOException {
        try (Engine e = run(scenario("", null, null, ROUTING))) {
            RoutingStage r = e.stage(RoutingStage.class);
            Section written = Section.of(r);
            byte[] bytes = written.bytes().clone();
            bytes[0] = 7; // group 0's venue: market 7, which the scenario has not
            IOException tampered = assertThrows(IOException.class, () -> r.kind().create(
                    new org.vaesim.host.stage.StageSetup(e.scenario(), e.layout(), e.backend()),
                    new Section(RoutingStage.NAME, written.version(), bytes).in()));
            assertTrue(tampered.getMessage().contains("routing") && tampered.getMessage().contains("venue 7"),
                    tampered.getMessage());
        }
    }

    @Test
    void anEconomyWithoutRoutingWritesNoBytes() {
        try (Engine e = run(scenario("", null, null, null))) {
            RoutingStage r = e.stage(RoutingStage.class);
            assertFalse(r.kind().usedBy(e.scenario()));
            assertEquals(0, Section.of(r).bytes().length, "the state checksum of such an economy is unchanged");
        }
    }

    @Test
    void aBadSectionNamesTheFilePathValueAndWhatIsAllowed() {
        assertError(scenario("", null, null, "{ \"groups\": [ { \"cohort\": \"buyers\", \"venues\": [\"a\", \"c\"],"
                + " \"threshold_ticks\": 1 } ] }"), "stages.routing.groups[0].venues[1]", "must name a market");
        assertError(scenario("", null, null, "{ \"groups\": [ { \"cohort\": \"buyers\", \"venues\": [\"a\"],"
                + " \"threshold_ticks\": 1 } ] }"), "stages.routing.groups[0].venues", "2");
        assertError(scenario("", null, null, "{ \"groups\": [ { \"cohort\": \"sellers-a\", \"venues\": [\"b\","
                + " \"b\"], \"threshold_ticks\": 1 } ] }"), "venues[1]", "listed twice");
        assertError(scenario("", null, null, "{ \"groups\": [ { \"cohort\": \"sellers-a\", \"venues\": [\"b\","
                + " \"c\"], \"threshold_ticks\": 1 } ] }"), "venues[1]", "c");
        assertError(scenario("", null, null, "{ \"groups\": [ { \"cohort\": \"buyers\", \"venues\": [\"a\", \"b\"],"
                + " \"threshold_ticks\": 0 } ] }"), "stages.routing.groups[0].threshold_ticks", "0");
        assertError(scenario("", null, null, "{ \"groups\": [ { \"cohort\": \"buyers\", \"venues\": [\"a\", \"b\"],"
                + " \"threshold_ticks\": 3, \"threshold_max_ticks\": 2 } ] }"), "threshold_max_ticks", "2");
        assertError(scenario("", null, null, "{ \"groups\": [ { \"cohort\": \"buyers\", \"venues\": [\"a\", \"b\"],"
                + " \"threshold_ticks\": 1, \"side\": \"sell\" } ] }"), "stages.routing.groups[0].side",
                "cohort's own side, buy");
        assertError(scenario("", null, null, "{ \"groups\": [ " + group("buyers") + ", " + group("buyers") + " ] }"),
                "stages.routing.groups[1].cohort", "no other routing group");
        assertError(scenario("", null, null, "{ \"groups\": [ { \"cohort\": \"buyers\", \"venues\": [\"a\", \"b\"],"
                + " \"threshold\": 1 } ] }"), "threshold", "allowed");
        // venues of another good, on another grid, a market that is not the cohort's own, a family that cannot route
        String otherGood = scenario("", null, null, ROUTING).replaceFirst("\"good\": \"gpu-hours\"",
                "\"good\": \"data\"");
        assertError(otherGood, "stages.routing.groups[0].venues", "a trades data");
        String otherGrid = scenario("", null, null, ROUTING).replaceFirst("\"ticks\": 400", "\"ticks\": 500");
        assertError(otherGrid, "stages.routing.groups[0].venues", "tick grid");
        String otherSandbox = scenario("", null, null, ROUTING).replaceFirst("\"good\": \"gpu-hours\",",
                "\"good\": \"gpu-hours\", \"sandbox\": \"lab\",");
        assertError(otherSandbox, "stages.routing.groups[0].venues",
                "sandbox of the cohort's market b, the open economy");
        String kinetic = scenario("", null, null, "{ \"groups\": [ { \"cohort\": \"k\", \"venues\": [\"a\", \"b\"],"
                + " \"threshold_ticks\": 1, \"side\": \"buy\" } ] }").replace("\"population\": [",
                "\"population\": [ { \"name\": \"k\", \"strategy\": \"kinetic\", \"market\": \"a\", \"count\": 4,"
                        + " \"cash\": 10, \"params\": { \"model\": \"yard_sale\", \"beta\": 0.1 } },");
        assertError(kinetic, "stages.routing.groups[0].cohort", "(this one is kinetic)");
        String notOwn = scenario("", null, null, "{ \"groups\": [ { \"cohort\": \"buyers\","
                + " \"venues\": [\"a\", \"a2\"], \"threshold_ticks\": 1 } ] }").replace("\"markets\": [",
                "\"markets\": [ { \"name\": \"a2\", \"resource\": \"compute\", \"good\": \"gpu-hours\","
                        + " \"tick_size\": 0.01, \"ticks\": 400, \"initial_price\": 1.00 },");
        assertError(notOwn, "stages.routing.groups[0].venues", "own market, b");
        String twoSided = scenario("", null, null, "{ \"groups\": [ { \"cohort\": \"f\", \"venues\": [\"a\", \"b\"],"
                + " \"threshold_ticks\": 1 } ] }").replace("\"population\": [",
                "\"population\": [ { \"name\": \"f\", \"strategy\": \"fundamentalist\", \"market\": \"a\","
                        + " \"count\": 4, \"cash\": 10 },");
        assertError(twoSided, "stages.routing.groups[0].side", "buy");
    }

    /**
     * Before: an open-access cohort (or a gateway broker) could be a routing group; its crossings stayed on its own
     * market while its orders moved, so the gateway's books showed no crossing on the venue it traded on (found by
     * an adversarial review). Now refused at the group's cohort.
     */
    @Test
    void aCohortThatCrossesTheGatewayIsNotARoutingGroup() {
        String gateway = "\"gateway\": { \"open\": true, \"fee_bps\": 25, \"allowed_resources\": [\"compute\"],"
                + " \"offshore_agent_currency\": 1000, \"cap_per_principal\": 1000, \"rate\": { \"initial\": 1.0,"
                + " \"volatility_bps\": 0, \"reversion\": 0.02, \"depth\": 20000 }, \"markets\": [ { \"market\": \"b\","
                + " \"volatility_bps\": 50, \"reversion\": 0.02, \"depth\": 500 } ], \"open_access\": {"
                + " \"cohorts\": [\"buyers\"], \"threshold_ticks\": { \"min\": 5, \"max\": 50 }, \"max_units\": 1 } }";
        assertDoesNotThrow(() -> ScenarioLoader.parse(scenario("", gateway, null, null), "r.json"));
        assertError(scenario("", gateway, null, ROUTING), "stages.routing.groups[0].cohort",
                "must not name an open-access cohort of the gateway");
    }

    private static String group(String cohort) {
        return "{ \"cohort\": \"" + cohort + "\", \"venues\": [\"a\", \"b\"], \"threshold_ticks\": 1 }";
    }

    private static void assertError(String json, String path, String says) {
        ConfigException e = assertThrows(ConfigException.class, () -> ScenarioLoader.parse(json, "r.json"));
        assertTrue(e.getMessage().contains("r.json") && e.getMessage().contains(path)
                && e.getMessage().contains(says), e.getMessage());
    }
}
