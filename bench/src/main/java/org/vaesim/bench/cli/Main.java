package org.vaesim.bench.cli;

import org.vaesim.host.cli.VaesimCli;

import picocli.CommandLine;

/** Entry point of {@code vaesim.jar}: the engine's commands plus {@code bench}. */
public final class Main {
    private Main() {
    }

    /** Every command of {@code vaesim.jar}. */
    public static CommandLine commandLine() {
        return VaesimCli.commandLine().addSubcommand("bench", new BenchCommand());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
