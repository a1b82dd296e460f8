package org.vaesim.host.experiment;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.vaesim.host.run.StopRequest;
import org.vaesim.host.run.StopSignals;

/**
 * The in-process engine (the default): {@code parallel} runs at a time on a thread pool, each with an equal share
 * of the cores as its threads, each written straight into its directory. A signal stops the runs in progress at
 * their next epoch boundary (each run's own capture of it) and starts no more.
 */
public final class LocalSweepExecutor implements SweepExecutor {
    private final Integer parallel;

    /** Runs {@code parallel} at a time, or as many as there are cores when null. */
    public LocalSweepExecutor(Integer parallel) {
        this.parallel = parallel;
    }

    private int parallel(int runs) {
        int cores = Runtime.getRuntime().availableProcessors();
        return Math.max(1, Math.min(runs, parallel != null ? parallel : cores));
    }

    @Override
    public String describe(int runs) {
        return String.format(Locale.ROOT, "%d at a time", parallel(runs));
    }

    @Override
    public void execute(List<Task> tasks, StopRequest stop, Finished finished)
            throws IOException, InterruptedException {
        int parallel = parallel(tasks.size());
        int threadsPerRun = Math.max(1, Runtime.getRuntime().availableProcessors() / parallel);
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Task task : tasks) {
                futures.add(pool.submit(() -> {
                    if (stop.requested() != null) {
                        return null; // stopped: the next invocation runs it
                    }
                    Sweep.deleteTree(task.dir());
                    finished.finished(task, task.run().runIn(task.dir(), task.run().backend(), threadsPerRun,
                            StopSignals::capture));
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw new IOException("a sweep run failed: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
