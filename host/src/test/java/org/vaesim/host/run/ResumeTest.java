package org.vaesim.host.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaesim.host.Fixtures;
import org.vaesim.models.scenario.Scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

class ResumeTest {
    private static final PrintStream SILENT = new PrintStream(OutputStream.nullOutputStream());

    private static ObjectNode scenarioTree() {
        ObjectNode tree = Fixtures.tree("quickstart.json");
        tree.put("epochs", 60);
        tree.put("checkpoint_every", 20);
        tree.put("metrics_every", 5);
        tree.withArray("events").removeAll();
        tree.withArray("events").addObject().put("epoch", 45).put("type", "shift_fundamental")
                .put("market", "asset").put("percent", -10);
        return tree;
    }

    @Test
    void resumingFromACheckpointEndsBitIdenticalToAnUninterruptedRun(@TempDir Path tmp) throws Exception {
        ObjectNode tree = scenarioTree();
        Path file = Fixtures.write(tmp, "scenario.json", tree);
        Scenario s = Fixtures.scenario(tree);

        RunSession.Outcome whole = RunSession.start(s, file, tmp.resolve("whole"), "java", 2, SILENT, true);
        assertTrue(whole.complete());

        RunSession.Outcome first = RunSession.start(s, file, tmp.resolve("cut"), "java", 2, SILENT, true);
        // Make "cut" look like a run that died after its epoch-40 checkpoint: drop the final checkpoint and the
        // summary; metrics.csv keeps rows past epoch 40, which resume must discard, not duplicate.
        Path cut = tmp.resolve("cut");
        Files.delete(cut.resolve("checkpoints").resolve("epoch-000000060.ckpt"));
        Files.delete(cut.resolve("summary.json"));
        assertEquals(whole.checksum(), first.checksum());

        RunSession.Outcome resumed = RunSession.resume(cut, null, 1, null, SILENT, true);
        assertTrue(resumed.complete());
        assertEquals(whole.checksum(), resumed.checksum(), "resumed (on 1 thread) = uninterrupted (2 threads)");

        List<String> wholeRows = Files.readAllLines(tmp.resolve("whole").resolve("metrics.csv"));
        List<String> resumedRows = Files.readAllLines(cut.resolve("metrics.csv"));
        assertEquals(wholeRows, resumedRows, "metrics rows identical, none duplicated or missing");

        JsonNode summary = RunDirectory.JSON.readTree(cut.resolve("summary.json").toFile());
        assertEquals("complete", summary.get("status").asText());
        assertEquals(40, summary.get("resumed_from_epoch").asInt());
        assertEquals(whole.checksum(), summary.get("state_checksum").asText());
    }

    /** The mobility columns (the last two) of a metrics.csv row. */
    private static String mobility(String row) {
        String[] cells = row.split(",", -1);
        return cells[cells.length - 2] + "," + cells[cells.length - 1];
    }

    /**
     * With metrics every 15 epochs and checkpoints every 20, the epoch-40 checkpoint holds the deciles of epoch
     * 30, and the resumed run's row at 45 measures mobility from them: it must match the uninterrupted run's.
     */
    @Test
    void decilesSurviveACheckpointTakenBetweenMetricsEpochs(@TempDir Path tmp) throws Exception {
        ObjectNode tree = scenarioTree();
        tree.put("metrics_every", 15);
        Path file = Fixtures.write(tmp, "scenario.json", tree);
        Scenario s = Fixtures.scenario(tree);
        RunSession.Outcome whole = RunSession.start(s, file, tmp.resolve("whole"), "java", 2, SILENT, true);
        RunSession.start(s, file, tmp.resolve("cut"), "java", 1, SILENT, true);
        Path cut = tmp.resolve("cut");
        Files.delete(cut.resolve("checkpoints").resolve("epoch-000000060.ckpt"));
        RunSession.Outcome resumed = RunSession.resume(cut, null, 2, null, SILENT, true);
        assertEquals(whole.checksum(), resumed.checksum());
        List<String> wholeRows = Files.readAllLines(tmp.resolve("whole").resolve("metrics.csv"));
        assertEquals(wholeRows, Files.readAllLines(cut.resolve("metrics.csv")));
        assertEquals(",", mobility(wholeRows.get(1)), "no mobility at the first metrics epoch (15)");
        for (String row : wholeRows.subList(2, wholeRows.size())) {
            assertFalse(mobility(row).startsWith(","), "mobility measured: " + row);
        }
    }

    @Test
    void summaryReportsConservationThroughputAndMarkets(@TempDir Path tmp) throws Exception {
        ObjectNode tree = scenarioTree();
        Path file = Fixtures.write(tmp, "scenario.json", tree);
        RunSession.start(Fixtures.scenario(tree), file, tmp.resolve("run"), "java", 2, SILENT, true);
        JsonNode s = RunDirectory.JSON.readTree(tmp.resolve("run").resolve("summary.json").toFile());
        for (String field : List.of("scenario", "seed", "backend", "threads", "agents", "epochs", "state_checksum")) {
            assertTrue(s.has(field), field);
        }
        JsonNode c = s.get("conservation");
        assertEquals(c.get("money_final").decimalValue(),
                c.get("money_initial").decimalValue().add(c.get("money_injected").decimalValue())
                        .subtract(c.get("money_removed").decimalValue()));
        assertTrue(c.get("all_conserved").asBoolean());
        assertTrue(s.get("throughput").get("agent_epochs_per_second").asLong() > 0);
        assertTrue(s.get("throughput").get("epoch_ms_p99").asDouble() >= s.get("throughput").get("epoch_ms_p50").asDouble());
        assertEquals(4, s.get("markets").size());
        assertTrue(s.get("markets").get(0).has("max_drawdown"));
        assertTrue(Files.size(tmp.resolve("run").resolve("epoch-times.hlog")) > 0);
        assertEquals(60 / 5 + 1, Files.readAllLines(tmp.resolve("run").resolve("metrics.csv")).size());
        JsonNode w = s.get("wealth");
        assertEquals(60, w.get("epoch").asInt());
        assertTrue(w.get("gini_lower").asDouble() <= w.get("gini").asDouble()
                && w.get("gini").asDouble() <= w.get("gini_upper").asDouble());
        assertEquals((w.get("gini_upper").asDouble() - w.get("gini_lower").asDouble()) / 2,
                w.get("gini_error").asDouble(), 1e-15);
        assertEquals(11, w.get("lorenz").size());
        JsonNode m = w.get("mobility");
        assertEquals(55, m.get("from_epoch").asInt());
        assertEquals(60, m.get("to_epoch").asInt());
        assertEquals(s.get("agents").asLong(), m.get("agents").asLong(), "every agent had a decile at 55");
        long counted = 0;
        for (JsonNode row : m.get("transitions")) {
            for (JsonNode cell : row) {
                counted += cell.asLong();
            }
        }
        assertEquals(m.get("agents").asLong(), counted);
    }

    @Test
    void aRunThatFailsMidwayLeavesItsLastCheckpointAndAFailedSummary(@TempDir Path tmp) throws Exception {
        ObjectNode tree = scenarioTree();
        Path file = Fixtures.write(tmp, "scenario.json", tree);
        Path dir = tmp.resolve("run");
        // An earlier run in the directory, replaced with --force, which removes only a run's files...
        RunSession.start(Fixtures.scenario(tree).withEpochs(1), file, dir, "java", 2, SILENT, true);
        // ...so the epoch-40 checkpoint cannot be written: a directory stands where its temporary file goes.
        Files.createDirectories(dir.resolve("checkpoints").resolve("epoch-000000040.ckpt.tmp").resolve("x"));
        RunSession.Outcome o = RunSession.start(Fixtures.scenario(tree), file, dir, "java", 2, SILENT, true, true,
                true, null);
        assertFalse(o.complete());
        JsonNode s = RunDirectory.JSON.readTree(dir.resolve("summary.json").toFile());
        assertEquals("failed", s.get("status").asText());
        assertTrue(s.get("error").asText().contains("after epoch 40"), s.get("error").asText());
        assertFalse(s.has("state_checksum"), "a failed run has no final checksum");
        assertEquals("epoch-000000020.ckpt", s.get("last_checkpoint").asText());
        assertTrue(Files.exists(dir.resolve("checkpoints").resolve("epoch-000000020.ckpt")));

        // ...and it can be resumed from there once the obstacle is gone.
        Files.delete(dir.resolve("checkpoints").resolve("epoch-000000040.ckpt.tmp").resolve("x"));
        Files.delete(dir.resolve("checkpoints").resolve("epoch-000000040.ckpt.tmp"));
        RunSession.Outcome resumed = RunSession.resume(dir, null, null, null, SILENT, true);
        assertTrue(resumed.complete());
        RunSession.Outcome whole = RunSession.start(Fixtures.scenario(tree), file, tmp.resolve("whole"), "java", 2, SILENT, true);
        assertEquals(whole.checksum(), resumed.checksum());
    }
}
