package org.vaesim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.spark.ExecutorLostFailure;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.vaesim.host.experiment.Sweep;
import org.vaesim.host.experiment.SweepSpec;
import org.vaesim.host.run.RunDirectory;

/**
 * The spark engine on a real standalone cluster on the loopback address: a Master and two Workers (separate JVMs,
 * each Worker with 3 cores and two made-up GPUs from a fake discovery script), executors that load vaesim-spark.jar
 * as shipped by the driver. A sweep matches the local engine row by row; GPUs are handed to runs as Spark assigns
 * them; a killed driver's sweep resumes, and a killed worker's runs are run again, each without a duplicate or
 * missing row. One application serves the tests (starting its executors is most of a small sweep's time); it takes
 * 4 of the 6 cores and every GPU, leaving 2 cores to the application of the driver that test 3 starts and kills. The
 * worker is killed last, as it does not come back. Skipped, with the reason, where the cluster cannot start (unless
 * {@value Require#SPARK_CLUSTER} is 1, as in CI).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkClusterIT {
    /** 4 bands x 2 inventory caps x 2 seeds: 16 runs of 5,001 agents for 150 epochs. */
    private static final int RUNS = 16;
    /**
     * How long a test waits for the first runs of a sweep before it kills a driver or a worker. A bound, not a
     * timing: the wait ends as soon as 3 runs are complete (seconds when the machine is quiet), but on a loaded
     * 2-core machine an executor's JVM alone took over 120 s to start, and the kill then came before any run.
     */
    private static final long FIRST_RUNS_WAIT_S = 600;

    @TempDir
    static Path tmp;
    private static StandaloneCluster cluster;
    private static JavaSparkContext spark;
    private static final Tasks TASKS = new Tasks();
    private static Path sweepFile;
    private static SweepSpec spec;
    private static List<String> reference;

    @BeforeAll
    static void startTheClusterAndRunTheReference() throws Exception {
        try {
            cluster = new StandaloneCluster(Files.createDirectories(tmp.resolve("cluster")), 2, 3);
        } catch (IOException | IllegalStateException e) {
            Require.missingCluster(e.getMessage());
        }
        // GPUs scheduled for every task, as on a GPU cluster: runs on java or opencl take their GPU and ignore it
        spark = new JavaSparkContext(Sweeps.conf(cluster.url())
                .set("spark.jars", System.getProperty("vaesim.spark.jar")).set("spark.executor.memory", "768m")
                .set("spark.cores.max", "4")
                .set("spark.executor.resource.gpu.amount", "2").set("spark.task.resource.gpu.amount", "1")
                .set("spark.task.maxFailures", "4"));
        spark.sc().addSparkListener(TASKS);
        sweepFile = Sweeps.file(tmp, "[2, 3, 5, 8]", 2, 150);
        spec = SweepSpec.load(sweepFile);
        reference = Sweeps.rows(Sweep.run(spec, tmp.resolve("local"), "java", null, true, false, Sweeps.SILENT)
                .results());
    }

    @AfterAll
    static void stopTheCluster() throws Exception {
        if (spark != null) {
            spark.stop();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    /** What the application's scheduler did: tasks started, and tasks lost with their executor. */
    private static final class Tasks extends SparkListener {
        final AtomicInteger started = new AtomicInteger();
        final AtomicInteger lost = new AtomicInteger();

        @Override
        public void onTaskStart(SparkListenerTaskStart start) {
            started.incrementAndGet();
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            if (end.reason() instanceof ExecutorLostFailure) {
                lost.incrementAndGet();
            }
        }
    }

    private static Sweep.Outcome sweep(SweepSpec spec, Path out, String backend, PrintStream log) throws Exception {
        return Sweep.run(spec, out, backend, true, false, new SparkSweepExecutor(spark, log), log);
    }

    @Test
    @Order(1)
    void aSweepOnTheClusterMatchesTheLocalEngineRowByRow() throws Exception {
        int started = TASKS.started.get();
        Sweep.Outcome o = sweep(spec, tmp.resolve("cluster-sweep"), "java", Sweeps.SILENT);
        assertEquals(RUNS, o.ran());
        assertEquals(0, o.failed());
        assertEquals(reference, Sweeps.rows(o.results()), "the same rows and state checksums as the local engine");
        assertEquals(RUNS, TASKS.started.get() - started, "one task per run");
        assertTrue(cluster.workerLogCount(0, "Asked to launch executor") > 0
                && cluster.workerLogCount(1, "Asked to launch executor") > 0, "both workers ran executors");
    }

    /**
     * With GPUs scheduled (one per task, two per executor), each run is started on cuda:ADDRESS for the address
     * Spark assigned its task. There is no GPU here, so each run fails, saying why, and is not tried again although
     * the application allows 4 tries of a task.
     */
    @Test
    @Order(2)
    void eachRunGetsTheGpuItsTaskWasAssignedAndAFailingRunIsNotRetried() throws Exception {
        SweepSpec small = SweepSpec.load(Sweeps.file(Files.createDirectories(tmp.resolve("gpu")), "[5]", 2, 10));
        int started = TASKS.started.get();
        Path out = tmp.resolve("gpu-sweep");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Sweep.Outcome o = sweep(small, out, "cuda", new PrintStream(log, true, StandardCharsets.UTF_8));
        assertEquals(4, o.failed(), "no CUDA device here");
        assertEquals(4, TASKS.started.get() - started, "a run that fails of itself is recorded, not retried");
        String lines = log.toString(StandardCharsets.UTF_8);
        assertEquals(4, lines.split(": failed: IllegalArgumentException: the cuda backend cannot run on device [01]"
                + " here: ", -1).length - 1,
                "each failure with its reason: " + lines);
        Set<String> backends = new TreeSet<>();
        try (var runs = Files.list(out.resolve("points"))) {
            for (Path run : runs.toList()) {
                backends.add(RunDirectory.JSON.readTree(run.resolve("run.json").toFile()).path("backend").asText());
            }
        }
        assertTrue(Set.of("cuda:0", "cuda:1").containsAll(backends) && !backends.isEmpty(),
                "each run on its task's GPU: " + backends);
        assertEquals(List.of(), Files.readAllLines(o.results()), "no row for a failed run");
    }

    @Test
    @Order(3)
    void aSweepWhoseDriverIsKilledResumesWithoutDuplicateOrMissingRows() throws Exception {
        Path out = tmp.resolve("driver-killed");
        Path jars = Path.of(System.getProperty("vaesim.spark.home")).resolve("jars");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "--enable-native-access=ALL-UNNAMED"));
        command.addAll(List.of(System.getProperty("vaesim.spark.opens").trim().split("\\s+")));
        // as ./vaesim runs it: the CLI from vaesim-spark.jar, which ships itself (and DuckDB) to the executors
        command.addAll(List.of("-Dspark.driver.host=127.0.0.1", "-Dspark.driver.bindAddress=127.0.0.1",
                "-Dspark.ui.enabled=false", "-Dspark.executor.memory=768m",
                "-Djava.io.tmpdir=" + Files.createDirectories(tmp.resolve("driver-tmp")),
                "-cp", System.getProperty("vaesim.spark.jar") + File.pathSeparator + jars + File.separator + "*",
                "org.vaesim.host.cli.VaesimCli", "sweep", sweepFile.toString(), "--engine", "spark",
                "--master", cluster.url(), "--out", out.toString()));
        Process driver = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("driver.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(FIRST_RUNS_WAIT_S);
        while (System.nanoTime() < deadline && complete(out) < 3 && driver.isAlive()) {
            Thread.sleep(20);
        }
        driver.destroyForcibly();
        assertTrue(driver.waitFor(30, TimeUnit.SECONDS));
        int before = complete(out);
        assertTrue(before >= 3 && before < RUNS, "killed part way: " + before + " of " + RUNS + " runs complete; "
                + String.join("\n", Files.readAllLines(tmp.resolve("driver.log"))));

        Sweep.Outcome resumed = sweep(spec, out, "java", Sweeps.SILENT);
        assertTrue(resumed.reused() >= before, resumed.reused() + " reused of " + before);
        assertEquals(RUNS, resumed.ran() + resumed.reused());
        List<String> rows = Sweeps.rows(resumed.results());
        assertEquals(reference, rows, "the rows of an uninterrupted sweep");
        Sweeps.assertCompleteAndDistinct(rows, RUNS);
    }

    @Test
    @Order(4)
    void aWorkerKilledMidSweepStillGivesACompleteDuplicateFreeResult() throws Exception {
        Path out = tmp.resolve("worker-killed");
        int lost = TASKS.lost.get();
        CompletableFuture<Sweep.Outcome> sweep = CompletableFuture.supplyAsync(() -> {
            try {
                return sweep(spec, out, "java", Sweeps.SILENT);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(FIRST_RUNS_WAIT_S);
        while (System.nanoTime() < deadline && complete(out) < 3 && !sweep.isDone()) {
            Thread.sleep(20);
        }
        int before = complete(out);
        cluster.killWorker(0);
        Sweep.Outcome o = sweep.get(300, TimeUnit.SECONDS);
        assertTrue(before < RUNS, "the worker died mid-sweep: " + before + " of " + RUNS + " runs were complete");
        assertTrue(TASKS.lost.get() > lost, "runs were lost with the worker's executor, and run again");
        assertEquals(RUNS, o.ran(), "every run, those of the lost worker again elsewhere");
        assertEquals(0, o.failed());
        List<String> rows = Sweeps.rows(o.results());
        assertEquals(reference, rows);
        Sweeps.assertCompleteAndDistinct(rows, RUNS);
    }

    /** The runs in {@code out} whose summary says complete. */
    private static int complete(Path out) throws Exception {
        Path points = out.resolve("points");
        if (!Files.isDirectory(points)) {
            return 0;
        }
        try (var runs = Files.list(points)) {
            return (int) runs.filter(r -> !r.getFileName().toString().startsWith(".")).filter(r -> {
                try {
                    return Files.readString(r.resolve("summary.json")).contains("\"status\" : \"complete\"");
                } catch (java.io.IOException e) {
                    return false;
                }
            }).count();
        }
    }
}
