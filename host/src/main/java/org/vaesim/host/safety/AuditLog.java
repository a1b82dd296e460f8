package org.vaesim.host.safety;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;

import org.vaesim.models.safety.SafetySpec.AuditMode;

/**
 * The run's audit log, {@code audit.jsonl}: one JSON object per line, hash-chained. Each record holds
 * {@code seq} (0, 1, 2, ...), {@code epoch}, {@code type}, its fields and {@code prev}, the previous record's
 * hash (64 zeros for the first); then {@code hash}, the SHA-256 of the line's text up to the comma before
 * {@code "hash"}, and, in a keyed log, {@code mac}, the HMAC-SHA256 of the hash's 32 bytes under the run's
 * {@link AuditKey}. Changing, dropping, reordering or inserting any line breaks the chain at that record
 * ({@link AuditVerifier}); the log's end is held by {@link AuditAnchor}s elsewhere. Each line is written with one
 * append, so a run killed mid-write leaves at most an incomplete last line, which verification reports and
 * ignores; a write that fails (a full disk) is cut back off, so that later records still chain.
 *
 * <p>In the {@link AuditMode#EVENTS} mode an epoch's record is written only when a safety event was recorded in
 * that epoch; the quiet epochs in between are folded into one {@code epochs} record per metrics period, and
 * before anything else is written, whose {@code digest} is the SHA-256 of their epoch digests in order.
 */
public final class AuditLog implements AuditSink, AutoCloseable {
    public static final String FILE = "audit.jsonl";
    static final String GENESIS = "0".repeat(64);
    static final String HASH_FIELD = ",\"hash\":\"";
    static final String MAC_FIELD = ",\"mac\":\"";
    private static final byte[] HASH_FIELD_BYTES = HASH_FIELD.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MAC_FIELD_BYTES = MAC_FIELD.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** An epoch's record ({@link EpochDigest}), and a run of quiet epochs folded into one in the events mode. */
    private static final String EPOCH = "epoch";
    private static final String EPOCHS = "epochs";

    private final Path file;
    /**
     * Appends go through the stream: one native call per line. The channel's write runs several layers of Java
     * (locks, interruptible-I/O bookkeeping, a direct-buffer copy) that, called once an epoch, stay in the JIT's
     * first tiers; it took several times as long (docs/performance.md, "the audit record").
     */
    private final FileOutputStream out;
    /** The stream's channel, for forcing it to disk and cutting back a failed write. */
    private final FileChannel channel;
    /** One digest for the log's lifetime (a record is written by one thread at a time). */
    private final MessageDigest sha256 = AuditVerifier.newSha256();
    /** The HMAC of each record's hash in a keyed log; null otherwise. */
    private final Mac mac;
    /** The events mode's period in epochs (the scenario's metrics_every); 0 in the full mode. */
    private final int span;
    /** The digest of the quiet epochs folded so far (events mode), and their first and last epoch (-1: none). */
    private final MessageDigest spanSha;
    private int spanFrom = -1;
    private int spanTo;
    /** Whether a safety event was recorded since the last epoch record (events mode). */
    private boolean eventThisEpoch;
    /** The record being written, reused. */
    private final StringBuilder text = new StringBuilder(1024);
    private long seq;
    private String prev;
    /** Bytes of complete records in the file. */
    private long length;
    /** A resumed log is cut back to its anchor at its first write (see {@link #resume}). */
    private boolean cutPending;
    /** What {@link #anchor} returns, replaced whole after each record: the interrupt hook reads it on its thread. */
    private volatile AuditAnchor anchor;

    private AuditLog(Path file, FileOutputStream out, AuditAnchor from, long length, boolean cutPending, AuditKey key,
                     AuditMode mode, int metricsEvery) {
        this.file = file;
        this.out = out;
        this.channel = out.getChannel();
        this.seq = from.records();
        this.prev = from.head();
        this.anchor = from;
        this.length = length;
        this.cutPending = cutPending;
        this.mac = key == null ? null : key.newMac();
        this.span = mode == AuditMode.EVENTS ? Math.max(1, metricsEvery) : 0;
        this.spanSha = span > 0 ? AuditVerifier.newSha256() : null;
    }

    /** A new, empty, unkeyed log that records every epoch. */
    public static AuditLog create(Path file) throws IOException {
        return create(file, null, AuditMode.FULL, 0);
    }

    /**
     * A new, empty log: keyed when {@code key} is given; in the events {@code mode}, quiet epochs are folded into one
     * record per {@code metricsEvery} epochs.
     */
    public static AuditLog create(Path file, AuditKey key, AuditMode mode, int metricsEvery) throws IOException {
        return new AuditLog(file, new FileOutputStream(file.toFile()), AuditAnchor.EMPTY, 0, false, key, mode,
                metricsEvery);
    }

    /**
     * Continues a log from a checkpoint's {@code anchor}: records after it (which the resumed run writes again) and
     * an incomplete last line are cut off, and the chain continues from the anchor. The cut is made at the first
     * record written, so that the run can first write a summary anchored where the log will be cut: a resume
     * killed at any moment leaves a summary whose anchor the log still holds.
     *
     * @throws IOException naming the file and what differs, when the log does not hold {@code anchor}
     *                     (see {@link #mismatch})
     */
    public static AuditLog resume(Path file, AuditAnchor anchor, AuditKey key, AuditMode mode, int metricsEvery)
            throws IOException {
        Located at = locate(file, anchor);
        if (at.problem() != null) {
            throw new IOException(file + ": " + at.problem());
        }
        if (!Files.exists(file)) {
            return create(file, key, mode, metricsEvery);
        }
        return new AuditLog(file, new FileOutputStream(file.toFile(), true), anchor, at.end(), true, key, mode,
                metricsEvery);
    }

    /**
     * Why the log in {@code file} does not hold {@code anchor}, or null if it does: it must have at least
     * {@code anchor.records()} complete records, the last of them with the hash {@code anchor.head()}.
     */
    public static String mismatch(Path file, AuditAnchor anchor) throws IOException {
        return locate(file, anchor).problem();
    }

    private record Located(long end, String problem) {
    }

    /** The byte offset just after the anchor's last record, streaming the file (logs can be large). */
    private static Located locate(Path file, AuditAnchor anchor) throws IOException {
        long want = anchor.records();
        if (want == 0) {
            return new Located(0, null);
        }
        if (!Files.exists(file)) {
            return new Located(-1, "the log is missing, but the run anchored " + want + " records in it");
        }
        long lines = 0;
        long offset = 0;
        ByteArrayOutputStream last = new ByteArrayOutputStream(1024);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while (lines < want && (n = in.read(buf)) > 0) {
                int start = 0;
                for (int i = 0; i < n && lines < want; i++) {
                    if (buf[i] == '\n') {
                        if (lines == want - 1) {
                            last.write(buf, start, i - start);
                        }
                        lines++;
                        offset += i + 1 - start;
                        start = i + 1;
                    }
                }
                if (lines == want - 1) { // the anchor's record continues in the next buffer
                    last.write(buf, start, n - start);
                }
                if (lines < want) {
                    offset += n - start;
                }
            }
        }
        if (lines < want) {
            return new Located(-1, "the log has " + lines + " complete records, but the run anchored " + want
                    + ": records were cut from its end (or the file was emptied or replaced)");
        }
        String head = AuditVerifier.hashOf(last.toString(StandardCharsets.UTF_8));
        if (!anchor.head().equals(head)) {
            return new Located(-1, "record " + (want - 1) + " (line " + want + ") has the hash " + head
                    + ", but the run anchored " + anchor.head() + ": the log was changed at or before that record");
        }
        return new Located(offset, null);
    }

    @Override
    public void record(int epoch, String type, Map<String, Object> fields) {
        if (span > 0) {
            boolean epochRecord = EPOCH.equals(type);
            if (epochRecord && !eventThisEpoch) {
                fold(epoch, (String) fields.get("digest"));
                return;
            }
            closeSpan();
            if (epochRecord) {
                eventThisEpoch = false;
            } else if (!isSessionRecord(type)) {
                eventThisEpoch = true;
            }
        }
        append(epoch, type, fields);
    }

    /** run_start, resume and run_end belong to no epoch's events. */
    private static boolean isSessionRecord(String type) {
        return type.equals("run_start") || type.equals("resume") || type.equals("run_end");
    }

    /** Adds a quiet epoch's digest to the open span; a span ends with its metrics period. */
    private void fold(int epoch, String digest) {
        if (spanFrom < 0) {
            spanFrom = epoch;
        }
        spanTo = epoch;
        spanSha.update(digest.getBytes(StandardCharsets.US_ASCII));
        if ((epoch + 1) % span == 0) {
            closeSpan();
        }
    }

    /** Writes the open span, if any, as one {@code epochs} record. */
    private void closeSpan() {
        if (spanFrom < 0) {
            return;
        }
        Map<String, Object> f = new LinkedHashMap<>(4);
        f.put("from_epoch", spanFrom);
        f.put("to_epoch", spanTo);
        f.put("digest", HexFormat.of().formatHex(spanSha.digest()));
        spanFrom = -1;
        append(spanTo, EPOCHS, f);
    }

    private void append(int epoch, String type, Map<String, Object> fields) {
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
        int tail = HASH_FIELD_BYTES.length + 2 * hash.length + 1 + (mac == null ? 0
                : MAC_FIELD_BYTES.length + 2 * mac.getMacLength() + 1) + 2;
        byte[] line = Arrays.copyOf(hashed, hashed.length + tail);
        int at = hex(line, put(line, hashed.length, HASH_FIELD_BYTES), hash);
        int hexAt = at - 1 - 2 * hash.length;
        if (mac != null) {
            at = hex(line, put(line, at, MAC_FIELD_BYTES), mac.doFinal(hash));
        }
        line[at++] = '}';
        line[at] = '\n';
        try {
            if (cutPending) {
                channel.truncate(length);
                cutPending = false;
            }
            out.write(line);
        } catch (IOException e) {
            cutBack();
            throw new UncheckedIOException("cannot append to " + file + ": "
                    + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()), e);
        }
        length += line.length;
        seq++;
        prev = new String(line, hexAt, 2 * hash.length, StandardCharsets.ISO_8859_1);
        anchor = new AuditAnchor(seq, prev);
    }

    private static int put(byte[] line, int at, byte[] bytes) {
        System.arraycopy(bytes, 0, line, at, bytes.length);
        return at + bytes.length;
    }

    /** Writes {@code bytes} in hex and a closing quote at {@code at}; returns the index after the quote. */
    private static int hex(byte[] line, int at, byte[] bytes) {
        for (byte b : bytes) {
            line[at++] = HEX_DIGITS[(b >> 4) & 15];
            line[at++] = HEX_DIGITS[b & 15];
        }
        line[at++] = '"';
        return at;
    }

    /** Cuts off what a failed write left of its line (best effort: the failure itself is what gets reported). */
    private void cutBack() {
        try {
            channel.truncate(length);
        } catch (IOException ignored) {
            // the write's own error is reported; verification ignores a partial last line
        }
    }

    /** Writes the open span of quiet epochs (events mode) and forces the log to disk (with every checkpoint). */
    public void sync() throws IOException {
        closeSpan();
        channel.force(false);
    }

    public long records() {
        return anchor.records();
    }

    /** The hash of the newest record: it seals everything before it. */
    public String head() {
        return anchor.head();
    }

    /** The log's end now: its record count and head. Safe to call from any thread. */
    public AuditAnchor anchor() {
        return anchor;
    }

    @Override
    public void close() throws IOException {
        try {
            closeSpan();
        } finally {
            try {
                channel.force(false);
            } finally {
                out.close();
            }
        }
    }
}
