package org.vaesim.host.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaesim.host.Fixtures;
import org.vaesim.host.report.HtmlReport;
import org.vaesim.models.scenario.Scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The end of a run says what happened, and warns when nothing did (issue 13, F.3): the results block on the log,
 * the warnings on the log and in summary.json, the same block at the top of report.html, and counts that survive a
 * resume.
 */
class RunResultsTest {
    private static final PrintStream SILENT = new PrintStream(OutputStream.nullOutputStream());
    /** The scenario a newcomer wrote from docs/config-reference.md; SetupWarningsTest in models checks it too. */
    private static final Path NEWCOMER = Path.of("..", "models", "src", "test", "resources", "scenarios",
            "newcomer-two-markets.json");

    private static ObjectNode newcomer(int epochs) throws Exception {
        ObjectNode tree = (ObjectNode) new ObjectMapper().readTree(NEWCOMER.toFile());
        tree.put("epochs", epochs);
        tree.put("checkpoint_every", 20);
        return tree;
    }

    private record Run(RunSession.Outcome outcome, JsonNode summary, String log) {
    }

    private static Run run(ObjectNode tree, Path dir, boolean quiet) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Path file = Fixtures.write(dir.getParent(), dir.getFileName() + ".json", tree);
        RunSession.Outcome o = RunSession.start(Fixtures.scenario(tree), file, dir, "java", 2, log, quiet, false);
        return new Run(o, RunDirectory.JSON.readTree(dir.resolve("summary.json").toFile()),
                bytes.toString(StandardCharsets.UTF_8));
    }

    private static List<String> codes(JsonNode summary) {
        List<String> codes = new ArrayList<>();
        for (JsonNode w : summary.path("warnings")) {
            codes.add(w.path("code").asText() + " " + w.path("market").asText());
        }
        return codes;
    }

    /**
     * The hand-written scenario: every clearing breaches the 5% band, and the band never moves since nothing trades.
     * A breach at epoch e halts the market through epoch e + 5 (halt_epochs 5), so the breaker trips at epochs 0, 6,
     * ..., 54: 10 times in 60 epochs, and no epoch trades. The halted book keeps its crossed bids and asks.
     */
    @Test
    void aCompleteRunThatTradedNothingSaysSo(@TempDir Path tmp) throws Exception {
        Run r = run(newcomer(60), tmp.resolve("run"), false);
        assertTrue(r.outcome().complete());
        assertEquals(List.of("never_traded gpu", "mostly_halted gpu", "crossed_book gpu", "never_traded files",
                "mostly_halted files", "crossed_book files"), codes(r.summary()));
        for (JsonNode m : r.summary().path("markets")) {
            assertEquals(0, m.path("volume").asLong());
            assertEquals(10, m.path("breaker_trips").asLong());
            JsonNode a = m.path("activity");
            assertEquals(List.of(0L, 60L, 0L, 60L, 60L, 0L, 0L), List.of(a.path("from_epoch").asLong(),
                    a.path("epochs").asLong(), a.path("traded").asLong(), a.path("halted").asLong(),
                    a.path("crossed").asLong(), a.path("bids_only").asLong(), a.path("asks_only").asLong()));
        }
        assertEquals("market \"gpu\" never traded: 0 units in 60 epochs",
                r.summary().path("warnings").get(0).path("message").asText());
        String log = r.log();
        assertTrue(log.contains("vaesim: results after 60 of 60 epochs (complete):\n"), log);
        assertTrue(log.matches("(?s).*\n   gpu +20 +20 +\\+0\\.0% +0\\.0% +0 +60 of 60 +10\n.*"), log);
        assertTrue(log.contains("   conservation: money and every good conserved exactly (13000000 credits)\n"),
                log);
        assertTrue(log.contains("vaesim: warning: market \"files\" never traded: 0 units in 60 epochs\n"), log);
        assertTrue(log.indexOf("results after") < log.indexOf("vaesim: warning:"), "the block, then the warnings");

        String html = Files.readString(tmp.resolve("run").resolve(HtmlReport.FILE));
        assertTrue(html.indexOf("<h2>Results</h2>") > 0 && html.indexOf("<h2>Results</h2>")
                < html.indexOf("<h2>Markets</h2>"), "the block heads report.html");
        assertTrue(html.contains("<li>warning: market &quot;gpu&quot; never traded: 0 units in 60 epochs</li>"));
        assertTrue(html.contains("<td>60 of 60</td>"), "halted epochs in the report's table");
    }

    @Test
    void quietKeepsTheWarningsButNotTheBlock(@TempDir Path tmp) throws Exception {
        Run r = run(newcomer(12), tmp.resolve("run"), true);
        assertFalse(r.log().contains("results after"), r.log());
        assertTrue(r.log().contains("vaesim: warning: market \"gpu\" never traded: 0 units in 12 epochs"), r.log());
    }

    /** Sellers without goods cannot ask (the gate rejects their asks), so the buyers' bids stand alone. */
    @Test
    void aMarketWithOnlyBidsIsOneSided(@TempDir Path tmp) throws Exception {
        ObjectNode tree = newcomer(20);
        tree.remove("safety");
        var population = tree.withArray("population");
        for (int i = population.size() - 1; i >= 0; i--) {
            ObjectNode c = (ObjectNode) population.get(i);
            if (!c.path("market").asText().equals("files") || !c.path("strategy").asText().equals("zi-c")) {
                population.remove(i);
            } else if (c.path("name").asText().equals("files-sellers")) {
                c.remove("inventory");
            }
        }
        tree.withArray("markets").remove(0);
        Run r = run(tree, tmp.resolve("run"), true);
        assertEquals(List.of("never_traded files", "one_sided files"), codes(r.summary()));
        assertEquals("market \"files\" had bids but no asks in 20 of 20 epochs: only buyers; nobody offered to sell",
                r.summary().path("warnings").get(1).path("message").asText());
    }

    @Test
    void aTradingEconomyHasNoWarnings(@TempDir Path tmp) throws Exception {
        ObjectNode tree = Fixtures.tree("quickstart.json");
        tree.put("epochs", 40);
        tree.withArray("events").removeAll();
        Run r = run(tree, tmp.resolve("run"), false);
        assertEquals(List.of(), codes(r.summary()));
        assertTrue(r.summary().has("warnings"), "an empty list, not a missing field");
        assertFalse(r.log().contains("warning"), r.log());
        for (String market : List.of("compute", "data", "agent-time", "asset")) {
            assertTrue(r.log().contains("\n   " + market + " "), market + " has a row: " + r.log());
        }
    }

    /**
     * A run cut after its epoch-40 checkpoint and resumed counts all 60 epochs, as an uninterrupted one does; without
     * the counts beside the checkpoint (or with counts that cannot be right) it counts from epoch 40 and says so.
     */
    @Test
    void aResumedRunCountsFromTheStart(@TempDir Path tmp) throws Exception {
        ObjectNode tree = newcomer(60);
        Run whole = run(tree, tmp.resolve("whole"), true);
        for (String variant : List.of("kept", "missing", "tampered")) {
            Path cut = tmp.resolve(variant);
            run(tree, cut, true);
            Path checkpoints = cut.resolve("checkpoints");
            Files.delete(checkpoints.resolve("epoch-000000060.ckpt"));
            assertFalse(Files.exists(checkpoints.resolve("epoch-000000020.activity.json")),
                    "counts go with their checkpoint");
            Path counts = checkpoints.resolve("epoch-000000040.activity.json");
            if (variant.equals("missing")) {
                Files.delete(counts);
            } else if (variant.equals("tampered")) {
                Files.writeString(counts, Files.readString(counts).replace("\"halted\" : 40", "\"halted\" : 41"));
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            RunSession.Outcome o = RunSession.resume(cut, null, 2, null,
                    new PrintStream(bytes, true, StandardCharsets.UTF_8), false, false);
            assertEquals(whole.outcome().checksum(), o.checksum());
            JsonNode summary = RunDirectory.JSON.readTree(cut.resolve("summary.json").toFile());
            JsonNode activity = summary.path("markets").get(0).path("activity");
            if (variant.equals("kept")) {
                assertEquals(whole.summary().path("markets"), summary.path("markets"), variant);
                assertEquals(whole.summary().path("warnings"), summary.path("warnings"), variant);
            } else {
                assertEquals(40, activity.path("from_epoch").asInt(), variant);
                assertEquals(20, activity.path("halted").asInt(), variant);
                String log = bytes.toString(StandardCharsets.UTF_8);
                assertTrue(log.contains("halted epochs counted since epoch 40"), log);
                assertTrue(log.contains("market \"gpu\" was halted in 20 of 20 epochs counted since epoch 40"), log);
            }
        }
    }

    /** A conservation failure cannot be produced by a correct engine, so the check is fed a summary that has one. */
    @Test
    void aConservationFailureIsAWarning() throws Exception {
        Scenario s = Fixtures.scenario(newcomer(10));
        JsonNode conservation = RunDirectory.JSON.readTree("""
                {"money_initial": 100, "money_final": 99.5, "money_injected": 0, "money_removed": 0,
                 "money_conserved": false,
                 "goods": {"gpu": {"initial": 7, "final": 7, "conserved": true},
                           "files": {"initial": 7, "final": 8, "conserved": false}},
                 "all_conserved": false}""");
        List<RunWarnings.Warning> w = RunWarnings.of(s, new MarketActivity(2, 0),
                RunDirectory.JSON.createArrayNode(), conservation);
        assertEquals(List.of(new RunWarnings.Warning("not_conserved", null, "money not conserved: 99.5 credits at"
                        + " the end, from 100 with 0 injected and 0 removed; this is a bug, please report it with the"
                        + " run directory"),
                new RunWarnings.Warning("not_conserved", "files", "goods of market \"files\" not conserved: 8 units"
                        + " held at the end, from 7; this is a bug, please report it with the run directory")), w);
    }
}
