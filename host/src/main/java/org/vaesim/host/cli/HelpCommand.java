package org.vaesim.host.cli;

import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vaesim help [COMMAND...]}: the help of vaesim or of one of its commands, as {@code --help} prints it.
 * Picocli's own help command lacks {@code --version}, which every vaesim command has.
 */
@Command(name = "help", description = "Show the help of vaesim, or of a command (vaesim help audit verify).")
final class HelpCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "COMMAND", description = "A command, and a subcommand of it")
    List<String> path = List.of();

    @Override
    public Integer call() {
        CommandLine target = spec.parent().commandLine();
        for (String name : path) {
            CommandLine sub = target.getSubcommands().get(name);
            if (sub == null) {
                UsageErrors.unknownCommand(target, name, spec.commandLine().getErr());
                return VaesimCli.EXIT_BAD_INPUT;
            }
            target = sub;
        }
        target.usage(spec.commandLine().getOut());
        return 0;
    }
}
