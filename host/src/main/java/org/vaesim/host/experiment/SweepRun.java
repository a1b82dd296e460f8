package org.vaesim.host.experiment;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Supplier;

import org.vaesim.host.io.CheckpointStore;
import org.vaesim.host.run.RunSession;
import org.vaesim.host.run.RunStatus;
import org.vaesim.host.run.StopRequest;
import org.vaesim.models.scenario.ConfigException;
import org.vaesim.models.scenario.Scenario;
import org.vaesim.models.scenario.ScenarioLoader;

/**
 * One run of a sweep, as any {@link SweepExecutor} needs it, in plain values that travel to another machine: the
 * point's scenario as the text of its {@code scenarios/pNNNN.json} (read back exactly, as a resumed sweep reads
 * it), the seed, and how to run it. The backend asked for is resolved where the run runs.
 *
 * @param point          the grid point's index
 * @param seed           the run's seed
 * @param name           the run directory's name, {@code pNNNN-sSEED}
 * @param scenarioJson   the point's scenario file, as written (without seed)
 * @param scenarioSource the path of that file on the sweep's machine, which run.json names
 * @param backend        the backend asked for: java, opencl, cuda, cuda:N or auto
 * @param parquet        whether the run writes metrics.parquet
 * @param keepCheckpoints whether a complete run keeps its checkpoints
 */
public record SweepRun(int point, long seed, String name, String scenarioJson, String scenarioSource,
                       String backend, boolean parquet, boolean keepCheckpoints) implements Serializable {
    private static final PrintStream SILENT = new PrintStream(OutputStream.nullOutputStream());

    /**
     * Runs it in {@code dir} (new or empty) on {@code backend} (resolved here) with {@code threads}, stopped at an
     * epoch boundary when {@code stops} asks. Whatever the run itself raises (a scenario this machine cannot run,
     * a backend missing here, a directory it cannot write) is its failure, with the reason: running it again
     * would fail again, so it is reported, never retried. Only the loss of the machine or process is not a result.
     */
    public RunResult runIn(Path dir, String backend, int threads, Supplier<StopRequest> stops) {
        try {
            String source = name + " (" + scenarioSource + ")";
            Scenario scenario = ScenarioLoader.read(ScenarioLoader.parseTree(scenarioJson, source), source)
                    .withSeed(seed);
            RunSession.Outcome o = RunSession.start(scenario, scenarioJson.getBytes(StandardCharsets.UTF_8),
                    scenarioSource, dir, backend, threads, SILENT, parquet, stops);
            if (o.complete() && !keepCheckpoints) {
                // an interrupted or failed run keeps them: its summary points at them, to resume or examine
                new CheckpointStore(dir).removeAll();
            }
            return new RunResult(o.status(), o.checksum(), o.error());
        } catch (ConfigException e) {
            return RunResult.failed(e.getMessage());
        } catch (IOException | RuntimeException e) {
            return RunResult.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * How a run ended: its status, its state checksum when complete, and why when it is not.
     *
     * @param status   complete, failed or interrupted
     * @param checksum the state checksum of a complete run, else null
     * @param error    why a run is not complete, else null
     */
    public record RunResult(RunStatus status, String checksum, String error) implements Serializable {
        /** A run that failed for {@code reason} before or while it ran. */
        public static RunResult failed(String reason) {
            return new RunResult(RunStatus.FAILED, null, reason);
        }
    }
}
