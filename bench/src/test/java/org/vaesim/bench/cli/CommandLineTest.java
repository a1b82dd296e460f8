package org.vaesim.bench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vaesim.host.run.RunSession;

import picocli.CommandLine;

/**
 * Every command of vaesim.jar, found by walking its picocli tree (so a new command is covered without editing this
 * test), answers {@code --help}, {@code -h}, {@code --version} and {@code -V} with exit 0 and nothing on stderr
 * (picocli's warnings go there), and a mistyped option or subcommand with a "did you mean", the one-line synopsis
 * and exit 2.
 */
class CommandLineTest {

    record Result(int exit, String out, String err) {
    }

    /** Every command as the words that name it after {@code vaesim}: "", "run", "audit verify", "bench", ... */
    static Stream<String> commands() {
        List<String> all = new ArrayList<>();
        walk(Main.commandLine(), "", all);
        assertTrue(all.containsAll(List.of("", "run", "resume", "validate", "backends", "audit", "audit verify",
                "audit agent", "report", "sweep", "parity", "bench", "help")), all.toString());
        return all.stream();
    }

    private static void walk(CommandLine cl, String path, List<String> into) {
        into.add(path);
        cl.getSubcommands().forEach((name, sub) -> walk(sub, (path + " " + name).trim(), into));
    }

    /** Runs the shipped command line; {@code err} also holds what picocli's tracer wrote (to System.err). */
    static synchronized Result vaesim(String path, String... more) {
        List<String> args = new ArrayList<>(path.isEmpty() ? List.of() : List.of(path.split(" ")));
        args.addAll(List.of(more));
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        PrintStream stderr = System.err;
        ByteArrayOutputStream tracer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(tracer, true, StandardCharsets.UTF_8));
        try {
            int exit = cl.execute(args.toArray(String[]::new));
            return new Result(exit, out.toString(), err + tracer.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(stderr);
        }
    }

    private static String qualified(String path) {
        return ("vaesim " + path).trim();
    }

    @ParameterizedTest
    @MethodSource("commands")
    void everyCommandHasHelpAndVersionWithoutWarnings(String path) {
        for (String flag : List.of("--help", "-h", "--version", "-V")) {
            Result r = vaesim(path, flag);
            assertEquals(0, r.exit(), qualified(path) + " " + flag + ": " + r.err());
            assertEquals("", r.err(), qualified(path) + " " + flag + " writes nothing to stderr");
            boolean help = flag.equals("--help") || flag.equals("-h");
            assertTrue(r.out().startsWith(help ? "Usage: " + qualified(path) + " "
                    : "vaesim " + RunSession.VERSION + System.lineSeparator() + "JVM "), r.out());
            assertTrue(!help || r.out().contains("-h, --help") && r.out().contains("Exit codes:"), r.out());
        }
    }

    /** A mistyped option: what was wrong, the option meant, the synopsis and where help is; not the whole help. */
    @ParameterizedTest
    @MethodSource("commands")
    void aMistypedOptionGetsADidYouMeanAndTheSynopsis(String path) {
        Result r = vaesim(path, "--hlep");
        assertEquals(2, r.exit(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith(qualified(path) + ": unknown option '--hlep'; did you mean '--help'?"), r.err());
        assertTrue(r.err().contains("Usage: " + qualified(path) + " [-hV]"), r.err());
        assertTrue(r.err().endsWith("Try '" + qualified(path) + " --help' for more information."
                + System.lineSeparator()), r.err());
        assertFalse(r.err().contains("Show this help message"), "the synopsis, not the whole help: " + r.err());
    }

    /** Each subcommand's name with two letters swapped ("rnu") is answered with that name, exit 2. */
    @ParameterizedTest
    @MethodSource("commands")
    void aMistypedSubcommandGetsADidYouMean(String path) {
        CommandLine cl = Main.commandLine();
        for (String word : path.isEmpty() ? new String[0] : path.split(" ")) {
            cl = cl.getSubcommands().get(word);
        }
        for (String name : cl.getSubcommands().keySet()) {
            String typo = name.charAt(0) + "" + name.charAt(2) + name.charAt(1) + name.substring(3);
            Result r = vaesim(path, typo);
            assertEquals(2, r.exit(), r.err());
            assertTrue(r.err().startsWith(qualified(path) + ": unknown command '" + typo + "'; did you mean "),
                    r.err());
            assertTrue(r.err().lines().findFirst().orElseThrow().contains("'" + name + "'"), r.err());
            assertTrue(r.err().contains("Commands: ") && !r.err().contains("Show this help message"), r.err());
        }
    }
}
