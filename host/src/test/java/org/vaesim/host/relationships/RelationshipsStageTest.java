package org.vaesim.host.relationships;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
import org.vaesim.host.stage.StageSetup;
import org.vaesim.models.scenario.ConfigException;
import org.vaesim.models.scenario.ScenarioLoader;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Trade relationships in a running economy: buyers and sellers of a ZI market who also meet off the book, at the
 * market's last price, conserve money and goods, keep their partners when loyal (and never when not), agree across
 * backends and across a resume, and show up in summary.json, report.html and relationships.csv.
 */
class RelationshipsStageTest {
    private static final PrintStream SILENT = new PrintStream(OutputStream.nullOutputStream());

    /** ZI buyers and sellers of market a (values 1.00 to 3.00, opening at 2.00), traders of market b; 30 epochs. */
    static String scenario(String relationships) {
        return """
            { "name": "relationships", "seed": 23, "epochs": 30, "checkpoint_every": 10,
              "markets": [ { "name": "a", "resource": "compute", "tick_size": 0.01, "ticks": 400,
                             "initial_price": 2.00, "fee_bps": 25 },
                           { "name": "b", "resource": "data", "tick_size": 0.01, "ticks": 400,
                             "initial_price": 2.00 } ],
              "population": [
                { "name": "buyers", "strategy": "zi-c", "market": "a", "count": 300, "cash": 50,
                  "params": { "side": "buy", "value_min": 1.00, "value_max": 3.00, "units": 2, "period": 3 } },
                { "name": "sellers", "strategy": "zi-c", "market": "a", "count": 200, "inventory": 20,
                  "params": { "side": "sell", "value_min": 1.00, "value_max": 3.00, "units": 2, "period": 3 } },
                { "name": "other", "strategy": "zi-c", "market": "b", "count": 50, "inventory": 20,
                  "params": { "side": "sell", "value_min": 1.00, "value_max": 3.00, "units": 2, "period": 3 } } ]%s }
            """.formatted(relationships == null ? "" : ", \"stages\": { \"relationships\": " + relationships + " }");
    }

    private static String section(double loyalty) {
        return "{ \"buyers\": \"buyers\", \"sellers\": \"sellers\", \"value_min\": 1.00, \"value_max\": 3.00,"
                + " \"loyalty\": " + loyalty + " }";
    }

    private static RelationshipsStage run(Engine e) {
        while (!e.finished()) {
            e.step();
        }
        e.verifyConservation();
        return e.stage(RelationshipsStage.class);
    }

    /**
     * Loyal pairs trade again (most units go to a partner from an earlier epoch); with loyalty 0 no unit does,
     * though pairs still meet and trade. Both conserve money and goods exactly (verifyConservation), and the off-book
     * trades change what the book sees: the market's state differs from the run without relationships.
     */
    @Test
    void loyalPartnersTradeAgainAndDisloyalOnesNever() {
        String none;
        try (Engine e = Engine.start(Fixtures.scenario(scenario(null)), 2)) {
            run(e);
            none = StateDigest.of(e);
        }
        try (Engine e = Engine.start(Fixtures.scenario(scenario(section(1))), 2)) {
            RelationshipsStage r = run(e);
            assertTrue(r.units() > 0, "pairs traded");
            assertTrue(r.repeatUnits() * 2 > r.units(), r.repeatUnits() + " of " + r.units() + " with a partner");
            assertNotEquals(none, StateDigest.of(e));
        }
        try (Engine e = Engine.start(Fixtures.scenario(scenario(section(0))), 2)) {
            RelationshipsStage r = run(e);
            assertTrue(r.units() > 0, "pairs still meet and trade");
            assertEquals(0, r.repeatUnits(), "but never with the same partner twice in a row");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"opencl", "cuda"})
    void theDevicesTradeAsJavaDoes(String device) {
        Require.backend(device);
        String json = scenario(section(0.8));
        String java;
        try (Engine e = Engine.start(Fixtures.scenario(json), "java", 2)) {
            run(e);
            java = StateDigest.of(e);
        }
        try (Engine e = Engine.start(Fixtures.scenario(json), device, 0)) {
            run(e);
            assertEquals(java, StateDigest.of(e));
        }
    }

    @Test
    void aResumedRunEndsWhereTheUninterruptedOneDoesWithItsSummaryReportAndCsv(@TempDir Path tmp) throws Exception {
        String json = scenario(section(0.9));
        Path file = tmp.resolve("relationships.json");
        Files.writeString(file, json);
        RunSession.Outcome whole = RunSession.start(Fixtures.scenario(json), file, tmp.resolve("whole"), "java", 2,
                SILENT, true, false);
        Path cut = tmp.resolve("cut");
        RunSession.start(Fixtures.scenario(json), file, cut, "java", 1, SILENT, true, false);
        Files.delete(cut.resolve("checkpoints").resolve("epoch-000000030.ckpt")); // died after epoch 20
        Files.delete(cut.resolve("summary.json"));
        RunSession.Outcome resumed = RunSession.resume(cut, null, 2, null, SILENT, true, false);
        assertEquals(whole.checksum(), resumed.checksum(), "the partners were carried across");
        List<String> rows = Files.readAllLines(tmp.resolve("whole").resolve(RelationshipsStage.FILE));
        assertEquals(rows, Files.readAllLines(cut.resolve(RelationshipsStage.FILE)), "no row doubled or lost");
        assertEquals("epoch,price,units,repeat_units,first_units,pairs", rows.getFirst());
        assertEquals(31, rows.size(), "a row per epoch");
        JsonNode s = RunDirectory.JSON.readTree(cut.resolve("summary.json").toFile());
        long units = rows.stream().skip(1).mapToLong(r -> Long.parseLong(r.split(",")[2])).sum();
        assertEquals(units, s.path("relationships").path("units").asLong());
        assertTrue(s.path("conservation").path("all_conserved").asBoolean());
        String html = Files.readString(HtmlReport.write(cut, null));
        assertTrue(html.contains("<h2>Trade relationships</h2>"));
    }

    @Test
    void aBadSectionNamesTheFilePathValueAndWhatIsAllowed() {
        assertError("{ \"buyers\": \"buyers\", \"sellers\": \"other\", \"value_min\": 1, \"value_max\": 3 }",
                "stages.relationships.sellers", "market a");
        assertError("{ \"buyers\": \"buyers\", \"sellers\": \"buyers\", \"value_min\": 1, \"value_max\": 3 }",
                "stages.relationships.sellers", "another cohort");
        assertError("{ \"buyers\": \"buyers\", \"sellers\": \"sellers\", \"value_min\": 3, \"value_max\": 1 }",
                "stages.relationships.value_max", "at least value_min");
        assertError("{ \"buyers\": \"buyers\", \"sellers\": \"sellers\", \"value_min\": 1.005, \"value_max\": 3 }",
                "stages.relationships.value_min", "tick of 0.01");
        assertError("{ \"buyers\": \"buyers\", \"sellers\": \"sellers\", \"value_min\": 1, \"value_max\": 3,"
                + " \"loyalty\": 1.5 }", "stages.relationships.loyalty", "1.5");
        assertError("{ \"buyers\": \"buyers\", \"sellers\": \"sellers\", \"value_min\": 1, \"value_max\": 3,"
                + " \"trust\": 1 }", "trust", "allowed");
    }

    private static void assertError(String section, String path, String says) {
        ConfigException e = assertThrows(ConfigException.class, () -> ScenarioLoader.parse(scenario(section),
                "r.json"));
        assertTrue(e.getMessage().contains("r.json") && e.getMessage().contains(path)
                && e.getMessage().contains(says), e.getMessage());
    }

    /** A checkpoint whose partners do not name each other back (tampered, or another economy's) is refused. */
    @Test
    void aTamperedSectionIsRefusedNamingIt() throws IOException {
        try (Engine e = Engine.start(Fixtures.scenario(scenario(section(1))), 1)) {
            for (int k = 0; k < 5; k++) {
                e.step();
            }
            RelationshipsStage r = e.stage(RelationshipsStage.class);
            Section written = Section.of(r);
            StageSetup setup = new StageSetup(e.scenario(), e.layout(), e.backend());
            Section.In in = written.in();
            r.kind().create(setup, in);
            in.finish(); // the untouched section reads back
            ByteBuffer b = ByteBuffer.wrap(written.bytes().clone()).order(ByteOrder.LITTLE_ENDIAN);
            int partner = b.getInt(0); // buyer 0's partner
            b.putInt(0, partner == 7 ? 8 : 7); // a seller that names another buyer, or none
            IOException tampered = assertThrows(IOException.class, () -> r.kind().create(setup,
                    new Section(RelationshipsStage.NAME, written.version(), b.array()).in()));
            assertTrue(tampered.getMessage().contains("relationships")
                    && tampered.getMessage().contains("does not name it back"), tampered.getMessage());
        }
    }

    @Test
    void anEconomyWithoutRelationshipsWritesNoBytesAndTradesNothing() {
        try (Engine e = Engine.start(Fixtures.scenario(scenario(null)), 1)) {
            e.step();
            RelationshipsStage r = e.stage(RelationshipsStage.class);
            assertFalse(r.kind().usedBy(e.scenario()));
            assertEquals(0, Section.of(r).bytes().length, "the state checksum of such an economy is unchanged");
            assertEquals(0, r.units());
        }
    }
}
