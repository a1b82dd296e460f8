package org.vaesim.host.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;

import org.vaesim.host.run.RunSession;
import org.vaesim.host.safety.AuditKey;
import org.vaesim.kernels.Backends;
import org.vaesim.models.scenario.ConfigException;
import org.vaesim.models.scenario.Scenario;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", description = "Run a scenario and write its outputs to a run directory.")
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CONFIG", description = "Scenario file (JSON), e.g. configs/quickstart.json")
    Path config;

    @Option(names = "--out", paramLabel = "DIR", description = "Run directory (default: runs/<scenario>-<timestamp>)")
    Path out;

    @Option(names = "--epochs", paramLabel = "N", description = "Override the scenario's epoch count")
    Integer epochs;

    @Option(names = "--seed", paramLabel = "S", description = "Override the scenario's seed")
    Long seed;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads (default: all cores)")
    Integer threads;

    @Option(names = "--backend", paramLabel = "B", defaultValue = "java",
            description = "java, opencl, cuda or auto (cuda, then opencl on a GPU, then java); default java")
    String backend;

    @Option(names = "--quiet", description = "No progress output")
    boolean quiet;

    @Option(names = "--no-parquet", description = "Do not write metrics.parquet (metrics.csv is always written)")
    boolean noParquet;

    @Option(names = "--force", description = "Write into a directory that holds an earlier run: its files are removed "
            + "first (only a run's files; a directory holding anything else is still refused)")
    boolean force;

    @Mixin
    AuditKeyOption auditKey;

    @Override
    public Integer call() throws Exception {
        PrintStream err = System.err;
        try {
            String resolved = Options.backend(backend);
            Options.checkThreads(threads, err);
            Scenario scenario = Scenarios.load(config);
            if (seed != null) {
                scenario = scenario.withSeed(seed);
            }
            if (epochs != null) {
                Options.checkEpochs(epochs);
                scenario = scenario.withEpochs(epochs);
            }
            if (out != null && out.toString().isBlank()) {
                throw new ConfigException("--out", "--out", "'" + out + "'", "must name a directory (new or empty)");
            }
            Path dir = Options.absolute(out != null ? out : Path.of("runs", scenario.name() + "-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
            AuditKey key = auditKey.key(dir);
            int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
            err.printf("vaesim: %s, %,d agents, %d markets, %d epochs, seed %d, backend %s%s -> %s%n",
                    scenario.name(), scenario.agentCount(), scenario.markets().size(), scenario.epochs(),
                    scenario.seed(), resolved, resolved.equals(Backends.JAVA) ? ", " + t + " threads" : "", dir);
            return Options.report(RunSession.start(scenario, config, dir, resolved, t, err, quiet, !noParquet, force,
                    key), err);
        } catch (ConfigException e) {
            Options.printErrors(e, err);
            return VaesimCli.EXIT_BAD_INPUT;
        }
    }
}
