package org.vaesim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaesim.host.experiment.Sweep;
import org.vaesim.host.experiment.SweepExecutor;
import org.vaesim.host.experiment.SweepSpec;
import org.vaesim.host.run.RunDirectory;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The spark engine on Spark local[2,4] (two task slots in this JVM, and up to 4 tries of a failed task, as on a
 * cluster): the same result files as the in-process engine, run for run; resuming what another engine left; a
 * failing run recorded with its reason, once. The standalone cluster is SparkClusterIT's.
 */
class SparkSweepTest {
    private static JavaSparkContext spark;
    private static final AtomicInteger TASKS = new AtomicInteger();

    @BeforeAll
    static void startSpark() {
        spark = new JavaSparkContext(Sweeps.conf("local[2,4]"));
        spark.sc().addSparkListener(new SparkListener() {
            @Override
            public void onTaskStart(SparkListenerTaskStart start) {
                TASKS.incrementAndGet();
            }
        });
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    /** The executor over the test's application (a sweep leaves closing it to its caller: never here). */
    private static SweepExecutor executor() {
        return new SparkSweepExecutor(spark, Sweeps.SILENT);
    }

    /** A sampled sweep (docs/sweeps.md#sampling-designs) runs through the same seam: the same rows and report. */
    @Test
    void runsASampledSweepAndItsRobustnessReportAsTheLocalEngineDoes(@TempDir Path tmp) throws Exception {
        Path file = Sweeps.file(tmp, "[2, 5]", 2, 30);
        Files.writeString(file, Files.readString(file).replace("\"grid\": {\"safety.circuit_breaker.band_percent\":"
                + " [2, 5],", "\"sample\": {\"design\": \"sobol\", \"points\": 2, \"ranges\": {"
                + "\"safety.circuit_breaker.band_percent\": {\"min\": 2, \"max\": 8, \"step\": 0.5}}},"
                + " \"robustness\": [{\"name\": \"caps\", \"metric\": \"asset.volume\", \"best\": \"lowest\","
                + " \"across\": \"population[hft].params.max_inventory\", \"expect\": 10}], \"grid\": {"));
        SweepSpec spec = SweepSpec.load(file);
        assertEquals(4, spec.points().size(), "2 sample points x 2 caps");
        Sweep.Outcome local = Sweep.run(spec, tmp.resolve("local"), "java", null, true, false, Sweeps.SILENT);
        Sweep.Outcome onSpark = Sweep.run(spec, tmp.resolve("spark"), "java", true, false, executor(), Sweeps.SILENT);
        assertEquals(8, onSpark.ran());
        assertEquals(Sweeps.rows(local.results()), Sweeps.rows(onSpark.results()));
        for (String f : List.of("design.json", "robustness.json", "robustness-caps.csv")) {
            assertEquals(Files.readString(tmp.resolve("local").resolve(f)), Files.readString(tmp.resolve("spark")
                    .resolve(f)), f);
        }
    }

    @Test
    void writesTheLocalEnginesResultsRunForRun(@TempDir Path tmp) throws Exception {
        SweepSpec spec = SweepSpec.load(Sweeps.file(tmp, "[2, 5]", 2, 40));
        Sweep.Outcome local = Sweep.run(spec, tmp.resolve("local"), "java", null, true, false, Sweeps.SILENT);
        Sweep.Outcome onSpark = Sweep.run(spec, tmp.resolve("spark"), "java", true, false, executor(), Sweeps.SILENT);
        assertEquals(8, onSpark.ran());
        assertEquals(0, onSpark.failed());
        List<String> rows = Sweeps.rows(onSpark.results());
        assertEquals(Sweeps.rows(local.results()), rows, "the same rows, state checksums included");
        Sweeps.assertCompleteAndDistinct(rows, 8);
        assertEquals(Files.readAllLines(local.summary()).size(), Files.readAllLines(onSpark.summary()).size());
        assertTrue(Files.isRegularFile(onSpark.resultsParquet()));
        try (var runs = Files.list(tmp.resolve("local").resolve("points"))) {
            for (Path run : runs.toList()) {
                Path twin = tmp.resolve("spark").resolve("points").resolve(run.getFileName());
                assertEquals(Sweeps.files(run), Sweeps.files(twin), "the same files in " + run.getFileName());
                ObjectNode settings = (ObjectNode) RunDirectory.JSON.readTree(twin.resolve("run.json").toFile());
                String source = settings.path("scenario_source").asText();
                settings.put("scenario_source", source.replace("/spark/", "/local/"));
                assertEquals(RunDirectory.JSON.readTree(run.resolve("run.json").toFile()), settings,
                        "run.json names the sweep's own scenario file, not the executor's copy");
                assertEquals(Files.readString(run.resolve("scenario.json")),
                        Files.readString(twin.resolve("scenario.json")));
            }
        }
        assertFalse(Files.exists(tmp.resolve("spark").resolve("points").resolve(".incoming")));
    }

    /**
     * A sweep begun on the local engine and cut short (a run lost, one left interrupted, as a killed driver leaves
     * them) is finished on Spark: the complete runs are kept, the others run, and the rows are the uninterrupted
     * sweep's, each once.
     */
    @Test
    void finishesASweepThatAnotherEngineLeftPartDone(@TempDir Path tmp) throws Exception {
        SweepSpec spec = SweepSpec.load(Sweeps.file(tmp, "[2, 5]", 2, 30));
        Path out = tmp.resolve("out");
        List<String> reference = Sweeps.rows(Sweep.run(spec, out, "java", null, true, false, Sweeps.SILENT)
                .results());
        Path points = out.resolve("points");
        Sweeps.deleteTree(points.resolve("p0001-s2"));
        Path interrupted = points.resolve("p0002-s1").resolve("summary.json");
        Files.writeString(interrupted, Files.readString(interrupted)
                .replace("\"status\" : \"complete\"", "\"status\" : \"interrupted\""));
        int started = TASKS.get();
        Sweep.Outcome resumed = Sweep.run(spec, out, "java", true, false, executor(), Sweeps.SILENT);
        assertEquals(2, resumed.ran(), "the lost run and the interrupted one");
        assertEquals(6, resumed.reused());
        assertEquals(2, TASKS.get() - started, "a task for each run that was not complete, no other");
        List<String> rows = Sweeps.rows(resumed.results());
        assertEquals(reference, rows);
        Sweeps.assertCompleteAndDistinct(rows, 8);
    }

    /**
     * A run that fails of itself (here its backend, a CUDA device this machine lacks) is one task that returns its
     * failure: recorded with its reason, no row, and not tried again although the application allows 4 tries.
     */
    @Test
    void aRunThatFailsOfItselfIsRecordedWithItsReasonAndNotRetried(@TempDir Path tmp) throws Exception {
        SweepSpec spec = SweepSpec.load(Sweeps.file(tmp, "[5]", 2, 10));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int started = TASKS.get();
        Sweep.Outcome o = Sweep.run(spec, tmp.resolve("out"), "cuda:1023", true, false,
                new SparkSweepExecutor(spark, new PrintStream(log, true, StandardCharsets.UTF_8)),
                new PrintStream(log, true, StandardCharsets.UTF_8));
        assertEquals(4, o.ran());
        assertEquals(4, o.failed());
        assertEquals(4, TASKS.get() - started, "one try each");
        assertEquals(List.of(), Files.readAllLines(o.results()), "no row for a failed run");
        String lines = log.toString(StandardCharsets.UTF_8);
        assertEquals(4, lines.split(": failed: IllegalArgumentException: the cuda backend cannot run on device 1023"
                + " here: ", -1).length - 1, lines);
    }
}
