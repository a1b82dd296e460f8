package org.vaesim.host.coordination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vaesim.host.coordination.ServiceMarket.CONTACTS;
import static org.vaesim.host.coordination.ServiceMarket.EFFICIENT_TRADES;
import static org.vaesim.host.coordination.ServiceMarket.FAILED;
import static org.vaesim.host.coordination.ServiceMarket.FEES;
import static org.vaesim.host.coordination.ServiceMarket.GROSS;
import static org.vaesim.host.coordination.ServiceMarket.MAX_SURPLUS;
import static org.vaesim.host.coordination.ServiceMarket.NEED;
import static org.vaesim.host.coordination.ServiceMarket.OVERPAYING;
import static org.vaesim.host.coordination.ServiceMarket.PRICED_OUT;
import static org.vaesim.host.coordination.ServiceMarket.ROUNDS;
import static org.vaesim.host.coordination.ServiceMarket.SEARCH;
import static org.vaesim.host.coordination.ServiceMarket.TRADES;

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
import org.vaesim.host.io.StateDigest;
import org.vaesim.host.report.HtmlReport;
import org.vaesim.host.run.RunDirectory;
import org.vaesim.host.run.RunSession;
import org.vaesim.host.stage.Section;
import org.vaesim.kernels.memory.Population;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.models.scenario.ConfigException;
import org.vaesim.models.scenario.ScenarioLoader;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The coordination stage: hand-computed epochs of each protocol (prices, fees, failed attempts, rounds), exact
 * conservation of money with agents that run out of cash, the same draws under every protocol, a dormant market that
 * opens mid-run by its rule and keeps money exact across the opening, a resume across the opening, backend parity,
 * and the config errors.
 */
class CoordinationTest {
    private static final PrintStream SILENT = new PrintStream(OutputStream.nullOutputStream());
    private static final long CREDIT = 1_000_000L;
    private static final long CENT = 10_000L;

    /**
     * {@code buyers} buyers and {@code sellers} sellers with 100 credits each (and ZI traders beside them in a call
     * market), {@code epochs} epochs, the coordination section {@code section}.
     */
    static String scenario(int buyers, int sellers, int epochs, String section) {
        return """
            { "name": "coordination", "seed": 7, "epochs": %d, "checkpoint_every": 10,
              "markets": [ { "name": "a", "resource": "compute", "tick_size": 0.01, "ticks": 400, "initial_price": 2.00,
                           "fee_bps": 25 } ],
              "population": [
                { "name": "zi", "strategy": "zi-c", "market": "a", "count": 40, "cash": 50,
                  "params": { "side": "buy", "value_min": 1.00, "value_max": 3.00, "units": 2, "period": 3 } },
                { "name": "zs", "strategy": "zi-c", "market": "a", "count": 40, "inventory": 10,
                  "params": { "side": "sell", "value_min": 1.00, "value_max": 3.00, "units": 2, "period": 3 } },
                { "name": "clients", "strategy": "bidder", "market": "a", "count": %d, "cash": 100 },
                { "name": "providers", "strategy": "bidder", "market": "a", "count": %d, "cash": 100 } ],
              "stages": { "coordination": %s } }
            """.formatted(epochs, buyers, sellers, section);
    }

    /** A section with one service of fixed value and cost (every draw is the same) and every charge set. */
    static String fixed(String protocol, double value, double cost) {
        return """
            { "protocol": "%s", "search_cost": 0.05, "contacts": 3, "order_fee": 0.1, "upkeep": 1, "task_fee": 0.2,
              "services": [ { "name": "help", "buyers": "clients", "sellers": "providers", "demand": 1,
                              "value_min": %s, "value_max": %s, "cost_min": %s, "cost_max": %s } ] }
            """.formatted(protocol, value, value, cost, cost);
    }

    private record Outcome(long[] totals, long[] buyerCash, long[] sellerCash, long account) {
    }

    private static Outcome run(String json) {
        try (Engine e = Engine.start(Fixtures.scenario(json), 1)) {
            while (!e.finished()) {
                e.step();
            }
            e.verifyConservation();
            CoordinationStage c = e.stage(CoordinationStage.class);
            Population p = e.population();
            Segment b = e.layout().segments().get(2);
            Segment s = e.layout().segments().get(3);
            long[] bc = new long[b.size()];
            long[] sc = new long[s.size()];
            System.arraycopy(p.cash, b.start(), bc, 0, bc.length);
            System.arraycopy(p.cash, s.start(), sc, 0, sc.length);
            return new Outcome(c.totals(0), bc, sc, c.account());
        }
    }

    @Test
    void oneBuyerAndOneSellerTradeAtTheSplitPriceUnderEveryProtocol() {
        // value 10, cost 6, 10 epochs. bilateral: the only seller is contacted in round 1, price 6 + 4/2 = 8, one
        // search cost of 0.05. auction: two orders each pay 0.1 + ceil(1 / 2) = 0.6, the interval [6, 10] gives 8.
        // mission: one task, one seller, nobody rejected: the winner is paid the reserve (the cost, 6), plus 0.2.
        Outcome bilateral = run(scenario(1, 1, 10, fixed("bilateral", 10, 6)));
        assertEquals((100 - 10 * 8) * CREDIT - 10 * 5 * CENT, bilateral.buyerCash()[0]);
        assertEquals((100 + 10 * 8) * CREDIT, bilateral.sellerCash()[0]);
        assertEquals(10 * 5 * CENT, bilateral.account());
        assertEquals(10, bilateral.totals()[TRADES]);
        assertEquals(10, bilateral.totals()[ROUNDS], "each trade in the first round");
        assertEquals(40 * CREDIT, bilateral.totals()[GROSS]);
        assertEquals(40 * CREDIT, bilateral.totals()[MAX_SURPLUS]);
        Outcome auction = run(scenario(1, 1, 10, fixed("auction", 10, 6)));
        assertEquals((100 - 10 * 8) * CREDIT - 10 * 60 * CENT, auction.buyerCash()[0]);
        assertEquals((100 + 10 * 8) * CREDIT - 10 * 60 * CENT, auction.sellerCash()[0]);
        assertEquals(10 * 120 * CENT, auction.account());
        assertEquals(0, auction.totals()[FAILED]);
        Outcome mission = run(scenario(1, 1, 10, fixed("mission", 10, 6)));
        assertEquals((100 - 10 * 6) * CREDIT - 10 * 20 * CENT, mission.buyerCash()[0]);
        assertEquals((100 + 10 * 6) * CREDIT, mission.sellerCash()[0]);
        assertEquals(10 * 20 * CENT, mission.account());
    }

    @Test
    void bilateralSearchFailsOnTheSoldSellerAndChargesEveryContact() {
        // three buyers, one seller, 3 rounds, 5 epochs: in round 1 all three contact the seller, the first trades,
        // two fail; rounds 2 and 3 the two fail again: 3 + 2 + 2 = 7 contacts, 6 failed, per epoch
        Outcome o = run(scenario(3, 1, 5, fixed("bilateral", 10, 6)));
        long[] t = o.totals();
        assertEquals(15, t[NEED]);
        assertEquals(5, t[TRADES]);
        assertEquals(5, t[EFFICIENT_TRADES], "one seller: one efficient trade per epoch");
        assertEquals(35, t[CONTACTS]);
        assertEquals(30, t[FAILED]);
        assertEquals(35 * 5 * CENT, t[SEARCH]);
        assertEquals(35 * 5 * CENT, o.account());
        assertEquals((100 - 5 * 8) * CREDIT - 5 * 5 * CENT, o.buyerCash()[0], "the first buyer trades each epoch");
        assertEquals(100 * CREDIT - 5 * 3 * 5 * CENT, o.buyerCash()[1], "the others only search");
    }

    @Test
    void theCallAuctionPricesAtCostWhenSupplyIsLeftOverAndTheUnfilledOrderFails() {
        // two buyers (value 10), three sellers (cost 6): q = 2, the clearing interval is [6, min(10, 6)] = 6; five
        // orders each pay 0.1 + ceil(1 / 5) = 0.3; the third seller paid and did not fill
        Outcome o = run(scenario(2, 3, 4, fixed("auction", 10, 6)));
        long[] t = o.totals();
        assertEquals(8, t[TRADES]);
        assertEquals(4, t[FAILED]);
        assertEquals(4 * 5 * 30 * CENT, t[FEES]);
        assertEquals((100 - 4 * 6) * CREDIT - 4 * 30 * CENT, o.buyerCash()[0]);
        long sellers = o.sellerCash()[0] + o.sellerCash()[1] + o.sellerCash()[2];
        assertEquals(300 * CREDIT + 8 * 6 * CREDIT - 3 * 4 * 30 * CENT, sellers);
    }

    @Test
    void theMissionServesNeedsItCannotFundAndOneBuyerWaitsWhenSellersRunOut() {
        // three buyers (value 5), two sellers (cost 6): two tasks awarded at the reserve 6 (no ask rejected), to
        // buyers who value the unit at 5: gross -1 each, both overpaying; the third task fails. Bilateral search
        // never trades (value below cost) and fails on every contact.
        Outcome m = run(scenario(3, 2, 4, fixed("mission", 5, 6)));
        long[] t = m.totals();
        assertEquals(8, t[TRADES]);
        assertEquals(-8 * CREDIT, t[GROSS]);
        assertEquals(0, t[MAX_SURPLUS]);
        assertEquals(8, t[OVERPAYING]);
        assertEquals(4, t[FAILED]);
        assertEquals(4 * 3 * 20 * CENT, m.account(), "every posted task pays its fee");
        Outcome b = run(scenario(3, 2, 4, fixed("bilateral", 5, 6)));
        assertEquals(0, b.totals()[TRADES]);
        assertEquals(4 * 3 * 3, b.totals()[FAILED]);
    }

    @Test
    void aBuyerThatRunsOutOfCashStopsSearchingAndMoneyStaysExact() {
        // buyers with 0.12 credits: two contacts of 0.05 each, then priced out; never below zero
        String json = scenario(1, 1, 3, fixed("bilateral", 5, 6)).replace("\"count\": 1, \"cash\": 100",
                "\"count\": 1, \"cash\": 0.12");
        Outcome o = run(json);
        assertEquals(2 * CENT, o.buyerCash()[0]);
        assertEquals(10 * CENT, o.account());
        assertEquals(2, o.totals()[CONTACTS]);
        assertEquals(3, o.totals()[PRICED_OUT], "round 3 of epoch 1, then round 1 of epochs 2 and 3");
    }

    @Test
    void everyProtocolAllocatesTheSameDrawsAndNoneBeatsTheBenchmark() {
        String section = """
            { "protocol": "%s", "search_cost": 0.02, "contacts": 4, "order_fee": 0.05, "upkeep": 2, "task_fee": 0.05,
              "services": [ { "name": "help", "buyers": "clients", "sellers": "providers", "demand": 0.6,
                              "value_min": 2, "value_max": 12, "cost_min": 2, "cost_max": 12 } ] }
            """;
        long[] first = null;
        for (String protocol : List.of("bilateral", "auction", "mission")) {
            long[] t = run(scenario(60, 50, 20, section.formatted(protocol))).totals();
            assertTrue(t[GROSS] <= t[MAX_SURPLUS], protocol);
            assertTrue(t[TRADES] > 0, protocol);
            if (first == null) {
                first = t;
            } else {
                assertEquals(first[NEED], t[NEED], protocol + ": the same needs");
                assertEquals(first[MAX_SURPLUS], t[MAX_SURPLUS], protocol + ": the same benchmark");
                assertEquals(first[EFFICIENT_TRADES], t[EFFICIENT_TRADES], protocol);
            }
        }
    }

    /** A dormant market whose threshold is crossed as demand ramps up from 0.05 to 1 over the run. */
    static String dormant(long openBelowCents) {
        return """
            { "protocol": "bilateral", "search_cost": 0.05, "contacts": 2, "order_fee": 0.02, "upkeep": 3,
              "services": [ { "name": "help", "buyers": "clients", "sellers": "providers", "demand": 0.05,
                              "demand_end": 1, "value_min": 4, "value_max": 14, "cost_min": 2, "cost_max": 12,
                              "dormant": { "open_below": %s, "window": 4 } } ] }
            """.formatted(openBelowCents / 100.0);
    }

    @Test
    void aDormantMarketOpensAtTheFirstWindowItsRuleAcceptsAndMoneyStaysExactAcrossTheOpening(@TempDir Path tmp)
            throws Exception {
        String json = scenario(40, 40, 30, dormant(30));
        Path file = tmp.resolve("c.json");
        Files.writeString(file, json);
        RunSession.start(Fixtures.scenario(json), file, tmp.resolve("run"), "java", 1, SILENT, true, false);
        List<String> rows = Files.readAllLines(tmp.resolve("run").resolve(CoordinationStage.FILE));
        // the rule, recomputed from the rows: upkeep x 4 + fee x (need + 40 sellers) < 0.30 x efficient trades
        int expected = -1;
        for (int e = 3; e < 30 && expected < 0; e++) {
            long participants = 0;
            long units = 0;
            for (int k = e - 3; k <= e; k++) {
                String[] r = rows.get(1 + k).split(",");
                participants += Long.parseLong(r[3]) + 40;
                units += Long.parseLong(r[5]);
            }
            if (3 * CREDIT * 4 + 2 * CENT * participants < 30 * CENT * units) {
                expected = e;
            }
        }
        assertTrue(expected > 3 && expected < 28, "the threshold is crossed mid-run: " + expected);
        for (int e = 0; e < 30; e++) {
            assertEquals(e <= expected ? "bilateral" : "auction", rows.get(1 + e).split(",")[2], "epoch " + e);
        }
        JsonNode s = RunDirectory.JSON.readTree(tmp.resolve("run").resolve("summary.json").toFile());
        JsonNode service = s.path("coordination").path("services").path(0);
        assertEquals(expected + 1, service.path("opened_epoch").asInt());
        assertEquals(30 - expected - 1, service.path("auction_epochs").asInt());
        assertTrue(s.path("conservation").path("coordination").path("conserved").asBoolean());
        assertTrue(s.path("conservation").path("all_conserved").asBoolean());
        // money by hand, every epoch and across the opening: the clients' and providers' cash and the account add
        // up to the 80 x 100 credits they started with (they trade nothing else)
        try (Engine e = Engine.start(Fixtures.scenario(json), 1)) {
            CoordinationStage c = e.stage(CoordinationStage.class);
            Segment clients = e.layout().segments().get(2);
            Segment providers = e.layout().segments().get(3);
            while (!e.finished()) {
                e.step();
                Population p = e.population();
                assertEquals(8_000 * CREDIT, sum(p.cash, clients) + sum(p.cash, providers) + c.account(),
                        "epoch " + e.epoch());
            }
            assertEquals(expected, c.openedEpoch(0));
        }
        // the paired control: threshold 0 never opens, and the same draws give the same benchmark
        try (Engine e = Engine.start(Fixtures.scenario(scenario(40, 40, 30, dormant(0))), 1)) {
            while (!e.finished()) {
                e.step();
            }
            assertEquals(-1, e.stage(CoordinationStage.class).openedEpoch(0));
        }
        assertTrue(Files.readString(HtmlReport.write(tmp.resolve("run"), null)).contains("<h2>Coordination</h2>"));
    }

    private static long sum(long[] cash, Segment s) {
        long total = 0;
        for (int i = s.start(); i < s.end(); i++) {
            total += cash[i];
        }
        return total;
    }

    @Test
    void aRunKilledBeforeTheOpeningAndResumedEndsWhereTheWholeRunDoes(@TempDir Path tmp) throws Exception {
        // 40 epochs, a checkpoint every 10 (the newest two kept): threshold 0.20 opens the market after epoch 33,
        // so the run killed after its epoch-30 checkpoint resumes before the opening and must cross it the same way
        String json = scenario(40, 40, 40, dormant(20));
        Path file = tmp.resolve("c.json");
        Files.writeString(file, json);
        RunSession.Outcome whole = RunSession.start(Fixtures.scenario(json), file, tmp.resolve("whole"), "java", 2,
                SILENT, true, false);
        Path cut = tmp.resolve("cut");
        RunSession.start(Fixtures.scenario(json), file, cut, "java", 1, SILENT, true, false);
        Files.delete(cut.resolve("checkpoints").resolve("epoch-000000040.ckpt")); // died after epoch 30
        Files.delete(cut.resolve("summary.json"));
        RunSession.Outcome resumed = RunSession.resume(cut, null, 2, null, SILENT, true, false);
        assertEquals(whole.checksum(), resumed.checksum(), "the window and counters carried the run across");
        assertEquals(Files.readAllLines(tmp.resolve("whole").resolve(CoordinationStage.FILE)),
                Files.readAllLines(cut.resolve(CoordinationStage.FILE)), "coordination.csv, no row doubled");
        JsonNode s = RunDirectory.JSON.readTree(cut.resolve("summary.json").toFile());
        int opened = s.path("coordination").path("services").path(0).path("opened_epoch").asInt();
        assertTrue(opened > 30 && opened < 40, "the market opened after the checkpoint it resumed from: " + opened);
        assertTrue(s.path("conservation").path("all_conserved").asBoolean());
    }

    @ParameterizedTest
    @ValueSource(strings = {"opencl", "cuda"})
    void theDevicesEndOnTheJavaStateAcrossAnOpening(String device) {
        Require.backend(device);
        String json = scenario(12, 10, 30, dormant(30).replace("\"upkeep\": 3", "\"upkeep\": 0.5"));
        String java;
        int opened;
        try (Engine e = Engine.start(Fixtures.scenario(json), "java", 2)) {
            while (!e.finished()) {
                e.step();
            }
            java = StateDigest.of(e);
            opened = e.stage(CoordinationStage.class).openedEpoch(0);
        }
        assertTrue(opened > 0 && opened < 28, "the market opens mid-run: " + opened);
        try (Engine e = Engine.start(Fixtures.scenario(json), device, 0)) {
            while (!e.finished()) {
                e.step();
            }
            assertEquals(java, StateDigest.of(e));
            assertEquals(opened, e.stage(CoordinationStage.class).openedEpoch(0));
        }
    }

    @Test
    void badSectionsNameTheFilePathValueAndWhatIsAllowed() {
        String good = fixed("bilateral", 10, 6);
        assertError(good.replace("\"sellers\": \"providers\"", "\"sellers\": \"clients\""),
                "stages.coordination.services[0].sellers", "other than the buyers");
        assertError(good.replace("\"protocol\": \"bilateral\"", "\"protocol\": \"haggle\""),
                "stages.coordination.protocol", "\"mission\"");
        assertError(fixed("auction", 10, 6).replace("\"cost_max\": 6.0 }", "\"cost_max\": 6.0, \"dormant\": {} }"),
                "stages.coordination.services[0].dormant", "only with protocol \"bilateral\"");
        assertError(good.replace("\"value_min\": 10.0", "\"value_min\": 10.005"),
                "stages.coordination.services[0].value_min", "0.01 grid");
        assertError(good.replace("\"value_max\": 10.0", "\"value_max\": 9"),
                "stages.coordination.services[0].value_max", "at least value_min");
        assertError(good.replace("\"demand\": 1", "\"demand\": 1.5"), "stages.coordination.services[0].demand",
                "1.5");
        assertError(good.replace("\"upkeep\": 1", "\"upkeep\": 5000"), "stages.coordination.upkeep", "1000 credits");
        assertError(good.replace("\"contacts\": 3", "\"contacts\": 3, \"haggling\": 2"), "haggling", "");
    }

    private static void assertError(String section, String path, String allowed) {
        ConfigException e = assertThrows(ConfigException.class, () -> ScenarioLoader.parse(
                scenario(2, 2, 10, section), "c.json"));
        assertTrue(e.getMessage().contains("c.json") && e.getMessage().contains(path)
                && e.getMessage().contains(allowed), e.getMessage());
    }

    @Test
    void anEconomyWithoutCoordinationWritesNoBytes() {
        String json = scenario(2, 2, 10, "{}").replaceAll(",\\s*\"stages\": \\{ \"coordination\": \\{} }", "");
        try (Engine e = Engine.start(Fixtures.scenario(json), 1)) {
            e.step();
            CoordinationStage c = e.stage(CoordinationStage.class);
            assertEquals(0, Section.of(c).bytes().length, "the state checksum of such an economy is unchanged");
            assertEquals(0, c.account());
        }
    }
}
