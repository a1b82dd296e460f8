package org.vaesim.host.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.vaesim.host.epoch.Engine;
import org.vaesim.host.io.AuctionsCsv;
import org.vaesim.host.io.CheckpointStore;
import org.vaesim.host.io.EpochTimes;
import org.vaesim.host.io.MetricsCsv;
import org.vaesim.host.io.MissionsCsv;
import org.vaesim.host.io.ParquetExport;
import org.vaesim.host.io.StateCodec;
import org.vaesim.host.io.StateDigest;
import org.vaesim.host.metrics.AuctionMetrics;
import org.vaesim.host.metrics.MetricsRow;
import org.vaesim.host.metrics.MissionMetrics;
import org.vaesim.host.metrics.WealthHistogram;
import org.vaesim.host.metrics.WealthSnapshot;
import org.vaesim.host.report.HtmlReport;
import org.vaesim.host.safety.AuditLog;
import org.vaesim.models.scenario.ConfigException;
import org.vaesim.models.scenario.Scenario;
import org.vaesim.models.scenario.ScenarioLoader;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One run from start (or from its latest checkpoint) to the end, writing every output as it goes. A run
 * that fails or is interrupted leaves its last checkpoint and a summary whose status says why; only a
 * finished run has status "complete".
 */
public final class RunSession {
    public static final String VERSION = "0.1.0";

    /**
     * How a session ended. {@code parquet} says whether metrics.parquet was written; its failure never changes
     * {@code status}: metrics.csv is the authoritative copy.
     */
    public record Outcome(Path dir, RunStatus status, String checksum, String error, ParquetExport.Result parquet) {
        public boolean complete() {
            return status == RunStatus.COMPLETE;
        }
    }

    private final RunDirectory run;
    private final Engine engine;
    private final boolean resumed;
    private final int resumedFrom;
    private final PrintStream log;
    private final Progress progress;
    private final boolean parquet;

    private RunSession(RunDirectory run, Engine engine, boolean resumed, PrintStream log, boolean quiet,
                       boolean parquet) {
        this.run = run;
        this.engine = engine;
        this.resumed = resumed;
        this.resumedFrom = engine.epoch();
        this.log = log;
        this.parquet = parquet;
        this.progress = new Progress(log, Progress.stderrIsTerminal(), quiet, engine.epoch(),
                engine.scenario().epochs());
    }

    /** Starts a new run of {@code scenario} (already carrying the command line's overrides) in {@code dir}. */
    public static Outcome start(Scenario scenario, Path scenarioFile, Path dir, String backend, int threads,
                                PrintStream log, boolean quiet) throws IOException {
        return start(scenario, scenarioFile, dir, backend, threads, log, quiet, true);
    }

    /** {@link #start}, writing metrics.parquet at the end only if {@code parquet}. */
    public static Outcome start(Scenario scenario, Path scenarioFile, Path dir, String backend, int threads,
                                PrintStream log, boolean quiet, boolean parquet) throws IOException {
        Files.createDirectories(dir);
        RunDirectory run = new RunDirectory(dir);
        Files.copy(scenarioFile, run.scenario(), StandardCopyOption.REPLACE_EXISTING);
        run.writeSettings(new RunDirectory.RunSettings(scenario.seed(), scenario.epochs(), threads, backend,
                scenarioFile.toString()));
        try (Engine engine = Engine.start(scenario, backend, threads)) {
            return new RunSession(run, engine, false, log, quiet, parquet).execute();
        }
    }

    /**
     * Continues the run in {@code dir} from its latest checkpoint to its configured end (or to
     * {@code epochsOverride}), on its backend or {@code backendOverride}; the result is bit-identical to a run
     * that was never interrupted.
     */
    public static Outcome resume(Path dir, String backendOverride, Integer threadsOverride, Integer epochsOverride,
                                 PrintStream log, boolean quiet) throws IOException, ConfigException {
        return resume(dir, backendOverride, threadsOverride, epochsOverride, log, quiet, true);
    }

    /** {@link #resume}, rewriting metrics.parquet from the whole metrics.csv at the end only if {@code parquet}. */
    public static Outcome resume(Path dir, String backendOverride, Integer threadsOverride, Integer epochsOverride,
                                 PrintStream log, boolean quiet, boolean parquet) throws IOException, ConfigException {
        RunDirectory run = new RunDirectory(dir);
        if (!Files.isRegularFile(run.settings()) || !Files.isRegularFile(run.scenario())) {
            throw new ConfigException(dir.toString(), "$", "(not a run directory)",
                    "expected run.json and scenario.json written by `vaesim run`");
        }
        RunDirectory.RunSettings settings = run.readSettings();
        Scenario scenario = ScenarioLoader.load(run.scenario()).withSeed(settings.seed())
                .withEpochs(epochsOverride != null ? epochsOverride : settings.epochs());
        int threads = threadsOverride != null ? threadsOverride : settings.threads();
        String backend = backendOverride != null ? backendOverride : settings.backend();
        Optional<Path> latest = new CheckpointStore(dir).latest();
        if (latest.isEmpty()) {
            throw new ConfigException(dir.toString(), "checkpoints/", "(none)",
                    "the run has no checkpoint to resume from; start it again with `vaesim run`");
        }
        StateCodec.State st = CheckpointStore.load(latest.get(), scenario);
        if (st.epoch() > scenario.epochs()) {
            throw new ConfigException(dir.toString(), "--epochs", Integer.toString(scenario.epochs()),
                    "must be at least the checkpoint's epoch " + st.epoch());
        }
        run.writeSettings(new RunDirectory.RunSettings(scenario.seed(), scenario.epochs(), threads, backend,
                settings.scenarioSource()));
        log.println("resuming " + dir + " from " + latest.get().getFileName() + " (epoch " + st.epoch() + ")");
        try (Engine engine = Engine.restore(scenario, backend, threads, st.population(), st.markets(),
                st.accounting(), st.safety(), st.auctions(), st.auctionColumns(), st.missions(), st.missionColumns(),
                st.gateway(), st.epoch())) {
            return new RunSession(run, engine, true, log, quiet, parquet).execute();
        }
    }

    private Outcome execute() throws IOException {
        String startedAt = Instant.now().toString();
        long[] maxSurplus = MetricsRow.maxSurplus(engine);
        CheckpointStore checkpoints = new CheckpointStore(run.dir());
        Scenario scenario = engine.scenario();
        int metricsEvery = scenario.metricsEvery();
        int checkpointEvery = scenario.checkpointEvery();
        long wallStart = System.nanoTime();
        long stepNanos = 0;
        String lastCheckpoint = checkpoints.latest().map(p -> p.getFileName().toString()).orElse(null);
        RunStatus status = RunStatus.COMPLETE;
        String error = null;
        String checksum = null;
        removeStaleParquet();
        ParquetExport.Result exported = null;
        SessionState live = new SessionState();
        // The summary's wealth section until the first metrics row: a histogram pass, which changes nothing.
        live.wealth = new WealthSnapshot(engine.epoch(), WealthHistogram.sample(engine), null);
        Thread hook = new Thread(() -> live.interrupted(this, startedAt, maxSurplus), "vaesim-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try (EpochTimes times = new EpochTimes(run.epochTimes(), resumed);
             MetricsCsv csv = resumed
                     ? MetricsCsv.resume(run.metrics(), scenario.markets(), scenario.gateway(), engine.epoch())
                     : MetricsCsv.create(run.metrics(), scenario.markets(), scenario.gateway());
             AuditLog audit = resumed ? AuditLog.resume(run.audit(), engine.epoch() - 1)
                     : AuditLog.create(run.audit());
             AuctionsCsv auctions = scenario.auctions().isEmpty() ? null
                     : resumed ? AuctionsCsv.resume(run.auctions(), scenario.auctions(), engine.epoch())
                     : AuctionsCsv.create(run.auctions(), scenario.auctions());
             MissionsCsv missions = scenario.missions().isEmpty() ? null
                     : resumed ? MissionsCsv.resume(run.missions(), scenario.missions(), engine.epoch())
                     : MissionsCsv.create(run.missions(), scenario.missions())) {
            live.times = times;
            engine.audit(audit);
            audit.record(engine.epoch(), resumed ? "resume" : "run_start", runFields(startedAt));
            writeSummary(RunStatus.RUNNING, null, null, times, 0, startedAt, maxSurplus, lastCheckpoint, 0,
                    live.wealth, null);
            try {
                while (!engine.finished()) {
                    long t0 = System.nanoTime();
                    engine.step();
                    long dt = System.nanoTime() - t0;
                    stepNanos += dt;
                    times.record(dt);
                    int e = engine.epoch();
                    if (auctions != null) {
                        for (AuctionMetrics round : engine.lastAuctionRounds()) {
                            auctions.append(round);
                        }
                    }
                    if (missions != null) {
                        for (MissionMetrics round : engine.lastMissionRounds()) {
                            missions.append(round);
                        }
                    }
                    if (e % metricsEvery == 0 || engine.finished()) {
                        MetricsRow row = MetricsRow.sample(engine, maxSurplus);
                        csv.append(row);
                        live.wealth = WealthSnapshot.of(row);
                        times.flushInterval();
                    }
                    if (checkpointEvery > 0 && e % checkpointEvery == 0 && !engine.finished()) {
                        audit.sync();
                        lastCheckpoint = checkpoints.save(engine).getFileName().toString();
                        live.lastCheckpoint = lastCheckpoint;
                    }
                    live.stepSeconds = stepNanos / 1e9;
                    progress.update(e);
                }
                // exact, at every session's end even without -Dvaesim.checks: a total that left 64 bits or does
                // not add up fails the run here, before its state is checkpointed or reported complete
                engine.verifyConservation();
                audit.sync();
                lastCheckpoint = checkpoints.save(engine).getFileName().toString();
                checksum = StateDigest.of(engine);
            } catch (RuntimeException | IOException e) {
                status = RunStatus.FAILED;
                error = e.getClass().getSimpleName() + ": " + e.getMessage() + " (after epoch " + engine.epoch() + ")";
            }
            audit.record(engine.epoch(), "run_end", endFields(status, error, checksum));
            exported = exportParquet(csv);
            live.finished = true;
            double wall = (System.nanoTime() - wallStart) / 1e9;
            writeSummary(status, error, checksum, times, stepNanos / 1e9, startedAt, maxSurplus, lastCheckpoint,
                    wall, live.wealth, exported);
        } finally {
            removeHook(hook);
        }
        HtmlReport.write(run.dir(), null);
        return new Outcome(run.dir(), status, checksum, error, exported);
    }

    /**
     * A metrics.parquet from an earlier session no longer matches metrics.csv once this one appends or rewrites
     * rows: it goes now, and the end of this session writes it again from the whole CSV. A session stopped
     * before its end so leaves no Parquet file rather than a stale one.
     */
    private void removeStaleParquet() {
        try {
            ParquetExport.removeStale(run.metricsParquet());
        } catch (IOException e) {
            log.println("vaesim: could not remove the earlier " + run.metricsParquet().getFileName() + " (" + e
                    + "); it is replaced at the end of the run");
        }
    }

    /**
     * metrics.csv as metrics.parquet (docs/outputs.md). A failure is reported, never raised: the CSV is whole
     * and authoritative, and the run's status does not depend on the copy.
     */
    private ParquetExport.Result exportParquet(MetricsCsv csv) {
        if (!parquet) {
            return ParquetExport.Result.OFF;
        }
        ParquetExport.Result r;
        try {
            csv.close(); // every row is flushed already; closing makes the file final before it is read
            r = ParquetExport.tryWrite(run.metrics(), MetricsCsv.columns(engine.scenario().markets(),
                            engine.scenario().gateway()),
                    run.metricsParquet());
        } catch (IOException e) {
            r = ParquetExport.Result.failed(e);
        }
        if (r.status() == ParquetExport.Status.FAILED) {
            log.println("vaesim: warning: " + run.metricsParquet().getFileName() + " was not written: " + r.error()
                    + "; " + run.metrics().getFileName() + " is unaffected and remains the authoritative copy");
        }
        return r;
    }

    private Map<String, Object> runFields(String startedAt) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("scenario", engine.scenario().name());
        f.put("seed", engine.scenario().seed());
        f.put("backend", engine.backend().name());
        f.put("agents", engine.population().size);
        f.put("started_at", startedAt);
        return f;
    }

    private static Map<String, Object> endFields(RunStatus status, String error, String checksum) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("status", status.label());
        if (error != null) {
            f.put("error", error);
        }
        if (checksum != null) {
            f.put("state_checksum", checksum);
        }
        return f;
    }

    private void writeSummary(RunStatus status, String error, String checksum, EpochTimes times,
                              double stepSeconds, String startedAt, long[] maxSurplus, String lastCheckpoint,
                              double wallSeconds, WealthSnapshot wealth, ParquetExport.Result exported)
            throws IOException {
        ObjectNode summary = Summary.build(engine, status, error, checksum, times.total(), stepSeconds, wallSeconds,
                engine.epoch() - resumedFrom, maxSurplus, lastCheckpoint, startedAt, resumed ? resumedFrom : null,
                wealth);
        if (exported != null) {
            ObjectNode p = summary.putObject("parquet");
            p.put("file", run.metricsParquet().getFileName().toString());
            p.put("status", exported.status().label());
            if (exported.status() == ParquetExport.Status.WRITTEN) {
                p.put("rows", exported.rows());
            }
            if (exported.error() != null) {
                p.put("error", exported.error());
            }
        }
        RunDirectory.writeJsonAtomically(run.summary(), summary);
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting: the hook runs and records the interruption
        }
    }

    /** What the shutdown hook needs to write an "interrupted" summary if the JVM is stopped mid-run. */
    private static final class SessionState {
        volatile boolean finished;
        volatile String lastCheckpoint;
        volatile double stepSeconds;
        volatile EpochTimes times;
        /** The latest wealth figures, so the interrupt hook never has to run a pass on the backend itself. */
        volatile WealthSnapshot wealth;

        void interrupted(RunSession session, String startedAt, long[] maxSurplus) {
            if (finished || times == null) {
                return;
            }
            try {
                session.writeSummary(RunStatus.INTERRUPTED,
                        "stopped by a signal during epoch " + session.engine.epoch()
                                + "; resume with `vaesim resume " + session.run.dir() + "`",
                        null, times, stepSeconds, startedAt, maxSurplus, lastCheckpoint, 0, wealth, null);
            } catch (IOException | RuntimeException ignored) {
                // best effort while the JVM exits; the summary then still says "running", never "complete"
            }
        }
    }
}
