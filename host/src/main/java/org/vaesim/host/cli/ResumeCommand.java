package org.vaesim.host.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.vaesim.host.run.RunSession;
import org.vaesim.models.scenario.ConfigException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "resume", description = "Continue a run from its latest checkpoint; the result is bit-identical "
        + "to an uninterrupted run.")
final class ResumeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A directory written by `vaesim run`")
    Path dir;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads (default: as the run had)")
    Integer threads;

    @Option(names = "--backend", paramLabel = "B", description = "Continue on another backend (default: the run's)")
    String backend;

    @Option(names = "--epochs", paramLabel = "N", description = "Run to this many epochs instead (extends a run)")
    Integer epochs;

    @Option(names = "--quiet", description = "No progress output")
    boolean quiet;

    @Option(names = "--no-parquet", description = "Do not rewrite metrics.parquet (an earlier one is removed: it "
            + "would no longer match metrics.csv)")
    boolean noParquet;

    @Mixin
    AuditKeyOption auditKey;

    @Override
    public Integer call() throws Exception {
        try {
            Options.checkThreads(threads, System.err);
            Options.checkEpochs(epochs);
            String resolved = backend == null ? null : Options.backend(backend);
            Path absolute = Options.absolute(dir);
            return Options.report(RunSession.resume(absolute, resolved, threads, epochs, System.err, quiet,
                    !noParquet, auditKey.key(absolute)), System.err);
        } catch (ConfigException e) {
            Options.printErrors(e, System.err);
            return VaesimCli.EXIT_BAD_INPUT;
        }
    }
}
