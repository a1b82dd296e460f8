package org.vaesim.host.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vaesim.host.Fixtures;
import org.vaesim.host.ParquetTables;
import org.vaesim.host.cli.VaesimCli;
import org.vaesim.host.io.ParquetExport;
import org.vaesim.models.scenario.ConfigException;

class SweepTest {
    private static final PrintStream SILENT = new PrintStream(OutputStream.nullOutputStream());

    /** A small sweep over the flash crash with breakers: 2 x 2 points, 2 seeds, 40 epochs. */
    private static Path sweepFile(Path dir, String grid) throws Exception {
        Files.copy(Fixtures.config("flash-crash-breakers.json"), dir.resolve("fc.json"));
        Path file = dir.resolve("sweep.json");
        Files.writeString(file, """
            { "name": "test", "scenario": "fc.json", "seeds": [1, 2], "epochs": 40, "parallel": 2,
              "grid": %s }
            """.formatted(grid));
        return file;
    }

    private static final String GRID = "{\"safety.circuit_breaker.band_percent\": [2, 5],"
            + " \"population[hft].params.max_inventory\": [10, 30]}";

    @Test
    void writesOneRowPerPointAndSeedAndAnIntervalPerPoint(@TempDir Path tmp) throws Exception {
        SweepSpec spec = SweepSpec.load(sweepFile(tmp, GRID));
        assertEquals(4, spec.points().size());
        Sweep.Outcome o = Sweep.run(spec, tmp.resolve("out"), null, SILENT);
        assertEquals(8, o.ran());
        List<String> rows = Files.readAllLines(o.results());
        assertEquals(1 + 8, rows.size());
        assertTrue(rows.getFirst().startsWith("point,seed,safety.circuit_breaker.band_percent,"
                + "population[hft].params.max_inventory,state_checksum,asset.last_price"), rows.getFirst());
        assertTrue(rows.get(1).startsWith("0,1,2,10,"), rows.get(1));
        assertTrue(rows.get(8).startsWith("3,2,5,30,"), rows.get(8));
        List<String> summary = Files.readAllLines(o.summary());
        assertEquals(1 + 4, summary.size());
        assertTrue(summary.get(1).startsWith("0,2,10,2,"), "point 0 has its two runs: " + summary.get(1));
        String report = Files.readString(tmp.resolve("out").resolve("report.html"));
        int metrics = (summary.getFirst().split(",").length - 4) / 3;
        assertEquals(metrics, report.split("<svg class=\"chart\"", -1).length - 1, "a chart per metric");
        assertTrue(report.contains("<polygon class=\"band\""), "confidence bands drawn");
        assertTrue(report.contains("population[hft].params.max_inventory = 30"), "a line per other parameter value");
    }

    /**
     * The crash columns (docs/experiments/flash-crash.md) with the sell algorithm starting at epoch 20 of 40: whether
     * it took off is 0 or 1 per run, and its mean over the three seeds, k of 3, gets the Wilson interval, worked by
     * hand with z = 1.959964: 0 of 3 [0, 0.561497], 1 of 3 [0.061492, 0.792340], and their mirror images for 3 and 2.
     */
    @Test
    void theShareOfRunsThatTookOffGetsItsWilsonInterval(@TempDir Path tmp) throws Exception {
        Files.copy(Fixtures.config("flash-crash-breakers.json"), tmp.resolve("fc.json"));
        Path file = tmp.resolve("sweep.json");
        Files.writeString(file, """
            { "name": "test", "scenario": "fc.json", "seeds": [1, 2, 3], "epochs": 40, "parallel": 2,
              "grid": {"population[seller].params.start_epoch": [20]} }
            """);
        Sweep.Outcome o = Sweep.run(SweepSpec.load(file), tmp.resolve("out"), null, SILENT);
        List<String> rows = Files.readAllLines(o.results());
        List<String> head = List.of(rows.getFirst().split(","));
        int tookOff = head.indexOf("asset.crash_took_off");
        assertTrue(tookOff > 0 && head.contains("asset.crash_peak_volume_ratio") && head.contains("volatility_pauses"),
                rows.getFirst());
        int k = 0;
        for (String row : rows.subList(1, rows.size())) {
            String cell = row.split(",")[tookOff];
            assertTrue(cell.equals("0") || cell.equals("1"), cell);
            k += cell.equals("1") ? 1 : 0;
        }
        double[][] wilson = {{0, 0.561497}, {0.061492, 0.792340}, {0.207660, 0.938508}, {0.438503, 1}};
        List<String> summary = Files.readAllLines(o.summary());
        int mean = List.of(summary.getFirst().split(",")).indexOf("asset.crash_took_off.mean");
        String[] point = summary.get(1).split(",");
        assertEquals(k / 3.0, Double.parseDouble(point[mean]), 1e-9);
        assertEquals(wilson[k][0], Double.parseDouble(point[mean + 1]), 1e-6);
        assertEquals(wilson[k][1], Double.parseDouble(point[mean + 2]), 1e-6);
    }

    /**
     * A run that raises at its start (here a backend this machine lacks, as a run on another machine might) is a
     * failed run with its reason; the sweep goes on with the others rather than stopping at the first.
     */
    @Test
    void aRunThatCannotStartIsRecordedAsFailedWithItsReason(@TempDir Path tmp) throws Exception {
        SweepSpec spec = SweepSpec.load(sweepFile(tmp, "{\"safety.circuit_breaker.band_percent\": [5]}"));
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        Sweep.Outcome o = Sweep.run(spec, tmp.resolve("out"), "cuda:1023", null, false, false,
                new PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(2, o.ran());
        assertEquals(2, o.failed());
        assertEquals(List.of(), Files.readAllLines(o.results()), "no row for a failed run");
        String lines = log.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(2, lines.split("failed: IllegalArgumentException: the cuda backend cannot run on device 1023"
                + " here: ", -1).length - 1, lines);
    }

    @Test
    void resultsParquetHasTheRowsOfResultsCsvWithTypedColumns(@TempDir Path tmp) throws Exception {
        // 2 points x 2 seeds; a fractional band makes that parameter DOUBLE, the whole-number one INT64.
        SweepSpec spec = SweepSpec.load(sweepFile(tmp, "{\"safety.circuit_breaker.band_percent\": [2.5, 5],"
                + " \"population[hft].params.max_inventory\": [10]}"));
        Path out = tmp.resolve("out");
        Sweep.Outcome o = Sweep.run(spec, out, null, SILENT);
        assertEquals(4, o.ran());
        assertEquals(ParquetExport.Status.WRITTEN, o.parquet().status());
        assertEquals(4, o.parquet().rows());

        ParquetTables.Table t = ParquetTables.read(out.resolve("results.parquet"));
        ParquetTables.assertSameRows(o.results(), t);
        for (int c = 0; c < t.names().size(); c++) {
            String name = t.names().get(c);
            String expected = switch (name) {
                case "point" -> "INT32";
                case "seed", "population[hft].params.max_inventory" -> "INT64";
                case "state_checksum" -> "BYTE_ARRAY";
                default -> "DOUBLE"; // the band and every metric
            };
            assertEquals(expected, t.types().get(c), name);
        }
        assertEquals(List.of(0, 0, 1, 1), t.rows().stream().map(r -> r.get(t.column("point"))).toList());
        assertEquals(List.of(1L, 2L, 1L, 2L), t.rows().stream().map(r -> r.get(t.column("seed"))).toList());
        assertEquals(List.of(2.5, 2.5, 5.0, 5.0), t.rows().stream()
                .map(r -> r.get(t.column("safety.circuit_breaker.band_percent"))).toList());
        try (var points = Files.list(out.resolve("points"))) {
            assertTrue(points.allMatch(p -> Files.isRegularFile(p.resolve("metrics.parquet"))), "each run has its own");
        }

        // Run again with Parquet off: every run is reused, and a results.parquet that would no longer be
        // rebuilt with results.csv goes.
        Sweep.Outcome off = Sweep.run(spec, out, "java", null, false, false, SILENT);
        assertEquals(4, off.reused());
        assertEquals(ParquetExport.Status.OFF, off.parquet().status());
        assertFalse(Files.exists(out.resolve("results.parquet")));
    }

    @Test
    void theShippedSweepIsValid() throws Exception {
        SweepSpec spec = SweepSpec.load(Fixtures.config("sweeps").resolve("breaker-band.json"));
        assertEquals(8, spec.points().size());
        assertEquals(List.of(1L, 2L, 3L), spec.seeds());
    }

    /** The interval is mean ± t(n-1, 0.975) s / sqrt(n): for 1, 2, 3 that is 2 ± 4.303 / sqrt(3). */
    @Test
    void confidenceIntervalIsStudentT() {
        Sweep.Interval ci = Sweep.Interval.of(new double[] {1, 2, 3});
        assertEquals(2, ci.mean(), 1e-12);
        assertEquals(2 - 4.303 / Math.sqrt(3), ci.low(), 1e-9);
        assertEquals(2 + 4.303 / Math.sqrt(3), ci.high(), 1e-9);
        assertTrue(Double.isNaN(Sweep.Interval.of(new double[] {5}).low()), "one run has no interval");
    }

    @Test
    void resumingRerunsOnlyWhatIsMissingOrUnfinished(@TempDir Path tmp) throws Exception {
        SweepSpec spec = SweepSpec.load(sweepFile(tmp, GRID));
        Path out = tmp.resolve("out");
        List<String> whole = withoutTiming(Files.readAllLines(Sweep.run(spec, out, null, SILENT).results()));
        // one run lost entirely, another left as if killed while running
        deleteTree(out.resolve("points").resolve("p0001-s2"));
        Path summary = out.resolve("points").resolve("p0002-s1").resolve("summary.json");
        Files.writeString(summary, Files.readString(summary).replace("\"complete\"", "\"running\""));
        Sweep.Outcome again = Sweep.run(spec, out, null, SILENT);
        assertEquals(2, again.ran());
        assertEquals(6, again.reused());
        assertEquals(whole, withoutTiming(Files.readAllLines(again.results())), "same rows, none duplicated or missing");
    }

    /**
     * A sweep's complete runs keep no checkpoints (they were most of a sweep's disk use) unless asked with
     * --keep-checkpoints; a sweep resumes without them.
     */
    @Test
    void completeRunsKeepNoCheckpointsUnlessAsked(@TempDir Path tmp) throws Exception {
        Path file = sweepFile(tmp, "{\"safety.circuit_breaker.band_percent\": [5]}");
        SweepSpec spec = SweepSpec.load(file);
        Path out = tmp.resolve("out");
        assertEquals(2, Sweep.run(spec, out, null, SILENT).ran());
        for (String run : List.of("p0000-s1", "p0000-s2")) {
            assertTrue(Files.exists(out.resolve("points").resolve(run).resolve("summary.json")));
            assertFalse(Files.exists(out.resolve("points").resolve(run).resolve("checkpoints")), run);
        }
        assertEquals(2, Sweep.run(spec, out, null, SILENT).reused(), "resumed without checkpoints");

        Path kept = tmp.resolve("kept");
        assertEquals(0, VaesimCli.commandLine().execute("sweep", file.toString(), "--out", kept.toString(),
                "--no-parquet", "--keep-checkpoints"));
        for (String run : List.of("p0000-s1", "p0000-s2")) {
            assertTrue(Files.exists(kept.resolve("points").resolve(run).resolve("checkpoints")
                    .resolve("epoch-000000040.ckpt")), run);
        }
    }

    /** A sweep killed with SIGKILL, then run again, ends with exactly the rows of an uninterrupted sweep. */
    @Test
    void aSweepKilledWithSigkillResumesWithoutDuplicateOrMissingRows(@TempDir Path tmp) throws Exception {
        Path file = sweepFile(tmp, GRID.replace("[2, 5]", "[2, 3, 5, 8]"));
        SweepSpec spec = SweepSpec.load(file);
        List<String> reference = withoutTiming(Files.readAllLines(Sweep.run(spec, tmp.resolve("reference"), "java",
                null, false, false, SILENT).results()));
        Path out = tmp.resolve("killed");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The child's temporary files (DuckDB unpacks its native library there) go with this test's directory:
        // SIGKILL gives the JVM no chance to delete them.
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                "-Djava.io.tmpdir=" + Files.createDirectories(tmp.resolve("child-tmp")), "-cp",
                System.getProperty("java.class.path"), "org.vaesim.host.cli.VaesimCli", "sweep", file.toString(),
                "--out", out.toString(), "--parallel", "1")
                .redirectErrorStream(true).redirectOutput(new File(tmp.resolve("log.txt").toString())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && countComplete(out) < 3) {
            Thread.sleep(20);
        }
        p.destroyForcibly();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        int before = countComplete(out);
        assertTrue(before >= 3 && before < 16, "killed part way: " + before + " of 16 runs complete");
        Sweep.Outcome resumed = Sweep.run(spec, out, null, SILENT);
        assertEquals(16, resumed.ran() + resumed.reused());
        List<String> rows = withoutTiming(Files.readAllLines(resumed.results()));
        assertEquals(reference, rows, "the same rows as the uninterrupted sweep");
        ParquetTables.assertSameRows(resumed.results(), ParquetTables.read(resumed.resultsParquet()));
        Set<String> keys = new HashSet<>();
        for (String row : rows.subList(1, rows.size())) {
            String[] c = row.split(",");
            assertTrue(keys.add(c[0] + "/" + c[1]), "no duplicate point/seed: " + row);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{}|$.grid|must be an object naming at least one scenario parameter",
        "{\"population[nope].count\": [1]}|$.grid[\"population[nope].count\"]|does not exist in the scenario",
        "{\"safety.circuit_breaker.band_percent\": []}|$.grid[\"safety.circuit_breaker.band_percent\"]|non-empty array",
        "{\"safety.circuit_breaker.band_percent\": [3, 0]}|$.grid|invalid scenario",
        "{\"markets[7].fee_bps\": [1]}|$.grid[\"markets[7].fee_bps\"]|the array has 1 elements",
        "{\"bad path!\": [1]}|$.grid[\"bad path!\"]|is not a field name",
    })
    void badSweepsAreRejectedNamingThePath(String grid, String path, String allowed, @TempDir Path tmp)
            throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> SweepSpec.load(sweepFile(tmp, grid)));
        assertEquals(path, e.jsonPath(), e.getMessage());
        assertTrue(e.getMessage().contains(allowed), e.getMessage());
    }

    /** Rows without the column agent_epochs_per_second: a wall-clock measurement, not a result. */
    private static List<String> withoutTiming(List<String> rows) {
        int timing = List.of(rows.getFirst().split(",", -1)).indexOf("agent_epochs_per_second");
        assertTrue(timing > 0, rows.getFirst());
        return rows.stream().map(r -> {
            List<String> cells = new java.util.ArrayList<>(List.of(r.split(",", -1)));
            cells.remove(timing);
            return String.join(",", cells);
        }).toList();
    }

    private static int countComplete(Path out) throws Exception {
        Path points = out.resolve("points");
        if (!Files.isDirectory(points)) {
            return 0;
        }
        try (var list = Files.list(points)) {
            return (int) list.filter(Sweep::complete).count();
        }
    }

    private static void deleteTree(Path dir) throws Exception {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
