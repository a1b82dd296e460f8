package org.vaesim.host.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.vaesim.host.run.StopRequest;

/**
 * How a sweep's runs are executed, the one thing its engines differ in: {@link Sweep} plans the runs (points,
 * seeds, keys, finished runs kept from before) and writes the results from the run directories; an executor only
 * puts each run's directory in place. {@link LocalSweepExecutor} runs them in this JVM; the cluster module's Spark
 * engine runs each as a task on a Spark executor.
 */
public interface SweepExecutor extends AutoCloseable {
    /** A run to execute and the directory where it must end up (which may hold an unfinished earlier try). */
    record Task(SweepRun run, Path dir) {
    }

    /** Told of each run as it ends, from any thread, one call at a time per run. */
    @FunctionalInterface
    interface Finished {
        void finished(Task task, SweepRun.RunResult result);
    }

    /** How the runs are spread, for the sweep's first line, e.g. "2 at a time" (for {@code runs} runs). */
    String describe(int runs);

    /**
     * Runs every task into its directory and reports each one's end to {@code finished} once its directory is in
     * place; returns when all have ended. Once {@code stop} asks, no run starts and those in progress stop at an
     * epoch boundary (or are abandoned, to run again next time), and this returns.
     *
     * @throws IOException when the executor itself fails (not a run: a run's failure is its result)
     */
    void execute(List<Task> tasks, StopRequest stop, Finished finished) throws IOException, InterruptedException;

    /** Frees what the executor holds (threads, a cluster connection); the default holds nothing. */
    @Override
    default void close() {
    }
}
