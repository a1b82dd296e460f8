package org.vaesim.host.run;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.vaesim.host.epoch.Engine;
import org.vaesim.host.facts.Crash;
import org.vaesim.host.facts.RunFacts;
import org.vaesim.host.io.CheckpointFile;
import org.vaesim.host.io.CheckpointStore;
import org.vaesim.host.io.EpochTimes;
import org.vaesim.host.io.MetricsCsv;
import org.vaesim.host.io.ParquetExport;
import org.vaesim.host.io.StageRounds;
import org.vaesim.host.io.StateCodec;
import org.vaesim.host.io.StateDigest;
import org.vaesim.host.io.WriteFailure;
import org.vaesim.host.metrics.MetricsRow;
import org.vaesim.host.metrics.WealthHistogram;
import org.vaesim.host.metrics.WealthSnapshot;
import org.vaesim.host.report.HtmlReport;
import org.vaesim.host.report.ResultsBlock;
import org.vaesim.host.safety.AuditAnchor;
import org.vaesim.host.safety.AuditKey;
import org.vaesim.host.safety.AuditLog;
import org.vaesim.models.scenario.ConfigException;
import org.vaesim.models.scenario.Scenario;
import org.vaesim.models.scenario.ScenarioLoader;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One run from start (or from its latest checkpoint) to the end, writing every output as it goes. A run
 * that fails or is interrupted leaves its last checkpoint and a summary whose status says why; only a
 * finished run has status "complete". SIGINT, SIGTERM or SIGHUP stops it at the end of the epoch in progress,
 * with a checkpoint of that epoch ({@link StopSignals}).
 */
public final class RunSession {
    public static final String VERSION = "0.1.0";

    /**
     * How a session ended. {@code parquet} says whether metrics.parquet was written; its failure never changes
     * {@code status}: metrics.csv is the authoritative copy. {@code interruption} is set when a signal stopped
     * the run (status interrupted).
     */
    public record Outcome(Path dir, RunStatus status, String checksum, String error, ParquetExport.Result parquet,
                          Interruption interruption) {
        public boolean complete() {
            return status == RunStatus.COMPLETE;
        }
    }

    /** A run that {@code stop} stopped after epoch {@code epoch} of {@code epochs}, with its {@code checkpoint}. */
    public record Interruption(StopSignals.Stop stop, int epoch, int epochs, Path checkpoint) {
    }

    private final RunDirectory run;
    private final Engine engine;
    private final boolean resumed;
    /** What ties this run's checkpoints to it (seed, scenario, audit key). */
    private final CheckpointFile.Binding binding;
    /** Where the audit log is continued from (the checkpoint's anchor); null for a new run. */
    private final AuditAnchor resumedAudit;
    /** The open audit log, for the anchor in summary.json (read by the interrupt hook too). */
    private volatile AuditLog auditLog;
    private final int resumedFrom;
    private final PrintStream log;
    private final Progress progress;
    private final boolean parquet;
    private final boolean quiet;
    /** What each market did epoch by epoch, for the end-of-run checks (RunWarnings). */
    private final MarketActivity activity;
    /** What may stop the session at an epoch boundary: this process's signals, unless a caller says otherwise. */
    private final Supplier<StopRequest> stops;

    private RunSession(RunDirectory run, Engine engine, AuditAnchor resumedAudit, CheckpointFile.Binding binding,
                       PrintStream log, boolean quiet, boolean parquet, MarketActivity activity,
                       Supplier<StopRequest> stops) {
        this.run = run;
        this.engine = engine;
        this.resumed = resumedAudit != null;
        this.resumedAudit = resumedAudit;
        this.binding = binding;
        this.resumedFrom = engine.epoch();
        this.log = log;
        this.parquet = parquet;
        this.quiet = quiet;
        this.activity = activity;
        this.stops = stops;
        this.progress = new Progress(log, Progress.stderrIsTerminal(), quiet, engine.epoch(),
                engine.scenario().epochs());
    }

    /**
     * Starts a new run of {@code scenario} (already carrying the command line's overrides) in {@code dir}, which
     * must be new or empty.
     */
    public static Outcome start(Scenario scenario, Path scenarioFile, Path dir, String backend, int threads,
                                PrintStream log, boolean quiet) throws IOException, ConfigException {
        return start(scenario, scenarioFile, dir, backend, threads, log, quiet, true);
    }

    /** {@link #start}, writing metrics.parquet at the end only if {@code parquet}. */
    public static Outcome start(Scenario scenario, Path scenarioFile, Path dir, String backend, int threads,
                                PrintStream log, boolean quiet, boolean parquet) throws IOException, ConfigException {
        return start(scenario, scenarioFile, dir, backend, threads, log, quiet, parquet, false, null);
    }

    /**
     * {@link #start}; with {@code force}, {@code dir} may hold an earlier run, whose files are removed first
     * ({@link RunDirectory#claimForNewRun}); with an {@code auditKey}, the audit log and its anchors are keyed.
     * The directory is locked for the whole session.
     *
     * @throws ConfigException when {@code dir} cannot be used (a file, not writable, another run, locked)
     */
    public static Outcome start(Scenario scenario, Path scenarioFile, Path dir, String backend, int threads,
                                PrintStream log, boolean quiet, boolean parquet, boolean force, AuditKey auditKey)
            throws IOException, ConfigException {
        return start(scenario, null, scenarioFile, scenarioFile.toString(), dir, backend, threads, log, quiet, parquet,
                force, auditKey, StopSignals::capture);
    }

    /**
     * {@link #start} of a scenario given as its file's bytes, which run.json says came from {@code scenarioSource}
     * (a path on the machine that read them, maybe another than this one), quietly, stopped at an epoch boundary
     * when {@code stops} asks rather than by this process's signals: a sweep's run, on whichever machine runs it.
     */
    public static Outcome start(Scenario scenario, byte[] scenarioBytes, String scenarioSource, Path dir,
                                String backend, int threads, PrintStream log, boolean parquet,
                                Supplier<StopRequest> stops) throws IOException, ConfigException {
        return start(scenario, scenarioBytes, null, scenarioSource, dir, backend, threads, log, true, parquet, false,
                null, stops);
    }

    /** The scenario's bytes are {@code scenarioBytes}, or read from {@code scenarioFile} under the run's lock. */
    private static Outcome start(Scenario scenario, byte[] scenarioBytes, Path scenarioFile, String scenarioSource,
                                 Path dir, String backend, int threads, PrintStream log, boolean quiet,
                                 boolean parquet, boolean force, AuditKey auditKey, Supplier<StopRequest> stops)
            throws IOException, ConfigException {
        RunDirectory run = new RunDirectory(dir);
        try (RunLock lock = run.claimForNewRun(force, log)) {
            byte[] bytes = scenarioBytes != null ? scenarioBytes : Files.readAllBytes(scenarioFile);
            try {
                Files.write(run.scenario(), bytes);
                run.writeSettings(new RunDirectory.RunSettings(scenario.seed(), scenario.epochs(), threads, backend,
                        scenarioSource));
            } catch (IOException e) {
                throw new ConfigException("--out", "--out", dir.toString(), "cannot be written: " + e.getMessage());
            }
            CheckpointFile.Binding binding = new CheckpointFile.Binding(scenario.seed(), bytes, auditKey);
            try (Engine engine = Engine.start(scenario, backend, threads)) {
                return new RunSession(run, engine, null, binding, log, quiet, parquet,
                        new MarketActivity(scenario.markets().size(), 0), stops).execute();
            }
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
        return resume(dir, backendOverride, threadsOverride, epochsOverride, log, quiet, parquet, null);
    }

    /**
     * {@link #resume}, for a run whose audit log is keyed with {@code auditKey} (null for an unkeyed log). Before
     * anything is written, the directory is locked and the checkpoint checked ({@link ResumeChecks}): whole (else
     * the newest whole one, said on {@code log}), and of this run: its seed, scenario, key and audit log.
     */
    public static Outcome resume(Path dir, String backendOverride, Integer threadsOverride, Integer epochsOverride,
                                 PrintStream log, boolean quiet, boolean parquet, AuditKey auditKey)
            throws IOException, ConfigException {
        RunDirectory run = new RunDirectory(dir);
        if (!Files.isRegularFile(run.settings()) || !Files.isRegularFile(run.scenario())) {
            throw new ConfigException(dir.toString(), "$", "(not a run directory)",
                    "expected run.json and scenario.json written by `vaesim run`");
        }
        try (RunLock lock = RunLock.acquire(dir, "resume")) {
            RunDirectory.RunSettings settings = run.readSettings();
            byte[] scenarioBytes = Files.readAllBytes(run.scenario());
            CheckpointFile.Verified from = ResumeChecks.check(run, settings, scenarioBytes, auditKey, log);
            Scenario scenario = ScenarioLoader.load(run.scenario()).withSeed(settings.seed())
                    .withEpochs(epochsOverride != null ? epochsOverride : settings.epochs());
            int threads = threadsOverride != null ? threadsOverride : settings.threads();
            String backend = backendOverride != null ? backendOverride : settings.backend();
            if (from.epoch() > scenario.epochs()) {
                throw new ConfigException(dir.toString(), "--epochs", Integer.toString(scenario.epochs()),
                        "must be at least the checkpoint's epoch " + from.epoch());
            }
            Engine engine;
            StateCodec.State st;
            try {
                st = CheckpointStore.load(from, scenario);
                engine = Engine.restore(scenario, backend, threads, st.population(), st.markets(), st.accounting(),
                        st.safety(), st.stageOrder(), st.sections(), st.epoch());
            } catch (IOException unreadable) { // bad input like a damaged checkpoint (exit 2), refused before writing
                throw new ConfigException(from.file().toString(), "checkpoint", "(not readable)",
                        unreadable.getMessage() + "; its digests hold, so it was written so: by another vaesim, or"
                        + " rewritten whole with its digests. Start the run again with `vaesim run --force`");
            }
            run.writeSettings(new RunDirectory.RunSettings(scenario.seed(), scenario.epochs(), threads, backend,
                    settings.scenarioSource()));
            log.println("resuming " + dir + " from " + from.file().getFileName() + " (epoch " + st.epoch() + ")");
            CheckpointFile.Binding binding = new CheckpointFile.Binding(settings.seed(), scenarioBytes, auditKey);
            try (engine) {
                return new RunSession(run, engine, from.audit(), binding, log, quiet, parquet,
                        MarketActivity.load(from.file(), scenario.markets().size(), st.epoch()),
                        StopSignals::capture).execute();
            }
        }
    }

    private Outcome execute() throws IOException {
        String startedAt = Instant.now().toString();
        long[] maxSurplus = MetricsRow.maxSurplus(engine);
        CheckpointStore checkpoints = new CheckpointStore(run.dir(), binding);
        Scenario scenario = engine.scenario();
        int metricsEvery = scenario.metricsEvery();
        int checkpointEvery = scenario.checkpointEvery();
        long wallStart = System.nanoTime();
        long stepNanos = 0;
        String lastCheckpoint = checkpoints.latest().map(p -> p.getFileName().toString()).orElse(null);
        // A resumed session starts from the checkpoint of its first epoch; a new one has none yet.
        int checkpointedEpoch = resumed ? engine.epoch() : -1;
        StopSignals.Stop stop = null;
        RunStatus status = RunStatus.COMPLETE;
        String error = null;
        String checksum = null;
        removeStaleParquet();
        ParquetExport.Result exported = null;
        ObjectNode summary;
        SessionState live = new SessionState();
        live.lastCheckpoint = lastCheckpoint; // a resumed run's: the hook must not say it has none
        live.epoch = engine.epoch();
        // The summary's wealth section until the first metrics row: a histogram pass, which changes nothing.
        live.wealth = new WealthSnapshot(engine.epoch(), WealthHistogram.sample(engine), null);
        Thread hook = new Thread(() -> live.interrupted(this, startedAt, maxSurplus), "vaesim-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try (StopRequest signals = stops.get();
             EpochTimes times = new EpochTimes(run.epochTimes(), resumed);
             MetricsCsv csv = resumed
                     ? MetricsCsv.resume(run.metrics(), scenario.markets(), engine.stages(), engine.epoch())
                     : MetricsCsv.create(run.metrics(), scenario.markets(), engine.stages());
             AuditLog audit = resumed
                     ? AuditLog.resume(run.audit(), resumedAudit, binding.key(), scenario.safety().audit(),
                             metricsEvery)
                     : AuditLog.create(run.audit(), binding.key(), scenario.safety().audit(), metricsEvery);
             StageRounds rounds = StageRounds.open(run.dir(), engine.stages(), resumed, engine.epoch())) {
            live.times = times;
            auditLog = audit;
            engine.audit(audit);
            // The summary first: anchored where a resumed log is cut back to, so a kill at any moment leaves a
            // summary whose anchor the log holds (AuditLog.resume).
            writeSummary(RunStatus.RUNNING, null, null, times, 0, startedAt, maxSurplus, lastCheckpoint, 0,
                    live.wealth, null);
            audit.record(engine.epoch(), resumed ? "resume" : "run_start", runFields(startedAt));
            try {
                while (!engine.finished()) {
                    // Checked before an epoch starts, never inside one: the epoch in progress when a signal came
                    // has finished, with its metrics row and periodic checkpoint if it was due one.
                    stop = signals.requested();
                    if (stop != null) {
                        break;
                    }
                    activity.beforeStep(engine);
                    long t0 = System.nanoTime();
                    engine.step();
                    long dt = System.nanoTime() - t0;
                    activity.afterStep(engine);
                    stepNanos += dt;
                    times.record(dt);
                    int e = engine.epoch();
                    if (e % metricsEvery == 0 || engine.finished()) {
                        MetricsRow row = MetricsRow.sample(engine, maxSurplus);
                        csv.append(row);
                        live.wealth = WealthSnapshot.of(row);
                        times.flushInterval();
                    }
                    rounds.appendLast(); // after the metrics row: a stage's figures of a metrics epoch are in it
                    if (checkpointEvery > 0 && e % checkpointEvery == 0 && !engine.finished()) {
                        audit.sync();
                        lastCheckpoint = checkpoint(checkpoints, audit);
                        live.lastCheckpoint = lastCheckpoint;
                        checkpointedEpoch = e;
                    }
                    live.stepSeconds = stepNanos / 1e9;
                    live.epoch = e;
                    progress.update(e);
                }
                // exact, at every session's end even without -Dvaesim.checks: a total that left 64 bits or does
                // not add up fails the run here, before its state is checkpointed or reported complete
                engine.verifyConservation();
                audit.sync();
                if (checkpointedEpoch != engine.epoch()) {
                    lastCheckpoint = checkpoint(checkpoints, audit);
                }
                if (stop == null) {
                    checksum = StateDigest.of(engine);
                } else {
                    status = RunStatus.INTERRUPTED;
                    error = "stopped by " + stop.signal() + " after epoch " + engine.epoch() + " of "
                            + scenario.epochs() + ", checkpointed; resume with `vaesim resume " + run.dir() + "`";
                }
            } catch (RuntimeException | IOException e) {
                status = RunStatus.FAILED;
                error = e.getClass().getSimpleName() + ": " + e.getMessage() + " (after epoch " + engine.epoch() + ")";
            }
            try {
                audit.record(engine.epoch(), "run_end", endFields(status, error, checksum));
            } catch (UncheckedIOException e) { // a full disk: the summary below still says why the run stopped
                log.println("vaesim: the audit log's run_end record was not written: " + e.getMessage());
            }
            // An interrupted session leaves no Parquet copy (docs/outputs.md): it exits soon, and resume writes it.
            exported = status == RunStatus.INTERRUPTED ? null : exportParquet(csv);
            live.finished = true;
            double wall = (System.nanoTime() - wallStart) / 1e9;
            summary = writeSummary(status, error, checksum, times, stepNanos / 1e9, startedAt, maxSurplus,
                    lastCheckpoint, wall, live.wealth, exported);
        } finally {
            removeHook(hook);
        }
        printResults(summary);
        try {
            HtmlReport.write(run.dir(), null);
        } catch (IOException e) {
            log.println("vaesim: warning: " + run.report().getFileName() + " was not written: "
                    + WriteFailure.naming(run.report(), e).getMessage());
        }
        Interruption interruption = status != RunStatus.INTERRUPTED ? null
                : new Interruption(stop, engine.epoch(), scenario.epochs(), checkpoints.latest().orElse(null));
        return new Outcome(run.dir(), status, checksum, error, exported, interruption);
    }

    /** Saves a checkpoint and, beside it, the markets' activity counts; returns the checkpoint's file name. */
    private String checkpoint(CheckpointStore checkpoints, AuditLog audit) throws IOException {
        Path file = checkpoints.save(engine, audit.anchor());
        activity.save(file, engine.epoch());
        return file.getFileName().toString();
    }

    /** The results block (unless quiet) and then every warning, on the session's log (docs/cli.md#run). */
    private void printResults(ObjectNode summary) {
        if (!quiet) {
            ResultsBlock.text(summary).forEach(log::println);
        }
        for (String warning : ResultsBlock.warnings(summary)) {
            log.println("vaesim: warning: " + warning);
        }
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
                            engine.stages()),
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

    /** Writes summary.json and returns what it wrote. */
    private ObjectNode writeSummary(RunStatus status, String error, String checksum, EpochTimes times,
                                    double stepSeconds, String startedAt, long[] maxSurplus, String lastCheckpoint,
                                    double wallSeconds, WealthSnapshot wealth, ParquetExport.Result exported)
            throws IOException {
        ObjectNode summary = Summary.build(engine, status, error, checksum, times.total(), stepSeconds, wallSeconds,
                engine.epoch() - resumedFrom, maxSurplus, lastCheckpoint, startedAt, resumed ? resumedFrom : null,
                wealth);
        RunWarnings.annotate(summary, engine.scenario(), activity);
        AuditLog audit = auditLog;
        if (audit != null) {
            putAuditAnchor(summary.putObject("audit"), audit.anchor(), status);
        }
        if (status == RunStatus.COMPLETE || status == RunStatus.FAILED) {
            summary.set("facts", RunFacts.json(run.metrics())); // docs/facts.md
            ArrayNode crash = Crash.json(engine.scenario(), run.metrics()); // docs/outputs.md#crash
            if (crash != null) {
                summary.set("crash", crash);
            }
        }
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
        return summary;
    }

    /**
     * summary.json's {@code audit}: the log's anchor when the summary was written (docs/safety.md#anchors), with
     * its MAC in a keyed run; the MAC also covers the summary's status.
     */
    private void putAuditAnchor(ObjectNode a, AuditAnchor anchor, RunStatus status) {
        a.put("file", AuditLog.FILE);
        a.put("records", anchor.records());
        a.put("head", anchor.head());
        a.put("mode", engine.scenario().safety().audit().jsonName());
        a.put("keyed", binding.key() != null);
        if (binding.key() != null) {
            a.put("anchor_mac", binding.key().mac(anchor.macText(summaryContext(status.label()))));
        }
    }

    /** What a summary anchor's MAC covers beside the anchor: that it is summary.json's, and its status. */
    public static String summaryContext(String status) {
        return "summary.json " + status;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting: the hook runs and records the interruption
        }
    }

    /**
     * What the shutdown hook needs to write an "interrupted" summary if the JVM is stopped mid-run without an epoch
     * boundary checkpoint: a second signal, a signal {@link StopSignals} could not capture, System.exit.
     */
    private static final class SessionState {
        volatile boolean finished;
        volatile String lastCheckpoint;
        volatile double stepSeconds;
        /** The last epoch completed, as the loop saw it (the engine's own counter is not safe to read from here). */
        volatile int epoch;
        volatile EpochTimes times;
        /** The latest wealth figures, so the interrupt hook never has to run a pass on the backend itself. */
        volatile WealthSnapshot wealth;

        void interrupted(RunSession session, String startedAt, long[] maxSurplus) {
            if (finished || times == null) {
                return;
            }
            try {
                String resume = lastCheckpoint == null ? "it has no checkpoint: start it again with `vaesim run`"
                        : "resume from its last checkpoint, " + lastCheckpoint + ", with `vaesim resume "
                        + session.run.dir() + "`";
                String error = "stopped at once after epoch " + epoch + "; " + resume;
                session.log.println(System.lineSeparator() + "vaesim: " + error);
                session.writeSummary(RunStatus.INTERRUPTED, error,
                        null, times, stepSeconds, startedAt, maxSurplus, lastCheckpoint, 0, wealth, null);
            } catch (IOException | RuntimeException ignored) {
                // best effort while the JVM exits; the summary then still says "running", never "complete"
            }
        }
    }
}
