package org.vaesim.host.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.vaesim.host.io.WriteFailure;
import org.vaesim.host.safety.AuditLog;
import org.vaesim.host.stage.StageKind;
import org.vaesim.host.stage.Stages;
import org.vaesim.models.scenario.ConfigException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The files of one run (docs/outputs.md): the scenario as given, the run's settings, summary, metrics (CSV
 * and Parquet), epoch-time log and checkpoints.
 */
public final class RunDirectory {
    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN); // money as 1000, never 1E+3

    private final Path dir;

    public RunDirectory(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public Path scenario() {
        return dir.resolve("scenario.json");
    }

    public Path settings() {
        return dir.resolve("run.json");
    }

    public Path summary() {
        return dir.resolve("summary.json");
    }

    public Path metrics() {
        return dir.resolve("metrics.csv");
    }

    /** metrics.csv as Parquet, rebuilt from the whole CSV at the end of each session (unless turned off). */
    public Path metricsParquet() {
        return dir.resolve("metrics.parquet");
    }

    public Path audit() {
        return dir.resolve(AuditLog.FILE);
    }

    public Path epochTimes() {
        return dir.resolve("epoch-times.hlog");
    }

    public Path report() {
        return dir.resolve("report.html");
    }

    public Path checkpoints() {
        return dir.resolve("checkpoints");
    }

    /** The files a run writes at the top of its directory, and their temporary files; what --force removes. */
    private List<Path> outputs() {
        List<Path> files = new ArrayList<>();
        List<Path> written = new ArrayList<>(List.of(scenario(), settings(), summary(), metrics(), metricsParquet(),
                audit(), epochTimes(), report()));
        for (StageKind kind : Stages.epochOrder()) { // the mechanisms' own files (auctions.csv, missions.csv)
            for (String file : kind.files()) {
                written.add(dir.resolve(file));
            }
        }
        for (Path p : written) {
            files.add(p);
            files.add(p.resolveSibling(p.getFileName() + ".tmp"));
        }
        return files;
    }

    /** Whether a run has written here: it has its settings or its lock. */
    public boolean isRunDirectory() {
        return Files.isRegularFile(settings()) || RunLock.present(dir);
    }

    /**
     * Makes this directory ready for a new run and locks it (docs/outputs.md#the-run-directory): it may be new or
     * empty; with {@code force}, it may also hold an earlier run, whose files are removed first (and nothing else:
     * other files stay, and a directory that holds no run is refused even then).
     *
     * @throws ConfigException when it is a file, cannot be created or locked, holds something else, or holds an
     *                         earlier run and {@code force} is off
     */
    public RunLock claimForNewRun(boolean force, PrintStream log) throws ConfigException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw outError("is not a directory; give a new or empty directory");
        }
        boolean earlierRun = isRunDirectory(); // judged before this session's lock file exists
        if (!others().isEmpty() && !earlierRun) {
            throw notARun();
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw outError("cannot be created: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        boolean hadLock = RunLock.present(dir);
        RunLock lock = RunLock.acquire(dir, "run");
        try {
            if (!others().isEmpty()) { // checked again under the lock: another process may have written meanwhile
                if (!earlierRun) {
                    throw notARun();
                }
                if (!force) {
                    throw outError("holds an earlier run (" + describe() + "): continue it with `vaesim resume " + dir
                            + "`, replace it with --force (which removes that run's files and nothing else), or "
                            + "choose another --out");
                }
                clearEarlierRun(log);
            }
            return lock;
        } catch (ConfigException | RuntimeException e) {
            closeQuietly(lock);
            if (!hadLock && !earlierRun) { // leave a directory that is not ours as we found it
                try {
                    Files.deleteIfExists(dir.resolve(RunLock.FILE));
                } catch (IOException ignored) {
                    // the refusal is what gets reported
                }
            }
            throw e;
        }
    }

    private ConfigException notARun() {
        return outError("is not empty and holds no vaesim run (no run.json): vaesim writes only into a new or empty"
                + " directory, or, with --force, over an earlier run; choose another --out");
    }

    /** The entries of the directory other than the lock (none if it does not exist). */
    private List<Path> others() throws ConfigException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().equals(RunLock.FILE)).toList();
        } catch (IOException e) {
            throw outError("cannot be read: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** "scenario quickstart, seed 42, complete", from what the earlier run left. */
    private String describe() {
        try {
            JsonNode s = JSON.readTree(settings().toFile());
            String status = Files.isRegularFile(summary())
                    ? JSON.readTree(summary().toFile()).path("status").asText("?") : "no summary";
            return "from " + s.path("scenario_source").asText("?") + ", seed " + s.path("seed").asText("?") + ", "
                    + status;
        } catch (IOException e) {
            return "its run.json cannot be read";
        }
    }

    /** --force: the earlier run's files go, and its checkpoints; anything else stays, and is listed. */
    private void clearEarlierRun(PrintStream log) throws ConfigException {
        int removed = 0;
        try {
            for (Path p : outputs()) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(p)) {
                    Files.delete(p); // a directory of that name is not the run's, and stays
                    removed++;
                }
            }
            if (Files.isDirectory(checkpoints())) {
                try (Stream<Path> s = Files.list(checkpoints())) {
                    for (Path p : s.toList()) {
                        if (p.getFileName().toString().matches("epoch-\\d{9}\\.(ckpt|activity\\.json)(\\.tmp)?")
                                && (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(p))) {
                            Files.delete(p);
                            removed++;
                        }
                    }
                }
                try (Stream<Path> s = Files.list(checkpoints())) {
                    if (s.findAny().isEmpty()) {
                        Files.delete(checkpoints());
                    }
                }
            }
        } catch (IOException e) {
            throw outError("--force could not remove the earlier run's files: " + e.getClass().getSimpleName() + ": "
                    + e.getMessage());
        }
        List<Path> kept = others();
        log.println("vaesim: --force: removed the earlier run's " + removed + " files from " + dir
                + (kept.isEmpty() ? "" : "; kept what is not a run's: " + String.join(", ",
                kept.stream().map(p -> p.getFileName().toString()).sorted().limit(10).toList())
                + (kept.size() > 10 ? ", ..." : "")));
    }

    private ConfigException outError(String allowed) {
        return new ConfigException("--out", "--out", dir.toString(), allowed);
    }

    private static void closeQuietly(RunLock lock) {
        try {
            lock.close();
        } catch (IOException ignored) {
            // the refusal is what gets reported
        }
    }

    /**
     * Writes JSON through a temporary file and an atomic rename: readers never see half a file. A write that fails
     * (a full disk) removes its temporary file and names the file in its error.
     */
    public static void writeJsonAtomically(Path file, JsonNode node) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            JSON.writeValue(tmp.toFile(), node);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the write's own error is what gets reported
            }
            throw WriteFailure.naming(file, e);
        }
    }

    public RunSettings readSettings() throws IOException {
        ObjectNode n = (ObjectNode) JSON.readTree(settings().toFile());
        return new RunSettings(n.path("seed").asLong(), n.path("epochs").asInt(), n.path("threads").asInt(),
                n.path("backend").asText("java"), n.path("scenario_source").asText(""));
    }

    public void writeSettings(RunSettings s) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("scenario_source", s.scenarioSource());
        n.put("seed", s.seed());
        n.put("epochs", s.epochs());
        n.put("threads", s.threads());
        n.put("backend", s.backend());
        writeJsonAtomically(settings(), n);
    }

    /** The effective settings of a run: the scenario's values after command-line overrides. */
    public record RunSettings(long seed, int epochs, int threads, String backend, String scenarioSource) {
    }
}
