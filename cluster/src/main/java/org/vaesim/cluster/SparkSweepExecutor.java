package org.vaesim.cluster;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.vaesim.host.experiment.SweepExecutor;
import org.vaesim.host.experiment.SweepRun;
import org.vaesim.host.run.StopRequest;

/**
 * Runs a sweep's runs on a Spark application, one job of one task per run: Spark schedules the tasks on the
 * executors' slots (and GPUs, where the application asks for them), runs a lost executor's tasks again, and gives
 * up on a run only after spark.task.maxFailures tries, when it is recorded as failed with Spark's reason while the
 * other runs go on (one job per run, so that one run's failure never aborts the rest). Each task's output, the
 * run directory, is written into the sweep's directory here, as it arrives.
 */
final class SparkSweepExecutor implements SweepExecutor {
    /**
     * The most runs queued in Spark's scheduler at once: each is a job, and the scheduler walks its queued jobs at
     * every offer of a free slot, so a queue of 10^5 runs would cost more than it schedules.
     */
    static final int MAX_QUEUED = 512;
    /** How long the loop sleeps when no run has ended, in milliseconds: far below a run's length. */
    private static final long POLL_MS = 20;

    private final JavaSparkContext spark;
    private final PrintStream log;

    SparkSweepExecutor(JavaSparkContext spark, PrintStream log) {
        this.spark = spark;
        this.log = log;
    }

    @Override
    public String describe(int runs) {
        return "on Spark " + spark.master() + " (application " + spark.sc().applicationId() + ")";
    }

    @Override
    public void execute(List<Task> tasks, StopRequest stop, Finished finished)
            throws IOException, InterruptedException {
        Deque<Task> waiting = new ArrayDeque<>(tasks);
        Map<JavaFutureAction<List<TaskOutput>>, Task> queued = new LinkedHashMap<>();
        RunOnExecutor body = new RunOnExecutor();
        try {
            while (!waiting.isEmpty() || !queued.isEmpty()) {
                if (stop.requested() != null) {
                    return; // the finally cancels what is queued: those runs run again next time
                }
                while (queued.size() < MAX_QUEUED && !waiting.isEmpty()) {
                    Task task = waiting.poll();
                    spark.setJobDescription(task.run().name());
                    queued.put(spark.parallelize(List.of(task.run()), 1).map(body).collectAsync(), task);
                }
                boolean ended = false;
                for (Iterator<Map.Entry<JavaFutureAction<List<TaskOutput>>, Task>> it = queued.entrySet().iterator();
                     it.hasNext(); ) {
                    Map.Entry<JavaFutureAction<List<TaskOutput>>, Task> e = it.next();
                    if (e.getKey().isDone()) {
                        it.remove();
                        ended = true;
                        collect(e.getValue(), e.getKey(), finished);
                    }
                }
                if (!ended) {
                    Thread.sleep(POLL_MS);
                }
            }
        } finally {
            queued.keySet().forEach(f -> f.cancel(false));
        }
    }

    /** Puts an ended task's run directory in place and reports it; a task Spark gave up on is a failed run. */
    private void collect(Task task, JavaFutureAction<List<TaskOutput>> future, Finished finished)
            throws IOException, InterruptedException {
        TaskOutput out;
        try {
            out = future.get().getFirst();
        } catch (ExecutionException e) {
            if (spark.sc().isStopped()) {
                throw new IOException("the Spark application stopped (" + rootMessage(e) + "); the runs complete"
                        + " so far are kept: run the same command again to finish the sweep", e);
            }
            finished.finished(task, SweepRun.RunResult.failed("Spark gave up on it: " + rootMessage(e)));
            return;
        }
        if (!out.files().paths().isEmpty()) {
            out.files().writeTo(task.dir());
        }
        finished.finished(task, out.result());
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }

    @Override
    public void close() {
        spark.stop();
    }
}
