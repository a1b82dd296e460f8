package org.vaesim.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint of an economy with every stage, damaged in its stages' sections, and {@code vaesim resume} (issue R,
 * "checkpoints whose damage is detected"). A flipped byte in any stage's section is found by the state's digest:
 * exit 2 naming the file. Behind the digests, against a writer that recomputes them (an unkeyed run's checkpoint
 * can be rewritten whole: docs/safety.md#what-each-check-proves), the stage table and each stage's reader are the
 * second line: a section cut short or padded, of another version, missing, relabelled as another stage's, or a table
 * whose stage order differs, is refused with exit 2 and a message naming the section (or the order).
 */
class StageSectionTamperTest {
    private static final String SCENARIO = """
        {"name": "all-stages", "seed": 3, "epochs": 10, "checkpoint_every": 5,
         "markets": [{"name": "m", "resource": "compute", "tick_size": 0.01, "ticks": 2000, "initial_price": 10.00},
                     {"name": "d", "resource": "agent_time", "tick_size": 0.01, "ticks": 2000, "initial_price": 10.00}],
         "population": [
           {"name": "buyers", "strategy": "zi-c", "market": "m", "count": 40, "cash": 1000,
            "params": {"side": "buy", "value_min": 9.00, "value_max": 15.00, "units": 2, "period": 2}},
           {"name": "sellers", "strategy": "zi-c", "market": "m", "count": 40, "inventory": 40,
            "params": {"side": "sell", "value_min": 5.00, "value_max": 11.00, "units": 2, "period": 2}},
           {"name": "bidders", "strategy": "bidder", "market": "m", "count": 20, "cash": 1000},
           {"name": "clients", "strategy": "bidder", "market": "d", "count": 30, "cash": 1000},
           {"name": "providers", "strategy": "bidder", "market": "d", "count": 30, "cash": 1000}],
         "resource_auctions": [{"name": "gpu", "resource": "compute", "tick_size": 0.01, "ticks": 2000,
           "reserve_price": 1.00, "supply": 40, "every": 1, "mechanism": {"type": "uniform_price"},
           "bidders": [{"cohort": "bidders", "value_min": 5.00, "value_max": 15.00, "max_units": 3}]}],
         "stages": {
           "wealth_tax": {"cohorts": ["buyers", "bidders"], "rate": 0.01},
           "capability": {"cohorts": ["bidders"], "feedback": 1, "reinvest": 0.1},
           "entrenchment": {"persistence_lag": 1, "early_epochs": 3},
           "relationships": {"buyers": "buyers", "sellers": "sellers", "value_min": 5.00, "value_max": 15.00},
           "coordination": {"protocol": "bilateral", "search_cost": 0.05, "services": [
             {"name": "s", "buyers": "clients", "sellers": "providers", "demand": 0.5,
              "value_min": 5, "value_max": 15, "cost_min": 5, "cost_max": 15}]}}}
        """;
    /** The stages whose sections this economy fills. */
    private static final List<String> STAGES = List.of("auctions", "wealth_tax", "capability", "entrenchment",
            "relationships", "coordination");

    @TempDir
    static Path tmp;
    private static Path file;
    /** The run, stopped after its epoch-5 checkpoint: no summary.json, no epoch-10 checkpoint. */
    private static byte[] checkpoint;

    @BeforeAll
    static void run() throws IOException {
        file = tmp.resolve("all-stages.json");
        Files.writeString(file, SCENARIO);
        Path dir = tmp.resolve("whole");
        CliTest.Result r = CliTest.vaesim("run", file.toString(), "--out", dir.toString());
        assertEquals(0, r.exit(), r.err());
        checkpoint = Files.readAllBytes(dir.resolve("checkpoints").resolve("epoch-000000005.ckpt"));
        Frame f = Frame.parse(checkpoint);
        for (String stage : STAGES) {
            assertTrue(f.sections.get(stage).length > 0, stage + " writes a section in this economy");
        }
    }

    /** A copy of the run directory with {@code bytes} as its only checkpoint, as a run killed after epoch 5. */
    private static Path cut(String name, byte[] bytes) throws IOException {
        Path dir = tmp.resolve(name);
        try (var files = Files.walk(tmp.resolve("whole"))) {
            for (Path p : files.toList()) {
                Path to = dir.resolve(tmp.resolve("whole").relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else if (!p.getFileName().toString().equals("run.lock")) {
                    Files.copy(p, to);
                }
            }
        }
        Files.delete(dir.resolve("summary.json"));
        Files.delete(dir.resolve("checkpoints").resolve("epoch-000000010.ckpt"));
        Files.deleteIfExists(dir.resolve("checkpoints").resolve("epoch-000000010.activity.json"));
        Files.write(dir.resolve("checkpoints").resolve("epoch-000000005.ckpt"), bytes);
        return dir;
    }

    private static CliTest.Result resume(String name, byte[] bytes) throws IOException {
        return CliTest.vaesim("resume", cut(name, bytes).toString());
    }

    @Test
    void theUntouchedCheckpointResumes() throws IOException {
        CliTest.Result r = resume("untouched", checkpoint);
        assertEquals(0, r.exit(), r.err());
        CliTest.Result forged = resume("reframed", Frame.parse(checkpoint).bytes());
        assertEquals(0, forged.exit(), "the test's framing writes what vaesim writes: " + forged.err());
    }

    @Test
    void aFlippedByteInAnyStagesSectionIsFoundByTheDigest() throws IOException {
        Frame f = Frame.parse(checkpoint);
        for (String stage : STAGES) {
            byte[] bytes = checkpoint.clone();
            bytes[f.offset(stage) + f.sections.get(stage).length / 2] ^= 0x10;
            CliTest.Result r = resume("flip-" + stage, bytes);
            assertEquals(2, r.exit(), stage + ": " + r.err());
            assertTrue(r.err().contains("epoch-000000005.ckpt") && r.err().contains("changed bytes"),
                    stage + ": " + r.err());
        }
    }

    @Test
    void aSectionCutPaddedOfAnotherVersionOrMissingIsRefusedNamingIt() throws IOException {
        for (String stage : STAGES) {
            refused("cut-" + stage, f -> f.sections.compute(stage, (k, b) -> Arrays.copyOf(b, b.length - 1)), stage);
            refused("pad-" + stage, f -> f.sections.compute(stage, (k, b) -> Arrays.copyOf(b, b.length + 1)), stage);
            refused("version-" + stage, f -> f.versions.merge(stage, 1, Integer::sum),
                    stage + " section is of version");
            refused("missing-" + stage, f -> {
                f.sections.remove(stage);
                f.versions.remove(stage);
            }, "no section of stage " + stage);
        }
    }

    /** Each pair of sections relabelled as each other's (bytes where the other's were expected). */
    @Test
    void sectionsSwappedBetweenStagesAreRefusedNamingOne() throws IOException {
        for (int i = 0; i < STAGES.size(); i++) {
            for (int j = i + 1; j < STAGES.size(); j++) {
                String a = STAGES.get(i);
                String b = STAGES.get(j);
                CliTest.Result r = resume("swap-" + a + "-" + b, Frame.parse(checkpoint).with(f -> {
                    byte[] x = f.sections.get(a);
                    f.sections.put(a, f.sections.get(b));
                    f.sections.put(b, x);
                }).bytes());
                assertEquals(2, r.exit(), a + " <-> " + b + ": " + r.err());
                assertTrue(r.err().contains(a + " section") || r.err().contains(b + " section"),
                        a + " <-> " + b + ": " + r.err());
            }
        }
    }

    @Test
    void aTableWithTheStagesInAnotherOrderIsRefused() throws IOException {
        refused("order", f -> java.util.Collections.reverse(f.epochOrder), "ran the stages");
    }

    private static void refused(String name, Consumer<Frame> tamper, String says) throws IOException {
        CliTest.Result r = resume(name, Frame.parse(checkpoint).with(tamper).bytes());
        assertEquals(2, r.exit(), name + ": " + r.err());
        assertTrue(r.err().contains("epoch-000000005.ckpt") && r.err().contains(says), name + ": " + r.err());
    }

    /**
     * A checkpoint taken apart (docs/outputs.md#checkpoints): the header up to its stage table, the table (the epoch
     * order, then each section's name, version and length), the core state and each section's bytes; put together
     * again with its digests recomputed and no MAC, as an unkeyed run's writer would.
     */
    private static final class Frame {
        byte[] head;
        List<String> epochOrder = new ArrayList<>();
        final Map<String, byte[]> sections = new LinkedHashMap<>();
        final Map<String, Integer> versions = new LinkedHashMap<>();
        byte[] core;

        static Frame parse(byte[] file) {
            ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
            b.position(8 + 4 + 4 + 8);
            skip(b, b.getInt()); // scenario.json
            skip(b, 8 + 32 + 4); // the audit anchor, keyed
            skip(b, b.getInt()); // measurement accounts
            Frame f = new Frame();
            f.head = Arrays.copyOf(file, b.position());
            int tableLength = b.getInt();
            int stateStart = b.position() + tableLength;
            int order = b.getInt();
            for (int i = 0; i < order; i++) {
                f.epochOrder.add(name(b));
            }
            int n = b.getInt();
            List<Long> lengths = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String name = name(b);
                f.versions.put(name, b.getInt());
                lengths.add(b.getLong());
            }
            long sections = lengths.stream().mapToLong(Long::longValue).sum();
            long state = ByteBuffer.wrap(file, file.length - 104, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            int coreLength = (int) (state - sections);
            f.core = Arrays.copyOfRange(file, stateStart, stateStart + coreLength);
            int at = stateStart + coreLength;
            int k = 0;
            for (String name : f.versions.keySet()) {
                int length = (int) (long) lengths.get(k++);
                f.sections.put(name, Arrays.copyOfRange(file, at, at + length));
                at += length;
            }
            return f;
        }

        private static void skip(ByteBuffer b, int n) {
            b.position(b.position() + n);
        }

        private static String name(ByteBuffer b) {
            byte[] s = new byte[b.getInt()];
            b.get(s);
            return new String(s, StandardCharsets.UTF_8);
        }

        Frame with(Consumer<Frame> tamper) {
            tamper.accept(this);
            return this;
        }

        /** Where section {@code stage} starts in the file this frame was parsed from. */
        int offset(String stage) {
            int at = head.length + Integer.BYTES + table().length + core.length;
            for (Map.Entry<String, byte[]> e : sections.entrySet()) {
                if (e.getKey().equals(stage)) {
                    return at;
                }
                at += e.getValue().length;
            }
            throw new IllegalArgumentException(stage);
        }

        private byte[] table() {
            ByteArrayOutputStream t = new ByteArrayOutputStream();
            t.writeBytes(intBytes(epochOrder.size()));
            for (String s : epochOrder) {
                t.writeBytes(nameBytes(s));
            }
            t.writeBytes(intBytes(sections.size()));
            for (Map.Entry<String, byte[]> e : sections.entrySet()) {
                t.writeBytes(nameBytes(e.getKey()));
                t.writeBytes(intBytes(versions.get(e.getKey())));
                t.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(e.getValue().length)
                        .array());
            }
            return t.toByteArray();
        }

        byte[] bytes() {
            try {
                byte[] table = table();
                ByteArrayOutputStream header = new ByteArrayOutputStream();
                header.writeBytes(head);
                header.writeBytes(intBytes(table.length));
                header.writeBytes(table);
                ByteArrayOutputStream state = new ByteArrayOutputStream();
                state.writeBytes(core);
                sections.values().forEach(state::writeBytes);
                byte[] stateSha = MessageDigest.getInstance("SHA-256").digest(state.toByteArray());
                ByteArrayOutputStream macInput = new ByteArrayOutputStream();
                macInput.writeBytes(header.toByteArray());
                macInput.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(state.size())
                        .array());
                macInput.writeBytes(stateSha);
                byte[] mac = new byte[32];
                MessageDigest whole = MessageDigest.getInstance("SHA-256");
                whole.update(macInput.toByteArray());
                whole.update(mac);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.writeBytes(header.toByteArray());
                out.writeBytes(state.toByteArray());
                out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(state.size()).array());
                out.writeBytes(stateSha);
                out.writeBytes(mac);
                out.writeBytes(whole.digest());
                return out.toByteArray();
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        private static byte[] intBytes(int v) {
            return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
        }

        private static byte[] nameBytes(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            ByteBuffer out = ByteBuffer.allocate(4 + b.length).order(ByteOrder.LITTLE_ENDIAN);
            return out.putInt(b.length).put(b).array();
        }
    }
}
