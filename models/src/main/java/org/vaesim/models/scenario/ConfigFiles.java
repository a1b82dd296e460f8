package org.vaesim.models.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads a config file (a scenario or a sweep) within bounds: only a regular file, checked before it is opened so
 * that a FIFO cannot block the reader and a device such as {@code /dev/zero} cannot fill the heap, and at most
 * {@link #MAX_BYTES} bytes of UTF-8 text. Every refusal is a {@link ConfigException} at path {@code $}.
 */
public final class ConfigFiles {
    /** The largest config file read: 64 MiB, far above any scenario in configs/ (the largest is a few kB). */
    public static final long MAX_BYTES = 64L << 20;

    static final String READABLE_FILE = "must be a regular, readable file of JSON in UTF-8 of at most "
            + (MAX_BYTES >> 20) + " MiB (" + MAX_BYTES + " bytes)";

    private ConfigFiles() {
    }

    /**
     * The text of {@code file} without a leading byte-order mark; {@code source} names it in errors.
     *
     * @throws ConfigException if it is missing, not a regular file (a directory, FIFO, device or socket), larger
     *                         than {@link #MAX_BYTES}, unreadable or not UTF-8
     */
    public static String read(Path file, String source) throws ConfigException {
        BasicFileAttributes attributes;
        try { // a stat, which follows links and opens nothing
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new ConfigException(source, "$", "(no such file)", READABLE_FILE);
        } catch (AccessDeniedException e) {
            throw new ConfigException(source, "$", "(permission denied)", READABLE_FILE);
        } catch (IOException e) {
            throw new ConfigException(source, "$", "(unreadable: " + e.getMessage() + ")", READABLE_FILE);
        }
        if (attributes.isDirectory()) {
            throw new ConfigException(source, "$", "(a directory)", READABLE_FILE);
        }
        if (!attributes.isRegularFile()) {
            throw new ConfigException(source, "$", "(not a regular file: a FIFO, device or socket)", READABLE_FILE);
        }
        if (attributes.size() > MAX_BYTES) {
            throw tooLarge(source, attributes.size() + " bytes");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            // files such as those under /proc report a size of 0 whatever they hold: the read is bounded too
            bytes = in.readNBytes((int) MAX_BYTES + 1);
        } catch (AccessDeniedException e) {
            throw new ConfigException(source, "$", "(permission denied)", READABLE_FILE);
        } catch (IOException e) {
            throw new ConfigException(source, "$", "(unreadable: " + e.getMessage() + ")", READABLE_FILE);
        }
        if (bytes.length > MAX_BYTES) {
            throw tooLarge(source, "more than " + MAX_BYTES + " bytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(source, "$", "(not UTF-8 text)", READABLE_FILE);
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static ConfigException tooLarge(String source, String size) {
        return new ConfigException(source, "$", "(" + size + ")", READABLE_FILE);
    }
}
