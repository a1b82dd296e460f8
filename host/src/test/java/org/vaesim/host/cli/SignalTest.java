package org.vaesim.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaesim.host.Fixtures;
import org.vaesim.host.experiment.Sweep;
import org.vaesim.host.experiment.SweepSpec;
import org.vaesim.host.run.RunDirectory;
import org.vaesim.host.run.RunSession;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Real signals sent to a real vaesim process (a child JVM running the CLI with the test classpath): it stops at an
 * epoch boundary with a checkpoint of that epoch, says where and how to resume, exits 128 + the signal's number,
 * and resuming ends bit-identical to a run that was never stopped.
 */
class SignalTest {
    private static final PrintStream SILENT = new PrintStream(OutputStream.nullOutputStream());
    private static final int EPOCHS = 300;

    /**
     * SIGINT stops a run, SIGTERM then stops its resume, and a last resume finishes it: the final state checksum
     * and every metrics row are those of the uninterrupted run. The scenario has no checkpoint_every, so before
     * the fix a signal lost the whole run.
     */
    @Test
    void sigintAndSigtermStopAtAnEpochBoundaryAndTheResumedRunIsBitIdentical(@TempDir Path tmp) throws Exception {
        ObjectNode tree = Fixtures.tree("quickstart.json");
        tree.put("epochs", EPOCHS); // its events, at epochs 200 and 250, come after both signals
        tree.remove("checkpoint_every");
        Path config = Fixtures.write(tmp, "long.json", tree);
        RunSession.Outcome whole = RunSession.start(Fixtures.scenario(tree), config, tmp.resolve("whole"), "java", 2,
                SILENT, true, false);
        assertTrue(whole.complete());

        Path dir = tmp.resolve("run");
        Path metrics = dir.resolve("metrics.csv");
        Child run = Child.start(tmp, "run.log", "run", config.toString(), "--out", dir.toString(), "--threads", "2",
                "--no-parquet");
        int first = run.stopOnceAndCheck("INT", 130, () -> lastEpoch(metrics) >= 20, dir);

        Child resume = Child.start(tmp, "resume.log", "resume", dir.toString(), "--no-parquet");
        int second = resume.stopOnceAndCheck("TERM", 143, () -> lastEpoch(metrics) >= first + 20, dir);
        assertTrue(second > first, "the resumed session ran epochs: " + first + " then " + second);

        CliTest.Result last = CliTest.vaesim("resume", dir.toString(), "--quiet", "--no-parquet");
        assertEquals(0, last.exit(), last.err());
        assertTrue(last.err().contains("vaesim: complete; state_checksum " + whole.checksum()), last.err()
                + " (uninterrupted: " + whole.checksum() + ")");
        assertEquals(Files.readAllLines(tmp.resolve("whole").resolve("metrics.csv")), Files.readAllLines(metrics),
                "metrics rows identical, none duplicated or missing");
        assertEquals(0, CliTest.vaesim("audit", "verify", dir.toString()).exit(), "the audit chain is whole");
    }

    /**
     * SIGTERM stops a sweep: the runs in progress stop at an epoch boundary, no new run starts, the sweep exits
     * 143 saying how to finish it, and running it again finishes it. Complete runs keep no checkpoints.
     */
    @Test
    void sigtermStopsASweepThatTheSameCommandThenFinishes(@TempDir Path tmp) throws Exception {
        ObjectNode tree = Fixtures.tree("quickstart.json");
        tree.withArray("events").removeAll(); // they come after the sweep's 80 epochs
        for (JsonNode cohort : tree.withArray("population")) { // a tenth of the agents: quicker runs
            ((ObjectNode) cohort).put("count", Math.max(1, cohort.get("count").asInt() / 10));
        }
        Fixtures.write(tmp, "qs.json", tree);
        Path file = Files.writeString(tmp.resolve("sweep.json"), """
            { "name": "signal", "scenario": "qs.json", "seeds": [1, 2, 3, 4, 5, 6], "epochs": 80,
              "grid": { "markets[asset].fee_bps": [2] } }
            """);
        Path out = tmp.resolve("sweep");
        Child sweep = Child.start(tmp, "sweep.log", "sweep", file.toString(), "--out", out.toString(),
                "--parallel", "1", "--no-parquet");
        sweep.waitFor(() -> countComplete(out) >= 1);
        sweep.signal("TERM");
        assertEquals(143, sweep.exitCode(), sweep.log());
        assertTrue(sweep.log().contains("vaesim: sweep interrupted by SIGTERM; run the same command again to"
                + " finish it"), sweep.log());
        int before = countComplete(out);
        assertTrue(before >= 1 && before < 6, "stopped part way: " + before + " of 6 runs complete");

        Sweep.Outcome again = Sweep.run(SweepSpec.load(file), out, null, SILENT);
        assertEquals(6, again.ran() + again.reused(), "every run complete now");
        assertEquals(before, again.reused(), "the complete runs are kept");
        assertEquals(0, again.failed());
        try (var points = Files.list(out.resolve("points"))) {
            for (Path p : points.toList()) {
                assertFalse(Files.exists(p.resolve("checkpoints")), "a complete sweep run keeps no checkpoints: " + p);
            }
        }
    }

    private static int lastEpoch(Path metrics) {
        try {
            List<String> lines = Files.exists(metrics) ? Files.readAllLines(metrics) : List.of();
            String last = lines.size() < 2 ? "" : lines.getLast();
            return last.isEmpty() ? -1 : Integer.parseInt(last.substring(0, last.indexOf(',')));
        } catch (IOException | RuntimeException beingWritten) {
            return -1; // a row half written: look again
        }
    }

    private static int countComplete(Path sweep) {
        Path points = sweep.resolve("points");
        if (!Files.isDirectory(points)) {
            return 0;
        }
        try (var list = Files.list(points)) {
            return (int) list.filter(p -> {
                try {
                    return Files.exists(p.resolve("summary.json")) && "complete".equals(RunDirectory.JSON
                            .readTree(p.resolve("summary.json").toFile()).path("status").asText());
                } catch (IOException beingWritten) {
                    return false;
                }
            }).count();
        } catch (IOException e) {
            return 0;
        }
    }

    /** A vaesim CLI process with its stdout and stderr in a log file. */
    private record Child(Process process, Path logFile) {
        static Child start(Path tmp, String log, String... args) throws IOException {
            List<String> command = new ArrayList<>();
            if (ignored(2)) {
                // Started in the background by a non-interactive shell, this JVM ignores SIGINT and so would its
                // child (the JVM keeps a signal ignored at start ignored): give the child the default back.
                command.addAll(List.of("env", "--default-signal=INT"));
            }
            command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-Djava.io.tmpdir=" + Files.createDirectories(
                            tmp.resolve("child-tmp")), "-cp", System.getProperty("java.class.path"),
                    VaesimCli.class.getName()));
            command.addAll(List.of(args));
            Path file = tmp.resolve(log);
            return new Child(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(file.toFile())
                    .start(), file);
        }

        /** Whether this JVM ignores signal {@code number} (Linux: /proc/self/status; elsewhere assumed not). */
        private static boolean ignored(int number) throws IOException {
            Path status = Path.of("/proc/self/status");
            if (!Files.exists(status)) {
                return false;
            }
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseUnsignedLong(line.substring(7).trim(), 16) >> (number - 1) & 1) == 1;
                }
            }
            return false;
        }

        void waitFor(BooleanSupplier started) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!started.getAsBoolean()) {
                assertTrue(process.isAlive(), "the process ended before it was signalled: " + log());
                assertTrue(System.nanoTime() < deadline, "the process did not start its epochs: " + log());
                Thread.sleep(10);
            }
        }

        void signal(String name) throws Exception {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            assertEquals(0, kill.waitFor(), "kill -" + name);
        }

        int exitCode() throws Exception {
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "stopped within two minutes: " + log());
            return process.exitValue();
        }

        String log() {
            try {
                return Files.readString(logFile);
            } catch (IOException e) {
                return "(no log: " + e + ")";
            }
        }

        /**
         * Sends SIG{@code name} once {@code started}; checks the exit code, the message (epoch, checkpoint, the
         * resume command, all with absolute paths), the checkpoint file and summary.json; returns the epoch reached.
         */
        int stopOnceAndCheck(String name, int code, BooleanSupplier started, Path dir) throws Exception {
            waitFor(started);
            signal(name);
            assertEquals(code, exitCode(), log());
            String log = log();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("vaesim: interrupted by SIG" + name
                    + " after epoch (\\d+) of " + EPOCHS).matcher(log);
            assertTrue(m.find(), log);
            int epoch = Integer.parseInt(m.group(1));
            assertTrue(epoch < EPOCHS, "stopped before the end: " + log);
            Path abs = dir.toAbsolutePath().normalize();
            Path checkpoint = abs.resolve("checkpoints").resolve(String.format("epoch-%09d.ckpt", epoch));
            assertTrue(log.contains("vaesim: checkpoint " + checkpoint + "\n"), log);
            assertTrue(log.contains("vaesim: to continue: vaesim resume " + abs + "\n"), log);
            assertTrue(Files.isRegularFile(checkpoint), "the checkpoint of the epoch reached: " + checkpoint);
            JsonNode summary = RunDirectory.JSON.readTree(dir.resolve("summary.json").toFile());
            assertEquals("interrupted", summary.path("status").asText(), summary.toString());
            assertEquals(checkpoint.getFileName().toString(), summary.path("last_checkpoint").asText());
            assertTrue(summary.path("error").asText().startsWith("stopped by SIG" + name + " after epoch " + epoch),
                    summary.toString());
            return epoch;
        }
    }
}
