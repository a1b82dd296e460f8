package org.vaesim.host.cli;

import org.vaesim.host.run.RunSession;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/**
 * The {@code vaesim} command line. Exit codes: 0 success, 1 a run failed, 2 bad input (unknown command or option,
 * invalid scenario file, not a run directory), 128 + N stopped by signal N (130 SIGINT, 143 SIGTERM, 129 SIGHUP),
 * a run or sweep having first written a checkpoint at the end of the epoch in progress (docs/cli.md).
 *
 * <p>{@code scope = INHERIT} gives every subcommand, at any depth and also {@code bench}, which the bench module
 * adds, {@code -h/--help}, {@code -V/--version} and the exit-code list of this command.
 */
@Command(name = "vaesim", mixinStandardHelpOptions = true, versionProvider = VaesimCli.Version.class,
        scope = ScopeType.INHERIT,
        description = "Simulate virtual agent economies with millions of agents.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:a run failed, a sweep had a failed run, audit verify found a broken chain or"
                + " parity a difference", "2:bad input: unknown command or option, invalid file or value",
            "130:stopped by SIGINT (Ctrl-C); a run or sweep first checkpoints the epoch in progress",
            "143:stopped by SIGTERM; likewise (129: SIGHUP)"},
        subcommands = {RunCommand.class, ResumeCommand.class, ValidateCommand.class, BackendsCommand.class,
            AuditCommand.class, ReportCommand.class, FactsCommand.class, SweepCommand.class, ParityCommand.class,
            HelpCommand.class})
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
        cl.setParameterExceptionHandler(new UsageErrors());
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** {@code --version}: the engine's version and the JVM it runs on (for bug reports). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"vaesim " + RunSession.VERSION, "JVM " + Runtime.version() + " ("
                    + System.getProperty("java.vm.vendor") + ", " + System.getProperty("os.name") + " "
                    + System.getProperty("os.arch") + ")"};
        }
    }
}
