package org.vaesim.host.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaesim.host.Fixtures;
import org.vaesim.host.run.RunSession;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The hash chain catches every kind of tampering, survives SIGKILL, and continues across a resume. */
class AuditLogTest {

    private static Path writeLog(Path dir, int records) throws Exception {
        Path file = dir.resolve(AuditLog.FILE);
        try (AuditLog log = AuditLog.create(file)) {
            for (int i = 0; i < records; i++) {
                log.record(i, "epoch", Map.of("digest", "d" + i, "agents_from", i, "agents_to", i + 1));
            }
        }
        return file;
    }

    private static List<String> lines(Path file) throws Exception {
        return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    private static void rewrite(Path file, List<String> lines) throws Exception {
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    @Test
    void anUntouchedLogVerifies(@TempDir Path tmp) throws Exception {
        AuditVerifier.Result r = AuditVerifier.verify(writeLog(tmp, 10));
        assertTrue(r.valid());
        assertEquals(10, r.records());
        assertFalse(r.incompleteTail());
    }

    @Test
    void aFlippedByteIsFoundAtItsRecord(@TempDir Path tmp) throws Exception {
        Path file = writeLog(tmp, 10);
        byte[] bytes = Files.readAllBytes(file);
        int line4 = 0;
        for (int seen = 0; seen < 4; line4++) {
            if (bytes[line4] == '\n') {
                seen++;
            }
        }
        bytes[line4 + 15] ^= 0x01; // a byte inside the fifth record (line 5)
        Files.write(file, bytes);
        AuditVerifier.Result r = AuditVerifier.verify(file);
        assertFalse(r.valid());
        assertEquals(5, r.badLine());
        assertEquals(4, r.records(), "the four records before it still verify");
    }

    @Test
    void aDroppedRecordIsFound(@TempDir Path tmp) throws Exception {
        Path file = writeLog(tmp, 10);
        List<String> lines = lines(file);
        lines.remove(6);
        rewrite(file, lines);
        AuditVerifier.Result r = AuditVerifier.verify(file);
        assertFalse(r.valid());
        assertEquals(7, r.badLine());
        assertTrue(r.reason().contains("missing, reordered or inserted"), r.reason());
    }

    @Test
    void reorderedRecordsAreFound(@TempDir Path tmp) throws Exception {
        Path file = writeLog(tmp, 10);
        List<String> lines = lines(file);
        String third = lines.get(2);
        lines.set(2, lines.get(3));
        lines.set(3, third);
        rewrite(file, lines);
        AuditVerifier.Result r = AuditVerifier.verify(file);
        assertFalse(r.valid());
        assertEquals(3, r.badLine());
    }

    @Test
    void anInsertedRecordIsFoundEvenWithAValidHashOfItsOwn(@TempDir Path tmp) throws Exception {
        Path file = writeLog(tmp, 10);
        List<String> lines = lines(file);
        // A forger can compute a correct hash for the inserted line, but not make the chain continue.
        Path forged = Files.createDirectory(tmp.resolve("forgery")).resolve(AuditLog.FILE);
        try (AuditLog log = AuditLog.create(forged)) {
            log.record(3, "kill", Map.of("reason", "forged"));
        }
        lines.add(3, lines(forged).get(0));
        rewrite(file, lines);
        AuditVerifier.Result r = AuditVerifier.verify(file);
        assertFalse(r.valid());
        assertEquals(4, r.badLine());
    }

    @Test
    void aPartialLastLineIsReportedAndIgnored(@TempDir Path tmp) throws Exception {
        Path file = writeLog(tmp, 10);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 20));
        AuditVerifier.Result r = AuditVerifier.verify(file);
        assertTrue(r.valid());
        assertTrue(r.incompleteTail());
        assertEquals(9, r.records());
    }

    /** A real run killed with SIGKILL leaves a log that verifies up to its last complete record. */
    @Test
    void aRunKilledWithSigkillLeavesAVerifiableLog(@TempDir Path tmp) throws Exception {
        ObjectNode tree = Fixtures.tree("quickstart.json");
        tree.put("epochs", 1_000_000);
        tree.put("metrics_every", 1_000_000);
        tree.withArray("events").removeAll();
        Path config = Fixtures.write(tmp, "long.json", tree);
        Path out = tmp.resolve("run");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), "org.vaesim.host.cli.VaesimCli", "run", config.toString(),
                "--out", out.toString(), "--quiet")
                .redirectErrorStream(true).redirectOutput(new File(tmp.resolve("log.txt").toString())).start();
        Path log = out.resolve(AuditLog.FILE);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && (!Files.exists(log) || Files.size(log) < 20_000)) {
            Thread.sleep(50);
        }
        p.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        AuditVerifier.Result r = AuditVerifier.verify(log);
        assertTrue(r.valid(), r.reason());
        assertTrue(r.records() > 10, "records written before the kill: " + r.records());
    }

    @Test
    void aResumedRunContinuesTheChain(@TempDir Path tmp) throws Exception {
        ObjectNode tree = Fixtures.tree("quickstart.json");
        tree.put("epochs", 40);
        tree.put("checkpoint_every", 20);
        tree.withArray("events").removeAll();
        Path file = Fixtures.write(tmp, "s.json", tree);
        PrintStream silent = new PrintStream(OutputStream.nullOutputStream());
        Path dir = tmp.resolve("run");
        RunSession.start(Fixtures.scenario(tree), file, dir, "java", 2, silent, true);
        long whole = AuditVerifier.verify(dir.resolve(AuditLog.FILE)).records();
        Files.delete(dir.resolve("checkpoints").resolve("epoch-000000040.ckpt"));
        RunSession.resume(dir, null, null, null, silent, true);
        AuditVerifier.Result r = AuditVerifier.verify(dir.resolve(AuditLog.FILE));
        assertTrue(r.valid(), r.reason());
        assertEquals(whole + 1, r.records(), "the same records, plus one saying the run was resumed");
    }
}
