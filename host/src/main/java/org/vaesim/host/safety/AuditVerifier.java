package org.vaesim.host.safety;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

import javax.crypto.Mac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Checks an audit log's hash chain record by record and names the first record that breaks it; with the run's
 * {@link AuditKey}, also every record's MAC. What it cannot see alone is a log cut at its end: that is what the
 * anchors are for ({@code org.vaesim.host.run.RunAudit}).
 */
public final class AuditVerifier {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int HASH_HEX = 64;

    private AuditVerifier() {
    }

    /**
     * The outcome: {@code valid} with the number of good records, or the first bad record (1-based line) and
     * why; {@code incompleteTail} when the file ends in a partial line (a run killed mid-write), which is
     * ignored; {@code head} the hash of the last good record; {@code keyed} whether the records carry MACs and
     * {@code macsChecked} whether they were checked (a key was given); {@code heads}: for each record count asked
     * for and reached, the hash of the record that ends there.
     */
    public record Result(boolean valid, long records, long badLine, String reason, boolean incompleteTail,
                         String head, boolean keyed, boolean macsChecked, Map<Long, String> heads) {
    }

    /** The chain alone, without a key. */
    public static Result verify(Path file) throws IOException {
        return verify(file, null, Set.of());
    }

    /**
     * The chain, every record's MAC when {@code key} is given, and the hashes at the record counts
     * {@code anchorsAt}. The file is streamed: a log of any length fits.
     */
    public static Result verify(Path file, AuditKey key, Set<Long> anchorsAt) throws IOException {
        Chain chain = new Chain(key, anchorsAt);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            byte[] buf = new byte[1 << 16];
            byte[] line = new byte[1024];
            int used = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] != '\n') {
                        if (used == line.length) {
                            line = Arrays.copyOf(line, 2 * used);
                        }
                        line[used++] = buf[i];
                        continue;
                    }
                    String why = chain.next(new String(line, 0, used, StandardCharsets.UTF_8));
                    used = 0;
                    if (why != null) {
                        return chain.result(why, false);
                    }
                }
            }
            return chain.result(null, used > 0);
        }
    }

    /** The chain as far as it was read. */
    private static final class Chain {
        private final AuditKey key;
        private final Mac mac;
        private final Set<Long> anchorsAt;
        private final Map<Long, String> heads = new HashMap<>();
        private String prev = AuditLog.GENESIS;
        private long n;
        /** Whether the first record carried a MAC: every record then must, and none otherwise. */
        private boolean keyed;

        Chain(AuditKey key, Set<Long> anchorsAt) {
            this.key = key;
            this.mac = key == null ? null : key.newMac();
            this.anchorsAt = anchorsAt;
        }

        /** Checks the next record; null if it continues the chain, else why not. */
        String next(String text) {
            int at = text.lastIndexOf(AuditLog.HASH_FIELD);
            int hashEnd = at + AuditLog.HASH_FIELD.length() + HASH_HEX;
            if (at < 0 || text.length() <= hashEnd || text.charAt(hashEnd) != '"') {
                return "no well-formed \"hash\" field at the end of the record";
            }
            String hash = text.substring(at + AuditLog.HASH_FIELD.length(), hashEnd);
            String rest = text.substring(hashEnd + 1);
            String mac = null;
            if (rest.startsWith(AuditLog.MAC_FIELD) && rest.length() == AuditLog.MAC_FIELD.length() + HASH_HEX + 2
                    && rest.endsWith("\"}")) {
                mac = rest.substring(AuditLog.MAC_FIELD.length(), AuditLog.MAC_FIELD.length() + HASH_HEX);
            } else if (!rest.equals("}")) {
                return "no well-formed \"hash\" field at the end of the record";
            }
            if (!sha256(text.substring(0, at)).equals(hash)) {
                return "its hash does not match its content (the record was altered)";
            }
            JsonNode record;
            try {
                record = JSON.readTree(text);
            } catch (IOException e) {
                return "not valid JSON";
            }
            if (record.path("seq").asLong(-1) != n) {
                return "seq " + record.path("seq").asText() + " where " + n
                        + " was expected (a record is missing, reordered or inserted)";
            }
            if (!prev.equals(record.path("prev").asText())) {
                return "prev does not match the hash of the record before it (a record is missing, reordered or "
                        + "inserted)";
            }
            if (n == 0) {
                keyed = mac != null;
            } else if (keyed != (mac != null)) {
                return keyed ? "no MAC, though the records before it have one (a record was inserted or its MAC "
                        + "removed)" : "a MAC, though the records before it have none";
            }
            if (key != null) {
                if (mac == null) {
                    return "no MAC: the log was not written with a key (or its MACs were removed), so it cannot be "
                            + "checked against one";
                }
                byte[] expected = this.mac.doFinal(HexFormat.of().parseHex(hash));
                if (!MessageDigest.isEqual(HexFormat.of().formatHex(expected).getBytes(StandardCharsets.US_ASCII),
                        mac.getBytes(StandardCharsets.US_ASCII))) {
                    return "its MAC does not match under this key (the record was forged or the chain recomputed "
                            + "without the key, or the key is not the run's)";
                }
            }
            prev = hash;
            n++;
            if (anchorsAt.contains(n)) {
                heads.put(n, hash);
            }
            return null;
        }

        Result result(String why, boolean incompleteTail) {
            return new Result(why == null, n, why == null ? 0 : n + 1, why, incompleteTail, prev, keyed,
                    key != null, Map.copyOf(heads));
        }
    }

    /** The hash a record's line ends with (before its MAC, if any), or null if it has none. */
    static String hashOf(String line) {
        int at = line.lastIndexOf(AuditLog.HASH_FIELD);
        int from = at + AuditLog.HASH_FIELD.length();
        return at < 0 || line.length() < from + HASH_HEX ? null : line.substring(from, from + HASH_HEX);
    }

    static String sha256(String text) {
        return HexFormat.of().formatHex(newSha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always provides SHA-256", e);
        }
    }
}
