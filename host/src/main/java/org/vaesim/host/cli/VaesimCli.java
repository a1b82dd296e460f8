package org.vaesim.host.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code vaesim} command line. Exit codes: 0 success, 1 a run failed or was interrupted, 2 bad input
 * (unknown option, invalid scenario file, not a run directory).
 */
@Command(name = "vaesim", mixinStandardHelpOptions = true, version = "vaesim 0.1.0",
        description = "Simulate virtual agent economies with millions of agents.",
        subcommands = {RunCommand.class, ResumeCommand.class, ValidateCommand.class, BackendsCommand.class,
            AuditCommand.class, ReportCommand.class, FactsCommand.class, SweepCommand.class, ParityCommand.class})
public final class VaesimCli {
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_BAD_INPUT = 2;

    /** The command line with the engine's commands; the bench module adds {@code bench}. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new VaesimCli());
        cl.setExecutionExceptionHandler((ex, line, parse) -> {
            line.getErr().println("vaesim: " + ex.getMessage());
            return EXIT_FAILED;
        });
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
