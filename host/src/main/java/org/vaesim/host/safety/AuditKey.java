package org.vaesim.host.safety;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.vaesim.models.scenario.ConfigException;

/**
 * The secret of a keyed audit log (docs/safety.md#keyed-audit-logs): each record then also carries an HMAC-SHA256
 * of its hash, and the anchors in summary.json and in the checkpoints carry one too, so that nobody without the
 * key can rewrite the log and compute a chain that verifies. The key is read from a file that must lie outside
 * the run directory; it is never written anywhere.
 */
public final class AuditKey {
    /** The environment variable a command reads the key file's path from when {@code --audit-key-file} is absent. */
    public static final String ENV = "VAESIM_AUDIT_KEY_FILE";
    static final int MIN_BYTES = 16;
    static final int MAX_BYTES = 4096;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    private AuditKey(byte[] secret) {
        this.key = new SecretKeySpec(secret, ALGORITHM);
    }

    /**
     * The key in {@code file} (its bytes, less trailing line breaks and spaces: 16 to 4096 of them), for the run
     * directory {@code runDir}, which must not contain it. {@code option} names where the path came from, for
     * the error message.
     */
    public static AuditKey read(Path file, Path runDir, String option) throws ConfigException {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(option, option, file.toString(), "must be a readable file holding the key");
        }
        Path key = file.toAbsolutePath().normalize();
        Path dir = runDir.toAbsolutePath().normalize();
        try {
            key = file.toRealPath();
            if (Files.exists(runDir)) {
                dir = runDir.toRealPath();
            }
        } catch (IOException e) {
            throw new ConfigException(option, option, file.toString(), "cannot be read: " + e.getMessage());
        }
        if (key.startsWith(dir)) {
            throw new ConfigException(option, option, file.toString(), "lies inside the run directory " + runDir
                    + ": whoever can rewrite the log could read the key there; keep it outside");
        }
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES + 2) {
                throw new ConfigException(option, option, file.toString(), "holds more than " + MAX_BYTES
                        + " bytes; a key is 16 to " + MAX_BYTES + " bytes (e.g. `openssl rand -hex 32 > FILE`)");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigException(option, option, file.toString(), "cannot be read: " + e.getMessage());
        }
        int n = bytes.length;
        while (n > 0 && (bytes[n - 1] == '\n' || bytes[n - 1] == '\r' || bytes[n - 1] == ' ')) {
            n--;
        }
        if (n < MIN_BYTES) {
            throw new ConfigException(option, option, file.toString(), "holds " + n + " bytes; a key is at least "
                    + MIN_BYTES + " (e.g. `openssl rand -hex 32 > FILE`)");
        }
        AuditKey k = new AuditKey(Arrays.copyOf(bytes, n));
        Arrays.fill(bytes, (byte) 0);
        return k;
    }

    /** A key from its bytes (tests and programs that hold the key themselves). */
    public static AuditKey of(byte[] secret) {
        if (secret.length < MIN_BYTES || secret.length > MAX_BYTES) {
            throw new IllegalArgumentException("a key is " + MIN_BYTES + " to " + MAX_BYTES + " bytes");
        }
        return new AuditKey(secret.clone());
    }

    /** A fresh HMAC-SHA256 under this key (one per log: a Mac is not safe to share between threads). */
    Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK always provides " + ALGORITHM, e);
        }
    }

    /** The HMAC of {@code text} (UTF-8) in hex. */
    public String mac(String text) {
        return HexFormat.of().formatHex(newMac().doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The HMAC of {@code bytes}. */
    public byte[] mac(byte[] bytes) {
        return newMac().doFinal(bytes);
    }

    /** Whether {@code hex} is the HMAC of {@code text} (compared in constant time). */
    public boolean verifies(String text, String hex) {
        return hex != null && MessageDigest.isEqual(mac(text).getBytes(StandardCharsets.US_ASCII),
                hex.getBytes(StandardCharsets.US_ASCII));
    }
}
