package org.vaesim.host.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.vaesim.host.io.AuctionsCsv;
import org.vaesim.host.io.MissionsCsv;
import org.vaesim.host.safety.AuditLog;

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

    public Path auctions() {
        return dir.resolve(AuctionsCsv.FILE);
    }

    public Path missions() {
        return dir.resolve(MissionsCsv.FILE);
    }

    public Path audit() {
        return dir.resolve(AuditLog.FILE);
    }

    public Path epochTimes() {
        return dir.resolve("epoch-times.hlog");
    }

    /** Writes JSON through a temporary file and an atomic rename: readers never see half a file. */
    public static void writeJsonAtomically(Path file, JsonNode node) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(tmp.toFile(), node);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
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
