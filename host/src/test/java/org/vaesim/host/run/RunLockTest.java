package org.vaesim.host.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaesim.host.Fixtures;
import org.vaesim.models.scenario.ConfigException;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One session at a time writes a run directory: run + run, run + resume and resume + resume are refused. */
class RunLockTest {
    private static final PrintStream SILENT = new PrintStream(OutputStream.nullOutputStream());

    private static ObjectNode tree(int epochs) {
        ObjectNode tree = Fixtures.tree("malicious-cohort.json");
        tree.put("epochs", epochs);
        tree.put("checkpoint_every", 5);
        tree.put("metrics_every", 5);
        return tree;
    }

    @Test
    void aSecondSessionInTheSameProcessIsRefusedWhileTheFirstHoldsTheDirectory(@TempDir Path tmp) throws Exception {
        ObjectNode tree = tree(10);
        Path file = Fixtures.write(tmp, "s.json", tree);
        Path dir = tmp.resolve("run");
        assertTrue(RunSession.start(Fixtures.scenario(tree), file, dir, "java", 2, SILENT, true).complete());
        Files.delete(dir.resolve("checkpoints").resolve("epoch-000000010.ckpt"));
        try (RunLock held = RunLock.acquire(dir, "resume")) { // a session writing the directory right now
            ConfigException resume = assertThrows(ConfigException.class,
                    () -> RunSession.resume(dir, null, null, null, SILENT, true));
            assertTrue(resume.getMessage().contains("another session in this process"), resume.getMessage());
            ConfigException run = assertThrows(ConfigException.class, () -> RunSession.start(Fixtures.scenario(tree),
                    file, dir, "java", 2, SILENT, true, true, true, null));
            assertTrue(run.getMessage().contains("another session in this process"), run.getMessage());
            assertTrue(Files.exists(dir.resolve("checkpoints").resolve("epoch-000000005.ckpt")), "nothing removed");
        }
        assertTrue(RunSession.resume(dir, null, null, null, SILENT, true).complete(), "free once it is released");
    }

    /**
     * A run in another process holds the directory: a resume and a forced run are refused naming that process; once
     * it is killed (SIGKILL: no hook runs), the operating system drops its lock and the run resumes.
     */
    @Test
    void aRunInAnotherProcessHoldsItsDirectoryUntilItEndsHoweverItEnds(@TempDir Path tmp) throws Exception {
        ObjectNode tree = tree(1_000_000);
        Path config = Fixtures.write(tmp, "long.json", tree);
        Path dir = tmp.resolve("run");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), "org.vaesim.host.cli.VaesimCli", "run", config.toString(),
                "--out", dir.toString(), "--quiet", "--no-parquet")
                .redirectErrorStream(true).redirectOutput(new File(tmp.resolve("log.txt").toString())).start();
        try {
            Path first = dir.resolve("checkpoints").resolve("epoch-000000005.ckpt");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && !Files.exists(first)) {
                Thread.sleep(50);
            }
            assertTrue(Files.exists(first), "the child run wrote a checkpoint: " + Files.readString(
                    tmp.resolve("log.txt")));
            String holder = "process " + p.pid();
            ConfigException resume = assertThrows(ConfigException.class,
                    () -> RunSession.resume(dir, null, null, null, SILENT, true));
            assertTrue(resume.getMessage().contains("vaesim run, " + holder), resume.getMessage());
            ConfigException run = assertThrows(ConfigException.class, () -> RunSession.start(Fixtures.scenario(tree),
                    config, dir, "java", 2, SILENT, true, false, true, null));
            assertTrue(run.getMessage().contains(holder), run.getMessage());
        } finally {
            p.destroyForcibly();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        }
        int from = Integer.parseInt(newestCheckpoint(dir).substring(6, 15));
        RunSession.Outcome resumed = RunSession.resume(dir, null, null, from + 5, SILENT, true, false);
        assertTrue(resumed.complete(), resumed.error());
        assertEquals(from + 5, RunDirectory.JSON.readTree(dir.resolve("summary.json").toFile())
                .path("completed_epochs").asInt());
    }

    /** The newest checkpoint's file name. */
    private static String newestCheckpoint(Path dir) throws Exception {
        try (var s = Files.list(dir.resolve("checkpoints"))) {
            return s.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".ckpt")).sorted().toList().getLast();
        }
    }
}
