package org.vaesim.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.resource.ResourceInformation;
import org.vaesim.host.experiment.RunFiles;
import org.vaesim.host.experiment.SweepRun;
import org.vaesim.host.run.StopRequest;
import org.vaesim.host.run.StopSignals;
import org.vaesim.kernels.Backends;

/**
 * A Spark task's body: one (point, seed) run, made in a scratch directory of the executor with the task's CPUs as
 * its threads and the backend its GPU assignment gives, and sent back whole to the sweep. What the run raises is
 * its result (a failure with its reason, not retried); only the loss of the executor makes Spark run it again.
 */
final class RunOnExecutor implements Function<SweepRun, TaskOutput> {
    private static final long serialVersionUID = 1L;

    @Override
    public TaskOutput call(SweepRun run) throws IOException {
        TaskContext task = TaskContext.get();
        String host = InetAddress.getLocalHost().getHostName();
        String backend;
        try {
            backend = GpuAssignment.backend(Backends.AUTO.equals(run.backend()) ? Backends.resolve(Backends.AUTO)
                    : run.backend(), gpus(task));
        } catch (IllegalArgumentException e) {
            return new TaskOutput(SweepRun.RunResult.failed(e.getMessage()), new RunFiles(List.of(), List.of()),
                    host, run.backend());
        }
        Path scratch = Files.createTempDirectory("vaesim-" + run.name() + "-");
        try {
            Path dir = scratch.resolve(run.name());
            SweepRun.RunResult result = run.runIn(dir, backend, task.cpus(), () -> new Cancellation(task));
            RunFiles files = Files.isDirectory(dir) ? RunFiles.of(dir) : new RunFiles(List.of(), List.of());
            return new TaskOutput(result, files, host, backend);
        } finally {
            try (Stream<Path> walk = Files.walk(scratch)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static String[] gpus(TaskContext task) {
        ResourceInformation gpu = task.resourcesJMap().get(GpuAssignment.GPU);
        return gpu == null ? new String[0] : gpu.addresses();
    }

    /**
     * A run's stop request on an executor: Spark's cancellation of its task (the sweep was stopped), checked at
     * each epoch boundary. The executor's signals are left to Spark: a SIGTERM ends the executor, and Spark runs
     * its tasks again elsewhere.
     */
    private record Cancellation(TaskContext task) implements StopRequest {
        @Override
        public StopSignals.Stop requested() {
            return task.isInterrupted() ? new StopSignals.Stop("the cancellation of its Spark task", 130) : null;
        }

        @Override
        public void close() {
        }
    }
}
