package org.vaesim.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.vaesim.bench.naive.NaiveSimulator;
import org.vaesim.bench.roofline.BytesPerAgentEpoch;
import org.vaesim.bench.roofline.DeviceStreamTriad;
import org.vaesim.bench.roofline.StreamTriad;
import org.vaesim.host.epoch.Engine;
import org.vaesim.host.epoch.MarketState;
import org.vaesim.host.safety.AuditLog;
import org.vaesim.host.safety.AuditVerifier;
import org.vaesim.host.safety.CircuitBreakers;
import org.vaesim.host.safety.SafetyState;
import org.vaesim.kernels.Backends;
import org.vaesim.kernels.gate.RejectReason;
import org.vaesim.kernels.opencl.OpenClDevice;
import org.vaesim.models.scenario.Scenario;

/**
 * The end-to-end hardware bench: in one run it measures
 * <ol type="a">
 *   <li>the engine's throughput (agent-epochs/s) on the standard scenario ({@link BenchScenario}) at N agents
 *       on the chosen backend, with every epoch's wall time in an HdrHistogram reset after the warm-up; on a
 *       backend other than java, the java backend on the same scenario as well, and the speedup between them;</li>
 *   <li>the machine's memory bandwidth (STREAM triad, same thread count), and on the opencl backend the
 *       device's too ({@link DeviceStreamTriad});</li>
 *   <li>the bytes one agent-epoch moves ({@link BytesPerAgentEpoch});</li>
 *   <li>the roofline, bandwidth / bytes, and the fraction of it the java engine reaches; on opencl, the device
 *       roofline and the fraction of it the opencl engine reaches;</li>
 *   <li>the naive object-per-agent baseline ({@link NaiveSimulator}) on the same scenario, and the speedup;</li>
 *   <li>unless switched off, the safety layer's overhead, 1 - (with / without): the engine on the same backend,
 *       threads and sizes without and with the full safety layer ({@link BenchScenario#jsonWithSafety}) and an
 *       {@link AuditLog} on a temporary file, each in a JVM of its own, the two taking turns epoch by epoch
 *       ({@link #measureSafetyOverhead}); repeated in fresh JVMs, the median pair counts.</li>
 * </ol>
 * With more than one thread it also measures the java engine on one thread, so the speedup over the
 * single-threaded baseline can be read per core as well.
 */
public final class HardwareBench {
    private static final long MAX_NANOS = 3_600_000_000_000L;

    private HardwareBench() {
    }

    /**
     * @param naiveAgents  agents of the naive run (0 skips it); fewer than {@code agents} makes its rate an
     *                     extrapolation, reported as such
     * @param streamMiB    total size of the STREAM arrays (three arrays), MiB; the device STREAM's too
     * @param backend      the engine's backend as {@link Backends#resolve} named it (not {@code auto})
     * @param requestedBackend what {@code --backend} asked for ({@code auto} included)
     * @param safety       also measure the engine with the full safety layer, for its overhead
     * @param safetyPairs  how many pairs of fresh JVMs measure it (the overhead is their median)
     * @param heterogeneousPairs pairs of fresh JVMs that measure the heterogeneous economy's cost per agent-epoch
     *                     against the standard one's (the median ratio is reported); 0 skips it
     */
    public record Config(int agents, int epochs, int warmup, int threads, int naiveAgents, int naiveEpochs,
                         int naiveWarmup, int streamMiB, int streamRepetitions, String backend,
                         String requestedBackend, boolean safety, int safetyPairs, int heterogeneousPairs) {
        /** Pairs of JVMs for the safety overhead unless asked otherwise. */
        public static final int DEFAULT_SAFETY_PAIRS = 3;

        /** A java-backend bench, the safety layer's overhead included. */
        public Config(int agents, int epochs, int warmup, int threads, int naiveAgents, int naiveEpochs,
                      int naiveWarmup, int streamMiB, int streamRepetitions) {
            this(agents, epochs, warmup, threads, naiveAgents, naiveEpochs, naiveWarmup, streamMiB,
                    streamRepetitions, Backends.JAVA, Backends.JAVA);
        }

        /** A bench on {@code backend}, the safety layer's overhead included. */
        public Config(int agents, int epochs, int warmup, int threads, int naiveAgents, int naiveEpochs,
                      int naiveWarmup, int streamMiB, int streamRepetitions, String backend,
                      String requestedBackend) {
            this(agents, epochs, warmup, threads, naiveAgents, naiveEpochs, naiveWarmup, streamMiB,
                    streamRepetitions, backend, requestedBackend, true, DEFAULT_SAFETY_PAIRS, 0);
        }

        public Config {
            if (backend == null || backend.equals(Backends.AUTO) || !Backends.NAMES.contains(backend)) {
                throw new IllegalArgumentException("the bench needs a resolved backend, one of java, opencl, cuda; got "
                        + backend);
            }
            if (requestedBackend == null) {
                requestedBackend = backend;
            }
            if (agents < BenchScenario.MIN_AGENTS) {
                throw new IllegalArgumentException("--agents must be at least " + BenchScenario.MIN_AGENTS);
            }
            if (epochs < 1 || warmup < 0 || naiveEpochs < 1 || naiveWarmup < 0) {
                throw new IllegalArgumentException("epochs must be >= 1 and warm-up >= 0");
            }
            if (threads < 1) {
                throw new IllegalArgumentException("--threads must be >= 1");
            }
            if (naiveAgents != 0 && naiveAgents < BenchScenario.MIN_AGENTS) {
                throw new IllegalArgumentException("--naive-agents must be 0 (skip) or at least "
                        + BenchScenario.MIN_AGENTS);
            }
            if (safetyPairs < 1) {
                throw new IllegalArgumentException("--safety-pairs must be >= 1");
            }
            if (heterogeneousPairs < 0) {
                throw new IllegalArgumentException("--heterogeneous-pairs must be >= 0");
            }
            if (streamMiB < 1 || streamRepetitions < 1) {
                throw new IllegalArgumentException("--stream-mb and the STREAM repetitions must be >= 1");
            }
        }

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("backend", backend);
            m.put("backend_requested", requestedBackend);
            m.put("agents", agents);
            m.put("epochs", epochs);
            m.put("warmup", warmup);
            m.put("threads", threads);
            m.put("naive_agents", naiveAgents);
            m.put("naive_epochs", naiveEpochs);
            m.put("naive_warmup", naiveWarmup);
            m.put("stream_mib", streamMiB);
            m.put("stream_repetitions", streamRepetitions);
            m.put("safety", safety);
            m.put("safety_pairs", safetyPairs);
            m.put("heterogeneous_pairs", heterogeneousPairs);
            return m;
        }
    }

    /**
     * Timed epochs of one engine (or naive) run; times in milliseconds. {@code backend} and {@code device} name
     * what an engine ran on ({@link org.vaesim.kernels.Backend#device()}) and are null for the naive baseline;
     * {@code threads} is the java backend's worker count, 0 on opencl (the device schedules its own work).
     */
    public record Throughput(int agents, int epochs, int threads, double seconds, double agentEpochsPerSecond,
                             double meanMs, double p50Ms, double p99Ms, double maxMs, String backend,
                             String device) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            if (backend != null) {
                m.put("backend", backend);
                m.put("device", device);
            }
            m.put("agents", agents);
            m.put("epochs", epochs);
            m.put("threads", threads);
            m.put("seconds", seconds);
            m.put("agent_epochs_per_s", agentEpochsPerSecond);
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("mean", meanMs);
            t.put("p50", p50Ms);
            t.put("p99", p99Ms);
            t.put("max", maxMs);
            m.put("epoch_ms", t);
            return m;
        }
    }

    /**
     * What happened in one engine run, warm-up and timed epochs together: the units traded on all markets, and
     * what the safety layer did (all 0 without it).
     *
     * @param marketWideHalts market-wide levels that fired
     * @param scopeRejects    orders the gate rejected as outside their scope
     * @param rateLimitRejects orders the gate rejected for an empty token bucket
     * @param auditRecords    records written to the audit log (0 without one)
     * @param auditBytes      the audit log's size
     * @param auditNanos      wall time the engine spent writing audit records (serializing, hashing, appending)
     */
    public record Activity(long tradedUnits, long breakerTrips, long volatilityPauses, int marketWideHalts,
                           int killRulesFired, long agentsKilled, long scopeRejects, long rateLimitRejects,
                           long principalRateLimitRejects, long auditRecords, long auditBytes, long auditNanos) {
        /** Mean wall time of one audit record in µs, or 0 without records. */
        public double auditMicrosPerRecord() {
            return auditRecords == 0 ? 0 : auditNanos / 1e3 / auditRecords;
        }

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("traded_units", tradedUnits);
            m.put("breaker_trips", breakerTrips);
            m.put("volatility_pauses", volatilityPauses);
            m.put("market_wide_halts", marketWideHalts);
            m.put("kill_rules_fired", killRulesFired);
            m.put("agents_killed", agentsKilled);
            m.put("rejects_scope", scopeRejects);
            m.put("rejects_rate_limit", rateLimitRejects);
            m.put("rejects_principal_rate_limit", principalRateLimitRejects);
            m.put("audit_records", auditRecords);
            m.put("audit_bytes", auditBytes);
            m.put("audit_record_mean_us", auditMicrosPerRecord());
            return m;
        }
    }

    /** One engine run: its timing and what happened in it. */
    public record EngineRun(Throughput throughput, Activity activity) {
    }

    /**
     * Everything one bench measured.
     *
     * @param engine           the engine on the chosen backend
     * @param engineJava       the java backend on the same scenario with the same threads, when the chosen
     *                         backend is not java (else null: {@code engine} is the java run)
     * @param engineOneThread  the java backend on one thread, when more than one was asked for (else null)
     * @param rooflineFraction the java engine's share of the CPU roofline
     * @param deviceStream     the device STREAM triad on the opencl backend (else null)
     * @param deviceRooflineFraction the engine's share of the device roofline (NaN without a device STREAM)
     * @param speedupVsJava    engine / java engine (NaN on the java backend)
     * @param naiveSortShare   the share of the naive baseline's timed epochs spent sorting its books (NaN
     *                         without the baseline)
     * @param engineActivity   what happened in the {@code engine} run
     * @param safetyPairs      the engine on the same backend, threads and sizes without and with the full safety
     *                         layer and an audit log, epochs interleaved, one comparison per pair of fresh JVMs
     *                         (empty when the config skips it)
     */
    public record Report(String command, MachineInfo machine, Config config, Throughput engine,
                         Throughput engineJava, Throughput engineOneThread, StreamTriad.Result stream,
                         double rooflineAgentEpochsPerSecond, double rooflineFraction,
                         DeviceStreamTriad.Result deviceStream, double deviceRooflineAgentEpochsPerSecond,
                         double deviceRooflineFraction, double speedupVsJava, Throughput naive,
                         double speedupVsNaive, double speedupVsNaivePerThread, boolean naiveExtrapolated,
                         double naiveSortShare, Activity engineActivity, List<SafetyComparison> safetyPairs,
                         List<EconomyComparison> heterogeneousPairs) {
        /** The java backend's run at the configured threads: the engine itself, or the comparison run. */
        public Throughput java() {
            return engineJava != null ? engineJava : engine;
        }

        /** The pair whose overhead is the median (the lower middle one of an even count), or null without pairs. */
        public SafetyComparison safety() {
            if (safetyPairs.isEmpty()) {
                return null;
            }
            List<SafetyComparison> sorted = new ArrayList<>(safetyPairs);
            sorted.sort(Comparator.comparingDouble(SafetyComparison::overhead));
            return sorted.get((sorted.size() - 1) / 2);
        }

        /** The pair whose cost ratio is the median (the lower middle one), or null without pairs. */
        public EconomyComparison heterogeneous() {
            if (heterogeneousPairs.isEmpty()) {
                return null;
            }
            List<EconomyComparison> sorted = new ArrayList<>(heterogeneousPairs);
            sorted.sort(Comparator.comparingDouble(EconomyComparison::costRatio));
            return sorted.get((sorted.size() - 1) / 2);
        }

        /** The safety layer's overhead: the median pair's 1 - (with / without), or NaN without pairs. */
        public double safetyOverhead() {
            return safetyPairs.isEmpty() ? Double.NaN : safety().overhead();
        }
    }

    /** Runs every measurement; progress lines go to {@code progress}. */
    public static Report run(Config c, String command, PrintWriter progress) {
        MachineInfo machine = MachineInfo.detect();
        String backend = c.backend();
        boolean onJava = Backends.JAVA.equals(backend);

        progress.printf(Locale.ROOT, "bench: STREAM triad, %d MiB over %d threads, best of %d%n",
                c.streamMiB(), c.threads(), c.streamRepetitions());
        progress.flush();
        StreamTriad.Result stream;
        try (StreamTriad triad = new StreamTriad(StreamTriad.elementsForMiB(c.streamMiB()), c.threads())) {
            stream = triad.run(c.streamRepetitions());
        }
        System.gc();

        DeviceStreamTriad.Result deviceStream = null;
        if (Backends.OPENCL.equals(backend)) {
            OpenClDevice.Search search = OpenClDevice.find(false);
            if (!search.found()) {
                throw new IllegalStateException("the opencl backend cannot run here: " + search.reason());
            }
            progress.printf(Locale.ROOT, "bench: device STREAM triad on %s, %d MiB, best of %d%n",
                    search.device(), c.streamMiB(), c.streamRepetitions());
            progress.flush();
            try (DeviceStreamTriad triad = new DeviceStreamTriad(search.device(),
                    DeviceStreamTriad.elementsForMiB(c.streamMiB()))) {
                deviceStream = triad.run(c.streamRepetitions());
            }
        }

        if (onJava) {
            progress.printf(Locale.ROOT, "bench: engine, %,d agents, %d threads, %d + %d epochs%n",
                    c.agents(), c.threads(), c.warmup(), c.epochs());
        } else {
            progress.printf(Locale.ROOT, "bench: engine on %s, %,d agents, %d + %d epochs%n",
                    backend, c.agents(), c.warmup(), c.epochs());
        }
        progress.flush();
        EngineRun plain = measureEngine(backend, c.agents(), c.threads(), c.warmup(), c.epochs(), false);
        Throughput engine = plain.throughput();
        List<SafetyComparison> safety = new ArrayList<>();
        for (int pair = 1; c.safety() && pair <= c.safetyPairs(); pair++) {
            System.gc();
            progress.printf(Locale.ROOT, "bench: engine without and with the safety layer (and an audit log),"
                    + " a JVM each, epochs interleaved, %,d agents, %d + %d epochs each (pair %d of %d)%n",
                    c.agents(), c.warmup(), c.epochs(), pair, c.safetyPairs());
            progress.flush();
            safety.add(measureSafetyOverhead(backend, c.agents(), c.threads(), c.warmup(), c.epochs()));
        }
        List<EconomyComparison> heterogeneous = new ArrayList<>();
        for (int pair = 1; pair <= c.heterogeneousPairs(); pair++) {
            System.gc();
            progress.printf(Locale.ROOT, "bench: the standard and the heterogeneous economy, a JVM each, epochs"
                    + " interleaved, %,d agents, %d + %d epochs each (pair %d of %d)%n", c.agents(), c.warmup(),
                    c.epochs(), pair, c.heterogeneousPairs());
            progress.flush();
            heterogeneous.add(measureHeterogeneousCost(backend, c.agents(), c.threads(), c.warmup(), c.epochs()));
        }
        Throughput engineJava = null;
        if (!onJava) {
            System.gc();
            progress.printf(Locale.ROOT, "bench: engine on java for comparison, %,d agents, %d threads, %d + %d"
                    + " epochs%n", c.agents(), c.threads(), c.warmup(), c.epochs());
            progress.flush();
            engineJava = measureEngine(Backends.JAVA, c.agents(), c.threads(), c.warmup(), c.epochs());
        }
        Throughput oneThread = null;
        if (c.threads() > 1) {
            progress.printf(Locale.ROOT, "bench: engine%s, %,d agents, 1 thread, %d + %d epochs%n",
                    onJava ? "" : " on java", c.agents(), c.warmup(), c.epochs());
            progress.flush();
            oneThread = measureEngine(Backends.JAVA, c.agents(), 1, c.warmup(), c.epochs());
        }
        System.gc();

        Throughput naive = null;
        double sortShare = Double.NaN;
        if (c.naiveAgents() > 0) {
            progress.printf(Locale.ROOT, "bench: naive baseline, %,d agents, 1 thread, %d + %d epochs%n",
                    c.naiveAgents(), c.naiveWarmup(), c.naiveEpochs());
            progress.flush();
            NaiveRun run = measureNaive(c.naiveAgents(), c.naiveWarmup(), c.naiveEpochs());
            naive = run.throughput();
            sortShare = run.sortShare();
        }

        Throughput java = engineJava != null ? engineJava : engine;
        double roofline = BytesPerAgentEpoch.roofline(stream.bytesPerSecond());
        double deviceRoofline = deviceStream == null ? Double.NaN
                : BytesPerAgentEpoch.roofline(deviceStream.bytesPerSecond());
        double speedup = naive == null ? Double.NaN : engine.agentEpochsPerSecond() / naive.agentEpochsPerSecond();
        double perThread = naive == null ? Double.NaN
                : (oneThread == null ? java : oneThread).agentEpochsPerSecond() / naive.agentEpochsPerSecond();
        double vsJava = onJava ? Double.NaN : engine.agentEpochsPerSecond() / java.agentEpochsPerSecond();
        return new Report(command, machine, c, engine, engineJava, oneThread, stream, roofline,
                java.agentEpochsPerSecond() / roofline, deviceStream, deviceRoofline,
                engine.agentEpochsPerSecond() / deviceRoofline, vsJava, naive, speedup, perThread,
                naive != null && c.naiveAgents() < c.agents(), sortShare, plain.activity(), safety,
                heterogeneous);
    }

    /** The safety layer's overhead: 1 - (with / without), in agent-epochs/s; positive when it costs time. */
    public static double overhead(Throughput without, Throughput with) {
        return 1 - with.agentEpochsPerSecond() / without.agentEpochsPerSecond();
    }

    /** The engine on the java backend; see {@link #measureEngine(String, int, int, int, int)}. */
    public static Throughput measureEngine(int agents, int threads, int warmup, int epochs) {
        return measureEngine(Backends.JAVA, agents, threads, warmup, epochs);
    }

    /**
     * The engine on the standard scenario and backend {@code backend} ({@code threads} matter on java only):
     * warm-up epochs (histogram then reset), then timed epochs. Each {@link Engine#step()} returns once the
     * epoch's results are back on the host, so on opencl its wall time covers the device's work.
     */
    public static Throughput measureEngine(String backend, int agents, int threads, int warmup, int epochs) {
        return measureEngine(backend, agents, threads, warmup, epochs, false).throughput();
    }

    /**
     * The engine alone, as {@link #measureEngine(String, int, int, int, int)}, on the standard scenario or, with
     * {@code safety}, on {@link BenchScenario#buildWithSafety} with an {@link AuditLog} on a temporary file
     * (closed, and so forced to disk, and verified after the timed epochs, outside the clock; then deleted).
     */
    public static EngineRun measureEngine(String backend, int agents, int threads, int warmup, int epochs,
                                          boolean safety) {
        try (TimedRun run = new TimedRun(backend, agents, threads, warmup + epochs, safety)) {
            for (int e = 0; e < warmup; e++) {
                run.step();
            }
            run.startTiming();
            for (int e = 0; e < epochs; e++) {
                run.step();
            }
            return run.finish();
        }
    }

    /** The safety layer's paired measurement: the engine without it and with it, epochs interleaved. */
    public record SafetyComparison(EngineRun without, EngineRun with) {
        /** 1 - (with / without), in agent-epochs/s: positive when the layer costs time. */
        public double overhead() {
            return HardwareBench.overhead(without.throughput(), with.throughput());
        }
    }

    /**
     * The engine without and with the safety layer ({@link #measureEngine(String, int, int, int, int, boolean)}),
     * each in a JVM of its own ({@link EngineProcess}: so that each economy's kernels are compiled for it alone, as
     * in a real run), both held at once on the same backend, threads and sizes, stepping in turn (ABBA:
     * without-with, then with-without, ...) through the warm-up and the timed epochs. Each run's seconds are the
     * sum of its own epochs' wall times. Taking turns gives both the same machine, so a run that merely came second
     * (quieter neighbours) cannot pass for an effect of the layer; the two economies share the last-level cache,
     * so at sizes it holds both runs are slower than alone.
     */
    public static SafetyComparison measureSafetyOverhead(String backend, int agents, int threads, int warmup,
                                                         int epochs) {
        try (EngineProcess without = new EngineProcess(backend, agents, threads, warmup + epochs, false);
             EngineProcess with = new EngineProcess(backend, agents, threads, warmup + epochs, true)) {
            interleave(without, with, warmup, epochs);
            return new SafetyComparison(without.finish(), with.finish());
        }
    }

    /** Steps two engines in turn, {@code b} first on odd epochs, both timed from epoch {@code warmup} on. */
    private static void interleave(EngineProcess a, EngineProcess b, int warmup, int epochs) {
        for (int e = 0; e < warmup + epochs; e++) {
            if (e == warmup) {
                a.startTiming();
                b.startTiming();
            }
            boolean bFirst = e % 2 == 1;
            (bFirst ? b : a).step();
            (bFirst ? a : b).step();
        }
    }

    /**
     * The heterogeneous economy's cost: the standard and the heterogeneous economy ({@link BenchScenario.Economy}), a
     * JVM each, stepped in turn as in {@link #measureSafetyOverhead}.
     */
    public record EconomyComparison(EngineRun standard, EngineRun heterogeneous) {
        /** Cost per agent-epoch of the heterogeneous economy over the standard one's: standard / heterogeneous rate. */
        public double costRatio() {
            return standard.throughput().agentEpochsPerSecond() / heterogeneous.throughput().agentEpochsPerSecond();
        }
    }

    /** {@link EconomyComparison}: both economies on the same backend, threads and sizes, epochs interleaved. */
    public static EconomyComparison measureHeterogeneousCost(String backend, int agents, int threads, int warmup,
                                                             int epochs) {
        try (EngineProcess standard = new EngineProcess(backend, agents, threads, warmup + epochs, false);
             EngineProcess heterogeneous = new EngineProcess(backend, agents, threads, warmup + epochs, false,
                     BenchScenario.Economy.HETEROGENEOUS)) {
            interleave(standard, heterogeneous, warmup, epochs);
            return new EconomyComparison(standard.finish(), heterogeneous.finish());
        }
    }

    /**
     * One engine being measured: its epochs' wall times go into a histogram (reset by {@link #startTiming}) and,
     * once timing has started, into a sum. With {@code safety}, the safety scenario and an audit log on a
     * temporary file, deleted on close.
     */
    static final class TimedRun implements AutoCloseable {
        private final int agents;
        private final Engine engine;
        private final Histogram histogram = new Histogram(MAX_NANOS, 3);
        private final Path auditFile;
        private AuditLog audit;
        private long timedNanos;
        private long auditNanos;
        private int timedEpochs;
        private boolean timing;

        TimedRun(String backend, int agents, int threads, int epochs, boolean safety) {
            this(backend, agents, threads, epochs, safety, BenchScenario.Economy.STANDARD);
        }

        TimedRun(String backend, int agents, int threads, int epochs, boolean safety, BenchScenario.Economy economy) {
            this.agents = agents;
            Scenario scenario = BenchScenario.build(agents, epochs, safety, economy);
            Path file = null;
            try {
                if (safety) {
                    file = Files.createTempFile("vaesim-bench-audit-", ".jsonl");
                    audit = AuditLog.create(file);
                }
            } catch (IOException e) {
                delete(file);
                throw new UncheckedIOException("the safety bench's audit log: " + e.getMessage(), e);
            }
            this.auditFile = file;
            Engine started;
            try {
                started = Engine.start(scenario, backend, threads);
            } catch (RuntimeException | Error e) {
                closeAudit();
                delete(file);
                throw e;
            }
            this.engine = started;
            if (audit != null) {
                AuditLog log = audit;
                engine.audit((epoch, type, fields) -> { // timed, so the bench shows what the log costs
                    long t0 = System.nanoTime();
                    log.record(epoch, type, fields);
                    auditNanos += System.nanoTime() - t0;
                });
            }
        }

        void step() {
            long t0 = System.nanoTime();
            engine.step();
            long nanos = System.nanoTime() - t0;
            histogram.recordValue(clamp(nanos));
            if (timing) {
                timedNanos += nanos;
                timedEpochs++;
            }
        }

        void startTiming() {
            histogram.reset();
            timing = true;
        }

        /** Checks the run outside the clock (conservation; the audit chain), then its timing and activity. */
        EngineRun finish() {
            engine.verifyConservation(); // the run must also have been correct
            long auditRecords = 0;
            long auditBytes = 0;
            if (audit != null) {
                auditRecords = audit.records();
                closeAudit();
                try {
                    AuditVerifier.Result verified = AuditVerifier.verify(auditFile);
                    if (!verified.valid() || verified.records() != auditRecords) {
                        throw new IllegalStateException("the safety bench's audit log does not verify: " + verified);
                    }
                    auditBytes = Files.size(auditFile);
                } catch (IOException e) {
                    throw new UncheckedIOException("the safety bench's audit log: " + e.getMessage(), e);
                }
            }
            Throughput t = throughput(agents, timedEpochs, engine.backend().threads(), timedNanos / 1e9, histogram,
                    engine.backend().name(), engine.backend().device());
            return new EngineRun(t, activity(engine, auditRecords, auditBytes, auditNanos));
        }

        private void closeAudit() {
            if (audit != null) {
                try {
                    audit.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("the safety bench's audit log: " + e.getMessage(), e);
                } finally {
                    audit = null;
                }
            }
        }

        @Override
        public void close() {
            try {
                engine.close();
                closeAudit();
            } finally {
                delete(auditFile);
            }
        }

        private static void delete(Path file) {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file left behind is no reason to fail the bench
                }
            }
        }
    }

    private static Activity activity(Engine engine, long auditRecords, long auditBytes, long auditNanos) {
        MarketState markets = engine.markets();
        SafetyState safety = engine.safety();
        long traded = 0;
        long scope = 0;
        long rateLimit = 0;
        long principalRateLimit = 0;
        for (int m = 0; m < markets.markets; m++) {
            traded += markets.totalVolume[m];
            scope += markets.rejects[m * RejectReason.COUNT + RejectReason.SCOPE.ordinal()];
            rateLimit += markets.rejects[m * RejectReason.COUNT + RejectReason.RATE_LIMIT.ordinal()];
            principalRateLimit += markets.rejects[m * RejectReason.COUNT + RejectReason.PRINCIPAL_RATE_LIMIT.ordinal()];
        }
        // kill rules that fired: the once-only rules' bits, and the per-principal rules' principals stopped
        int fired = Long.bitCount(safety.killRulesFired);
        for (int slot : safety.principalRules) {
            fired += slot == SafetyState.FIRED ? 1 : 0;
        }
        return new Activity(traded, safety.totalTrips(), safety.totalPauses(),
                CircuitBreakers.levelsFired(engine.scenario().markets(), safety), fired, safety.killed, scope,
                rateLimit, principalRateLimit, auditRecords, auditBytes, auditNanos);
    }

    /** The naive baseline's timed epochs, and the share of their wall time spent sorting the books. */
    public record NaiveRun(Throughput throughput, double sortShare) {
    }

    /** The naive baseline on the same scenario, single-threaded, timed like the engine. */
    public static NaiveRun measureNaive(int agents, int warmup, int epochs) {
        Scenario scenario = BenchScenario.build(agents, warmup + epochs);
        NaiveSimulator sim = new NaiveSimulator(scenario);
        Histogram histogram = new Histogram(MAX_NANOS, 3);
        for (int e = 0; e < warmup; e++) {
            sim.step();
        }
        long sortedBefore = sim.sortNanos();
        long start = System.nanoTime();
        for (int e = 0; e < epochs; e++) {
            long t0 = System.nanoTime();
            sim.step();
            histogram.recordValue(clamp(System.nanoTime() - t0));
        }
        long elapsed = System.nanoTime() - start;
        double sortShare = (double) (sim.sortNanos() - sortedBefore) / elapsed;
        if (sim.totalMoney() != sim.initialMoney()) {
            throw new IllegalStateException("naive baseline lost money: " + sim.totalMoney() + " != "
                    + sim.initialMoney());
        }
        for (int m = 0; m < scenario.markets().size(); m++) {
            if (sim.totalGoods(m) != sim.initialGoods(m)) {
                throw new IllegalStateException("naive baseline lost goods of market " + m);
            }
        }
        return new NaiveRun(throughput(agents, epochs, 1, elapsed / 1e9, histogram, null, null), sortShare);
    }

    private static long clamp(long nanos) {
        return Math.max(1, Math.min(nanos, MAX_NANOS));
    }

    private static Throughput throughput(int agents, int epochs, int threads, double seconds, Histogram h,
                                         String backend, String device) {
        return new Throughput(agents, epochs, threads, seconds, (double) agents * epochs / seconds,
                h.getMean() / 1e6, h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6,
                h.getMaxValue() / 1e6, backend, device);
    }

    /** The report as the JSON object {@code --json} writes. */
    public static Map<String, Object> toJson(Report r) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("command", r.command());
        j.put("machine", r.machine().toMap());
        j.put("config", r.config().toMap());
        Map<String, Object> engine = r.engine().toMap();
        engine.put("scenario", "bench standard economy (" + BenchScenario.MARKETS.length + " markets, seed "
                + BenchScenario.SEED + ")");
        engine.put("activity", r.engineActivity().toMap());
        j.put("engine", engine);
        if (r.safety() != null) {
            Map<String, Object> es = r.safety().with().throughput().toMap();
            es.put("scenario", "the same economy with the full safety layer (breakers with a "
                    + BenchScenario.BREAKER_BAND_PERCENT + "% band, market-wide halts at 7/13/20%, a 20% volatility pause, a kill rule, "
                    + BenchScenario.PRINCIPALS + " principals, scopes and rate limits on every cohort) and an audit"
                    + " log on a temporary file");
            es.put("activity", r.safety().with().activity().toMap());
            j.put("engine_safety", es);
            Map<String, Object> eb = r.safety().without().throughput().toMap();
            eb.put("scenario", "the standard economy, epochs interleaved with engine_safety's");
            eb.put("activity", r.safety().without().activity().toMap());
            j.put("engine_safety_baseline", eb);
            j.put("safety_overhead", r.safetyOverhead());
            List<Map<String, Object>> pairs = new ArrayList<>();
            for (SafetyComparison pair : r.safetyPairs()) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("agent_epochs_per_s_without", pair.without().throughput().agentEpochsPerSecond());
                p.put("agent_epochs_per_s_with", pair.with().throughput().agentEpochsPerSecond());
                p.put("overhead", pair.overhead());
                pairs.add(p);
            }
            j.put("safety_pairs", pairs);
        } else {
            j.put("engine_safety", null);
            j.put("engine_safety_baseline", null);
            j.put("safety_overhead", null);
            j.put("safety_pairs", List.of());
        }
        if (r.heterogeneous() != null) {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("scenario", "the standard economy with switching, order-driven and noise traders in place of most"
                    + " fundamentalists and chartists, on a twice finer grid (BenchScenario.Economy.HETEROGENEOUS)");
            h.put("cost_ratio", r.heterogeneous().costRatio());
            h.put("engine_heterogeneous", r.heterogeneous().heterogeneous().throughput().toMap());
            h.put("engine_standard", r.heterogeneous().standard().throughput().toMap());
            List<Map<String, Object>> pairs = new ArrayList<>();
            for (EconomyComparison pair : r.heterogeneousPairs()) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("agent_epochs_per_s_standard", pair.standard().throughput().agentEpochsPerSecond());
                p.put("agent_epochs_per_s_heterogeneous", pair.heterogeneous().throughput().agentEpochsPerSecond());
                p.put("cost_ratio", pair.costRatio());
                pairs.add(p);
            }
            h.put("pairs", pairs);
            j.put("heterogeneous", h);
        } else {
            j.put("heterogeneous", null);
        }
        j.put("engine_java", r.engineJava() == null ? null : r.engineJava().toMap());
        j.put("speedup_vs_java", Double.isNaN(r.speedupVsJava()) ? null : r.speedupVsJava());
        j.put("engine_1_thread", r.engineOneThread() == null ? null : r.engineOneThread().toMap());
        Map<String, Object> stream = new LinkedHashMap<>();
        stream.put("bytes_per_s", r.stream().bytesPerSecond());
        stream.put("gb_per_s", r.stream().gigabytesPerSecond());
        stream.put("best_s", r.stream().bestSeconds());
        stream.put("median_s", r.stream().medianSeconds());
        stream.put("elements_per_array", r.stream().elements());
        stream.put("arrays_mib", r.stream().arraysMiB());
        stream.put("threads", r.stream().threads());
        stream.put("repetitions", r.stream().repetitions());
        stream.put("bytes_per_element", StreamTriad.BYTES_PER_ELEMENT);
        stream.put("note", "STREAM convention: 24 bytes per element; write-allocate makes the real traffic 32");
        j.put("stream_triad", stream);
        DeviceStreamTriad.Result d = r.deviceStream();
        if (d != null) {
            Map<String, Object> ds = new LinkedHashMap<>();
            ds.put("device", d.device());
            ds.put("bytes_per_s", d.bytesPerSecond());
            ds.put("gb_per_s", d.gigabytesPerSecond());
            ds.put("best_s", d.bestSeconds());
            ds.put("median_s", d.medianSeconds());
            ds.put("best_wall_s", d.bestWallSeconds());
            ds.put("elements_per_array", d.elements());
            ds.put("arrays_mib", d.arraysMiB());
            ds.put("repetitions", d.repetitions());
            ds.put("bytes_per_element", StreamTriad.BYTES_PER_ELEMENT);
            ds.put("timing", "OpenCL profiling events, kernel start to end; best_wall_s is enqueue to clFinish");
            ds.put("note", "STREAM convention: 24 bytes per element; write-allocate makes the real traffic 32");
            j.put("device_stream", ds);
        } else {
            j.put("device_stream", null);
        }
        j.put("bytes_per_agent_epoch", BytesPerAgentEpoch.breakdown());
        Map<String, Object> roof = new LinkedHashMap<>();
        roof.put("backend", Backends.JAVA);
        roof.put("agent_epochs_per_s", r.rooflineAgentEpochsPerSecond());
        roof.put("achieved_fraction", r.rooflineFraction());
        j.put("roofline", roof);
        if (d != null) {
            Map<String, Object> dr = new LinkedHashMap<>();
            dr.put("backend", r.engine().backend());
            dr.put("device", d.device());
            dr.put("agent_epochs_per_s", r.deviceRooflineAgentEpochsPerSecond());
            dr.put("achieved_fraction", r.deviceRooflineFraction());
            dr.put("note", DEVICE_ROOFLINE_NOTE);
            j.put("device_roofline", dr);
        } else {
            j.put("device_roofline", null);
        }
        if (r.naive() != null) {
            Map<String, Object> naive = r.naive().toMap();
            naive.put("sort_share", r.naiveSortShare());
            naive.put("extrapolated", r.naiveExtrapolated());
            naive.put("note", naiveNote(r));
            j.put("naive", naive);
        } else {
            j.put("naive", null);
        }
        j.put("speedup_vs_naive", r.naive() == null ? null : r.speedupVsNaive());
        j.put("speedup_vs_naive_1_thread", r.naive() == null ? null : r.speedupVsNaivePerThread());
        return j;
    }

    /** Why the device roofline is looser than the CPU one. */
    static final String DEVICE_ROOFLINE_NOTE = "device bandwidth / the java backend's " + BytesPerAgentEpoch.TOTAL
            + "-byte model: the opencl"
            + " backend launches decide, gate, book and settle as separate kernels, so several kernels re-read the"
            + " order columns each epoch (from device memory unless its cache holds them); its real traffic can"
            + " be higher, and this roofline is then a looser upper bound";

    private static String naiveNote(Report r) {
        String base = "object per agent, java.util.Random per agent, ArrayList books sorted with a Comparator,"
                + " single-threaded";
        if (!r.naiveExtrapolated()) {
            return base + "; measured at the same population size as the engine";
        }
        return base + "; measured at " + r.naive().agents() + " agents and taken as the rate at "
                + r.config().agents() + ": its per-agent cost grows with N (sorting is O(n log n), the object graph"
                + " outgrows the caches), so this overstates the naive rate and the speedup is a lower bound";
    }

    /** The readable table. */
    public static void printTable(Report r, PrintWriter out) {
        MachineInfo m = r.machine();
        out.printf(Locale.ROOT, "vaesim bench: %s%n", r.command());
        out.printf(Locale.ROOT, "machine: %s, %d cores, LLC %s, %s, %s%n", m.cpuModel(), m.cores(),
                m.llcBytes() > 0 ? (m.llcBytes() >> 20) + " MiB" : "unknown", m.os(), m.jvm());
        if (!r.config().backend().equals(r.config().requestedBackend())) {
            out.printf(Locale.ROOT, "backend: --backend %s is %s here%n", r.config().requestedBackend(),
                    r.config().backend());
        }
        out.println();
        String row = "  %-52s %s%n";
        Throughput e = r.engine();
        Throughput j = r.java();
        if (r.engineJava() == null) {
            out.printf(Locale.ROOT, row, "engine (java, " + e.threads() + " threads, " + fmtInt(e.agents())
                    + " agents, " + e.epochs() + " epochs)", rate(e.agentEpochsPerSecond()));
            printEpochTimes(e, row, out);
        } else {
            out.printf(Locale.ROOT, row, "engine (" + e.backend() + ", " + fmtInt(e.agents()) + " agents, "
                    + e.epochs() + " epochs)", rate(e.agentEpochsPerSecond()));
            out.printf(Locale.ROOT, row, "  device", e.device());
            printEpochTimes(e, row, out);
            out.printf(Locale.ROOT, row, "engine (java, " + j.threads() + " threads, same scenario)",
                    rate(j.agentEpochsPerSecond()));
            printEpochTimes(j, row, out);
            out.printf(Locale.ROOT, row, "speedup vs java (" + e.backend() + " / java)",
                    String.format(Locale.ROOT, "x%.2f", r.speedupVsJava()));
        }
        if (r.safety() != null) {
            Throughput w = r.safety().with().throughput();
            Throughput wo = r.safety().without().throughput();
            Activity act = r.safety().with().activity();
            out.printf(Locale.ROOT, row, "engine with safety layer + audit log (" + w.backend()
                    + (w.threads() > 0 ? ", " + w.threads() + (w.threads() == 1 ? " thread" : " threads") : "") + ")", rate(w.agentEpochsPerSecond()));
            printEpochTimes(w, row, out);
            out.printf(Locale.ROOT, row, "  breaker trips / pauses / market-wide halts / killed",
                    String.format(Locale.ROOT, "%d / %d / %d / %d", act.breakerTrips(), act.volatilityPauses(),
                            act.marketWideHalts(), act.agentsKilled()));
            out.printf(Locale.ROOT, row, "  rejects scope / rate_limit / principal",
                    String.format(Locale.ROOT, "%d / %d / %d", act.scopeRejects(), act.rateLimitRejects(),
                            act.principalRateLimitRejects()));
            out.printf(Locale.ROOT, row, "  audit records; mean time to write one",
                    String.format(Locale.ROOT, "%d; %.0f us", act.auditRecords(), act.auditMicrosPerRecord()));
            out.printf(Locale.ROOT, row, "engine without it, epochs interleaved with it", rate(wo.agentEpochsPerSecond()));
            printEpochTimes(wo, row, out);
            out.printf(Locale.ROOT, row, "  units traded with / without safety", String.format(Locale.ROOT,
                    "%,d / %,d", act.tradedUnits(), r.safety().without().activity().tradedUnits()));
            StringBuilder each = new StringBuilder();
            for (SafetyComparison pair : r.safetyPairs()) {
                each.append(each.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%.1f", 100 * pair.overhead()));
            }
            out.printf(Locale.ROOT, row, "safety overhead (1 - with / without)", String.format(Locale.ROOT,
                    "%.1f %%   (median of %d pairs of JVMs: %s %%)", 100 * r.safetyOverhead(), r.safetyPairs().size(),
                    each));
        }
        if (r.heterogeneous() != null) {
            Throughput hs = r.heterogeneous().standard().throughput();
            Throughput hh = r.heterogeneous().heterogeneous().throughput();
            out.printf(Locale.ROOT, row, "engine, heterogeneous economy (" + hh.backend() + ")",
                    rate(hh.agentEpochsPerSecond()));
            printEpochTimes(hh, row, out);
            out.printf(Locale.ROOT, row, "engine, standard economy, epochs interleaved with it",
                    rate(hs.agentEpochsPerSecond()));
            printEpochTimes(hs, row, out);
            StringBuilder each = new StringBuilder();
            for (EconomyComparison pair : r.heterogeneousPairs()) {
                each.append(each.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", pair.costRatio()));
            }
            out.printf(Locale.ROOT, row, "cost per agent-epoch, heterogeneous / standard", String.format(Locale.ROOT,
                    "x%.3f   (median of %d pairs of JVMs: %s)", r.heterogeneous().costRatio(),
                    r.heterogeneousPairs().size(), each));
        }
        if (r.engineOneThread() != null) {
            Throughput o = r.engineOneThread();
            out.printf(Locale.ROOT, row, "engine (java, 1 thread)", rate(o.agentEpochsPerSecond())
                    + String.format(Locale.ROOT, "   (scaling x%.2f on %d threads)",
                    j.agentEpochsPerSecond() / o.agentEpochsPerSecond(), j.threads()));
        }
        StreamTriad.Result s = r.stream();
        out.printf(Locale.ROOT, row, String.format(Locale.ROOT, "STREAM triad (%d threads, %.0f MiB, best of %d)",
                s.threads(), s.arraysMiB(), s.repetitions()), String.format(Locale.ROOT, "%.2f GB/s   (median rep %.2f GB/s)",
                s.gigabytesPerSecond(), StreamTriad.BYTES_PER_ELEMENT * (double) s.elements() / s.medianSeconds() / 1e9));
        DeviceStreamTriad.Result d = r.deviceStream();
        if (d != null) {
            out.printf(Locale.ROOT, row, String.format(Locale.ROOT, "device STREAM triad (%s, %.0f MiB, best of %d)",
                    e.backend(), d.arraysMiB(), d.repetitions()), String.format(Locale.ROOT,
                    "%.2f GB/s   (median rep %.2f GB/s)", d.gigabytesPerSecond(), d.medianBytesPerSecond() / 1e9));
            out.printf(Locale.ROOT, row, "  device", d.device());
        }
        out.printf(Locale.ROOT, row, "bytes per agent-epoch (model: " + BytesPerAgentEpoch.READ + " read + "
                + BytesPerAgentEpoch.WRITE + " written)", BytesPerAgentEpoch.TOTAL + " B");
        out.printf(Locale.ROOT, row, "roofline = bandwidth / bytes", rate(r.rooflineAgentEpochsPerSecond()));
        out.printf(Locale.ROOT, row, Backends.JAVA.equals(e.backend()) ? "achieved / roofline"
                : "achieved / roofline (java engine)",
                String.format(Locale.ROOT, "%.3f", r.rooflineFraction()));
        if (d != null) {
            out.printf(Locale.ROOT, row, "device roofline = device bandwidth / bytes",
                    rate(r.deviceRooflineAgentEpochsPerSecond()));
            out.printf(Locale.ROOT, row, "achieved / device roofline (" + e.backend() + " engine)",
                    String.format(Locale.ROOT, "%.3f", r.deviceRooflineFraction()));
        }
        if (r.naive() != null) {
            Throughput n = r.naive();
            out.printf(Locale.ROOT, row, "naive baseline (1 thread, " + fmtInt(n.agents()) + " agents, " + n.epochs()
                    + " epochs)", rate(n.agentEpochsPerSecond()));
            out.printf(Locale.ROOT, row, "  epoch time mean / p50 / p99",
                    String.format(Locale.ROOT, "%.1f / %.1f / %.1f ms", n.meanMs(), n.p50Ms(), n.p99Ms()));
            out.printf(Locale.ROOT, row, "  of which sorting the books (Collections.sort)",
                    String.format(Locale.ROOT, "%.1f %%", 100 * r.naiveSortShare()));
            out.printf(Locale.ROOT, row, r.engineJava() == null ? "speedup vs naive"
                    : "speedup vs naive (" + e.backend() + " engine)", String.format(Locale.ROOT, "x%.1f%s",
                    r.speedupVsNaive(), r.naiveExtrapolated() ? " (lower bound, see note)" : ""));
            if (r.engineOneThread() != null) {
                out.printf(Locale.ROOT, row, "speedup vs naive, both 1 thread" + (r.engineJava() == null ? ""
                        : " (java engine)"), String.format(Locale.ROOT, "x%.1f", r.speedupVsNaivePerThread()));
            }
            if (r.naiveExtrapolated()) {
                out.println();
                out.println("note: " + naiveNote(r));
            }
        } else {
            out.printf(Locale.ROOT, row, "naive baseline", "skipped (--naive-agents 0)");
        }
        if (d != null) {
            out.println();
            out.println("note: " + DEVICE_ROOFLINE_NOTE);
        }
        out.flush();
    }

    private static void printEpochTimes(Throughput t, String row, PrintWriter out) {
        out.printf(Locale.ROOT, row, "  epoch time mean / p50 / p99 / max", String.format(Locale.ROOT,
                "%.2f / %.2f / %.2f / %.2f ms", t.meanMs(), t.p50Ms(), t.p99Ms(), t.maxMs()));
    }

    private static String rate(double agentEpochsPerSecond) {
        return String.format(Locale.ROOT, "%.2f M agent-epochs/s", agentEpochsPerSecond / 1e6);
    }

    private static String fmtInt(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
