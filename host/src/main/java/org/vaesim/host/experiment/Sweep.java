package org.vaesim.host.experiment;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.vaesim.host.experiment.design.Robustness;
import org.vaesim.host.experiment.design.SpecValues;
import org.vaesim.host.io.ParquetExport;
import org.vaesim.host.report.SweepReport;
import org.vaesim.host.run.RunDirectory;
import org.vaesim.host.run.RunLock;
import org.vaesim.host.run.RunSession;
import org.vaesim.host.run.RunStatus;
import org.vaesim.host.run.StopSignals;
import org.vaesim.models.scenario.ConfigException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * Runs every (grid point, seed) of a sweep as an ordinary run in {@code DIR/points/pNNNN-sSEED}, several at a
 * time, and writes {@code results.csv} (one row per point and seed, also as {@code results.parquet}) and
 * {@code summary.csv} (mean and 95% confidence interval per point). Resumable: a run whose summary says complete is kept; any other is run
 * again from scratch; the CSVs are rebuilt from the run directories, so a sweep interrupted at any moment,
 * even by SIGKILL, resumes without duplicate or missing rows.
 */
public final class Sweep {
    /** The linking control's evaluation in summary.json, as {@code linking.<name>} columns (docs/outputs.md). */
    static final List<String> LINKING = List.of("detected", "detected_share", "detection_delay",
            "attacker_stopped_share", "attacker_refused_share", "honest_flagged_share", "honest_killed_share",
            "honest_refused_share", "honest_principals_flagged_share", "attacker_self_traded",
            "attacker_backoff_epochs");

    private Sweep() {
    }

    /**
     * What happened: runs done now, runs found complete from before, the two result files, how
     * results.parquet went (null when no run is complete, so there is no row to write), and the signal that
     * stopped the sweep (null if none): its runs in progress were stopped and the rest not started.
     */
    public record Outcome(int ran, int reused, int failed, Path results, Path summary,
                          ParquetExport.Result parquet, StopSignals.Stop stoppedBy) {
        public Path resultsParquet() {
            return results.resolveSibling(PARQUET);
        }
    }

    static final String PARQUET = "results.parquet";

    /** A run of the sweep: its point and seed, its directory, and its {@link RunKey}. */
    private record Job(SweepSpec.Point point, long seed, Path dir, String key) {
    }

    /** Where finished runs wait while a sweep moves them to their new places (see {@link #placeFinishedRuns}). */
    static final String REUSE = ".reuse";

    public static Outcome run(SweepSpec spec, Path dir, Integer parallelOverride, PrintStream log)
            throws IOException, InterruptedException, ConfigException {
        return run(spec, dir, "java", parallelOverride, log);
    }

    /** Runs the sweep's runs on {@code backend} (already resolved; see Backends). */
    public static Outcome run(SweepSpec spec, Path dir, String backend, Integer parallelOverride, PrintStream log)
            throws IOException, InterruptedException, ConfigException {
        return run(spec, dir, backend, parallelOverride, true, false, log);
    }

    /**
     * {@link #run}; with {@code parquet}, every run writes its metrics.parquet and the sweep writes
     * results.parquet; without, neither is written and a results.parquet left from before is removed. A complete
     * run's checkpoints are deleted when it ends unless {@code keepCheckpoints}: a sweep resumes by running
     * unfinished runs again from the start, so it never needs them, and they are most of a run directory's size.
     * SIGINT, SIGTERM or SIGHUP stops the runs in progress at an epoch boundary and starts no more
     * ({@link Outcome#stoppedBy}). The directory is locked ({@link RunLock#acquireSweep}) for the whole sweep.
     *
     * @throws ConfigException when another sweep is writing {@code dir}
     */
    public static Outcome run(SweepSpec spec, Path dir, String backend, Integer parallelOverride, boolean parquet,
                              boolean keepCheckpoints, PrintStream log)
            throws IOException, InterruptedException, ConfigException {
        try (SweepExecutor local = new LocalSweepExecutor(parallelOverride != null ? parallelOverride
                : spec.parallel() > 0 ? spec.parallel() : null)) {
            return run(spec, dir, backend, parquet, keepCheckpoints, local, log);
        }
    }

    /**
     * {@link #run} on {@code executor}: this plans the runs (every point and seed, the runs finished before kept
     * by their {@link RunKey}), hands the others to the executor, and writes the result files from the run
     * directories, whichever engine made them. {@code backend} is what each run asks for, resolved where it runs.
     * The directory is locked ({@link RunLock#acquireSweep}) for the whole sweep, whichever engine runs it.
     *
     * @throws ConfigException when another sweep is writing {@code dir}
     */
    public static Outcome run(SweepSpec spec, Path dir, String backend, boolean parquet, boolean keepCheckpoints,
                              SweepExecutor executor, PrintStream log)
            throws IOException, InterruptedException, ConfigException {
        try (RunLock lock = RunLock.acquireSweep(Files.createDirectories(dir))) {
            return runLocked(spec, dir, backend, parquet, keepCheckpoints, executor, log);
        }
    }

    private static Outcome runLocked(SweepSpec spec, Path dir, String backend, boolean parquet,
                                     boolean keepCheckpoints, SweepExecutor executor, PrintStream log)
            throws IOException, InterruptedException {
        Path points = Files.createDirectories(dir.resolve("points"));
        Files.createDirectories(dir.resolve("scenarios"));
        deleteTree(points.resolve(RunFiles.INCOMING)); // what a killed sweep was writing: run again
        if (spec.design() != null) { // the sample, in the unit cube and as values (docs/sweeps.md#sampling-designs)
            writeAtomically(dir.resolve(SweepReport.DESIGN), List.of(spec.design().toJson().toPrettyString()));
        } else {
            Files.deleteIfExists(dir.resolve(SweepReport.DESIGN)); // a sampled sweep's, run before in this directory
        }
        List<Job> all = new ArrayList<>();
        Map<Integer, String> scenarios = new HashMap<>();
        for (SweepSpec.Point p : spec.points()) {
            String json = spec.scenarioJson(p).toPrettyString();
            writeAtomically(scenarioFile(dir, p), List.of(json));
            scenarios.put(p.index(), Files.readString(scenarioFile(dir, p))); // as a resumed sweep reads it
            for (long seed : spec.seeds()) {
                all.add(new Job(p, seed, points.resolve(String.format(Locale.ROOT, "p%04d-s%d", p.index(), seed)),
                        RunKey.of(p.scenarioKey(), seed)));
            }
        }
        List<Job> todo = placeFinishedRuns(points, all);
        List<SweepExecutor.Task> tasks = new ArrayList<>();
        for (Job job : todo) {
            tasks.add(new SweepExecutor.Task(new SweepRun(job.point().index(), job.seed(),
                    job.dir().getFileName().toString(), scenarios.get(job.point().index()),
                    scenarioFile(dir, job.point()).toString(), backend, parquet, keepCheckpoints), job.dir()));
        }
        log.printf(Locale.ROOT, "sweep %s: %d points x %d seeds = %d runs; %d done before, %d to run, %s%n",
                spec.name(), spec.points().size(), spec.seeds().size(), all.size(), all.size() - todo.size(),
                todo.size(), executor.describe(todo.size()));
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        StopSignals.Stop stoppedBy;
        try (StopSignals.Capture signals = StopSignals.capture()) {
            executor.execute(tasks, signals, (task, result) -> {
                if (result.status() == RunStatus.INTERRUPTED) {
                    return; // neither done nor failed: the next invocation runs it again
                }
                boolean complete = result.status() == RunStatus.COMPLETE;
                if (!complete) {
                    failed.incrementAndGet();
                }
                log.printf(Locale.ROOT, "sweep: %d/%d runs done (point %d, seed %d: %s%s)%n", done.incrementAndGet(),
                        todo.size(), task.run().point(), task.run().seed(), result.status().label(),
                        complete || result.error() == null ? "" : ": " + result.error());
            });
            stoppedBy = signals.requested();
        }
        deleteTree(points.resolve(RunFiles.INCOMING)); // empty unless a run's files failed to move into place
        Path results = dir.resolve("results.csv");
        Path summary = dir.resolve("summary.csv");
        Map<Integer, Map<Long, Map<String, Double>>> runs = new HashMap<>();
        List<ParquetExport.Column> columns = writeResults(spec, all, results, summary, runs);
        Robustness.removeStale(dir, spec.claims()); // the files of claims the sweep file no longer has
        if (!spec.claims().isEmpty()) { // docs/sweeps.md#robustness
            Robustness.write(dir, spec.claims(), new Robustness.Inputs(spec.parameters(),
                    spec.points().stream().map(SweepSpec.Point::values).toList(), spec.seeds(), runs))
                    .forEach(line -> log.println("sweep: robustness " + line));
        }
        ParquetExport.Result exported = exportParquet(columns, results, parquet, log);
        if (Files.readAllLines(summary).size() > 1) {
            SweepReport.write(dir, null);
        }
        return new Outcome(done.get(), all.size() - todo.size(), failed.get(), results, summary, exported,
                stoppedBy);
    }

    private static Path scenarioFile(Path dir, SweepSpec.Point p) {
        return dir.resolve("scenarios").resolve(String.format(Locale.ROOT, "p%04d.json", p.index()));
    }

    /**
     * Puts every finished run that a job of this sweep asks for (by its {@link RunKey}, wherever it lies under
     * {@code points}) into that job's directory, and returns the jobs left to run. A run never stays where its
     * key is not its job's: an edit that reorders the grid's values moves the runs with their values, and an
     * edit that changes what a point runs leaves the old run unused (it is replaced when the job runs). Runs
     * move in two steps, all of them aside into {@code points/.reuse/KEY} first, so that two runs that trade
     * places never meet; a sweep stopped between the steps finds them there next time.
     */
    private static List<Job> placeFinishedRuns(Path points, List<Job> jobs) throws IOException {
        Path aside = points.resolve(REUSE);
        Map<String, Path> finished = new HashMap<>();
        for (Path folder : List.of(aside, points)) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> runs = Files.list(folder)) {
                for (Path run : runs.filter(r -> !r.getFileName().toString().startsWith(".")).sorted().toList()) {
                    if (complete(run)) {
                        RunKey.ofRunDirectory(run).ifPresent(key -> finished.putIfAbsent(key, run));
                    }
                }
            }
        }
        List<Job> todo = new ArrayList<>();
        List<Job> moving = new ArrayList<>();
        for (Job job : jobs) {
            Path found = finished.get(job.key());
            if (found == null) {
                todo.add(job);
            } else if (!found.equals(job.dir())) {
                moving.add(job);
            }
        }
        for (Job job : moving) {
            Path found = finished.get(job.key());
            if (!found.equals(aside.resolve(job.key()))) {
                Files.createDirectories(aside);
                Files.move(found, aside.resolve(job.key()), StandardCopyOption.ATOMIC_MOVE);
            }
        }
        for (Job job : moving) {
            deleteTree(job.dir()); // no job's run: it was moved aside otherwise
            Files.move(aside.resolve(job.key()), job.dir(), StandardCopyOption.ATOMIC_MOVE);
        }
        if (Files.isDirectory(aside)) {
            deleteTree(aside); // runs no job of this sweep asks for any more
        }
        return todo;
    }

    /**
     * results.csv as results.parquet, rebuilt whole each time like the CSV. A failure is reported, never raised:
     * results.csv is complete and authoritative.
     */
    private static ParquetExport.Result exportParquet(List<ParquetExport.Column> columns, Path results,
                                                      boolean parquet, PrintStream log) throws IOException {
        Path file = results.resolveSibling(PARQUET);
        if (!parquet || columns == null) {
            ParquetExport.removeStale(file); // it would no longer match results.csv
            return parquet ? null : ParquetExport.Result.OFF;
        }
        ParquetExport.Result r = ParquetExport.tryWrite(results, columns, file);
        if (r.status() == ParquetExport.Status.FAILED) {
            log.println("vaesim: warning: " + PARQUET + " was not written: " + r.error() + "; "
                    + results.getFileName() + " is unaffected and remains the authoritative copy");
        }
        return r;
    }

    /**
     * results.csv's columns with their Parquet types: point INT32, seed INT64, each parameter by its values
     * (INT64 if all are integers, DOUBLE if all are numbers, BOOLEAN if all are booleans, else STRING), the
     * checksum STRING, and every metric DOUBLE (they are read as numbers from summary.json and metrics.csv).
     */
    static List<ParquetExport.Column> resultColumns(SweepSpec spec, List<String> metricNames) {
        List<ParquetExport.Column> cols = new ArrayList<>();
        cols.add(new ParquetExport.Column("point", ParquetExport.Type.INT32));
        cols.add(new ParquetExport.Column("seed", ParquetExport.Type.INT64));
        for (int i = 0; i < spec.parameters().size(); i++) {
            final int k = i;
            List<JsonNode> values = spec.points().stream().map(p -> p.values().get(k)).toList();
            ParquetExport.Type type = values.stream().allMatch(JsonNode::isIntegralNumber) ? ParquetExport.Type.INT64
                    : values.stream().allMatch(JsonNode::isNumber) ? ParquetExport.Type.DOUBLE
                    : values.stream().allMatch(JsonNode::isBoolean) ? ParquetExport.Type.BOOLEAN
                    : ParquetExport.Type.STRING;
            cols.add(new ParquetExport.Column(spec.parameters().get(i), type));
        }
        cols.add(new ParquetExport.Column("state_checksum", ParquetExport.Type.STRING));
        metricNames.forEach(m -> cols.add(new ParquetExport.Column(m, ParquetExport.Type.DOUBLE)));
        return cols;
    }

    static boolean complete(Path runDir) {
        try {
            Path s = runDir.resolve("summary.json");
            return Files.exists(s) && "complete".equals(RunDirectory.JSON.readTree(s.toFile()).path("status").asText());
        } catch (IOException e) {
            return false;
        }
    }

    /** The numbers a sweep row reports from one run directory, in a stable order. */
    static Map<String, Double> metrics(Path runDir) throws IOException {
        JsonNode s = RunDirectory.JSON.readTree(runDir.resolve("summary.json").toFile());
        Map<String, Double> m = new LinkedHashMap<>();
        for (JsonNode market : s.path("markets")) {
            String name = market.path("name").asText();
            m.put(name + ".last_price", market.path("last_price").asDouble());
            m.put(name + ".volume", market.path("volume").asDouble());
            m.put(name + ".max_drawdown", market.path("max_drawdown").asDouble());
        }
        List<String> csv = Files.readAllLines(runDir.resolve("metrics.csv"), StandardCharsets.UTF_8);
        List<String> header = List.of(csv.getFirst().split(",", -1));
        String[] last = csv.getLast().split(",", -1);
        for (String column : List.of("wealth_gini", "top1_share", "top10_share")) {
            m.put(column, Double.parseDouble(last[header.indexOf(column)]));
        }
        for (JsonNode auction : s.path("auctions")) {
            String name = auction.path("name").asText();
            for (String f : List.of("efficiency", "allocation_gini", "cumulative_allocation_gini", "envy_share",
                    "envy_share_up_to_one_unit", "small_principal_share", "max_principal_share", "last_price")) {
                if (auction.has(f)) {
                    m.put(name + "." + f, auction.path(f).asDouble());
                }
            }
        }
        for (JsonNode mission : s.path("missions")) {
            String name = mission.path("name").asText();
            m.put(name + ".success", mission.path("success").asBoolean() ? 1.0 : 0.0);
            for (String f : List.of("mission_completion", "completion", "completed_epoch",
                    "cost_per_completed_task", "escrow_cost_per_completed_task", "mean_price", "free_riding_share",
                    "non_delivery_share", "repeat_non_deliverers", "payment_hhi", "payment_gini",
                    "mean_winner_capability", "mean_winner_reputation", "tax_collected", "subsidy_paid",
                    "escrow_returned")) {
                // a measure some runs leave out (no task delivered, or not every task) is NaN, so that every run
                // has the same columns: an empty cell, and no mean over the seeds
                m.put(name + "." + f, mission.has(f) ? mission.path(f).asDouble() : Double.NaN);
            }
        }
        JsonNode g = s.path("gateway");
        if (!g.isMissingNode()) { // docs/permeability.md
            m.put("gateway.peak_exposure", g.path("exposure").path("peak_exposure").asDouble());
            m.put("gateway.exposure", g.path("exposure").path("exposure").asDouble());
            m.put("gateway.external_pnl", g.path("exposure").path("external_pnl").asDouble());
            m.put("gateway.agent_currency_out", g.path("flows").path("agent_currency_out").asDouble());
            m.put("gateway.agent_currency_in", g.path("flows").path("agent_currency_in").asDouble());
            m.put("gateway.fees", g.path("flows").path("fees").asDouble());
            m.put("gateway.active_epochs", g.path("active_epochs").asDouble());
            m.put("gateway.breaker_closures", g.path("closures").path("circuit_breaker").asDouble());
            m.put("gateway.rate_max_drawdown", g.path("rate").path("max_drawdown").asDouble());
            for (JsonNode link : g.path("markets")) {
                String name = link.path("name").asText();
                m.put(name + ".exported", link.path("exported").asDouble());
                m.put(name + ".imported", link.path("imported").asDouble());
                m.put(name + ".external_max_drawdown", link.path("external_max_drawdown").asDouble());
                m.put(name + ".pass_through", orNaN(link.path("pass_through")));
                m.put(name + ".return_correlation_lag0", orNaN(link.path("return_correlation").path("lag0")));
                m.put(name + ".return_correlation_lag1", orNaN(link.path("return_correlation").path("lag1")));
                m.put(name + ".reverse_correlation_lag1", orNaN(link.path("reverse_correlation").path("lag1")));
            }
        }
        JsonNode linking = s.path("linking").path("evaluation");
        if (!linking.isMissingNode()) { // docs/safety.md#linking-principals-from-behaviour
            for (String f : LINKING) {
                m.put("linking." + f, orNaN(linking.path(f)));
            }
        }
        m.put("breaker_trips", s.path("safety").path("breaker_trips").asDouble());
        m.put("agents_killed", s.path("safety").path("agents_killed").asDouble());
        m.put("agent_epochs_per_second", s.path("throughput").path("agent_epochs_per_second").asDouble());
        for (JsonNode market : s.path("markets")) { // last, so that the earlier columns keep their places
            if (market.has("efficiency")) {
                m.put(market.path("name").asText() + ".efficiency", orNaN(market.path("efficiency")));
            }
        }
        for (JsonNode market : s.path("markets")) { // the main stylized facts (docs/facts.md), NaN where undefined
            String name = market.path("name").asText();
            JsonNode f = NullNode.getInstance();
            for (JsonNode x : s.path("facts")) {
                f = x.path("market").asText().equals(name) ? x : f;
            }
            m.put(name + ".facts_held", orNaN(f.path("facts_held")));
            m.put(name + ".return_acf1", orNaN(f.path("return_acf").path(0)));
            m.put(name + ".abs_return_acf1", orNaN(f.path("abs_return_acf").path(0)));
            m.put(name + ".hill_right", orNaN(f.path("hill").path("right").path("alpha")));
            m.put(name + ".hill_left", orNaN(f.path("hill").path("left").path("alpha")));
            m.put(name + ".excess_kurtosis1", orNaN(f.path("excess_kurtosis").path(0).path("value")));
            m.put(name + ".zero_return_share", orNaN(f.path("zero_return_share")));
            if (market.has("zi_efficiency")) {
                m.put(name + ".zi_efficiency", orNaN(market.path("zi_efficiency")));
            }
        }
        for (JsonNode c : s.path("crash")) { // a sell-off's shape (docs/experiments/flash-crash.md), NaN if not reached
            String name = c.path("market").asText();
            m.put(name + ".crash_depth", orNaN(c.path("depth")));
            m.put(name + ".crash_epochs_to_trough", orNaN(c.path("epochs_to_trough")));
            m.put(name + ".crash_half_recovery", orNaN(c.path("epochs_to_half_recovery")));
            m.put(name + ".crash_full_recovery", orNaN(c.path("epochs_to_full_recovery")));
            m.put(name + ".crash_recovered", c.path("epochs_to_full_recovery").isNumber() ? 1.0 : 0.0);
            m.put(name + ".crash_peak_volume_ratio", orNaN(c.path("peak_volume_ratio")));
            m.put(name + ".crash_took_off", c.path("took_off").asBoolean() ? 1.0 : 0.0);
        }
        m.put("volatility_pauses", s.path("safety").path("volatility_pauses").asDouble()); // after, as for breakers
        for (JsonNode c : s.path("cohorts")) { // negotiation's capability tiers (docs/strategies.md#negotiation)
            tierColumns(c, m);
        }
        JsonNode en = s.path("entrenchment");
        if (!en.isMissingNode()) { // last again: docs/inequality.md#entrenchment
            for (String f : List.of("mean_persistence", "persistence", "early_winner_share", "compute_hhi")) {
                m.put("entrenchment." + f, orNaN(en.path(f)));
            }
        }
        JsonNode cap = s.path("capability");
        if (!cap.isMissingNode()) { // docs/capability.md
            for (String f : List.of("reinvested", "mean_stock", "stock_gini", "mean_boost")) {
                m.put("capability." + f, orNaN(cap.path(f)));
            }
        }
        for (JsonNode auction : s.path("auctions")) { // revenue and surplus (docs/mechanisms.md#strategic-bidding)
            // NaN (an empty cell) where a run has none (a token auction; no bid_units), so every run has the columns
            String name = auction.path("name").asText();
            m.put(name + ".revenue", orNaN(auction.path("revenue")));
            m.put(name + ".bidder_surplus", orNaN(auction.path("bidder_surplus")));
            for (JsonNode p : auction.path("principals")) {
                m.put(name + "." + p.path("name").asText() + ".surplus", orNaN(p.path("surplus")));
            }
        }
        if (!g.isMissingNode()) { // every external party (docs/permeability.md#every-external-party), last
            JsonNode e = g.path("exposure");
            m.put("gateway.exposure_all_parties", e.path("all_parties").asDouble());
            m.put("gateway.external_side_pnl", e.path("external_side_pnl").asDouble());
            for (JsonNode party : e.path("parties")) { // names are [A-Za-z0-9._-]: safe in a CSV header
                String kind = party.path("kind").asText();
                m.put("gateway." + (kind.equals("broker_principal") ? party.path("party").asText() : kind) + ".pnl",
                        party.path("pnl").asDouble());
            }
        }
        for (JsonNode c : s.path("cohorts")) { // inequality within each cohort and its change from epoch 0, last
            if (c.has("wealth_gini_change")) { // docs/outputs.md#summaryjson; a cohort name is a safe CSV header
                String name = c.path("name").asText();
                m.put("cohort." + name + ".wealth_gini", orNaN(c.path("wealth_gini")));
                m.put("cohort." + name + ".wealth_gini_change", orNaN(c.path("wealth_gini_change")));
            }
        }
        return m;
    }

    /**
     * A cohort with capability tiers: the mean cash of its lowest and highest tier that hold agents, the gap between
     * them (what capability moved from the weak to the strong) and whether mean cash rises strictly with the tier
     * (1 or 0). Tiers without agents are skipped, as their mean cash is no one's.
     */
    private static void tierColumns(JsonNode cohort, Map<String, Double> m) {
        List<Double> cash = new ArrayList<>();
        for (JsonNode t : cohort.path("tiers")) {
            if (t.path("agents").asLong() > 0) {
                cash.add(t.path("mean_cash").asDouble());
            }
        }
        if (cash.isEmpty()) {
            return;
        }
        boolean ordered = true;
        for (int i = 1; i < cash.size(); i++) {
            ordered &= cash.get(i) > cash.get(i - 1);
        }
        String name = cohort.path("name").asText();
        m.put(name + ".bottom_tier_cash", cash.getFirst());
        m.put(name + ".top_tier_cash", cash.getLast());
        m.put(name + ".tier_gap", cash.getLast() - cash.getFirst());
        m.put(name + ".tiers_ordered", ordered ? 1.0 : 0.0);
    }

    /** A number, or NaN (an empty cell) where summary.json has null or nothing. */
    private static double orNaN(JsonNode n) {
        return n.isNumber() ? n.asDouble() : Double.NaN;
    }

    /**
     * Writes both CSVs, and puts every complete run's metrics into {@code byRun} (by point index and seed); returns
     * results.csv's typed columns, or null when no run is complete (no header).
     */
    private static List<ParquetExport.Column> writeResults(SweepSpec spec, List<Job> all, Path results, Path summary,
                                                           Map<Integer, Map<Long, Map<String, Double>>> byRun)
            throws IOException {
        List<String> rows = new ArrayList<>();
        Map<Integer, List<Map<String, Double>>> byPoint = new LinkedHashMap<>();
        // Runs of different points may report different metrics (a point without an auction has no auction
        // columns): the columns are every complete run's, in first-seen order, and a run without one has NaN there
        // (an empty cell, and no mean for its point), as for a value summary.json leaves null.
        List<Job> complete = new ArrayList<>();
        List<Map<String, Double>> metrics = new ArrayList<>();
        List<String> checksums = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        Map<String, MetricBounds.Bounds> bounds = new HashMap<>();
        for (Job job : all) {
            if (!complete(job.dir())) {
                continue;
            }
            Map<String, Double> m = metrics(job.dir());
            JsonNode runSummary = RunDirectory.JSON.readTree(job.dir().resolve("summary.json").toFile());
            complete.add(job);
            metrics.add(m);
            checksums.add(runSummary.path("state_checksum").asText());
            names.addAll(m.keySet());
            MetricBounds.of(runSummary).forEach(bounds::putIfAbsent);
        }
        List<String> metricNames = complete.isEmpty() ? null : List.copyOf(names);
        if (metricNames != null) {
            rows.add(String.join(",", resultColumns(spec, metricNames).stream().map(ParquetExport.Column::name)
                    .toList()));
        }
        for (int i = 0; i < complete.size(); i++) {
            Job job = complete.get(i);
            Map<String, Double> m = metrics.get(i);
            metricNames.forEach(k -> m.putIfAbsent(k, Double.NaN));
            List<String> cells = new ArrayList<>(List.of(Integer.toString(job.point().index()),
                    Long.toString(job.seed())));
            job.point().values().forEach(v -> cells.add(csvValue(v)));
            cells.add(checksums.get(i));
            metricNames.forEach(k -> cells.add(number(m.get(k))));
            rows.add(String.join(",", cells));
            byPoint.computeIfAbsent(job.point().index(), k -> new ArrayList<>()).add(m);
            byRun.computeIfAbsent(job.point().index(), k -> new HashMap<>()).put(job.seed(), m);
        }
        writeAtomically(results, rows);
        List<String> out = new ArrayList<>();
        if (metricNames != null) {
            List<String> head = new ArrayList<>(List.of("point"));
            head.addAll(spec.parameters());
            head.add("runs");
            for (String k : metricNames) {
                head.addAll(List.of(k + ".mean", k + ".ci95_low", k + ".ci95_high"));
            }
            out.add(String.join(",", head));
            for (SweepSpec.Point p : spec.points()) {
                List<Map<String, Double>> runs = byPoint.getOrDefault(p.index(), List.of());
                List<String> cells = new ArrayList<>(List.of(Integer.toString(p.index())));
                p.values().forEach(v -> cells.add(csvValue(v)));
                cells.add(Integer.toString(runs.size()));
                for (String k : metricNames) {
                    double[] x = runs.stream().mapToDouble(r -> r.get(k)).toArray();
                    Interval ci = MetricBounds.isShareOfRuns(k) ? Interval.wilson(x) : Interval.of(x, bounds.get(k));
                    cells.addAll(List.of(number(ci.mean()), number(ci.low()), number(ci.high())));
                }
                out.add(String.join(",", cells));
            }
        }
        writeAtomically(summary, out);
        return metricNames == null ? null : resultColumns(spec, metricNames);
    }

    /**
     * Mean with a two-sided 95% interval; a single run has no interval (NaN, written empty). Unbounded metrics get
     * the Student-t interval, mean ± t(n-1) s/√n. A bounded metric ({@link MetricBounds}) gets the same interval on
     * the logit scale (the delta method: logit(m) ± t(n-1) s/√n / (m (1 - m)), m the mean rescaled to [0, 1]),
     * mapped back, so it stays strictly inside its bounds, is about as wide as Student-t where the mean is far from
     * them, and narrows towards a bound as the data do; where every run sits on one bound, it is that bound.
     */
    record Interval(double mean, double low, double high) {
        private static final double[] T975 = {Double.NaN, 12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306,
            2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074,
            2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};

        static Interval of(double[] x) {
            int n = x.length;
            if (n == 0) {
                return new Interval(Double.NaN, Double.NaN, Double.NaN);
            }
            double mean = 0;
            for (double v : x) {
                mean += v;
            }
            mean /= n;
            if (n == 1) {
                return new Interval(mean, Double.NaN, Double.NaN);
            }
            double ss = 0;
            for (double v : x) {
                ss += (v - mean) * (v - mean);
            }
            double t = n - 1 < T975.length ? T975[n - 1] : 1.96;
            double half = t * Math.sqrt(ss / (n - 1) / n);
            return new Interval(mean, mean - half, mean + half);
        }

        /**
         * The interval of a metric bounded by {@code b} (null: unbounded, Student-t). Where a run lies outside the
         * bounds (a wealth Gini above 1 with negative wealth), they are no bounds of these data: Student-t.
         */
        static Interval of(double[] x, MetricBounds.Bounds b) {
            Interval t = of(x);
            if (b == null || x.length < 2 || Arrays.stream(x).anyMatch(v -> !(v >= b.low() && v <= b.high()))) {
                return t;
            }
            double width = b.high() - b.low();
            double m = Math.clamp((t.mean() - b.low()) / width, 0, 1);
            double se = (t.high() - t.mean()) / width; // t(n-1) s/√n on the unit scale
            if (se == 0 || m == 0 || m == 1) {
                return new Interval(t.mean(), t.mean(), t.mean()); // all runs equal, or all on one bound
            }
            double logit = Math.log(m / (1 - m));
            double half = se / (m * (1 - m));
            return new Interval(t.mean(), b.low() + width * expit(logit - half),
                    b.low() + width * expit(logit + half));
        }

        /**
         * The Wilson score interval ({@link Robustness#wilson}) of the share of runs in which a 0/1 metric is 1.
         * Unlike the Student-t or logit intervals it is not empty when every run agrees: 0 of 30 gives [0, 0.114],
         * since 30 runs cannot rule out a share of a few percent. Falls back to {@link #of(double[])} if a value is
         * not 0 or 1.
         */
        static Interval wilson(double[] x) {
            if (x.length < 2 || Arrays.stream(x).anyMatch(v -> v != 0 && v != 1)) {
                return of(x);
            }
            int k = (int) Arrays.stream(x).sum();
            double[] ci = Robustness.wilson(k, x.length);
            return new Interval((double) k / x.length, ci[0], ci[1]);
        }

        private static double expit(double z) {
            return 1 / (1 + Math.exp(-z));
        }
    }

    private static String csvValue(JsonNode v) {
        String text = v.isTextual() ? v.asText() : v.toString();
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private static String number(Double v) {
        return SpecValues.number(v);
    }

    private static void writeAtomically(Path file, List<String> lines) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, lines, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
