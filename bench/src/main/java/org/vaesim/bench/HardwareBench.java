package org.vaesim.bench;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.vaesim.bench.naive.NaiveSimulator;
import org.vaesim.bench.roofline.BytesPerAgentEpoch;
import org.vaesim.bench.roofline.DeviceStreamTriad;
import org.vaesim.bench.roofline.StreamTriad;
import org.vaesim.host.epoch.Engine;
import org.vaesim.kernels.Backends;
import org.vaesim.kernels.opencl.OpenClDevice;
import org.vaesim.models.scenario.Scenario;

/**
 * The end-to-end hardware bench: in one process and one run it measures
 * <ol type="a">
 *   <li>the engine's throughput (agent-epochs/s) on the standard scenario ({@link BenchScenario}) at N agents
 *       on the chosen backend, with every epoch's wall time in an HdrHistogram reset after the warm-up; on a
 *       backend other than java, the java backend on the same scenario as well, and the speedup between them;</li>
 *   <li>the machine's memory bandwidth (STREAM triad, same thread count), and on the opencl backend the
 *       device's too ({@link DeviceStreamTriad});</li>
 *   <li>the bytes one agent-epoch moves ({@link BytesPerAgentEpoch});</li>
 *   <li>the roofline, bandwidth / bytes, and the fraction of it the java engine reaches; on opencl, the device
 *       roofline and the fraction of it the opencl engine reaches;</li>
 *   <li>the naive object-per-agent baseline ({@link NaiveSimulator}) on the same scenario, and the speedup.</li>
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
     */
    public record Config(int agents, int epochs, int warmup, int threads, int naiveAgents, int naiveEpochs,
                         int naiveWarmup, int streamMiB, int streamRepetitions, String backend,
                         String requestedBackend) {
        /** A java-backend bench. */
        public Config(int agents, int epochs, int warmup, int threads, int naiveAgents, int naiveEpochs,
                      int naiveWarmup, int streamMiB, int streamRepetitions) {
            this(agents, epochs, warmup, threads, naiveAgents, naiveEpochs, naiveWarmup, streamMiB,
                    streamRepetitions, Backends.JAVA, Backends.JAVA);
        }

        public Config {
            if (backend == null || backend.equals(Backends.AUTO) || !Backends.NAMES.contains(backend)) {
                throw new IllegalArgumentException("the bench needs a resolved backend, one of java, opencl; got "
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
     */
    public record Report(String command, MachineInfo machine, Config config, Throughput engine,
                         Throughput engineJava, Throughput engineOneThread, StreamTriad.Result stream,
                         double rooflineAgentEpochsPerSecond, double rooflineFraction,
                         DeviceStreamTriad.Result deviceStream, double deviceRooflineAgentEpochsPerSecond,
                         double deviceRooflineFraction, double speedupVsJava, Throughput naive,
                         double speedupVsNaive, double speedupVsNaivePerThread, boolean naiveExtrapolated) {
        /** The java backend's run at the configured threads: the engine itself, or the comparison run. */
        public Throughput java() {
            return engineJava != null ? engineJava : engine;
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
        Throughput engine = measureEngine(backend, c.agents(), c.threads(), c.warmup(), c.epochs());
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
        if (c.naiveAgents() > 0) {
            progress.printf(Locale.ROOT, "bench: naive baseline, %,d agents, 1 thread, %d + %d epochs%n",
                    c.naiveAgents(), c.naiveWarmup(), c.naiveEpochs());
            progress.flush();
            naive = measureNaive(c.naiveAgents(), c.naiveWarmup(), c.naiveEpochs());
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
                naive != null && c.naiveAgents() < c.agents());
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
        Scenario scenario = BenchScenario.build(agents, warmup + epochs);
        Histogram histogram = new Histogram(MAX_NANOS, 3);
        try (Engine engine = Engine.start(scenario, backend, threads)) {
            for (int e = 0; e < warmup; e++) {
                long t0 = System.nanoTime();
                engine.step();
                histogram.recordValue(clamp(System.nanoTime() - t0));
            }
            histogram.reset();
            long start = System.nanoTime();
            for (int e = 0; e < epochs; e++) {
                long t0 = System.nanoTime();
                engine.step();
                histogram.recordValue(clamp(System.nanoTime() - t0));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            engine.verifyConservation(); // outside the clock: the run must also have been correct
            return throughput(agents, epochs, engine.backend().threads(), seconds, histogram,
                    engine.backend().name(), engine.backend().device());
        }
    }

    /** The naive baseline on the same scenario, single-threaded, timed like the engine. */
    public static Throughput measureNaive(int agents, int warmup, int epochs) {
        Scenario scenario = BenchScenario.build(agents, warmup + epochs);
        NaiveSimulator sim = new NaiveSimulator(scenario);
        Histogram histogram = new Histogram(MAX_NANOS, 3);
        for (int e = 0; e < warmup; e++) {
            sim.step();
        }
        long start = System.nanoTime();
        for (int e = 0; e < epochs; e++) {
            long t0 = System.nanoTime();
            sim.step();
            histogram.recordValue(clamp(System.nanoTime() - t0));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (sim.totalMoney() != sim.initialMoney()) {
            throw new IllegalStateException("naive baseline lost money: " + sim.totalMoney() + " != "
                    + sim.initialMoney());
        }
        for (int m = 0; m < scenario.markets().size(); m++) {
            if (sim.totalGoods(m) != sim.initialGoods(m)) {
                throw new IllegalStateException("naive baseline lost goods of market " + m);
            }
        }
        return throughput(agents, epochs, 1, seconds, histogram, null, null);
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
        j.put("engine", engine);
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
        out.printf(Locale.ROOT, row, d == null ? "achieved / roofline" : "achieved / roofline (java engine)",
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
