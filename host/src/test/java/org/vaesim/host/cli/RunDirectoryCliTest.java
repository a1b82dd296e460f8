package org.vaesim.host.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaesim.host.Fixtures;
import org.vaesim.host.cli.CliTest.Result;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The attacks and faults of issue R on run directories, checkpoints and audit logs, as a user meets them through the
 * commands (docs/reliability.md): each is refused or detected with the right exit code and a message that names
 * the file and what is wrong.
 */
class RunDirectoryCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The malicious-cohort economy (12,250 agents; a kill at epoch 0), 30 epochs, a checkpoint every 10. */
    private static Path scenario(Path tmp) {
        ObjectNode tree = Fixtures.tree("malicious-cohort.json");
        tree.put("epochs", 30);
        tree.put("checkpoint_every", 10);
        return Fixtures.write(tmp, "scenario-in.json", tree);
    }

    private static Result run(Path config, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("run", config.toString(), "--out", out.toString(), "--quiet"));
        args.addAll(List.of(more));
        return CliTest.vaesim(args.toArray(String[]::new));
    }

    private static Path checkpoint(Path run, int epoch) {
        return run.resolve("checkpoints").resolve(String.format("epoch-%09d.ckpt", epoch));
    }

    private static String checksum(Path run) throws Exception {
        return JSON.readTree(run.resolve("summary.json").toFile()).path("state_checksum").asText();
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    /** A finished run of {@link #scenario} in {@code tmp/name}. */
    private static Path finishedRun(Path tmp, String name, String... more) {
        Path out = tmp.resolve(name);
        Result r = run(scenario(tmp), out, more);
        assertEquals(0, r.exit(), r.err());
        return out;
    }

    // --- run --out ---------------------------------------------------------------------------------------------

    @Test
    void runIntoADirectoryHoldingAnotherRunIsRefusedAndLeavesThatRunUntouched(@TempDir Path tmp) throws Exception {
        Path out = finishedRun(tmp, "run");
        byte[] summary = Files.readAllBytes(out.resolve("summary.json"));
        byte[] newest = Files.readAllBytes(checkpoint(out, 30));
        Result r = run(scenario(tmp), out, "--seed", "99", "--epochs", "20");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains(out.toString()) && r.err().contains("holds an earlier run")
                && r.err().contains("--force") && r.err().contains("vaesim resume"), r.err());
        assertArrayEquals(summary, Files.readAllBytes(out.resolve("summary.json")), "its summary is untouched");
        assertArrayEquals(newest, Files.readAllBytes(checkpoint(out, 30)), "and its checkpoint");
    }

    @Test
    void forceReplacesTheEarlierRunsFilesAndNothingElse(@TempDir Path tmp) throws Exception {
        Path out = finishedRun(tmp, "run");
        Files.writeString(out.resolve("notes.txt"), "mine");
        Result r = run(scenario(tmp), out, "--seed", "99", "--epochs", "15", "--force");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("removed the earlier run's") && r.err().contains("notes.txt"), r.err());
        assertEquals("mine", Files.readString(out.resolve("notes.txt")));
        assertEquals(99, JSON.readTree(out.resolve("summary.json").toFile()).path("seed").asLong());
        try (Stream<Path> s = Files.list(out.resolve("checkpoints"))) {
            assertEquals(List.of("epoch-000000010.activity.json", "epoch-000000010.ckpt",
                            "epoch-000000015.activity.json", "epoch-000000015.ckpt"),
                    s.map(p -> p.getFileName().toString()).sorted().toList(), "the earlier run's are gone");
        }
        assertEquals(0, CliTest.vaesim("audit", "verify", out.toString()).exit());
    }

    @Test
    void aNonEmptyDirectoryThatHoldsNoRunIsRefusedEvenWithForce(@TempDir Path tmp) throws Exception {
        Path out = Files.createDirectory(tmp.resolve("mine"));
        Files.writeString(out.resolve("summary.json"), "my own file");
        for (String[] force : List.of(new String[0], new String[] {"--force"})) {
            Result r = run(scenario(tmp), out, force);
            assertEquals(2, r.exit(), r.err());
            assertTrue(r.err().contains(out.toString()) && r.err().contains("holds no vaesim run"), r.err());
        }
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(List.of(out.resolve("summary.json")), s.toList(), "nothing written, nothing removed");
        }
        assertEquals("my own file", Files.readString(out.resolve("summary.json")));
    }

    @Test
    void outAtAFileOrEmptyIsBadInputNamingIt(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Result r = run(scenario(tmp), file);
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("--out") && r.err().contains(file.toString())
                && r.err().contains("not a directory"), r.err());
        Result empty = CliTest.vaesim("run", scenario(tmp).toString(), "--out", "", "--quiet");
        assertEquals(2, empty.exit(), empty.err());
        assertTrue(empty.err().contains("--out") && empty.err().contains("must name a directory"), empty.err());
    }

    @Test
    void epochsBeyondWhatAScenarioFileAllowsAreBadInputOnRunAndResume(@TempDir Path tmp) throws Exception {
        for (String epochs : List.of("1000000001", "2147483647")) {
            Result r = run(scenario(tmp), tmp.resolve("never"), "--epochs", epochs);
            assertEquals(2, r.exit(), r.err());
            assertTrue(r.err().contains("--epochs = " + epochs) && r.err().contains("1000000000"), r.err());
        }
        assertFalse(Files.exists(tmp.resolve("never")));
        Path out = finishedRun(tmp, "run");
        Result r = CliTest.vaesim("resume", out.toString(), "--epochs", "2147483647", "--quiet");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("--epochs = 2147483647"), r.err());
    }

    /** /dev/full answers every write with ENOSPC, as a full disk does. */
    @Test
    void aFullDiskFailsTheRunNamingTheFileAndLeavesNoTemporaryFile(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isWritable(Path.of("/dev/full")), "needs /dev/full (Linux)");
        Path out = finishedRun(tmp, "run");
        String whole = checksum(out);
        Files.delete(checkpoint(out, 30));
        Path tmpFile = out.resolve("checkpoints").resolve("epoch-000000030.ckpt.tmp");
        Files.createSymbolicLink(tmpFile, Path.of("/dev/full"));
        Result r = CliTest.vaesim("resume", out.toString(), "--quiet");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains(tmpFile.toString()) && r.err().contains("No space left on device"), r.err());
        JsonNode s = JSON.readTree(out.resolve("summary.json").toFile());
        assertEquals("failed", s.path("status").asText());
        assertTrue(s.path("error").asText().contains(tmpFile.toString()), s.path("error").asText());
        assertFalse(Files.exists(tmpFile, java.nio.file.LinkOption.NOFOLLOW_LINKS), "the temporary file is gone");
        try (Stream<Path> files = Files.walk(out)) {
            assertEquals(List.of(), files.filter(p -> p.toString().endsWith(".tmp")).toList());
        }
        assertEquals(0, CliTest.vaesim("audit", "verify", out.toString()).exit(), "the log still verifies");
        // ...and once there is room again, the run resumes to the same end.
        Result again = CliTest.vaesim("resume", out.toString(), "--quiet");
        assertEquals(0, again.exit(), again.err());
        assertEquals(whole, checksum(out));
    }

    // --- checkpoints ---------------------------------------------------------------------------------------------

    private static void flipAByteAt(Path file, double where) throws Exception {
        byte[] b = Files.readAllBytes(file);
        b[(int) (b.length * where)] ^= 0x10;
        Files.write(file, b);
    }

    @Test
    void aDamagedNewestCheckpointFallsBackToTheNewestWholeOneAndEndsBitIdentical(@TempDir Path tmp)
            throws Exception {
        Path out = finishedRun(tmp, "run");
        String whole = checksum(out);
        String[] damage = {"flipped bit", "truncated", "empty"};
        for (String how : damage) {
            Path dir = tmp.resolve(how.replace(' ', '-'));
            copyTree(out, dir);
            Path newest = checkpoint(dir, 30);
            switch (how) {
                case "flipped bit" -> flipAByteAt(newest, 0.5);
                case "truncated" -> Files.write(newest, java.util.Arrays.copyOf(Files.readAllBytes(newest),
                        (int) Files.size(newest) / 2));
                default -> Files.write(newest, new byte[0]);
            }
            Result r = CliTest.vaesim("resume", dir.toString(), "--quiet");
            assertEquals(0, r.exit(), how + ": " + r.err());
            assertTrue(r.err().contains(newest.toString()) && r.err().contains("epoch-000000020.ckpt"),
                    how + ": the damaged file and the one used are named: " + r.err());
            assertEquals(whole, checksum(dir), how + ": the same end as the uninterrupted run");
        }
    }

    @Test
    void aDamagedCheckpointWithoutAWholeOneBeforeItIsBadInputNamingIt(@TempDir Path tmp) throws Exception {
        Path out = finishedRun(tmp, "run");
        Files.delete(checkpoint(out, 20));
        flipAByteAt(checkpoint(out, 30), 0.5);
        Result r = CliTest.vaesim("resume", out.toString(), "--quiet");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains(checkpoint(out, 30).toString()) && r.err().contains("SHA-256"), r.err());
    }

    @Test
    void aCheckpointOfAnotherSeedAndAnEditedSeedOrScenarioAreBadInputSayingWhatDiffers(@TempDir Path tmp)
            throws Exception {
        Path out = finishedRun(tmp, "run");
        Path other = finishedRun(tmp, "seed-99", "--seed", "99");
        Files.delete(checkpoint(out, 30));

        Path swapped = tmp.resolve("swapped");
        copyTree(out, swapped);
        Files.copy(checkpoint(other, 20), checkpoint(swapped, 20), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Result r = CliTest.vaesim("resume", swapped.toString(), "--quiet");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("$.seed") && r.err().contains("seed 99"), r.err());

        Path seed = tmp.resolve("seed");
        copyTree(out, seed);
        ObjectNode settings = (ObjectNode) JSON.readTree(seed.resolve("run.json").toFile());
        long original = settings.path("seed").asLong();
        settings.put("seed", 99);
        JSON.writeValue(seed.resolve("run.json").toFile(), settings);
        r = CliTest.vaesim("resume", seed.toString(), "--quiet");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("run.json: $.seed = 99") && r.err().contains("seed " + original), r.err());

        Path fee = tmp.resolve("fee");
        copyTree(out, fee);
        ObjectNode scenario = (ObjectNode) JSON.readTree(fee.resolve("scenario.json").toFile());
        ((ObjectNode) scenario.withArray("markets").get(0)).put("fee_bps", 7);
        JSON.writeValue(fee.resolve("scenario.json").toFile(), scenario);
        r = CliTest.vaesim("resume", fee.toString(), "--quiet");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("scenario.json: $.markets[0].fee_bps = 7: was"), r.err());
    }

    // --- audit logs --------------------------------------------------------------------------------------------

    /** SHA-256 in hex, as the log's hash field has it. */
    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * What a forger without the key can do: renumber the records and compute every hash again from the first
     * (MACs, which need the key, are dropped). Returns the new head.
     */
    private static String rechain(List<String> lines) throws Exception {
        String prev = "0".repeat(64);
        for (int i = 0; i < lines.size(); i++) {
            String body = lines.get(i).substring(0, lines.get(i).lastIndexOf(",\"hash\":\""));
            body = body.replaceFirst("^\\{\"seq\":\\d+,", "{\"seq\":" + i + ",");
            body = body.substring(0, body.lastIndexOf(",\"prev\":\"")) + ",\"prev\":\"" + prev + "\"";
            prev = sha256(body);
            lines.set(i, body + ",\"hash\":\"" + prev + "\"}");
        }
        return prev;
    }

    private static List<String> log(Path run) throws Exception {
        return new ArrayList<>(Files.readAllLines(run.resolve("audit.jsonl"), StandardCharsets.UTF_8));
    }

    private static void write(Path run, List<String> lines) throws Exception {
        Files.write(run.resolve("audit.jsonl"), lines, StandardCharsets.UTF_8);
    }

    private static Result verify(Path run, String... more) {
        List<String> args = new ArrayList<>(List.of("audit", "verify", run.toString()));
        args.addAll(List.of(more));
        return CliTest.vaesim(args.toArray(String[]::new));
    }

    @Test
    void auditVerifyCatchesEveryCutAndAppendAtTheEndOfTheLog(@TempDir Path tmp) throws Exception {
        Path out = finishedRun(tmp, "run");
        List<String> lines = log(out);
        int kill = 0;
        while (!lines.get(kill).contains("\"type\":\"kill\"")) {
            kill++;
        }
        List<String> forged = new ArrayList<>(lines);
        forged.add(lines.get(kill));
        rechain(forged); // a correctly chained record after the end
        List<List<String>> attacks = List.of(lines.subList(0, lines.size() - 1), lines.subList(0, lines.size() - 10),
                List.of(), lines.subList(0, kill), forged);
        for (List<String> attack : attacks) {
            Path dir = tmp.resolve("attack-" + attack.size());
            copyTree(out, dir);
            write(dir, attack);
            Result r = verify(dir);
            assertEquals(1, r.exit(), attack.size() + " of " + lines.size() + " records: " + r.out());
            assertTrue(r.out().contains("BROKEN") && r.out().contains("summary.json"), r.out());
        }
        Result intact = verify(out);
        assertEquals(0, intact.exit(), intact.out());
        assertTrue(intact.out().contains("anchored by summary.json (status complete) at " + lines.size()
                + " records"), intact.out());
    }

    @Test
    void recomputingTheChainIsCaughtByTheAnchorsAndWithTheKeyAlsoWhenTheAnchorsAreRewritten(@TempDir Path tmp)
            throws Exception {
        Path key = Files.writeString(tmp.resolve("audit.key"), "0123456789abcdef0123456789abcdef\n");
        Path plain = finishedRun(tmp, "plain");
        Path keyed = finishedRun(tmp, "keyed", "--audit-key-file", key.toString());
        assertTrue(log(keyed).getFirst().contains("\"mac\":\""), "a keyed log's records carry a MAC");
        assertEquals(0, verify(keyed, "--audit-key-file", key.toString()).exit());
        for (Path out : List.of(plain, keyed)) {
            // the kill record says fewer agents were killed, and the chain is recomputed
            List<String> lines = log(out);
            for (int i = 0; i < lines.size(); i++) {
                lines.set(i, lines.get(i).replaceFirst("\"newly_killed\":\\d+", "\"newly_killed\":1"));
            }
            String head = rechain(lines);
            Path edited = tmp.resolve(out.getFileName() + "-edited");
            copyTree(out, edited);
            write(edited, lines);
            Result r = verify(edited);
            assertEquals(1, r.exit(), r.out());
            assertTrue(r.out().contains("rewritten"), r.out());

            // The forger rewrites summary.json's anchor too and removes the checkpoints' anchors.
            ObjectNode summary = (ObjectNode) JSON.readTree(edited.resolve("summary.json").toFile());
            ((ObjectNode) summary.get("audit")).put("records", lines.size()).put("head", head).put("keyed", false);
            JSON.writeValue(edited.resolve("summary.json").toFile(), summary);
            try (Stream<Path> s = Files.list(edited.resolve("checkpoints"))) {
                for (Path p : s.toList()) {
                    Files.delete(p);
                }
            }
            // Without the key this cannot be told from the truth (docs/safety.md says so)...
            Result unkeyed = verify(edited);
            assertEquals(0, unkeyed.exit(), unkeyed.out());
            if (out == keyed) { // ...with it, it can: the forger could not compute the MACs.
                Result withKey = verify(edited, "--audit-key-file", key.toString());
                assertEquals(1, withKey.exit(), withKey.out());
                assertTrue(withKey.out().contains("BROKEN at line 1 (record 0): no MAC"), withKey.out());
            }
        }
    }

    @Test
    void aKeyedRunResumesOnlyWithItsKeyAndTheKeyMayNotLieInTheRunDirectory(@TempDir Path tmp) throws Exception {
        Path key = Files.writeString(tmp.resolve("audit.key"), "0123456789abcdef0123456789abcdef");
        Path other = Files.writeString(tmp.resolve("other.key"), "fedcba9876543210fedcba9876543210");
        Path out = finishedRun(tmp, "run", "--audit-key-file", key.toString());
        Files.delete(checkpoint(out, 30));
        Result none = CliTest.vaesim("resume", out.toString(), "--quiet");
        assertEquals(2, none.exit(), none.err());
        assertTrue(none.err().contains("keyed"), none.err());
        Result wrong = CliTest.vaesim("resume", out.toString(), "--quiet", "--audit-key-file", other.toString());
        assertEquals(2, wrong.exit(), wrong.err());
        assertTrue(wrong.err().contains("MAC") && wrong.err().contains("epoch-000000020.ckpt"), wrong.err());
        Path inside = Files.copy(key, out.resolve("audit.key"));
        Result beside = CliTest.vaesim("resume", out.toString(), "--quiet", "--audit-key-file", inside.toString());
        assertEquals(2, beside.exit(), beside.err());
        assertTrue(beside.err().contains("inside the run directory"), beside.err());
        Files.delete(inside);
        Result right = CliTest.vaesim("resume", out.toString(), "--quiet", "--audit-key-file", key.toString());
        assertEquals(0, right.exit(), right.err());
        assertEquals(0, verify(out, "--audit-key-file", key.toString()).exit());
    }

    @Test
    void aResumeRefusesALogThatNoLongerHoldsItsCheckpointsRecords(@TempDir Path tmp) throws Exception {
        Path out = finishedRun(tmp, "run");
        Files.delete(checkpoint(out, 30));
        List<String> lines = log(out);
        write(out, lines.subList(0, 5));
        Result r = CliTest.vaesim("resume", out.toString(), "--quiet");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("audit.jsonl") && r.err().contains("cut"), r.err());
    }
}
