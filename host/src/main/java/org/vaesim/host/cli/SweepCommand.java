package org.vaesim.host.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.vaesim.host.experiment.Sweep;
import org.vaesim.host.experiment.SweepEngine;
import org.vaesim.host.experiment.SweepExecutor;
import org.vaesim.host.experiment.SweepSpec;
import org.vaesim.host.io.ParquetExport;
import org.vaesim.models.scenario.ConfigException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sweep", description = "Run a grid of parameter values, or a Latin hypercube or Sobol' sample of "
        + "ranges, x seeds; resumable (run it again to finish an interrupted sweep); writes summary.csv (mean and 95%% "
        + "CI), results.csv and robustness.json for the sweep's claims.")
final class SweepCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SWEEP", description = "Sweep file (JSON), see docs/sweeps.md")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", description = "Sweep directory (default: runs/sweep-<name>)")
    Path out;

    @Option(names = "--backend", paramLabel = "B", defaultValue = "java",
            description = "Backend of every run: java, opencl, cuda, cuda:N or auto (default java)")
    String backend;

    @Option(names = "--parallel", paramLabel = "P", description = "Runs at a time (default: the file's, else all cores)")
    Integer parallel;

    @Option(names = "--engine", paramLabel = "E", defaultValue = LOCAL,
            description = "Where the runs execute: local (this process, the default) or spark (docs/cluster.md)")
    String engine;

    @Option(names = "--master", paramLabel = "URL", description = "With --engine spark: local[N], spark://HOST:PORT,"
            + " k8s://..., yarn (default: spark-submit's, else local[*])")
    String master;

    @Option(names = "--no-parquet", description = "Write neither results.parquet nor each run's metrics.parquet")
    boolean noParquet;

    @Option(names = "--keep-checkpoints", description = "Keep each complete run's checkpoints (by default they are"
            + " deleted when it ends: a sweep never resumes from them)")
    boolean keepCheckpoints;

    static final String LOCAL = "local";

    /**
     * The engine {@code name} from the class path. The spark engine lives in the cluster module, which the first
     * build leaves out (Spark's jars are some 220 MB): ./vaesim adds it to the class path when it is built.
     */
    private static SweepEngine clusterEngine(String name) throws ConfigException {
        Optional<SweepEngine> found = SweepEngine.find(name);
        if (found.isPresent()) {
            return found.get();
        }
        if (name.equals("spark")) {
            throw new ConfigException("--engine", "--engine", name, "the spark engine is not on the class path:"
                    + " build it once with `./mvnw -B -pl cluster -am -Dmaven.test.skip=true package` (it downloads"
                    + " Spark, about 220 MB) and run ./vaesim, which then adds cluster/target/vaesim-spark.jar and"
                    + " cluster/target/spark/jars (docs/cluster.md)");
        }
        throw new ConfigException("--engine", "--engine", name, "must be local or spark");
    }

    @Override
    public Integer call() throws Exception {
        try {
            if (parallel != null && (parallel < 1 || parallel > 256)) {
                throw new ConfigException("--parallel", "--parallel", parallel.toString(), "must be 1 to 256");
            }
            boolean local = engine.equals(LOCAL);
            SweepEngine cluster = local ? null : clusterEngine(engine);
            if (local && master != null) {
                throw new ConfigException("--master", "--master", master, "is for --engine spark; the local engine"
                        + " runs in this process (--parallel sets how many runs at a time)");
            }
            if (!local && parallel != null) {
                throw new ConfigException("--parallel", "--parallel", parallel.toString(), "is for --engine local; on"
                        + " " + engine + ", the runs at a time are the executors' task slots (docs/cluster.md)");
            }
            // On a cluster each run resolves the backend where it runs (the driver may have no GPU): here only
            // the name is checked.
            String resolved = local ? Options.backend(backend) : Options.backendName(backend);
            SweepSpec spec;
            try {
                spec = SweepSpec.load(file);
            } catch (ConfigException e) {
                throw Options.withConfigHint(e, file);
            }
            Path dir = Options.absolute(out != null ? out : Path.of("runs", "sweep-" + spec.name()));
            Sweep.Outcome o;
            if (local) {
                o = Sweep.run(spec, dir, resolved, parallel, !noParquet, keepCheckpoints, System.err);
            } else {
                try (SweepExecutor executor = cluster.open(master, spec.name(), System.err)) {
                    o = Sweep.run(spec, dir, resolved, !noParquet, keepCheckpoints, executor, System.err);
                }
            }
            boolean pq = o.parquet() != null && o.parquet().status() == ParquetExport.Status.WRITTEN;
            System.err.printf("vaesim: sweep %s: %d runs now, %d from before, %d failed; %s%s and %s%n", spec.name(),
                    o.ran(), o.reused(), o.failed(), o.results(), pq ? ", " + o.resultsParquet() : "", o.summary());
            if (o.stoppedBy() != null) {
                System.err.println("vaesim: sweep interrupted by " + o.stoppedBy().signal() + "; run the same"
                        + " command again to finish it (it keeps the complete runs and reruns the others)");
                return o.stoppedBy().exitCode();
            }
            return o.failed() == 0 ? 0 : VaesimCli.EXIT_FAILED;
        } catch (ConfigException e) {
            Options.printErrors(e, System.err);
            return VaesimCli.EXIT_BAD_INPUT;
        }
    }
}
