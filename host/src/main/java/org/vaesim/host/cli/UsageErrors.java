package org.vaesim.host.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How a command line that cannot be parsed is answered (exit 2): one line saying what is wrong, a "did you mean"
 * for a mistyped command or option, the command's one-line synopsis (or its list of subcommands) and where the
 * full help is, instead of the whole help text. A command that needs a subcommand and got none ({@code vaesim},
 * {@code vaesim audit}) prints its help, which is the list of its subcommands.
 */
final class UsageErrors implements CommandLine.IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        CommandSpec spec = cmd.getCommandSpec();
        String name = spec.qualifiedName();
        boolean hasSubcommands = !cmd.getSubcommands().isEmpty();
        boolean runsItself = spec.userObject() instanceof Callable || spec.userObject() instanceof Runnable;
        // What was not understood comes first, also when a parameter is missing as well ("run --hlep"): the
        // typo may be why it is missing.
        List<String> unmatched = ex instanceof UnmatchedArgumentException u ? u.getUnmatched()
                : cmd.getUnmatchedArguments();
        String typed = unmatched.isEmpty() ? null : unmatched.getFirst();
        if (typed == null && hasSubcommands && !runsItself) {
            cmd.usage(err); // no subcommand given: the list of them is the answer
        } else if (typed != null && !typed.startsWith("-") && hasSubcommands) {
            unknownCommand(cmd, typed, err);
        } else {
            if (typed == null) {
                err.println(name + ": " + ex.getMessage());
            } else {
                List<String> options = new ArrayList<>();
                for (OptionSpec o : spec.options()) {
                    options.addAll(List.of(o.names()));
                }
                err.println(typed.startsWith("-") ? name + ": unknown option '" + typed + "'"
                        + suggestion(Typos.nearest(typed, options)) : name + ": unexpected argument '" + typed + "'");
            }
            CommandLine.Help help = cmd.getHelp();
            err.print(help.synopsisHeading() + help.synopsis(help.synopsisHeadingLength()));
            err.println("Try '" + name + " --help' for more information.");
        }
        err.flush();
        return VaesimCli.EXIT_BAD_INPUT;
    }

    /** "vaesim: unknown command 'rnu'; did you mean 'run'?", then {@code cmd}'s commands and where help is. */
    static void unknownCommand(CommandLine cmd, String typed, PrintWriter err) {
        String name = cmd.getCommandSpec().qualifiedName();
        err.println(name + ": unknown command '" + typed + "'"
                + suggestion(Typos.nearest(typed, cmd.getSubcommands().keySet())));
        err.println("Commands: " + String.join(", ", cmd.getSubcommands().keySet()));
        err.println("Try '" + name + " --help' for more information.");
    }

    private static String suggestion(List<String> nearest) {
        if (nearest.isEmpty()) {
            return "";
        }
        return "; did you mean " + String.join(" or ", nearest.stream().map(n -> "'" + n + "'").toList()) + "?";
    }
}
