package org.vaesim.host.io;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.vaesim.host.epoch.Engine;
import org.vaesim.host.safety.AuditAnchor;
import org.vaesim.host.safety.AuditKey;
import org.vaesim.host.stage.Section;
import org.vaesim.host.stage.Stages;

/**
 * One checkpoint file: the state's bytes ({@link StateCodec}) framed by what binds them to their run and by
 * digests that show them whole (docs/outputs.md#checkpoints). Little-endian:
 * <pre>
 * header   magic "VAESIMCP" (8 bytes), frame format (int), epoch (int), seed (long),
 *          scenario.json's length (int) and bytes, the audit log's anchor: records (long) and head (32 bytes),
 *          keyed (int, 1 when the run's audit log is keyed), the measurement accounts' length (int) and bytes
 *          ({@link StateCodec#measures}), the stage table's length (int) and bytes ({@link SectionTable}: the
 *          order the epoch ran the stages in, each section's name, version and length)
 * state    StateCodec's bytes: the core state, then the stages' sections as the table lists them
 * trailer  the state's length (long); its SHA-256 (32 bytes: the run's state checksum at this epoch);
 *          the MAC: HMAC-SHA256 under the audit key of header, length and state SHA-256 (32 bytes, zeros unless
 *          keyed); the SHA-256 of header, length, state SHA-256 and MAC (32 bytes)
 * </pre>
 * The state enters the last two through its own digest, so writing a checkpoint hashes the state once.
 */
public final class CheckpointFile {
    private static final byte[] MAGIC = "VAESIMCP".getBytes(StandardCharsets.US_ASCII);
    /** Format 2 added the stage table; a format-1 checkpoint is refused with both formats named. */
    static final int FORMAT = 2;
    private static final int DIGEST = 32;
    private static final int TRAILER = Long.BYTES + 3 * DIGEST;
    /** The smallest header: the fixed fields around an empty scenario. */
    private static final int MIN_HEADER = MAGIC.length + 2 * Integer.BYTES + Long.BYTES + Integer.BYTES
            + Long.BYTES + DIGEST + 3 * Integer.BYTES;

    private CheckpointFile() {
    }

    /**
     * What ties a checkpoint to its run: the seed, scenario.json's bytes as the run started with them, and the
     * audit key when the log is keyed (null otherwise).
     */
    public record Binding(long seed, byte[] scenario, AuditKey key) {
    }

    /**
     * A checkpoint whose digests match: its header's fields (the measurement accounts among them), the state's
     * place in the file, its SHA-256 (hex, the state checksum at {@code epoch}), and whether its MAC verifies under
     * the key it was checked with (null when no key was given or the checkpoint is not keyed).
     */
    public record Verified(Path file, int epoch, long seed, byte[] scenario, AuditAnchor audit, boolean keyed,
                           byte[] measures, SectionTable stages, long stateOffset, long stateLength,
                           String stateSha256, byte[] macInput, byte[] mac) {
        /** Whether the MAC verifies under {@code key}. */
        public boolean macVerifies(AuditKey key) {
            return keyed && MessageDigest.isEqual(key.mac(macInput), mac);
        }
    }

    /** Why a file is not a whole checkpoint of this format: the file is named in the message. */
    public static final class Damaged extends IOException {
        private final boolean earlierFormat;

        Damaged(Path file, String why, boolean earlierFormat) {
            super(file + ": " + why);
            this.earlierFormat = earlierFormat;
        }

        /** An intact checkpoint of an earlier vaesim, which had neither digest nor binding. */
        public boolean earlierFormat() {
            return earlierFormat;
        }
    }

    /** Writes {@code engine}'s state to {@code out} framed as above, for the run {@code binding} at {@code audit}. */
    static void write(OutputStream out, Engine engine, Binding binding, AuditAnchor audit) throws IOException {
        List<Section> sections = StateCodec.sections(engine);
        byte[] table = SectionTable.of(Stages.epochNames(), sections).encode();
        byte[] header = header(engine.epoch(), binding, audit, StateCodec.measures(engine), table);
        out.write(header);
        Tally state = new Tally(out);
        StateCodec.write(state, engine, sections);
        state.flush();
        byte[] stateSha = state.sha.digest();
        byte[] macInput = macInput(header, state.count, stateSha);
        byte[] mac = binding.key() == null ? new byte[DIGEST] : binding.key().mac(macInput);
        MessageDigest whole = sha256();
        whole.update(macInput);
        whole.update(mac);
        ByteBuffer trailer = ByteBuffer.allocate(TRAILER).order(ByteOrder.LITTLE_ENDIAN);
        trailer.putLong(state.count).put(stateSha).put(mac).put(whole.digest());
        out.write(trailer.array());
        out.flush();
    }

    private static byte[] header(int epoch, Binding binding, AuditAnchor audit, byte[] measures, byte[] table) {
        ByteBuffer b = ByteBuffer.allocate(MIN_HEADER + binding.scenario().length + measures.length + table.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putInt(FORMAT).putInt(epoch).putLong(binding.seed());
        b.putInt(binding.scenario().length).put(binding.scenario());
        b.putLong(audit.records()).put(HexFormat.of().parseHex(audit.head()));
        b.putInt(binding.key() == null ? 0 : 1);
        b.putInt(measures.length).put(measures);
        b.putInt(table.length).put(table);
        return b.array();
    }

    private static byte[] macInput(byte[] header, long stateLength, byte[] stateSha) {
        ByteBuffer b = ByteBuffer.allocate(header.length + Long.BYTES + DIGEST).order(ByteOrder.LITTLE_ENDIAN);
        return b.put(header).putLong(stateLength).put(stateSha).array();
    }

    /**
     * Reads {@code file} whole and checks its digests, before anything in it is trusted (a damaged count could
     * otherwise ask for any amount of memory).
     *
     * @throws Damaged when it is empty, cut short, of another format, or any byte differs from what was written
     */
    public static Verified verify(Path file) throws IOException {
        long size = Files.size(file);
        if (size == 0) {
            throw new Damaged(file, "the file is empty", false);
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            byte[] magic = new byte[MAGIC.length];
            int got = in.readNBytes(magic, 0, magic.length);
            if (got == magic.length && ByteBuffer.wrap(magic).order(ByteOrder.LITTLE_ENDIAN).getLong()
                    == StateCodec.MAGIC) {
                throw new Damaged(file, "a checkpoint of an earlier vaesim, which neither checked its bytes nor "
                        + "bound them to their run", true);
            }
            if (got < magic.length || !Arrays.equals(magic, MAGIC)) {
                throw new Damaged(file, "not a vaesim checkpoint (its first bytes are not \"VAESIMCP\")", false);
            }
            ByteArrayOutputStream headerBytes = new ByteArrayOutputStream(MIN_HEADER);
            headerBytes.write(magic);
            Fields h = new Fields(in, headerBytes);
            int format = h.intValue();
            if (format != FORMAT) {
                throw new Damaged(file, "checkpoint frame format " + format + "; this vaesim reads " + FORMAT, false);
            }
            int epoch = h.intValue();
            long seed = h.longValue();
            int scenarioLength = h.intValue();
            if (scenarioLength < 0 || scenarioLength > size - MIN_HEADER - TRAILER) {
                throw new Damaged(file, "the file is cut short or its header damaged (it says the scenario takes "
                        + scenarioLength + " bytes; the file has " + size + ")", false);
            }
            byte[] scenario = h.bytes(scenarioLength);
            long records = h.longValue();
            String head = HexFormat.of().formatHex(h.bytes(DIGEST));
            boolean keyed = h.intValue() != 0;
            int measuresLength = h.intValue();
            if (measuresLength < 0 || measuresLength > size - MIN_HEADER - TRAILER - scenarioLength) {
                throw new Damaged(file, "the file is cut short or its header damaged (it says the measurement accounts "
                        + "take " + measuresLength + " bytes; the file has " + size + ")", false);
            }
            byte[] measures = h.bytes(measuresLength);
            int tableLength = h.intValue();
            if (tableLength < 0 || tableLength > size - MIN_HEADER - TRAILER - scenarioLength - measuresLength) {
                throw new Damaged(file, "the file is cut short or its header damaged (it says the stage table takes "
                        + tableLength + " bytes; the file has " + size + ")", false);
            }
            byte[] tableBytes = h.bytes(tableLength);
            byte[] header = headerBytes.toByteArray();
            long stateLength = size - header.length - TRAILER;
            MessageDigest state = sha256();
            byte[] buf = new byte[1 << 16];
            for (long left = stateLength; left > 0; ) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    throw new EOFException();
                }
                state.update(buf, 0, n);
                left -= n;
            }
            byte[] stateSha = state.digest();
            ByteBuffer trailer = ByteBuffer.wrap(in.readNBytes(TRAILER)).order(ByteOrder.LITTLE_ENDIAN);
            if (trailer.capacity() != TRAILER || trailer.getLong() != stateLength) {
                throw new Damaged(file, "the file is cut short or has bytes added (" + size + " bytes)", false);
            }
            byte[] storedSha = new byte[DIGEST];
            byte[] mac = new byte[DIGEST];
            byte[] storedWhole = new byte[DIGEST];
            trailer.get(storedSha).get(mac).get(storedWhole);
            byte[] macInput = macInput(header, stateLength, storedSha);
            MessageDigest whole = sha256();
            whole.update(macInput);
            whole.update(mac);
            if (!MessageDigest.isEqual(whole.digest(), storedWhole)) {
                throw new Damaged(file, "its header or trailer does not match its SHA-256 (changed bytes)", false);
            }
            if (!MessageDigest.isEqual(stateSha, storedSha)) {
                throw new Damaged(file, "its state does not match its SHA-256 (changed bytes)", false);
            }
            SectionTable table;
            try {
                table = SectionTable.decode(tableBytes);
            } catch (IOException e) { // the digests matched: written so, not damaged since
                throw new Damaged(file, "its stage table is not one vaesim writes: " + e.getMessage(), false);
            }
            if (table.sectionBytes() > stateLength) {
                throw new Damaged(file, "its stage table lists " + table.sectionBytes() + " bytes of sections; the "
                        + "state has " + stateLength, false);
            }
            return new Verified(file, epoch, seed, scenario, new AuditAnchor(records, head), keyed, measures, table,
                    header.length, stateLength, HexFormat.of().formatHex(stateSha), macInput, mac);
        } catch (EOFException e) {
            throw new Damaged(file, "the file is cut short (" + size + " bytes)", false);
        }
    }

    /** The state's bytes of a verified checkpoint, as a stream that ends where they end. */
    static InputStream state(Verified v) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(v.file()), 1 << 16);
        in.skipNBytes(v.stateOffset());
        return new FilterInputStream(in) {
            private long left = v.stateLength();

            @Override
            public int read() throws IOException {
                if (left == 0) {
                    return -1;
                }
                int b = super.read();
                left -= b < 0 ? 0 : 1;
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left == 0) {
                    return -1;
                }
                int n = super.read(b, off, (int) Math.min(len, left));
                left -= Math.max(n, 0);
                return n;
            }
        };
    }

    /** Little-endian header fields, copied to {@code copy} as they are read (the header's digest covers them). */
    private record Fields(DataInputStream in, ByteArrayOutputStream copy) {
        byte[] bytes(int n) throws IOException {
            byte[] b = new byte[n];
            in.readFully(b);
            copy.write(b);
            return b;
        }

        int intValue() throws IOException {
            return ByteBuffer.wrap(bytes(Integer.BYTES)).order(ByteOrder.LITTLE_ENDIAN).getInt();
        }

        long longValue() throws IOException {
            return ByteBuffer.wrap(bytes(Long.BYTES)).order(ByteOrder.LITTLE_ENDIAN).getLong();
        }
    }

    /** Passes bytes on while counting and hashing them. */
    private static final class Tally extends FilterOutputStream {
        final MessageDigest sha = sha256();
        long count;

        Tally(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            sha.update((byte) b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            sha.update(b, off, len);
            count += len;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always provides SHA-256", e);
        }
    }
}
