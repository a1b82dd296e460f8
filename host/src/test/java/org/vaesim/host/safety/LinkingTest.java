package org.vaesim.host.safety;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vaesim.host.Fixtures;
import org.vaesim.host.Require;
import org.vaesim.host.epoch.Engine;
import org.vaesim.host.io.StateDigest;
import org.vaesim.host.run.RunDirectory;
import org.vaesim.host.run.RunSession;
import org.vaesim.kernels.memory.Population;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.kernels.rng.Draws;
import org.vaesim.models.scenario.ConfigException;
import org.vaesim.models.scenario.ScenarioLoader;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The controls of issue Q.3 against the adaptive attacks they answer, on economies small enough to reason about by
 * hand: a swarm split over five principals, each under its own entry cap, linked from its orders and stopped over
 * the cap; a wash trader inside its scope, stopped by the wash rule; capability tested at entry instead of declared.
 * Each attack is first run without the control, where it gets through (what failed before the control existed).
 */
class LinkingTest {
    private static final PrintStream SILENT = new PrintStream(OutputStream.nullOutputStream());

    /** 400 ZI traders of principal labs (values 1.00 to 3.00 around a price of 2.00), then the attackers. */
    private static String economy(String attackers, String safety, String linking) {
        return """
            { "name": "linking", "seed": 11, "epochs": 12,
              "markets": [ { "name": "m", "resource": "compute", "tick_size": 0.01, "ticks": 400,
                             "initial_price": 2.00, "fee_bps": 5 } ],
              "population": [
                { "name": "buyers", "strategy": "zi-c", "market": "m", "count": 200, "cash": 100, "principal": "labs",
                  "params": { "side": "buy", "value_min": 1.00, "value_max": 3.00, "units": 1, "period": 5 } },
                { "name": "sellers", "strategy": "zi-c", "market": "m", "count": 200, "inventory": 50,
                  "principal": "labs",
                  "params": { "side": "sell", "value_min": 1.00, "value_max": 3.00, "units": 1, "period": 5 } }
                %s ]%s%s }
            """.formatted(attackers, safety, linking == null ? "" : ", \"stages\": { \"linking\": " + linking + " }");
    }

    /** Five principals of 20 manipulators each, arriving together at epoch 2, each under a cap of 50. */
    private static String swarm(String linking) {
        StringBuilder cohorts = new StringBuilder();
        for (int k = 0; k < 5; k++) {
            cohorts.append(", { \"name\": \"sw").append(k).append("\", \"strategy\": \"manipulator\", \"market\": \"m\","
                    + " \"count\": 20, \"cash\": 1000, \"inventory\": 100, \"principal\": \"ops").append(k)
                    .append("\", \"arrival\": { \"from_epoch\": 2, \"per_epoch\": 20, \"declared_capability\": 0.9 },"
                            + " \"params\": { \"qty\": 2, \"wash_ticks\": 10, \"activity\": 1.0 } }");
        }
        return economy(cohorts.toString(), ", \"safety\": { \"entry\": { \"min_capability\": 0.5,"
                + " \"max_agents_per_principal\": 50 } }", linking);
    }

    /** Runs the scenario to its end and checks conservation (SelfTradingTest's too). */
    static Engine run(String json) {
        Engine e = Engine.start(Fixtures.scenario(json), 2);
        while (!e.finished()) {
            e.step();
        }
        e.verifyConservation();
        return e;
    }

    /** Agents of the cohorts whose name starts with {@code prefix} that have status {@code status}. */
    static long count(Engine e, String prefix, int status) {
        long n = 0;
        for (Segment s : e.layout().segments()) {
            if (s.cohort().name().startsWith(prefix)) {
                for (int i = s.start(); i < s.end(); i++) {
                    n += e.population().status[i] == status ? 1 : 0;
                }
            }
        }
        return n;
    }

    /**
     * Each of the five principals sends 10 bids and 10 asks of 2 units 10 ticks through the price every epoch from
     * epoch 2, so their fingerprints are identical (overlap 1) and unlike the ZI traders' (1-unit orders: no size in
     * common, so at most 0.5). The streak counts epochs 2, 3 and 4, so all five are linked at epoch 4, when the group
     * holds 100 arrived agents, over the cap of 50: every one of them is stopped. Without the stage, each principal
     * keeps its 20 agents under its own cap of 50 and the whole swarm trades to the end.
     */
    @Test
    void aSwarmSplitOverFivePrincipalsIsLinkedFromItsOrdersAndStoppedOverTheCap() {
        try (Engine without = run(swarm(null))) {
            assertEquals(100, count(without, "sw", 0), "per-principal caps admit every swarm agent and stop none");
        }
        try (Engine e = run(swarm("{ \"min_orders\": 10, \"link_epochs\": 3, \"max_agents\": 50 }"))) {
            LinkingStage linking = e.stage(LinkingStage.class);
            List<String> names = e.scenario().principals();
            for (int k = 0; k < 5; k++) {
                int p = names.indexOf("ops" + k);
                assertEquals(names.indexOf("ops0"), linking.group(p), "ops" + k + " is in ops0's group");
                assertEquals(4, linking.flaggedEpoch(p), "linked at the third overlapping epoch");
                assertEquals(4, linking.stoppedEpoch(p));
            }
            int labs = names.indexOf("labs");
            assertEquals(labs, linking.group(labs), "the ZI traders are linked to nobody");
            assertEquals(-1, linking.flaggedEpoch(labs));
            assertEquals(100, count(e, "sw", Population.KILLED));
            assertEquals(400, count(e, "buyers", 0) + count(e, "sellers", 0), "no honest agent is touched");
        }
    }

    /** One principal of 20 manipulators, founding, washing orders of 20 units: exactly the scope's largest order. */
    private static String washer(String linking) {
        return economy(", { \"name\": \"shady\", \"strategy\": \"manipulator\", \"market\": \"m\", \"count\": 20,"
                + " \"cash\": 100000, \"inventory\": 5000, \"principal\": \"shady-ops\","
                + " \"params\": { \"qty\": 20, \"wash_ticks\": 10, \"activity\": 1.0 },"
                + " \"scope\": { \"max_order_qty\": 20, \"orders_per_epoch\": 2, \"burst\": 4 } }",
                ", \"safety\": { \"kill_rules\": [ { \"when\": \"rejections\", \"count\": 10 } ] }", linking);
    }

    /**
     * Inside its scope the washer breaks no rule, so the rejections rule never fires. Its 10 bids and 10 asks are all
     * priced through the reference: a two-sided aggressive share of 1 every epoch, so the wash rule (5 epochs at 0.5)
     * stops it at epoch 4. The ZI traders' share is about 0.15 (a bid at or above 2.00 from a value uniform on
     * [1, 3] and a price uniform on [1, value] has probability (1 - ln 2) / 2), far below the line.
     */
    @Test
    void aWashTraderInsideItsScopeIsStoppedByTheWashRuleAndTheZiTradersAreNot() {
        try (Engine without = run(washer("{ \"min_orders\": 10, \"wash_epochs\": 0 }"))) {
            assertEquals(20, count(without, "shady", 0), "inside its scope, no kill rule sees the washer");
            int shady = without.scenario().principals().indexOf("shady-ops");
            assertEquals(-1, without.stage(LinkingStage.class).flaggedEpoch(shady));
        }
        try (Engine e = run(washer("{ \"min_orders\": 10, \"wash_share\": 0.5, \"wash_epochs\": 5 }"))) {
            LinkingStage linking = e.stage(LinkingStage.class);
            int shady = e.scenario().principals().indexOf("shady-ops");
            int labs = e.scenario().principals().indexOf("labs");
            assertEquals(4, linking.stoppedEpoch(shady));
            assertEquals(20, count(e, "shady", Population.KILLED));
            assertEquals(-1, linking.flaggedEpoch(labs));
            assertEquals(0, count(e, "buyers", Population.KILLED) + count(e, "sellers", Population.KILLED));
        }
    }

    /**
     * An honest economy at a price of 10.00 held by market makers: 500 ZI buyers and 500 sellers (labs, values 8.00 to
     * 12.00), 10 market makers, and 200 fundamentalists of one principal (funds) whose perceptions are drawn once,
     * uniform within 30 ticks of 10.00, with a no-trade band of 10 ticks, each acting one epoch in five.
     */
    private static String valueFund(String linking) {
        return """
            { "name": "value-fund", "seed": 11, "epochs": 30,
              "markets": [ { "name": "m", "resource": "compute", "tick_size": 0.01, "ticks": 2000,
                             "initial_price": 10.00, "fee_bps": 5 } ],
              "population": [
                { "name": "buyers", "strategy": "zi-c", "market": "m", "count": 500, "cash": 1000, "principal": "labs",
                  "params": { "side": "buy", "value_min": 8.00, "value_max": 12.00, "units": 1, "period": 20 } },
                { "name": "sellers", "strategy": "zi-c", "market": "m", "count": 500, "inventory": 100,
                  "principal": "labs",
                  "params": { "side": "sell", "value_min": 8.00, "value_max": 12.00, "units": 1, "period": 20 } },
                { "name": "value", "strategy": "fundamentalist", "market": "m", "count": 200, "cash": 2000,
                  "inventory": 100, "principal": "funds", "params": { "dispersion_ticks": 30, "threshold_ticks": 10,
                  "reaction": 0.05, "max_qty": 5, "activity": 0.2 } },
                { "name": "makers", "strategy": "market-maker", "market": "m", "count": 10, "cash": 50000,
                  "inventory": 500, "principal": "makers", "params": { "half_spread_ticks": 5, "quote_qty": 10,
                  "max_inventory": 1000, "skew_ticks": 5 } } ],
              "stages": { "linking": %s } }
            """.formatted(linking);
    }

    /**
     * The wash rule's false positive and its cure. A fundamentalist that reads the value more than 10 ticks above the
     * price bids at its reading, one that reads it more than 10 below asks at its reading: with the price held near
     * 10.00, about a third of the fund's active agents bid through it and a third ask through it, so its two-sided
     * aggressive share is near 1 and the share rule alone flags it like a wash trader. But the readings spread over
     * 11 to 30 ticks each way, six aggression bins of 4 ticks (11, 12-15, ..., 28-30), none of which can expect more
     * than a quarter of a side's orders, while the washer's 10 bids all sit 10 ticks through (one bin) and so do
     * its 10 asks. With {@code wash_concentration} 0.6 an epoch counts only if each side has 60% of its aggressive
     * orders in one bin: the fund is never flagged, and the washer is stopped at epoch 4 as under the share rule.
     */
    @Test
    void concentrationSparesDispersedFundamentalistsAndStillStopsTheWasher() {
        String shareRule = "{ \"min_orders\": 20, \"wash_share\": 0.5, \"wash_epochs\": 5 }";
        String concentrated = "{ \"min_orders\": 20, \"wash_share\": 0.5, \"wash_epochs\": 5,"
                + " \"wash_concentration\": 0.6 }";
        try (Engine e = run(valueFund(shareRule))) {
            int funds = e.scenario().principals().indexOf("funds");
            assertTrue(e.stage(LinkingStage.class).stoppedEpoch(funds) >= 0, "the share rule stops the honest fund");
            assertEquals(200, count(e, "value", Population.KILLED));
        }
        try (Engine e = run(valueFund(concentrated))) {
            int funds = e.scenario().principals().indexOf("funds");
            assertEquals(-1, e.stage(LinkingStage.class).flaggedEpoch(funds), "dispersed readings are not washing");
            assertEquals(200, count(e, "value", 0));
        }
        try (Engine e = run(washer(concentrated.replace("20", "10")))) {
            LinkingStage linking = e.stage(LinkingStage.class);
            assertEquals(4, linking.stoppedEpoch(e.scenario().principals().indexOf("shady-ops")));
            assertEquals(20, count(e, "shady", Population.KILLED));
        }
    }

    /**
     * The limit of the statistic: a washer that draws each order's distance uniformly from 1 to 28 ticks spreads its
     * orders over seven bins (at most 4 / 28 of them in any one), so that at 10 orders a side a bin reaching 60% is a
     * binomial tail below 10^-3 an epoch. The share rule stops it at epoch 4; the concentration rule never does.
     */
    @Test
    void aWasherThatSpreadsItsPricesEvadesTheConcentrationRule() {
        String spread = washer("%s").replace("\"wash_ticks\": 10,", "\"wash_ticks\": 28, \"wash_ticks_min\": 1,");
        try (Engine e = run(spread.formatted("{ \"min_orders\": 10, \"wash_epochs\": 5 }"))) {
            assertEquals(4, e.stage(LinkingStage.class).stoppedEpoch(e.scenario().principals().indexOf("shady-ops")));
        }
        try (Engine e = run(spread.formatted("{ \"min_orders\": 10, \"wash_epochs\": 5,"
                + " \"wash_concentration\": 0.6 }"))) {
            assertEquals(-1, e.stage(LinkingStage.class).flaggedEpoch(e.scenario().principals().indexOf("shady-ops")));
            assertEquals(20, count(e, "shady", 0));
        }
    }

    /** With enforce false the control flags the washer at the same epoch and stops nobody. */
    @Test
    void aControlThatOnlyFlagsStopsNobody() {
        try (Engine e = run(washer("{ \"min_orders\": 10, \"wash_epochs\": 5, \"enforce\": false }"))) {
            LinkingStage linking = e.stage(LinkingStage.class);
            int shady = e.scenario().principals().indexOf("shady-ops");
            assertEquals(4, linking.flaggedEpoch(shady));
            assertEquals(-1, linking.stoppedEpoch(shady));
            assertEquals(20, count(e, "shady", 0));
        }
    }

    /**
     * With record_fingerprints each epoch's fingerprint of each principal that sent orders is an audit record: the
     * washer's is 20 orders, its 10 bids 10 ticks through the price in bin floor(10 / 4) + 8 = 10 of the bids, its 10
     * asks in bin 10 of the asks, every epoch; summary.json's flagged names it with its epoch (4), and nobody else.
     */
    @Test
    void fingerprintsAreAuditRecordsAndTheSummaryNamesTheFlagged(@TempDir Path tmp) throws Exception {
        String json = washer("{ \"min_orders\": 10, \"wash_epochs\": 5, \"enforce\": false,"
                + " \"record_fingerprints\": true }");
        Path file = tmp.resolve("washer.json");
        Files.writeString(file, json);
        RunSession.start(Fixtures.scenario(json), file, tmp.resolve("run"), "java", 2, SILENT, true, false);
        long[] expected = new long[16];
        expected[10] = 10;
        int washerRecords = 0;
        for (String line : Files.readAllLines(tmp.resolve("run").resolve("audit.jsonl"))) {
            JsonNode r = RunDirectory.JSON.readTree(line);
            if (r.path("type").asText().equals("fingerprint") && r.path("principal").asText().equals("shady-ops")) {
                washerRecords++;
                assertEquals("shady-ops", r.path("group").asText());
                assertEquals(20, r.path("orders").asLong());
                for (String side : List.of("bid_aggression", "ask_aggression")) {
                    long[] bins = new long[16];
                    for (int b = 0; b < 16; b++) {
                        bins[b] = r.path(side).path(b).asLong();
                    }
                    assertArrayEquals(expected, bins, side + " at epoch " + r.path("epoch"));
                }
            }
        }
        assertEquals(12, washerRecords, "one a epoch");
        JsonNode flagged = RunDirectory.JSON.readTree(tmp.resolve("run").resolve("summary.json").toFile())
                .path("linking").path("flagged");
        assertEquals(RunDirectory.JSON.readTree("{ \"shady-ops\": 4 }"), flagged);
    }

    @ParameterizedTest
    @ValueSource(strings = {"opencl", "cuda"})
    void theDevicesLinkAndStopExactlyAsJava(String device) {
        assertDeviceRunsAsJava(device,
                swarm("{ \"min_orders\": 10, \"link_epochs\": 3, \"max_agents\": 50, \"wash_epochs\": 4 }"));
    }

    /** The scenario run on {@code device} (skipped where it is missing) ends on the Java run's state, bit for bit. */
    static void assertDeviceRunsAsJava(String device, String json) {
        Require.backend(device);
        String java;
        try (Engine e = run(json)) {
            java = StateDigest.of(e);
        }
        try (Engine e = Engine.start(Fixtures.scenario(json), device, 0)) {
            while (!e.finished()) {
                e.step();
            }
            assertEquals(java, StateDigest.of(e));
        }
    }

    /**
     * A run killed after its epoch-8 checkpoint (after the links and the stop of epoch 4) and resumed ends on the
     * uninterrupted run's checksum with the same links and stops in its summary: the stage's section carried them.
     */
    @Test
    void aResumedRunKeepsItsLinksAndStops(@TempDir Path tmp) throws Exception {
        JsonNode[] summaries = wholeAndResumed(tmp, swarm("{ \"min_orders\": 10, \"link_epochs\": 3,"
                + " \"max_agents\": 50 }"));
        JsonNode a = summaries[0].path("linking");
        JsonNode b = summaries[1].path("linking");
        assertEquals(4, b.path("links").size(), "ops0 linked with each of the other four");
        assertEquals("linked_cap", b.path("stopped").path(0).path("reason").asText());
        assertEquals(a, b);
    }

    /**
     * Runs the 12-epoch scenario with a checkpoint every 4 epochs whole, and again killed after its epoch-8
     * checkpoint and resumed; asserts both end on the same checksum and returns their summaries (whole, resumed).
     */
    static JsonNode[] wholeAndResumed(Path tmp, String scenario) throws Exception {
        String json = scenario.replace("\"epochs\": 12,", "\"epochs\": 12, \"checkpoint_every\": 4,");
        Path file = tmp.resolve("scenario.json");
        Files.writeString(file, json);
        RunSession.Outcome whole = RunSession.start(Fixtures.scenario(json), file, tmp.resolve("whole"), "java", 2,
                SILENT, true, false);
        Path cut = tmp.resolve("cut");
        RunSession.start(Fixtures.scenario(json), file, cut, "java", 1, SILENT, true, false);
        Files.delete(cut.resolve("checkpoints").resolve("epoch-000000012.ckpt")); // died after epoch 8
        Files.delete(cut.resolve("summary.json"));
        RunSession.Outcome resumed = RunSession.resume(cut, null, 2, null, SILENT, true, false);
        assertEquals(whole.checksum(), resumed.checksum());
        return new JsonNode[] {RunDirectory.JSON.readTree(tmp.resolve("whole").resolve("summary.json").toFile()),
                RunDirectory.JSON.readTree(cut.resolve("summary.json").toFile())};
    }

    // ---- capability tested at entry

    /** Arriving ZI buyers at epoch 1 (principal name = cohort name), with the given entry checks. */
    private static String arrivals(String cohorts, String entry) {
        return economy(cohorts, ", \"safety\": { \"entry\": " + entry + " }", null);
    }

    private static String arriving(String name, int count, double declared, double hidden) {
        return ", { \"name\": \"" + name + "\", \"strategy\": \"zi-c\", \"market\": \"m\", \"count\": " + count
                + ", \"cash\": 100, \"principal\": \"" + name + "\", \"arrival\": { \"from_epoch\": 1, \"per_epoch\": "
                + count + ", \"declared_capability\": " + declared + ", \"hidden_capability\": " + hidden + " },"
                + " \"params\": { \"side\": \"buy\", \"value_min\": 1.00, \"value_max\": 3.00, \"units\": 1,"
                + " \"period\": 5 } }";
    }

    /**
     * A noiseless test admits exactly the agents whose true ability reaches the line, whatever they declare: the able
     * ones (0.5, declaring 0.2) all, the weak ones (0.49, declaring 0.9) none. The declared check alone does the
     * opposite.
     */
    @Test
    void aNoiselessTestAdmitsByTrueAbilityNotByDeclaration() {
        String cohorts = arriving("able", 10, 0.2, 0.5) + arriving("weak", 10, 0.9, 0.49);
        try (Engine e = run(arrivals(cohorts, "{ \"min_capability\": 0.5 }"))) {
            assertEquals(0, count(e, "able", 0), "declared 0.2: refused");
            assertEquals(10, count(e, "weak", 0), "declared 0.9: admitted");
        }
        try (Engine e = run(arrivals(cohorts, "{ \"test_task\": { \"noise\": 0, \"min_score\": 0.5 } }"))) {
            assertEquals(10, count(e, "able", 0));
            assertEquals(10, count(e, "weak", Population.REFUSED));
            assertEquals(10, e.safety().refused[EntryChecks.Refusal.CAPABILITY.ordinal()]);
        }
    }

    /**
     * 4,000 liars of true ability 0.3 take a test of noise 0.1 against a line of 0.5: each passes when its normal
     * draw (the Irwin-Hall sum S of four bytes, (S - 510) x sqrt(12) / 256) is at least 2, that is S >= 806. The
     * chance of that is counted here from the distribution of S, and the admitted count must lie within four
     * binomial standard deviations of 4,000 times it.
     */
    @Test
    void aNoisyTestAdmitsLiarsAtTheRateItsErrorDistributionGives() {
        long[] ways = new long[4 * 255 + 1]; // the distribution of the sum of four uniform bytes
        ways[0] = 1;
        for (int b = 0; b < 4; b++) {
            long[] next = new long[ways.length];
            for (int s = 0; s < ways.length; s++) {
                for (int x = 0; x <= 255 && s + x < ways.length; x++) {
                    next[s + x] += ways[s];
                }
            }
            ways = next;
        }
        int threshold = 806;
        assertTrue(0.3 + 0.1 * (threshold - 510) * Draws.IRWIN_HALL_SCALE >= 0.5, "806 passes");
        assertTrue(0.3 + 0.1 * (threshold - 1 - 510) * Draws.IRWIN_HALL_SCALE < 0.5, "805 fails");
        long pass = 0;
        for (int s = threshold; s < ways.length; s++) {
            pass += ways[s];
        }
        double p = pass / Math.pow(256, 4);
        int n = 4000;
        try (Engine e = run(arrivals(arriving("liars", n, 0.9, 0.3),
                "{ \"test_task\": { \"noise\": 0.1, \"min_score\": 0.5 } }"))) {
            long admitted = count(e, "liars", 0);
            double sd = Math.sqrt(n * p * (1 - p));
            assertTrue(Math.abs(admitted - n * p) <= 4 * sd, admitted + " admitted, expected " + n * p + " +- " + 4 * sd);
            assertEquals(n - admitted, count(e, "liars", Population.REFUSED));
        }
    }

    @Test
    void badLinkingAndTestTaskSectionsNameTheFilePathValueAndWhatIsAllowed() {
        Map<String, List<String>> cases = Map.of(
                swarm("{ \"width_ticks\": 4, \"aggressive_ticks\": 6 }"),
                List.of("f.json", "stages.linking.aggressive_ticks", "6", "multiple of width_ticks"),
                swarm("{ \"aggressive_ticks\": 40 }"),
                List.of("stages.linking.aggressive_ticks", "40", "within 8 x width_ticks"),
                swarm("{ \"min_similarity\": 1.5 }"), List.of("stages.linking.min_similarity", "1.5", "[0, 1]"),
                swarm("{ \"max_agent\": 5 }"), List.of("max_agent"),
                arrivals(arriving("x", 5, 0.9, 0.3), "{ \"min_capability\": 0.5, \"test_task\": { \"noise\": 0.1,"
                        + " \"min_score\": 0.5 } }"),
                List.of("safety.entry.min_capability", "test_task"),
                arrivals(arriving("x", 5, 0.9, 0.3), "{ \"test_task\": { \"min_score\": 0.5 } }"),
                List.of("safety.entry.test_task.noise", "(missing)"),
                arrivals(arriving("x", 5, 0.9, 1.3), "{ \"test_task\": { \"noise\": 0.1, \"min_score\": 0.5 } }"),
                List.of("hidden_capability", "1.3", "[0, 1]"));
        assertErrorsName(cases);
    }

    /** The detector's concentration and the attacker's drawn orders are checked like every other field. */
    @Test
    void badConcentrationAndManipulatorDrawsNameTheFilePathValueAndWhatIsAllowed() {
        assertErrorsName(Map.of(
                swarm("{ \"wash_concentration\": 1.5 }"),
                List.of("f.json", "stages.linking.wash_concentration", "1.5", "[0, 1]"),
                swarm(null).replace("\"qty\": 2,", "\"qty\": 2, \"qty_min\": 3,"),
                List.of("f.json", "params.qty_min", "3", "from 1 to 2"),
                swarm(null).replace("\"wash_ticks\": 10,", "\"wash_ticks\": 10, \"wash_ticks_min\": 11,"),
                List.of("params.wash_ticks_min", "11", "from 0 to 10"),
                swarm(null).replace("\"qty\": 2,", "\"qty\": 2, \"drawn_sides\": \"yes\","),
                List.of("params.drawn_sides", "yes")));
    }

    /** Each scenario fails to load with a message holding every listed part. */
    static void assertErrorsName(Map<String, List<String>> cases) {
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, List<String>> c : cases.entrySet()) {
            ConfigException e = assertThrows(ConfigException.class, () -> ScenarioLoader.parse(c.getKey(), "f.json"));
            for (String part : c.getValue()) {
                if (!e.getMessage().contains(part)) {
                    failures.add("'" + part + "' missing from: " + e.getMessage());
                }
            }
        }
        assertEquals(List.of(), failures);
    }
}
