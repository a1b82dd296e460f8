package org.vaesim.host.safety;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Checks an audit log's hash chain record by record and names the first record that breaks it. */
public final class AuditVerifier {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditVerifier() {
    }

    /** One complete line: its text (without the newline) and the byte offset just after its newline. */
    record Line(String text, long end) {
    }

    /**
     * The outcome: {@code valid} with the number of good records, or the first bad record (1-based line) and
     * why; {@code incompleteTail} when the file ends in a partial line (a run killed mid-write), which is
     * ignored.
     */
    public record Result(boolean valid, long records, long badLine, String reason, boolean incompleteTail,
                         String head) {
    }

    public static Result verify(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        List<Line> lines = completeLines(bytes);
        boolean incompleteTail = bytes.length > 0 && bytes[bytes.length - 1] != '\n';
        String prev = AuditLog.GENESIS;
        long n = 0;
        for (Line line : lines) {
            String why = check(line.text(), n, prev);
            if (why != null) {
                return new Result(false, n, n + 1, why, incompleteTail, prev);
            }
            prev = line.text().substring(line.text().length() - 66, line.text().length() - 2);
            n++;
        }
        return new Result(true, n, 0, null, incompleteTail, prev);
    }

    /** Why record {@code seq} does not continue the chain after {@code prev}, or null if it does. */
    private static String check(String text, long seq, String prev) {
        int at = text.lastIndexOf(AuditLog.HASH_FIELD);
        if (at < 0 || text.length() != at + AuditLog.HASH_FIELD.length() + 64 + 2 || !text.endsWith("\"}")) {
            return "no well-formed \"hash\" field at the end of the record";
        }
        String prefix = text.substring(0, at);
        String hash = text.substring(at + AuditLog.HASH_FIELD.length(), text.length() - 2);
        if (!sha256(prefix).equals(hash)) {
            return "its hash does not match its content (the record was altered)";
        }
        JsonNode record;
        try {
            record = JSON.readTree(text);
        } catch (IOException e) {
            return "not valid JSON";
        }
        if (record.path("seq").asLong(-1) != seq) {
            return "seq " + record.path("seq").asText() + " where " + seq
                    + " was expected (a record is missing, reordered or inserted)";
        }
        if (!prev.equals(record.path("prev").asText())) {
            return "prev does not match the hash of the record before it (a record is missing, reordered or inserted)";
        }
        return null;
    }

    /** The newline-terminated lines of a file; a partial last line is left out. */
    static List<Line> completeLines(byte[] bytes) {
        List<Line> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                lines.add(new Line(new String(bytes, start, i - start, StandardCharsets.UTF_8), i + 1));
                start = i + 1;
            }
        }
        return lines;
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
