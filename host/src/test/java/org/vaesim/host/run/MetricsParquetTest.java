package org.vaesim.host.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaesim.host.Fixtures;
import org.vaesim.host.ParquetTables;
import org.vaesim.models.scenario.Scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** metrics.parquet: the rows of metrics.csv with typed columns, after every run and resume (docs/outputs.md). */
class MetricsParquetTest {
    private static final PrintStream SILENT = new PrintStream(OutputStream.nullOutputStream());

    /** The quickstart's four markets, 40 epochs, a metrics row every 5, a checkpoint every 20, a shock at 25. */
    private static ObjectNode scenarioTree() {
        ObjectNode tree = Fixtures.tree("quickstart.json");
        tree.put("epochs", 40);
        tree.put("checkpoint_every", 20);
        tree.put("metrics_every", 5);
        tree.withArray("events").removeAll();
        tree.withArray("events").addObject().put("epoch", 25).put("type", "shift_fundamental")
                .put("market", "asset").put("percent", -10);
        return tree;
    }

    /** The Parquet physical type each metrics column must have, by its name (docs/outputs.md). */
    private static String expectedType(String column) {
        if (column.equals("epoch")) {
            return "INT32";
        }
        String suffix = column.substring(column.lastIndexOf('.') + 1);
        return switch (suffix) {
            case "best_bid", "best_ask", "spread_ticks" -> "INT32";
            case "volume", "rejects" -> "INT64";
            case "price", "drawdown", "efficiency", "zi_efficiency", "wealth_gini", "top1_share", "top10_share",
                 "money_total",
                 "wealth_gini_error", "mobility_shorrocks", "mobility_changed_share" -> "DOUBLE";
            default -> throw new AssertionError("a column the test does not know: " + column);
        };
    }

    private static List<Integer> epochs(ParquetTables.Table t) {
        int c = t.column("epoch");
        return t.rows().stream().map(r -> (Integer) r.get(c)).toList();
    }

    private static JsonNode summary(Path dir) throws Exception {
        return RunDirectory.JSON.readTree(dir.resolve("summary.json").toFile());
    }

    @Test
    void aRunWritesMetricsParquetWithTheCsvRowsAndTypedColumns(@TempDir Path tmp) throws Exception {
        ObjectNode tree = scenarioTree();
        Path file = Fixtures.write(tmp, "scenario.json", tree);
        Path dir = tmp.resolve("run");
        assertTrue(RunSession.start(Fixtures.scenario(tree), file, dir, "java", 2, SILENT, true).complete());

        ParquetTables.Table t = ParquetTables.read(dir.resolve("metrics.parquet"));
        ParquetTables.assertSameRows(dir.resolve("metrics.csv"), t);
        assertEquals(1 + 4 * 9 + 7, t.names().size(), "epoch, 9 columns for each of 4 markets, 7 economy-wide");
        for (int c = 0; c < t.names().size(); c++) {
            assertEquals(expectedType(t.names().get(c)), t.types().get(c), t.names().get(c));
        }
        assertEquals(IntStream.rangeClosed(1, 8).mapToObj(i -> i * 5).toList(), epochs(t));

        JsonNode p = summary(dir).get("parquet");
        assertEquals("metrics.parquet", p.get("file").asText());
        assertEquals("written", p.get("status").asText());
        assertEquals(8, p.get("rows").asInt());
        assertFalse(Files.exists(dir.resolve("metrics.parquet.tmp")));
    }

    /** A run with a gateway: its columns come last, typed as docs/outputs.md says. */
    @Test
    void gatewayColumnsAreTyped(@TempDir Path tmp) throws Exception {
        ObjectNode tree = Fixtures.tree("permeable-flash-crash.json");
        tree.put("epochs", 150);
        tree.put("metrics_every", 10);
        Path file = Fixtures.write(tmp, "scenario.json", tree);
        Path dir = tmp.resolve("run");
        assertTrue(RunSession.start(Fixtures.scenario(tree), file, dir, "java", 2, SILENT, true).complete());
        ParquetTables.Table t = ParquetTables.read(dir.resolve("metrics.parquet"));
        ParquetTables.assertSameRows(dir.resolve("metrics.csv"), t);
        List<String> gateway = List.of("gateway.open", "gateway.rate", "gateway.agent_currency_out",
                "gateway.agent_currency_in", "gateway.fees", "gateway.external_pnl", "gateway.exposure",
                "compute.external_price", "compute.exported", "compute.imported");
        assertEquals(gateway, t.names().subList(t.names().size() - gateway.size(), t.names().size()));
        List<String> types = List.of("INT32", "DOUBLE", "DOUBLE", "DOUBLE", "DOUBLE", "DOUBLE", "DOUBLE", "DOUBLE",
                "INT64", "INT64");
        assertEquals(types, t.types().subList(t.types().size() - types.size(), t.types().size()));
        for (int c = 0; c < t.names().size() - gateway.size(); c++) {
            assertEquals(expectedType(t.names().get(c)), t.types().get(c), t.names().get(c));
        }
    }

    @Test
    void aResumedRunRewritesMetricsParquetWithEveryEpochOnce(@TempDir Path tmp) throws Exception {
        ObjectNode tree = scenarioTree();
        Path file = Fixtures.write(tmp, "scenario.json", tree);
        Scenario s = Fixtures.scenario(tree);
        RunSession.start(s, file, tmp.resolve("whole"), "java", 2, SILENT, true);
        ParquetTables.Table whole = ParquetTables.read(tmp.resolve("whole").resolve("metrics.parquet"));

        // A run that died after its epoch-20 checkpoint: metrics.csv and metrics.parquet hold rows up to 40,
        // which resume must drop and write again, once.
        Path cut = tmp.resolve("cut");
        RunSession.start(s, file, cut, "java", 2, SILENT, true);
        Files.delete(cut.resolve("checkpoints").resolve("epoch-000000040.ckpt"));
        Files.delete(cut.resolve("summary.json"));
        RunSession.Outcome resumed = RunSession.resume(cut, null, null, null, SILENT, true);
        assertTrue(resumed.complete());

        ParquetTables.Table t = ParquetTables.read(cut.resolve("metrics.parquet"));
        List<Integer> epochs = epochs(t);
        assertEquals(List.of(5, 10, 15, 20, 25, 30, 35, 40), epochs, "every metrics epoch once, in order");
        ParquetTables.assertSameRows(cut.resolve("metrics.csv"), t);
        assertEquals(whole.rows(), t.rows(), "the same values as the uninterrupted run's");
        assertEquals(whole.types(), t.types());
        assertEquals(20, summary(cut).get("resumed_from_epoch").asInt());
        assertEquals(8, summary(cut).get("parquet").get("rows").asInt());
    }

    @Test
    void aFailedExportLeavesTheRunCompleteAndSaysWhy(@TempDir Path tmp) throws Exception {
        ObjectNode tree = scenarioTree();
        tree.put("epochs", 10);
        tree.withArray("events").removeAll();
        Path file = Fixtures.write(tmp, "scenario.json", tree);
        Path dir = tmp.resolve("run");
        // An earlier run in the directory, replaced with --force, which removes only a run's files...
        RunSession.start(Fixtures.scenario(tree).withEpochs(1), file, dir, "java", 2, SILENT, true, false);
        // ...so a non-empty directory stands where metrics.parquet goes, and the export's rename fails.
        Files.createDirectories(dir.resolve("metrics.parquet").resolve("x"));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        RunSession.Outcome o = RunSession.start(Fixtures.scenario(tree), file, dir, "java", 2,
                new PrintStream(log, true, StandardCharsets.UTF_8), true, true, true, null);

        assertTrue(o.complete(), "the export is not the run");
        assertEquals(64, o.checksum().length());
        JsonNode s = summary(dir);
        assertEquals("complete", s.get("status").asText());
        assertEquals(o.checksum(), s.get("state_checksum").asText());
        assertEquals("failed", s.get("parquet").get("status").asText());
        String error = s.get("parquet").get("error").asText();
        assertTrue(error.contains("metrics.parquet"), error);
        String said = log.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("metrics.parquet was not written") && said.contains(error), said);
        assertEquals(List.of("epoch", "5", "10"), Files.readAllLines(dir.resolve("metrics.csv")).stream()
                .map(l -> l.substring(0, l.indexOf(','))).toList(), "metrics.csv has every row");
        assertFalse(Files.exists(dir.resolve("metrics.parquet.tmp")), "no temporary file left");
    }

    @Test
    void turnedOffNoParquetIsWrittenAndAnEarlierOneIsRemoved(@TempDir Path tmp) throws Exception {
        ObjectNode tree = scenarioTree();
        tree.put("epochs", 10);
        tree.withArray("events").removeAll();
        Path file = Fixtures.write(tmp, "scenario.json", tree);
        Path dir = tmp.resolve("run");
        // An earlier session wrote metrics.parquet; another export was killed midway.
        assertTrue(RunSession.start(Fixtures.scenario(tree), file, dir, "java", 2, SILENT, true).complete());
        assertTrue(Files.exists(dir.resolve("metrics.parquet")));
        Files.writeString(dir.resolve("metrics.parquet.tmp"), "half of an export killed midway");

        assertTrue(RunSession.resume(dir, null, null, null, SILENT, true, false).complete());
        assertFalse(Files.exists(dir.resolve("metrics.parquet")), "it would not match this run's metrics.csv");
        assertFalse(Files.exists(dir.resolve("metrics.parquet.tmp")));
        assertEquals("off", summary(dir).get("parquet").get("status").asText());
        List<String> files = new ArrayList<>();
        try (var list = Files.list(dir)) {
            list.forEach(p -> files.add(p.getFileName().toString()));
        }
        assertTrue(files.contains("metrics.csv"), files.toString());
    }
}
