package org.vaesim.host.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaesim.host.Fixtures;
import org.vaesim.host.epoch.Engine;
import org.vaesim.host.safety.AuditAnchor;
import org.vaesim.host.safety.AuditKey;
import org.vaesim.models.scenario.Scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A checkpoint is accepted only whole: any changed, missing or added byte is found before its state is read. */
class CheckpointFileTest {
    private static final AuditKey KEY =
            AuditKey.of("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8));
    private static Scenario scenario;
    private static byte[] scenarioJson;
    private static byte[] plain;
    private static byte[] keyed;
    private static byte[] earlierFormat;
    private static String checksum;
    private static final AuditAnchor ANCHOR = new AuditAnchor(7, "ab".repeat(32));

    /** The malicious-cohort economy at a fiftieth of its size, after 5 epochs, as a checkpoint with and without key. */
    @BeforeAll
    static void writeCheckpoints() throws Exception {
        ObjectNode tree = Fixtures.tree("malicious-cohort.json");
        for (JsonNode cohort : tree.withArray("population")) {
            ((ObjectNode) cohort).put("count", Math.max(1, cohort.path("count").asInt() / 50));
        }
        scenario = Fixtures.scenario(tree);
        scenarioJson = tree.toString().getBytes(StandardCharsets.UTF_8);
        try (Engine engine = Engine.start(scenario, "java", 1)) {
            for (int e = 0; e < 5; e++) {
                engine.step();
            }
            checksum = StateDigest.of(engine);
            plain = bytes(engine, null);
            keyed = bytes(engine, KEY);
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            StateCodec.write(raw, engine);
            earlierFormat = raw.toByteArray();
        }
    }

    private static byte[] bytes(Engine engine, AuditKey key) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CheckpointFile.write(out, engine, new CheckpointFile.Binding(scenario.seed(), scenarioJson, key), ANCHOR);
        return out.toByteArray();
    }

    private static Path file(Path tmp, byte[] bytes) throws Exception {
        return Files.write(tmp.resolve("epoch-000000005.ckpt"), bytes);
    }

    @Test
    void aWholeCheckpointVerifiesCarriesItsBindingAndLoadsTheSameState(@TempDir Path tmp) throws Exception {
        CheckpointFile.Verified v = CheckpointFile.verify(file(tmp, plain));
        assertEquals(5, v.epoch());
        assertEquals(scenario.seed(), v.seed());
        assertArrayEquals(scenarioJson, v.scenario());
        assertEquals(ANCHOR, v.audit());
        assertFalse(v.keyed());
        assertEquals(checksum, v.stateSha256(), "the trailer holds the state checksum of its epoch");
        StateCodec.State st = CheckpointStore.load(v, scenario);
        assertEquals(5, st.epoch());
        try (Engine restored = Engine.restore(scenario, "java", 1, st.population(), st.markets(), st.accounting(),
                st.safety(), st.stageOrder(), st.sections(), st.epoch())) {
            assertEquals(checksum, StateDigest.of(restored));
        }
    }

    /** Property: a bit flipped anywhere (header, scenario, state, trailer) is found; 300 random places and the ends. */
    @Test
    void aFlippedBitAnywhereIsFound(@TempDir Path tmp) throws Exception {
        SplittableRandom random = new SplittableRandom(14);
        int[] places = new int[340];
        for (int i = 0; i < places.length; i++) {
            places[i] = i < 20 ? i : i < 40 ? plain.length - 1 - (i - 20) : random.nextInt(plain.length);
        }
        for (int at : places) {
            byte[] b = plain.clone();
            b[at] ^= (byte) (1 << random.nextInt(8));
            CheckpointFile.Damaged d = assertThrows(CheckpointFile.Damaged.class,
                    () -> CheckpointFile.verify(file(tmp, b)), "byte " + at);
            assertTrue(d.getMessage().startsWith(tmp.resolve("epoch-000000005.ckpt").toString()), d.getMessage());
        }
    }

    @Test
    void aCheckpointCutShortOrGrownIsFound(@TempDir Path tmp) throws Exception {
        for (int length : new int[] {0, 1, 7, 8, 40, 100, plain.length / 2, plain.length - 1}) {
            CheckpointFile.Damaged d = assertThrows(CheckpointFile.Damaged.class,
                    () -> CheckpointFile.verify(file(tmp, Arrays.copyOf(plain, length))), "length " + length);
            assertFalse(d.earlierFormat());
            assertTrue(d.getMessage().contains(length == 0 ? "empty" : length < 8 ? "not a vaesim checkpoint"
                    : "cut short"), d.getMessage());
        }
        assertThrows(CheckpointFile.Damaged.class, () -> CheckpointFile.verify(file(tmp, Arrays.copyOf(plain,
                plain.length + 1))));
    }

    @Test
    void aCheckpointOfTheEarlierFormatIsToldApart(@TempDir Path tmp) throws Exception {
        CheckpointFile.Damaged d = assertThrows(CheckpointFile.Damaged.class,
                () -> CheckpointFile.verify(file(tmp, earlierFormat)));
        assertTrue(d.earlierFormat(), d.getMessage());
        assertTrue(d.getMessage().contains("earlier vaesim"), d.getMessage());
    }

    @Test
    void aKeyedCheckpointsMacVerifiesOnlyUnderItsKey(@TempDir Path tmp) throws Exception {
        CheckpointFile.Verified v = CheckpointFile.verify(file(tmp, keyed));
        assertTrue(v.keyed());
        assertTrue(v.macVerifies(KEY));
        assertFalse(v.macVerifies(AuditKey.of("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.UTF_8))));
        assertFalse(CheckpointFile.verify(file(tmp, plain)).macVerifies(KEY), "an unkeyed checkpoint has no MAC");
        assertEquals(checksum, v.stateSha256());
    }
}
