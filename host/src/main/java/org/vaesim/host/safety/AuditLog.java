package org.vaesim.host.safety;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The run's audit log, {@code audit.jsonl}: one JSON object per line, hash-chained. Each record holds
 * {@code seq} (0, 1, 2, ...), {@code epoch}, {@code type}, its fields and {@code prev}, the previous record's
 * hash (64 zeros for the first); it ends with {@code hash}, the SHA-256 of the line's text up to the comma
 * before {@code "hash"}. Changing, dropping, reordering or inserting any line breaks the chain at that record
 * ({@link AuditVerifier}). Each line is written with one append, so a run killed mid-write leaves at most an
 * incomplete last line, which verification reports and ignores.
 */
public final class AuditLog implements AuditSink, AutoCloseable {
    public static final String FILE = "audit.jsonl";
    static final String GENESIS = "0".repeat(64);
    static final String HASH_FIELD = ",\"hash\":\"";
    private static final byte[] HASH_FIELD_BYTES = HASH_FIELD.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Appends go through the stream: one native call per line. The channel's write runs several layers of Java
     * (locks, interruptible-I/O bookkeeping, a direct-buffer copy) that, called once an epoch, stay in the JIT's
     * first tiers; it took several times as long (docs/performance.md, "the audit record").
     */
    private final FileOutputStream out;
    /** The stream's channel, for forcing it to disk. */
    private final FileChannel channel;
    /** One digest for the log's lifetime (a record is written by one thread at a time). */
    private final MessageDigest sha256 = AuditVerifier.newSha256();
    /** The record being written, reused. */
    private final StringBuilder text = new StringBuilder(1024);
    private long seq;
    private String prev;

    private AuditLog(FileOutputStream out, long seq, String prev) {
        this.out = out;
        this.channel = out.getChannel();
        this.seq = seq;
        this.prev = prev;
    }

    /** A new, empty log. */
    public static AuditLog create(Path file) throws IOException {
        return new AuditLog(new FileOutputStream(file.toFile()), 0, GENESIS);
    }

    /**
     * Continues a log after a checkpoint at {@code lastEpoch}: records of later epochs (which the resumed run
     * writes again) and an incomplete last line are cut off, and the chain continues from the last record kept.
     */
    public static AuditLog resume(Path file, int lastEpoch) throws IOException {
        if (!Files.exists(file)) {
            return create(file);
        }
        List<AuditVerifier.Line> lines = AuditVerifier.completeLines(Files.readAllBytes(file));
        long keptBytes = 0;
        long seq = 0;
        String prev = GENESIS;
        for (AuditVerifier.Line line : lines) {
            ObjectNode record = (ObjectNode) JSON.readTree(line.text());
            if (record.path("epoch").asInt() > lastEpoch) {
                break;
            }
            keptBytes = line.end();
            seq = record.path("seq").asLong() + 1;
            prev = record.path("hash").asText();
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(keptBytes);
        }
        return new AuditLog(new FileOutputStream(file.toFile(), true), seq, prev);
    }

    @Override
    public void record(int epoch, String type, Map<String, Object> fields) {
        StringBuilder text = this.text;
        text.setLength(0);
        text.append("{\"seq\":").append(seq).append(",\"epoch\":").append(epoch).append(",\"type\":");
        AuditJson.string(text, type);
        for (Map.Entry<String, Object> f : fields.entrySet()) {
            text.append(',');
            AuditJson.string(text, f.getKey());
            text.append(':');
            AuditJson.append(text, f.getValue());
        }
        text.append(",\"prev\":\"").append(prev).append('"');
        // The text is encoded once: the hash covers these bytes, and the line is they plus the hash field. The
        // hex goes straight into the line: HexFormat and an encoded tail string cost 41-56 us a record against
        // 36-41 this way (vaesim bench at 10^5 agents, 300 + 1500 epochs, same hour).
        byte[] hashed = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] hash = sha256.digest(hashed);
        byte[] line = Arrays.copyOf(hashed, hashed.length + HASH_FIELD_BYTES.length + 2 * hash.length + 3);
        int at = hashed.length;
        System.arraycopy(HASH_FIELD_BYTES, 0, line, at, HASH_FIELD_BYTES.length);
        at += HASH_FIELD_BYTES.length;
        int hexAt = at;
        for (byte b : hash) {
            line[at++] = HEX_DIGITS[(b >> 4) & 15];
            line[at++] = HEX_DIGITS[b & 15];
        }
        line[at++] = '"';
        line[at++] = '}';
        line[at] = '\n';
        try {
            out.write(line);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the audit log", e);
        }
        seq++;
        prev = new String(line, hexAt, 2 * hash.length, StandardCharsets.ISO_8859_1);
    }

    /** Forces what was written to disk (called with every checkpoint). */
    public void sync() throws IOException {
        channel.force(false);
    }

    public long records() {
        return seq;
    }

    /** The hash of the newest record: it seals everything before it. */
    public String head() {
        return prev;
    }

    @Override
    public void close() throws IOException {
        channel.force(false);
        out.close();
    }
}
