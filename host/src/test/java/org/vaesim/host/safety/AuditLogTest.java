package org.vaesim.host.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaesim.host.Fixtures;
import org.vaesim.host.run.RunSession;
import org.vaesim.models.safety.SafetySpec;

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

    private static final AuditKey KEY =
            AuditKey.of("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));

    private static String field(String line, String name) {
        String key = "\"" + name + "\":\"";
        int at = line.lastIndexOf(key) + key.length();
        return line.substring(at, line.indexOf('"', at));
    }

    /** Each record's MAC is the HMAC-SHA256 of its hash's bytes under the key, computed here with the JDK's Mac. */
    @Test
    void aKeyedLogCarriesTheHmacOfEveryHashAndVerifiesOnlyUnderItsKey(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve(AuditLog.FILE);
        try (AuditLog log = AuditLog.create(file, KEY, SafetySpec.AuditMode.FULL, 10)) {
            for (int i = 0; i < 5; i++) {
                log.record(i, "epoch", Map.of("digest", "d" + i));
            }
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("0123456789abcdef0123456789abcdef".getBytes(
                StandardCharsets.UTF_8), "HmacSHA256"));
        for (String line : lines(file)) {
            assertEquals(HexFormat.of().formatHex(mac.doFinal(HexFormat.of().parseHex(field(line, "hash")))),
                    field(line, "mac"), line);
        }
        AuditVerifier.Result ok = AuditVerifier.verify(file, KEY, Set.of());
        assertTrue(ok.valid() && ok.keyed() && ok.macsChecked(), ok.reason());
        AuditVerifier.Result other = AuditVerifier.verify(file, AuditKey.of("another key, 16+ bytes".getBytes(
                StandardCharsets.UTF_8)), Set.of());
        assertFalse(other.valid());
        assertEquals(1, other.badLine());
        assertTrue(other.reason().contains("MAC does not match"), other.reason());
        AuditVerifier.Result unkeyed = AuditVerifier.verify(file);
        assertTrue(unkeyed.valid() && unkeyed.keyed() && !unkeyed.macsChecked(), "the chain still verifies");
    }

    /** A record whose hash is recomputed after an edit keeps its chain but not its MAC. */
    @Test
    void anEditWithARecomputedHashBreaksTheMac(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve(AuditLog.FILE);
        try (AuditLog log = AuditLog.create(file, KEY, SafetySpec.AuditMode.FULL, 10)) {
            log.record(0, "kill", Map.of("newly_killed", 200));
        }
        String line = lines(file).getFirst();
        String body = line.substring(0, line.indexOf(AuditLog.HASH_FIELD)).replace("200", "2");
        String forged = body + AuditLog.HASH_FIELD + AuditVerifier.sha256(body) + "\"" + line.substring(
                line.indexOf(AuditLog.MAC_FIELD));
        rewrite(file, List.of(forged));
        assertTrue(AuditVerifier.verify(file).valid(), "without the key the forgery holds");
        AuditVerifier.Result r = AuditVerifier.verify(file, KEY, Set.of());
        assertFalse(r.valid());
        assertTrue(r.reason().contains("MAC does not match"), r.reason());
    }

    /**
     * The events mode: epochs with a safety event are written whole, the quiet ones folded into one record per
     * metrics period whose digest is the SHA-256 of their epoch digests in order (computed here from the digests).
     */
    @Test
    void theEventsModeFoldsQuietEpochsIntoOneRecordPerPeriodThatCommitsToTheirDigests(@TempDir Path tmp)
            throws Exception {
        Path file = tmp.resolve(AuditLog.FILE);
        try (AuditLog log = AuditLog.create(file, null, SafetySpec.AuditMode.EVENTS, 4)) {
            log.record(0, "run_start", Map.of());
            for (int e = 0; e < 10; e++) {
                if (e == 5) {
                    log.record(e, "kill", Map.of("reason", "operator"));
                }
                log.record(e, "epoch", Map.of("digest", "d" + e));
            }
            log.sync(); // a checkpoint after epoch 9 closes the open period
            log.record(10, "run_end", Map.of());
        }
        List<String> lines = lines(file);
        List<String> types = lines.stream().map(l -> field(l, "type")).toList();
        assertEquals(List.of("run_start", "epochs", "epochs", "kill", "epoch", "epochs", "epochs", "run_end"), types);
        String[][] spans = {{"0", "3"}, {"4", "4"}, {"6", "7"}, {"8", "9"}};
        int[] lineOf = {1, 2, 5, 6};
        for (int k = 0; k < spans.length; k++) {
            StringBuilder digests = new StringBuilder();
            for (int e = Integer.parseInt(spans[k][0]); e <= Integer.parseInt(spans[k][1]); e++) {
                digests.append("d").append(e);
            }
            String line = lines.get(lineOf[k]);
            assertTrue(line.contains("\"from_epoch\":" + spans[k][0] + ",\"to_epoch\":" + spans[k][1]), line);
            assertEquals(AuditVerifier.sha256(digests.toString()), field(line, "digest"), line);
        }
        assertTrue(lines.get(4).contains("\"digest\":\"d5\""), "the kill's epoch is written whole");
        assertTrue(AuditVerifier.verify(file).valid());
    }

    @Test
    void aResumeContinuesFromItsAnchorAndRefusesALogThatDoesNotHoldIt(@TempDir Path tmp) throws Exception {
        Path file = writeLog(tmp, 10);
        List<String> lines = lines(file);
        AuditAnchor at6 = new AuditAnchor(6, field(lines.get(5), "hash"));
        assertEquals(null, AuditLog.mismatch(file, at6));
        try (AuditLog log = AuditLog.resume(file, at6, null, SafetySpec.AuditMode.FULL, 10)) {
            assertEquals(at6, log.anchor());
            assertEquals(10, lines(file).size(), "the cut waits for the first record");
            log.record(6, "resume", Map.of());
        }
        AuditVerifier.Result r = AuditVerifier.verify(file);
        assertTrue(r.valid(), r.reason());
        assertEquals(7, r.records());
        rewrite(file, lines.subList(0, 4));
        String cut = AuditLog.mismatch(file, at6);
        assertTrue(cut.contains("4 complete records") && cut.contains("cut"), cut);
        IOException e = assertThrows(IOException.class,
                () -> AuditLog.resume(file, at6, null, SafetySpec.AuditMode.FULL, 10));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        rewrite(file, lines);
        String other = AuditLog.mismatch(file, new AuditAnchor(6, field(lines.get(4), "hash")));
        assertTrue(other.contains("record 5") && other.contains("changed"), other);
    }

    /** /dev/full answers every write with ENOSPC, as a full disk does: the error names the log. */
    @Test
    void aFullDiskIsReportedNamingTheLog() throws Exception {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.isWritable(full), "needs /dev/full (Linux)");
        AuditLog log = AuditLog.create(full);
        UncheckedIOException e = assertThrows(
                UncheckedIOException.class, () -> log.record(0, "run_start", Map.of()));
        assertTrue(e.getMessage().contains("/dev/full") && e.getMessage().contains("No space left on device"),
                e.getMessage());
        assertEquals(0, log.records(), "a record that was not written is not counted");
        try {
            log.close();
        } catch (IOException ignored) {
            // a character device cannot be forced to disk
        }
    }
}
