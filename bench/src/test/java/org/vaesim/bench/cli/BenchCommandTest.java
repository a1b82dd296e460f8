package org.vaesim.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaesim.bench.Require;
import org.vaesim.host.cli.VaesimCli;
import org.vaesim.kernels.cuda.CudaDevice;
import org.vaesim.models.population.CohortSpec;
import org.vaesim.models.scenario.Scenario;
import org.vaesim.models.scenario.ScenarioLoader;
import org.vaesim.models.strategy.StrategyFamily;
import org.vaesim.kernels.opencl.OpenClDevice;

import picocli.CommandLine;

class BenchCommandTest {
    @Test
    void writesTheBenchEconomyAsScenarioFilesForVaesimRun(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("scenarios");
        CommandLine cl = VaesimCli.commandLine().addSubcommand("bench", new BenchCommand());
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));
        assertEquals(0, cl.execute("bench", "--agents", "400", "--epochs", "5", "--warmup", "2",
                "--write-scenarios", out.toString()), err.toString());
        Scenario plain = ScenarioLoader.load(out.resolve("bench-400.json"));
        Scenario safe = ScenarioLoader.load(out.resolve("bench-safety-400.json"));
        Scenario heterogeneous = ScenarioLoader.load(out.resolve("bench-heterogeneous-400.json"));
        assertTrue(heterogeneous.cohorts().stream().anyMatch(c -> c.family() == StrategyFamily.SWITCHING));
        for (Scenario s : new Scenario[] {plain, safe, heterogeneous}) {
            assertEquals(7, s.epochs(), "warm-up and timed epochs");
            assertEquals(400, s.cohorts().stream().mapToInt(CohortSpec::count).sum());
        }
        assertEquals(plain.cohorts().size(), plain.principals().size(), "without the layer each cohort deploys itself");
        assertTrue(plain.safety().killRules().isEmpty());
        assertEquals(5, safe.principals().size());
        assertFalse(safe.safety().killRules().isEmpty());

        Path blocked = Files.writeString(dir.resolve("a-file"), "not a directory");
        StringWriter err2 = new StringWriter();
        cl.setErr(new PrintWriter(err2));
        assertEquals(2, cl.execute("bench", "--agents", "400", "--write-scenarios", blocked.toString()));
        assertTrue(err2.toString().contains("--write-scenarios " + blocked + ": cannot write"), err2.toString());
    }

    @Test
    void runsTinyBenchAndWritesEveryNumberAsJson(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("bench.json");
        CommandLine cl = VaesimCli.commandLine().addSubcommand("bench", new BenchCommand());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("bench", "--agents", "20000", "--epochs", "3", "--warmup", "1", "--threads", "2",
                "--naive-agents", "2000", "--stream-mb", "16", "--json", json.toString());
        assertEquals(0, code, err.toString());
        assertTrue(out.toString().contains("roofline"), out.toString());
        assertTrue(out.toString().contains("speedup vs naive"), out.toString());

        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertEquals("vaesim bench --agents 20000 --epochs 3 --warmup 1 --threads 2 --naive-agents 2000"
                + " --stream-mb 16 --json " + json, j.get("command").asText());
        for (String key : new String[] {"cores", "os", "jvm", "cpu_model"}) {
            assertTrue(j.get("machine").has(key), "machine." + key);
        }
        assertEquals(20000, j.get("engine").get("agents").asInt());
        assertEquals(3, j.get("engine").get("epochs").asInt());
        assertTrue(j.get("engine").get("agent_epochs_per_s").asDouble() > 0);
        assertTrue(j.get("engine").get("epoch_ms").has("p50"));
        assertTrue(j.get("engine").get("epoch_ms").has("p99"));
        assertTrue(j.get("stream_triad").get("bytes_per_s").asDouble() > 0);
        assertEquals(24, j.get("stream_triad").get("bytes_per_element").asInt());
        assertEquals(88, j.get("bytes_per_agent_epoch").get("total").asInt());
        assertTrue(j.get("roofline").get("agent_epochs_per_s").asDouble() > 0);
        assertTrue(j.get("roofline").get("achieved_fraction").asDouble() > 0);
        assertEquals(2000, j.get("naive").get("agents").asInt());
        assertTrue(j.get("naive").get("extrapolated").asBoolean());
        double sortShare = j.get("naive").get("sort_share").asDouble();
        assertTrue(sortShare > 0 && sortShare < 1, "the sorts are part of a naive epoch: " + sortShare);
        assertTrue(out.toString().contains("of which sorting the books"), out.toString());
        assertTrue(j.get("speedup_vs_naive").asDouble() > 0);
        assertFalse(j.get("engine_1_thread").isNull());
        assertEquals("java", j.get("engine").get("backend").asText());
        assertEquals("java", j.get("config").get("backend").asText());
        assertTrue(j.get("engine_java").isNull());
        assertTrue(j.get("speedup_vs_java").isNull());
        assertTrue(j.get("device_stream").isNull());
        assertTrue(j.get("device_roofline").isNull());

        // The safety layer's overhead, on by default: the same backend, threads and sizes without and with it.
        assertTrue(out.toString().contains("safety overhead"), out.toString());
        assertTrue(j.get("config").get("safety").asBoolean());
        JsonNode with = j.get("engine_safety");
        JsonNode without = j.get("engine_safety_baseline");
        for (JsonNode run : new JsonNode[] {with, without}) {
            assertEquals("java", run.get("backend").asText());
            assertEquals(20000, run.get("agents").asInt());
            assertEquals(3, run.get("epochs").asInt());
            assertEquals(2, run.get("threads").asInt());
            assertTrue(run.get("agent_epochs_per_s").asDouble() > 0);
            assertTrue(run.get("epoch_ms").has("p99"));
        }
        assertEquals(1 - with.get("agent_epochs_per_s").asDouble() / without.get("agent_epochs_per_s").asDouble(),
                j.get("safety_overhead").asDouble(), 1e-9);
        // Three pairs of JVMs by default; the overhead is the median pair's, and engine_safety is that pair's run.
        assertEquals(3, j.get("config").get("safety_pairs").asInt());
        JsonNode pairs = j.get("safety_pairs");
        assertEquals(3, pairs.size());
        double[] overheads = new double[3];
        for (int p = 0; p < 3; p++) {
            JsonNode pair = pairs.get(p);
            overheads[p] = pair.get("overhead").asDouble();
            assertEquals(1 - pair.get("agent_epochs_per_s_with").asDouble()
                    / pair.get("agent_epochs_per_s_without").asDouble(), overheads[p], 1e-9);
        }
        Arrays.sort(overheads);
        assertEquals(overheads[1], j.get("safety_overhead").asDouble(), 1e-12);
        // Every epoch of the safety run went to its audit log (warm-up included); the baseline had none.
        assertEquals(4, with.get("activity").get("audit_records").asLong());
        assertTrue(with.get("activity").get("audit_bytes").asLong() > 0);
        assertTrue(with.get("activity").get("audit_record_mean_us").asDouble() > 0);
        assertEquals(0, without.get("activity").get("audit_record_mean_us").asDouble());
        assertEquals(0, with.get("activity").get("breaker_trips").asLong());
        assertEquals(0, with.get("activity").get("agents_killed").asLong());
        assertEquals(0, without.get("activity").get("audit_records").asLong());
        assertTrue(without.get("activity").get("traded_units").asLong() > 0);
        assertTrue(j.get("engine").get("activity").get("traded_units").asLong() > 0);
    }

    @Test
    void skipsTheSafetyRunsWithNoSafetyAndLeavesNoAuditLogBehind(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("bench.json");
        Set<Path> before = auditLogs();
        CommandLine cl = VaesimCli.commandLine().addSubcommand("bench", new BenchCommand());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        assertEquals(0, cl.execute("bench", "--agents", "400", "--epochs", "1", "--warmup", "0", "--threads", "1",
                "--naive-agents", "0", "--stream-mb", "1", "--stream-reps", "1", "--no-safety",
                "--json", json.toString()), err.toString());
        assertFalse(out.toString().contains("safety overhead"), out.toString());
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertFalse(j.get("config").get("safety").asBoolean());
        assertTrue(j.get("engine_safety").isNull());
        assertTrue(j.get("engine_safety_baseline").isNull());
        assertTrue(j.get("safety_overhead").isNull());

        assertEquals(0, cl.execute("bench", "--agents", "400", "--epochs", "1", "--warmup", "0", "--threads", "1",
                "--naive-agents", "0", "--stream-mb", "1", "--stream-reps", "1"), err.toString());
        assertTrue(out.toString().contains("safety overhead"), out.toString());
        // Only files this run added count: another process's bench may create or delete its own meanwhile.
        Set<Path> left = new HashSet<>(auditLogs());
        left.removeAll(before);
        assertEquals(Set.of(), left, "the safety run's temporary audit log is deleted");
    }

    /** --threads above the core count runs, with a note; the files written are named by absolute paths. */
    @Test
    void moreThreadsThanCoresGetANoteAndWrittenFilesAreNamedAbsolute(@TempDir Path dir) {
        int cores = Runtime.getRuntime().availableProcessors();
        Path json = Path.of("").toAbsolutePath().relativize(dir.resolve("bench.json"));
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        assertEquals(0, cl.execute("bench", "--agents", "400", "--epochs", "1", "--warmup", "0", "--threads",
                Integer.toString(cores + 1), "--naive-agents", "0", "--stream-mb", "1", "--stream-reps", "1",
                "--no-safety", "--json", json.toString()), err.toString());
        assertTrue(err.toString().contains("bench: note: --threads " + (cores + 1) + " is more than the " + cores
                + " cores"), err.toString());
        assertTrue(err.toString().contains("bench: wrote " + dir.resolve("bench.json").toAbsolutePath().normalize()
                + System.lineSeparator()), err.toString());
    }

    @Test
    void refusesFewerThanOneSafetyPair() {
        CommandLine cl = VaesimCli.commandLine().addSubcommand("bench", new BenchCommand());
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        assertEquals(2, cl.execute("bench", "--agents", "400", "--safety-pairs", "0"));
        assertTrue(err.toString().contains("--safety-pairs must be >= 1"), err.toString());
    }

    private static Set<Path> auditLogs() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().startsWith("vaesim-bench-audit-"))
                    .collect(Collectors.toSet());
        }
    }

    @Test
    void runsTinyOpenClBenchAgainstJavaAndTheDeviceRoofline(@TempDir Path dir) throws Exception {
        OpenClDevice device = Require.openClDevice();
        Path json = dir.resolve("bench-opencl.json");
        CommandLine cl = VaesimCli.commandLine().addSubcommand("bench", new BenchCommand());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("bench", "--backend", "opencl", "--agents", "4000", "--epochs", "3", "--warmup", "1",
                "--threads", "2", "--naive-agents", "0", "--stream-mb", "6", "--stream-reps", "2",
                "--json", json.toString());
        assertEquals(0, code, err.toString());
        String table = out.toString();
        assertTrue(table.contains("engine (opencl"), table);
        assertTrue(table.contains(device.toString()), table);
        assertTrue(table.contains("speedup vs java"), table);
        assertTrue(table.contains("device STREAM triad"), table);
        assertTrue(table.contains("achieved / device roofline"), table);

        JsonNode j = new ObjectMapper().readTree(json.toFile());
        JsonNode engine = j.get("engine");
        assertEquals("opencl", engine.get("backend").asText());
        assertEquals(device.toString(), engine.get("device").asText());
        assertEquals(4000, engine.get("agents").asInt());
        assertTrue(engine.get("agent_epochs_per_s").asDouble() > 0);
        assertEquals("opencl", j.get("config").get("backend").asText());

        JsonNode java = j.get("engine_java");
        assertEquals("java", java.get("backend").asText());
        assertEquals(2, java.get("threads").asInt());
        assertEquals(4000, java.get("agents").asInt());
        assertEquals(engine.get("agent_epochs_per_s").asDouble() / java.get("agent_epochs_per_s").asDouble(),
                j.get("speedup_vs_java").asDouble(), 1e-9 * j.get("speedup_vs_java").asDouble());
        assertEquals("java", j.get("engine_1_thread").get("backend").asText());

        JsonNode ds = j.get("device_stream");
        assertEquals(device.toString(), ds.get("device").asText());
        assertTrue(ds.get("bytes_per_s").asDouble() > 0);
        assertEquals(6.0 * (1 << 20) / 24, ds.get("elements_per_array").asDouble(), 1.0);
        assertEquals(2, ds.get("repetitions").asInt());
        assertEquals(24, ds.get("bytes_per_element").asInt());

        JsonNode dr = j.get("device_roofline");
        assertEquals(ds.get("bytes_per_s").asDouble() / 88, dr.get("agent_epochs_per_s").asDouble(),
                1e-9 * dr.get("agent_epochs_per_s").asDouble());
        assertEquals(engine.get("agent_epochs_per_s").asDouble() / dr.get("agent_epochs_per_s").asDouble(),
                dr.get("achieved_fraction").asDouble(), 1e-9);
        // The CPU roofline is the java engine's.
        assertEquals(java.get("agent_epochs_per_s").asDouble() / j.get("roofline").get("agent_epochs_per_s")
                .asDouble(), j.get("roofline").get("achieved_fraction").asDouble(), 1e-9);
        assertTrue(j.get("stream_triad").get("bytes_per_s").asDouble() > 0);
        assertTrue(j.get("naive").isNull());
        // The safety comparison runs on the bench's backend.
        assertEquals("opencl", j.get("engine_safety").get("backend").asText());
        assertEquals("opencl", j.get("engine_safety_baseline").get("backend").asText());
        assertTrue(j.get("safety_overhead").isNumber());
    }

    @Test
    void refusesABackendThatCannotRunAsBadInputSayingWhy() {
        CommandLine cl = VaesimCli.commandLine().addSubcommand("bench", new BenchCommand());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        CudaDevice.Search cuda = CudaDevice.find();
        if (!cuda.found()) { // on a GPU machine cuda runs; the unknown name below is refused everywhere
            assertEquals(2, cl.execute("bench", "--backend", "cuda", "--agents", "4000"));
            assertTrue(err.toString().contains("--backend cuda: the cuda backend cannot run here: " + cuda.reason()),
                    err.toString());
            assertFalse(out.toString().contains("engine"), out.toString());
        }

        StringWriter err2 = new StringWriter();
        cl.setErr(new PrintWriter(err2));
        assertEquals(2, cl.execute("bench", "--backend", "gpu"));
        assertTrue(err2.toString().contains("unknown backend 'gpu'"), err2.toString());
    }

    @Test
    void warnsOfRunsTooShortToBePastTheJitWarmUp() {
        String note = BenchCommand.shortRunNote(100_000, 50, 300);
        assertTrue(note.contains("35,000,000 agent-epochs"), note);
        assertTrue(note.contains("at least 500"), note);
        assertNull(BenchCommand.shortRunNote(100_000, 300, 200));
        assertNull(BenchCommand.shortRunNote(1_000_000, 20, 100));
        // agents x epochs past the range of int must not wrap into a warning
        assertNull(BenchCommand.shortRunNote(50_000_000, 20, 100));
    }

    @Test
    void warnsThatASafetyOverheadWithShortWarmUpIncludesTheJit() {
        String note = BenchCommand.safetyWarmupNote(true, 10);
        assertTrue(note.contains("--warmup 10"), note);
        assertTrue(note.contains("--warmup 200 or more"), note);
        assertNull(BenchCommand.safetyWarmupNote(true, 200));
        assertNull(BenchCommand.safetyWarmupNote(false, 10), "no safety comparison, nothing to warn of");
    }

    @Test
    void refusesTooFewAgentsAsBadInput() {
        CommandLine cl = VaesimCli.commandLine().addSubcommand("bench", new BenchCommand());
        cl.setErr(new PrintWriter(new StringWriter()));
        assertEquals(2, cl.execute("bench", "--agents", "10"));
    }
}
