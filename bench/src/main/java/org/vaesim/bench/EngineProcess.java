package org.vaesim.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One engine of a paired comparison (without and with the safety layer; the standard and the heterogeneous economy),
 * in a JVM of its own that the bench steps epoch by epoch over a pipe.
 *
 * <p>Why a JVM each: the JIT compiles a kernel once per JVM, from the profile of every call. With both economies
 * in one JVM the plain economy's gate was compiled for a mix of plain and safety calls, so it ran slower than it
 * does in a run of its own, and the overhead read lower than a user would see. In separate JVMs each economy's
 * code is compiled for that economy alone, as in a real run; taking turns epoch by epoch still gives both the same
 * machine. The child times its own epochs ({@link HardwareBench.TimedRun}), so the pipe is not on the clock.
 *
 * <p>Protocol, one line each way: the parent sends {@code step}, {@code time} (start timing) or {@code finish};
 * the child answers lines that start with {@link #REPLY}: {@code ready} once built, {@code ok}, and for
 * {@code finish} the run as JSON. Anything else the child prints goes to the bench's stderr.
 */
final class EngineProcess implements AutoCloseable {
    static final String REPLY = "vaesim-engine-process ";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String what;
    private final Process process;
    private final BufferedWriter toChild;
    private final BufferedReader fromChild;

    /** Starts the child, on the standard economy, and waits until its engine is built. */
    EngineProcess(String backend, int agents, int threads, int epochs, boolean safety) {
        this(backend, agents, threads, epochs, safety, BenchScenario.Economy.STANDARD);
    }

    /** Starts the child on {@code economy} and waits until its engine is built. */
    EngineProcess(String backend, int agents, int threads, int epochs, boolean safety, BenchScenario.Economy economy) {
        this.what = (safety ? "the safety" : economy == BenchScenario.Economy.HETEROGENEOUS ? "the heterogeneous"
                : "the plain") + " engine's JVM";
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(inheritedJvmOptions());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(EngineProcess.class.getName());
        command.addAll(List.of(backend, Integer.toString(agents), Integer.toString(threads), Integer.toString(epochs),
                Boolean.toString(safety), economy.name()));
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + what + ": " + e.getMessage(), e);
        }
        toChild = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        fromChild = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        expect("ready");
    }

    void step() {
        send("step");
        expect("ok");
    }

    void startTiming() {
        send("time");
        expect("ok");
    }

    /** The child's run: checked (conservation, audit chain) and summarized there, outside the clock. */
    HardwareBench.EngineRun finish() {
        send("finish");
        String json = reply();
        try {
            return JSON.readValue(json, HardwareBench.EngineRun.class);
        } catch (IOException e) {
            throw new IllegalStateException(what + " sent an unreadable result: " + json, e);
        }
    }

    private void send(String line) {
        try {
            toChild.write(line);
            toChild.newLine();
            toChild.flush();
        } catch (IOException e) {
            throw failed("stopped reading (" + e.getMessage() + ")");
        }
    }

    private void expect(String answer) {
        String got = reply();
        if (!got.equals(answer)) {
            throw new IllegalStateException(what + " answered '" + got + "' instead of '" + answer + "'");
        }
    }

    /** The next reply line without its prefix; other output of the child is passed on to stderr. */
    private String reply() {
        try {
            for (String line = fromChild.readLine(); line != null; line = fromChild.readLine()) {
                if (line.startsWith(REPLY)) {
                    return line.substring(REPLY.length());
                }
                System.err.println(line);
            }
        } catch (IOException e) {
            throw failed("could not be read (" + e.getMessage() + ")");
        }
        throw failed("ended without answering");
    }

    private IllegalStateException failed(String how) {
        String code;
        try {
            code = process.waitFor(10, TimeUnit.SECONDS) ? "exit code " + process.exitValue() : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            code = "interrupted";
        }
        return new IllegalStateException(what + " " + how + "; " + code + " (its error is on stderr above)");
    }

    @Override
    public void close() {
        try {
            toChild.close();
        } catch (IOException ignored) {
            // the child may be gone already; it is ended below either way
        }
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /**
     * The bench's own heap, system-property and native-access options, so the children run as the bench does;
     * not debugger or profiler agents, which would clash (one port) or measure the wrong process.
     */
    static List<String> inheritedJvmOptions() {
        return jvmOptionsToPass(ManagementFactory.getRuntimeMXBean().getInputArguments());
    }

    /** Of the bench's JVM options {@code options}, those its children get (see {@link #inheritedJvmOptions}). */
    static List<String> jvmOptionsToPass(List<String> options) {
        List<String> kept = new ArrayList<>();
        for (String a : options) {
            if (a.startsWith("-Xm") || a.startsWith("-Xss") || a.startsWith("-D") || a.startsWith("--enable-native-access")
                    || (a.startsWith("-XX:") && !a.startsWith("-XX:StartFlightRecording")
                    && !a.startsWith("-XX:FlightRecorder"))) {
                kept.add(a);
            }
        }
        return kept;
    }

    /** The child: args are backend, agents, threads, epochs (warm-up included), safety and the economy. */
    public static void main(String[] args) throws IOException {
        PrintStream out = System.out;
        System.setOut(System.err); // only replies go to the parent's pipe
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (HardwareBench.TimedRun run = new HardwareBench.TimedRun(args[0], Integer.parseInt(args[1]),
                Integer.parseInt(args[2]), Integer.parseInt(args[3]), Boolean.parseBoolean(args[4]),
                BenchScenario.Economy.valueOf(args[5]))) {
            out.println(REPLY + "ready");
            out.flush();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                switch (line) {
                    case "step" -> run.step();
                    case "time" -> run.startTiming();
                    case "finish" -> {
                        out.println(REPLY + JSON.writeValueAsString(run.finish()));
                        out.flush();
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown command from the bench: " + line);
                }
                out.println(REPLY + "ok");
                out.flush();
            }
        }
    }
}
