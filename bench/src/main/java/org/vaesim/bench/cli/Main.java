package org.vaesim.bench.cli;

import org.vaesim.host.cli.VaesimCli;

/** Entry point of {@code vaesim.jar}: the engine's commands plus {@code bench}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(VaesimCli.commandLine().addSubcommand("bench", new BenchCommand()).execute(args));
    }
}
