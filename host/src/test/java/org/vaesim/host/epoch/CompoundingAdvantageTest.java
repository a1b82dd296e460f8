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
import org.vaesim.host.io.StateCodec;
import org.vaesim.host.stage.Section;
import org.vaesim.host.redistribution.WealthTaxStage;
import org.vaesim.host.run.RunDirectory;
import org.vaesim.host.run.RunSession;
import org.vaesim.kernels.Backends;
import org.vaesim.kernels.capability.CapabilityColumns;
import org.vaesim.kernels.memory.AuctionColumns;
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
