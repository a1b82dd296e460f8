package org.vaesim.host.epoch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
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
import org.vaesim.host.capability.CapabilityStage;
import org.vaesim.host.capability.EntrenchmentStage;
import org.vaesim.host.mission.MissionStage;
import org.vaesim.host.io.StateCodec;
import org.vaesim.host.stage.Section;
import org.vaesim.host.redistribution.WealthTaxStage;
import org.vaesim.host.run.RunDirectory;
import org.vaesim.host.run.RunSession;
import org.vaesim.kernels.Backends;
import org.vaesim.kernels.capability.CapabilityColumns;
import org.vaesim.kernels.memory.AuctionColumns;
import org.vaesim.kernels.memory.MissionColumns;
import org.vaesim.kernels.memory.Population;
import org.vaesim.models.scenario.Scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Capability as state, agents with several roles and the wealth tax through the engine (docs/capability.md): with
 * feedback 0 the economy is exactly the one without capability; money is conserved to the micro-credit with the
 * capability account and the tax; java and the device backends agree bit for bit after every epoch; a resumed run
 * ends with the uninterrupted run's checksum and outputs.
 */
class CompoundingAdvantageTest {
    private static final PrintStream SILENT = new PrintStream(OutputStream.nullOutputStream());

    /** configs/compounding-advantage.json, shortened to {@code epochs}, with its capability block's feedback set. */
    static ObjectNode tree(int epochs, double feedback) {
        ObjectNode t = Fixtures.tree("compounding-advantage.json");
        t.put("epochs", epochs);
        t.put("checkpoint_every", 20);
        ((ObjectNode) t.get("stages").get("capability")).put("feedback", feedback);
        return t;
    }

    /**
     * The economy of {@code tree(epochs, feedback)} where capability can feed every channel: hyperscaler, lab-01 and
     * lab-02 also take mission tasks (posted by a one-agent agency), and from epoch 10 new agents of the hyperscaler's
     * principal arrive 20 an epoch and must pass a test task of noise 0.05 against 0.5 with true ability 0.45 (most
     * fail unless their principal's capability lifts them). {@code feeds} sets stages.capability.feeds.
     */
    static ObjectNode everyChannel(int epochs, double feedback, boolean negotiation, boolean auctions,
                                   boolean missions, boolean entry) {
        ObjectNode t = tree(epochs, feedback);
        ObjectNode cap = (ObjectNode) t.get("stages").get("capability");
        cap.putObject("feeds").put("negotiation", negotiation).put("auctions", auctions).put("missions", missions)
                .put("entry", entry);
        var population = (com.fasterxml.jackson.databind.node.ArrayNode) t.get("population");
        population.addObject().put("name", "agency").put("strategy", "bidder").put("market", "agent-time")
                .put("count", 1).put("cash", 1_000_000);
        ObjectNode arriving = population.addObject().put("name", "hyperscaler-new").put("strategy", "negotiation")
                .put("market", "agent-time").put("count", 200).put("cash", 1000).put("principal", "hyperscaler");
        arriving.putObject("params").put("value_min", 5.0).put("value_max", 15.0).put("tiers", 1).put("spread", 0);
        arriving.putObject("arrival").put("from_epoch", 10).put("per_epoch", 20).put("declared_capability", 0.45)
                .put("hidden_capability", 0.45);
        t.putObject("safety").putObject("entry").putObject("test_task").put("noise", 0.05).put("min_score", 0.5);
        ObjectNode mission = t.putArray("missions").addObject().put("name", "tasks").put("tick_size", 0.01)
                .put("ticks", 1000).put("tasks", 1_000_000).put("tasks_per_round", 300).put("reserve_price", 3.0)
                .put("advance", 0.2).put("budget", 500_000);
        mission.putObject("sponsor").put("type", "cohort").put("cohort", "agency");
        var bidders = mission.putArray("bidders");
        for (String c : List.of("hyperscaler", "lab-01", "lab-02")) {
            bidders.addObject().put("cohort", c).put("cost_min", 0.5).put("cost_max", 2.5)
                    .put("capability_min", 0.3).put("capability_max", 0.7);
        }
        return t;
    }

    /** Everything a channel could change, after each epoch: cash, tokens, reputation, status, units won, tasks. */
    private static void assertSameEconomy(Engine expected, Engine actual) {
        String when = " after epoch " + actual.epoch();
        Population pa = actual.population();
        Population pe = expected.population();
        assertArrayEquals(pe.cash, pa.cash, "cash" + when);
        assertArrayEquals(pe.tokens, pa.tokens, "token buckets" + when);
        assertArrayEquals(pe.reputation, pa.reputation, "reputation" + when);
        assertArrayEquals(pe.status, pa.status, "status (entry)" + when);
        assertArrayEquals(expected.stage(AuctionStage.class).columns().totalWon[0],
                actual.stage(AuctionStage.class).columns().totalWon[0], "compute won" + when);
        MissionColumns me = expected.stage(MissionStage.class).columns();
        MissionColumns ma = actual.stage(MissionStage.class).columns();
        assertArrayEquals(me.awarded[0], ma.awarded[0], "tasks awarded" + when);
        assertArrayEquals(me.delivered[0], ma.delivered[0], "tasks delivered" + when);
        assertArrayEquals(me.paid[0], ma.paid[0], "paid for tasks" + when);
    }

    /**
     * With feedback 0 and every channel switched on (negotiation, auction values, mission delivery and cost, entry)
     * the economy is, epoch by epoch, exactly the one without capability: no channel leaks. The next test shows that
     * each channel does change this economy when the feedback is above 0, so this equivalence is not vacuous.
     */
    @Test
    void withFeedbackZeroNoChannelLeaks() {
        ObjectNode with = everyChannel(40, 0, true, true, true, true);
        ObjectNode without = with.deepCopy();
        without.remove("stages");
        try (Engine a = Engine.start(Fixtures.scenario(with), Backends.JAVA, 2);
             Engine b = Engine.start(Fixtures.scenario(without), Backends.JAVA, 1)) {
            while (!a.finished()) {
                a.step();
                b.step();
                assertSameEconomy(b, a);
                assertEquals(0, a.stage(CapabilityStage.class).invested());
            }
            assertTrue(a.safety().admitted > 0 && a.safety().refused[0] > 0, "the test admits some, refuses some");
            assertTrue(java.util.Arrays.stream(a.stage(MissionStage.class).columns().awarded[0]).sum() > 0);
        }
    }

    /**
     * With feedback 1 each channel on its own (the others off) changes the economy against the same economy with
     * every channel off, money is conserved exactly after every epoch (agents, auction revenue, mission escrow, the
     * capability account), and the entry channel admits more of the principal's new agents.
     */
    @ParameterizedTest
    @ValueSource(strings = {"negotiation", "auctions", "missions", "entry"})
    void eachChannelFeedsBackOnItsOwn(String channel) {
        ObjectNode on = everyChannel(40, 1.0, channel.equals("negotiation"), channel.equals("auctions"),
                channel.equals("missions"), channel.equals("entry"));
        ObjectNode off = everyChannel(40, 1.0, false, false, false, false);
        try (Engine a = Engine.start(Fixtures.scenario(on), Backends.JAVA, 2);
             Engine b = Engine.start(Fixtures.scenario(off), Backends.JAVA, 2)) {
            while (!a.finished()) {
                a.step();
                b.step();
                a.verifyConservation();
            }
            assertTrue(a.stage(CapabilityStage.class).invested() > 0);
            Population pa = a.population();
            Population pb = b.population();
            switch (channel) {
                case "entry" -> {
                    assertTrue(a.safety().admitted > b.safety().admitted, a.safety().admitted + " admitted with the"
                            + " principal's capability, " + b.safety().admitted + " without");
                    assertArrayEquals(java.util.Arrays.copyOf(pb.cash, 2000), java.util.Arrays.copyOf(pa.cash, 2000),
                            "entry changes who arrives, not the incumbents' trades in this economy");
                }
                case "missions" -> assertNotEquals(
                        java.util.Arrays.toString(b.stage(MissionStage.class).columns().delivered[0]),
                        java.util.Arrays.toString(a.stage(MissionStage.class).columns().delivered[0]));
                case "auctions" -> assertNotEquals(
                        java.util.Arrays.toString(b.stage(AuctionStage.class).columns().totalWon[0]),
                        java.util.Arrays.toString(a.stage(AuctionStage.class).columns().totalWon[0]));
                default -> assertNotEquals(java.util.Arrays.toString(pb.cash), java.util.Arrays.toString(pa.cash));
            }
        }
    }

    /** With every channel on, a run resumed from its epoch-20 checkpoint ends on the uninterrupted run's checksum. */
    @Test
    void aResumedRunWithEveryChannelEndsWithTheUninterruptedChecksum(@TempDir Path tmp) throws Exception {
        ObjectNode t = everyChannel(40, 1.0, true, true, true, true);
        Path file = Fixtures.write(tmp, "every.json", t);
        Scenario s = Fixtures.scenario(t);
        RunSession.Outcome whole = RunSession.start(s, file, tmp.resolve("whole"), "java", 2, SILENT, true);
        Path cut = tmp.resolve("cut");
        RunSession.start(s, file, cut, "java", 1, SILENT, true);
        Files.delete(cut.resolve("checkpoints").resolve("epoch-000000040.ckpt")); // back to epoch 20
        Files.delete(cut.resolve("summary.json"));
        RunSession.Outcome resumed = RunSession.resume(cut, null, 2, null, SILENT, true);
        assertEquals(whole.checksum(), resumed.checksum());
    }

    @ParameterizedTest
    @ValueSource(strings = {Backends.OPENCL, Backends.CUDA})
    void javaAndDeviceAgreeBitForBitWithEveryChannel(String device) {
        Require.backend(device);
        BackendParityTest.assertLockstep(Fixtures.scenario(everyChannel(30, 2.0, true, true, true, true)), device);
    }

    @Test
    void withFeedbackZeroTheEconomyIsExactlyTheOneWithoutCapability() {
        ObjectNode with = tree(60, 0);
        ObjectNode without = with.deepCopy();
        without.remove("stages"); // capability, the wealth tax (rate 0) and the entrenchment metrics
        try (Engine a = Engine.start(Fixtures.scenario(with), Backends.JAVA, 2);
             Engine b = Engine.start(Fixtures.scenario(without), Backends.JAVA, 1)) {
            while (!a.finished()) {
                a.step();
                b.step();
                Population pa = a.population();
                Population pb = b.population();
                assertArrayEquals(pb.cash, pa.cash, "cash after epoch " + a.epoch());
                assertArrayEquals(pb.tokens, pa.tokens, "token buckets");
                AuctionColumns ca = a.stage(AuctionStage.class).columns();
                AuctionColumns cb = b.stage(AuctionStage.class).columns();
                assertArrayEquals(cb.totalWon[0], ca.totalWon[0], "compute won");
                assertEquals(b.stage(AuctionStage.class).ledger().revenue(),
                        a.stage(AuctionStage.class).ledger().revenue());
                assertEquals(0, a.stage(CapabilityStage.class).invested(),
                        "nobody buys capability that is worth nothing");
            }
            CapabilityColumns c = a.stage(CapabilityStage.class).columns();
            assertArrayEquals(new int[c.agents()], c.boost, "every boost is 0");
            assertTrue(java.util.Arrays.stream(c.stock).anyMatch(s -> s > 0), "the stock still tracks compute won");
        }
    }

    /**
     * In the yard sale too (where capability would bias the coin) feedback 0 leaves every agent's cash as it is
     * without capability, and the state is today's: its bytes are those of the economy without the three sections,
     * followed by exactly the entrenchment, capability and wealth tax sections, so the state checksum differs only by
     * what those sections hold.
     */
    @Test
    void withFeedbackZeroTheYardSaleAndTheStateAreTodays() throws Exception {
        ObjectNode with = Fixtures.tree("compounding-yard-sale.json");
        with.put("epochs", 40);
        ((ObjectNode) with.get("stages").get("capability")).put("feedback", 0);
        ObjectNode without = with.deepCopy();
        without.remove("stages"); // capability, the wealth tax (rate 0) and the entrenchment metrics
        try (Engine a = Engine.start(Fixtures.scenario(with), Backends.JAVA, 2);
             Engine b = Engine.start(Fixtures.scenario(without), Backends.JAVA, 1)) {
            while (!a.finished()) {
                a.step();
                b.step();
                assertArrayEquals(b.population().cash, a.population().cash, "cash after epoch " + a.epoch());
            }
            ByteArrayOutputStream bytesWith = new ByteArrayOutputStream();
            StateCodec.write(bytesWith, a);
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            StateCodec.write(expected, b);
            expected.write(Section.of(a.stage(EntrenchmentStage.class)).bytes());
            expected.write(Section.of(a.stage(CapabilityStage.class)).bytes());
            expected.write(Section.of(a.stage(WealthTaxStage.class)).bytes());
            assertTrue(Section.of(a.stage(CapabilityStage.class)).bytes().length > 0, "capability writes its state");
            assertArrayEquals(expected.toByteArray(), bytesWith.toByteArray(),
                    "today's state, then the entrenchment, capability and wealth tax sections");
        }
    }

    @Test
    void feedbackChangesTheEconomyAndConservesMoneyWithTheCapabilityAccount() {
        Scenario s = Fixtures.scenario(tree(60, 1.0));
        try (Engine e = Engine.start(s, Backends.JAVA, 2);
             Engine zero = Engine.start(Fixtures.scenario(tree(60, 0)), Backends.JAVA, 2)) {
            while (!e.finished()) {
                e.step(); // -Dvaesim.checks: Engine.verifyConservation after every epoch
                zero.step();
            }
            long invested = e.stage(CapabilityStage.class).invested();
            assertTrue(invested > 0, "a share of earnings was reinvested");
            long cash = 0;
            for (long c : e.population().cash) {
                cash += c;
            }
            assertEquals(e.accounting().moneyInitial, cash + e.stage(AuctionStage.class).ledger().revenue() + invested,
                    "agents' cash + the auction's revenue + the capability account = the money there was");
            assertNotEquals(java.util.Arrays.toString(zero.population().cash),
                    java.util.Arrays.toString(e.population().cash), "feedback moved money");
            CapabilityColumns c = e.stage(CapabilityStage.class).columns();
            int max = java.util.Arrays.stream(c.boost).max().orElseThrow();
            assertTrue(max > 0 && max < 1_000_000, "boosts below the feedback strength (1.0): " + max);
        }
    }

    /**
     * A 100% tax every 10 epochs leaves every agent of the taxed cohorts with the same cash, to one micro-credit
     * (feedback 0, so that no reinvestment follows the rebate in the same epoch).
     */
    @Test
    void aFullWealthTaxEqualisesCashExactly() {
        ObjectNode t = tree(10, 0);
        ObjectNode tax = ((ObjectNode) t.get("stages")).putObject("wealth_tax");
        tax.put("rate", 1.0).put("every", 10);
        tax.putArray("cohorts").add("lab-01").add("lab-02").add("hyperscaler");
        Scenario s = Fixtures.scenario(t);
        try (Engine e = Engine.start(s, Backends.JAVA, 2)) {
            while (!e.finished()) {
                e.step();
            }
            Population p = e.population();
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            long total = 0;
            int n = 0;
            for (var seg : e.layout().segments()) {
                String name = seg.cohort().name();
                if (name.equals("lab-01") || name.equals("lab-02") || name.equals("hyperscaler")) {
                    for (int i = seg.start(); i < seg.end(); i++) {
                        min = Math.min(min, p.cash[i]);
                        max = Math.max(max, p.cash[i]);
                        total += p.cash[i];
                        n++;
                    }
                }
            }
            assertEquals(1000, n);
            assertTrue(max - min <= 1, min + " .. " + max);
            assertEquals(total / n, min, "everyone holds the mean, rounded down, or one micro-credit more");
            assertEquals(1, e.stage(WealthTaxStage.class).collections());
            assertTrue(e.stage(WealthTaxStage.class).collected() > 0);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {Backends.OPENCL, Backends.CUDA})
    void javaAndDeviceAgreeBitForBitWithCapabilityAndATax(String device) {
        Require.backend(device);
        ObjectNode t = tree(40, 2.0);
        ObjectNode tax = ((ObjectNode) t.get("stages")).putObject("wealth_tax");
        tax.put("rate", 0.013).put("every", 3);
        tax.putArray("cohorts").add("lab-03").add("hyperscaler").add("lab-07");
        BackendParityTest.assertLockstep(Fixtures.scenario(t), device);
    }

    @Test
    void aResumedRunEndsWithTheUninterruptedChecksumAndOutputs(@TempDir Path tmp) throws Exception {
        ObjectNode t = tree(60, 1.5);
        ((ObjectNode) t.get("stages")).putObject("wealth_tax").put("rate", 0.01).putArray("cohorts")
                .add("hyperscaler").add("lab-12");
        Path file = Fixtures.write(tmp, "c.json", t);
        Scenario s = Fixtures.scenario(t);
        RunSession.Outcome whole = RunSession.start(s, file, tmp.resolve("whole"), "java", 2, SILENT, true);
        Path cut = tmp.resolve("cut");
        RunSession.start(s, file, cut, "java", 1, SILENT, true);
        Files.delete(cut.resolve("checkpoints").resolve("epoch-000000060.ckpt")); // back to epoch 40
        Files.delete(cut.resolve("summary.json"));
        RunSession.Outcome resumed = RunSession.resume(cut, null, 2, null, SILENT, true);
        assertEquals(whole.checksum(), resumed.checksum());
        assertEquals(Files.readAllLines(tmp.resolve("whole").resolve("metrics.csv")),
                Files.readAllLines(cut.resolve("metrics.csv")));
        JsonNode w = RunDirectory.JSON.readTree(tmp.resolve("whole").resolve("summary.json").toFile());
        JsonNode r = RunDirectory.JSON.readTree(cut.resolve("summary.json").toFile());
        for (String section : List.of("capability", "entrenchment", "wealth_tax", "conservation", "auctions")) {
            assertEquals(w.get(section), r.get(section), section);
        }
        assertTrue(r.get("conservation").get("all_conserved").asBoolean());
        assertEquals(60, r.get("wealth_tax").get("collections").asLong(), "one collection per epoch");
        String report = Files.readString(cut.resolve("report.html"));
        assertTrue(report.contains("capability Gini") && report.contains("capability: mean_boost"), "report");
    }
}
