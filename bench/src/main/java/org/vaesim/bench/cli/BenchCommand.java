package org.vaesim.bench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.vaesim.bench.BenchScenario;
import org.vaesim.bench.HardwareBench;
import org.vaesim.kernels.Backends;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code vaesim bench}: engine throughput, memory-bandwidth roofline and naive baseline in one run
 * (see {@link HardwareBench} and docs/bench.md).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure engine throughput (agent-epochs/s) on the standard benchmark economy, the machine's"
                + " STREAM-triad bandwidth and the roofline it implies, and the naive object-per-agent baseline,"
                + " in one run; with --backend opencl also the java backend, the speedup between them and the"
                + " device's bandwidth and roofline; unless --no-safety, the safety layer's overhead. Prints a"
                + " table; --json also writes every number."})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--agents", paramLabel = "N", defaultValue = "1000000",
            description = "Agents in the engine run (default: ${DEFAULT-VALUE})")
    int agents;

    @Option(names = "--epochs", paramLabel = "E", defaultValue = "100",
            description = "Timed epochs (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--warmup", paramLabel = "W", defaultValue = "20",
            description = "Warm-up epochs before timing; the epoch-time histogram is reset after them"
                    + " (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--backend", paramLabel = "B", defaultValue = "java",
            description = "Backend of the engine run: java, opencl, cuda or auto (cuda, then opencl on a GPU, then"
                    + " java); on a"
                    + " backend other than java the java backend is measured too, for the speedup, and on opencl"
                    + " the device's STREAM bandwidth and roofline as well (default: ${DEFAULT-VALUE})")
    String backend;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads for the java engine and the"
            + " CPU STREAM (default: all cores)")
    Integer threads;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write all numbers as JSON to FILE")
    Path json;

    @Option(names = "--naive-agents", paramLabel = "N", description = "Agents in the naive baseline run"
            + " (default: --agents; lower it if the baseline is too slow, the speedup is then a lower bound;"
            + " 0 skips it)")
    Integer naiveAgents;

    @Option(names = "--naive-epochs", paramLabel = "E", description = "Timed epochs of the naive baseline"
            + " (default: --epochs)")
    Integer naiveEpochs;

    @Option(names = "--naive-warmup", paramLabel = "W", description = "Warm-up epochs of the naive baseline"
            + " (default: --warmup)")
    Integer naiveWarmup;

    @Option(names = "--stream-mb", paramLabel = "M", defaultValue = "768",
            description = "Total MiB of the three STREAM arrays; keep it far above the last-level cache"
                    + " (default: ${DEFAULT-VALUE})")
    int streamMiB;

    @Option(names = "--stream-reps", paramLabel = "K", defaultValue = "10",
            description = "STREAM repetitions; the best counts (default: ${DEFAULT-VALUE})")
    int streamReps;

    @Option(names = "--safety", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also measure the engine with the full safety layer (circuit breakers, market-wide halts,"
                    + " kill rules, principals, scopes and rate limits on every cohort, reputation with probation, a"
                    + " principal's rate limit) and an audit log, on the"
                    + " same backend, threads and sizes, and report the overhead, 1 - with / without;"
                    + " --no-safety skips it (default: on)")
    boolean safety;

    @Option(names = "--safety-pairs", paramLabel = "K", defaultValue = "3",
            description = "Pairs of fresh JVMs (one without the layer, one with it) that measure the safety overhead;"
                    + " the bench reports their median, since which code the JIT produces varies from JVM to JVM"
                    + " (default: ${DEFAULT-VALUE})")
    int safetyPairs;

    @Option(names = "--heterogeneous-pairs", paramLabel = "K", defaultValue = "0",
            description = "Also measure the standard economy with heterogeneous beliefs (switching, order-driven and"
                    + " noise traders, a twice finer grid) against the standard one, in K pairs of fresh JVMs with"
                    + " epochs interleaved, and report its cost per agent-epoch as a ratio (the median pair's);"
                    + " 0 skips it (default: ${DEFAULT-VALUE})")
    int heterogeneousPairs;

    @Option(names = "--write-scenarios", paramLabel = "DIR",
            description = "Write the bench economy at --agents, for --warmup + --epochs epochs, as scenario files for"
                    + " vaesim run (bench-N.json, bench-safety-N.json with the safety layer and"
                    + " bench-heterogeneous-N.json with heterogeneous beliefs) into DIR, and exit"
                    + " without measuring")
    Path writeScenarios;

    @Override
    public Integer call() throws IOException {
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        String resolved;
        try {
            resolved = Backends.resolve(backend);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--backend " + backend + ": " + e.getMessage());
        }
        HardwareBench.Config config;
        try {
            config = new HardwareBench.Config(agents, epochs, warmup, t,
                    naiveAgents != null ? naiveAgents : agents,
                    naiveEpochs != null ? naiveEpochs : epochs,
                    naiveWarmup != null ? naiveWarmup : warmup,
                    streamMiB, streamReps, resolved, backend, safety, safetyPairs, heterogeneousPairs);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (t > 1024) {
            throw new ParameterException(spec.commandLine(), "--threads must be between 1 and 1024");
        }
        if (agents < BenchScenario.MIN_AGENTS) {
            throw new ParameterException(spec.commandLine(), "--agents must be at least " + BenchScenario.MIN_AGENTS);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (writeScenarios != null) {
            writeScenarios(out);
            return 0;
        }
        String note = shortRunNote(agents, warmup, epochs);
        if (note != null) {
            err.println(note);
        }
        if (t > Runtime.getRuntime().availableProcessors()) {
            err.println("bench: note: --threads " + t + " is more than the " + Runtime.getRuntime()
                    .availableProcessors() + " cores this JVM may use; the extra threads share them");
        }
        String safetyNote = safetyWarmupNote(safety, warmup);
        if (safetyNote != null) {
            err.println(safetyNote);
        }
        HardwareBench.Report report = HardwareBench.run(config, commandLine(), err);
        HardwareBench.printTable(report, out);
        if (json != null) {
            Path parent = json.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(json.toFile(), HardwareBench.toJson(report));
            err.println("bench: wrote " + json.toAbsolutePath().normalize());
        }
        return 0;
    }

    /** Writes the plain, the safety and the heterogeneous economy as scenario files (--write-scenarios). */
    private void writeScenarios(PrintWriter out) {
        int total = warmup + epochs;
        Path file = writeScenarios;
        try {
            Files.createDirectories(writeScenarios);
            for (boolean withSafety : new boolean[] {false, true}) {
                file = writeScenarios.resolve((withSafety ? "bench-safety-" : "bench-") + agents + ".json");
                Files.writeString(file, withSafety ? BenchScenario.jsonWithSafety(agents, total)
                        : BenchScenario.json(agents, total));
                out.println("bench: wrote " + file.toAbsolutePath().normalize());
            }
            file = writeScenarios.resolve("bench-heterogeneous-" + agents + ".json");
            Files.writeString(file, BenchScenario.jsonHeterogeneous(agents, total));
            out.println("bench: wrote " + file);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--write-scenarios " + writeScenarios
                    + ": cannot write " + file + ": " + e.getMessage());
        }
    }

    /**
     * Agent-epochs per engine (warm-up included) below which the JIT's warm-up still shows in the figures: at
     * 10^5 agents, 350 epochs gave a safety overhead of 20% and 1,800 epochs 7-10% (docs/performance.md).
     */
    static final long SHORT_RUN_AGENT_EPOCHS = 50_000_000L;

    /**
     * Warm-up epochs below which the safety overhead still includes the JIT's warm-up: the kernels' compilation and
     * recompilation (the safety JVM's gate has more paths to compile) and the host code that runs once per epoch
     * (breakers, kill rules, the audit record), which takes a few hundred calls to compile. At 10^6 agents, 20 + 100
     * epochs read 15.8 % and 16.9 % where 200 + 300 read 10.6 % and 12.3 % (docs/performance.md).
     */
    static final int SAFETY_WARMUP_EPOCHS = 200;

    /** A warning that the safety overhead of a run with {@code warmup} warm-up epochs includes JIT warm-up, or null. */
    static String safetyWarmupNote(boolean safety, int warmup) {
        if (!safety || warmup >= SAFETY_WARMUP_EPOCHS) {
            return null;
        }
        return String.format(Locale.ROOT, "bench: note: with --warmup %d the safety overhead still includes the JIT's"
                + " warm-up (compiling the kernels and the per-epoch host code: breakers, kill rules, audit log); give"
                + " --warmup %d or more for the steady-state overhead.", warmup, SAFETY_WARMUP_EPOCHS);
    }

    /** A warning for a run too short to trust, or null. */
    static String shortRunNote(int agents, int warmup, int epochs) {
        long agentEpochs = (long) agents * (warmup + epochs);
        if (agentEpochs >= SHORT_RUN_AGENT_EPOCHS) {
            return null;
        }
        long epochsNeeded = (SHORT_RUN_AGENT_EPOCHS + agents - 1) / agents;
        return String.format(Locale.ROOT, "bench: note: %,d agent-epochs per engine (warm-up included) is short;"
                + " below %,d the JIT's warm-up still shows in the figures. For %,d agents, give --warmup plus"
                + " --epochs at least %,d.", agentEpochs, SHORT_RUN_AGENT_EPOCHS, agents, epochsNeeded);
    }

    /** How this bench was invoked, for the report: {@code vaesim bench --agents ...}. */
    private String commandLine() {
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        StringBuilder s = new StringBuilder("vaesim");
        for (String a : args) {
            s.append(' ').append(a);
        }
        return s.toString();
    }
}
