package org.vaesim.models.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Config files are read within bounds: only regular files (a FIFO must not block the reader, a device such as
 * /dev/zero must not fill the heap), at most 64 MiB, each refusal a ConfigException naming the file at {@code $}.
 */
class ConfigFilesTest {
    @Test
    void aFifoIsRefusedWithoutOpeningIt(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("pipe.json");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mkfifo.waitFor() == 0, "mkfifo is available");
        // Opening a FIFO blocks until its other end opens. A writer that waits on a daemon thread turns a reader
        // that opens it (the defect) into a wrong answer, an empty document, rather than a test that hangs.
        Thread writer = new Thread(() -> {
            // WRITE alone, not the default CREATE: a writer that starts late, after the test removed the FIFO, must
            // not create a regular file there (JUnit then cannot delete the directory: the test failed under load)
            try (var out = Files.newOutputStream(fifo, java.nio.file.StandardOpenOption.WRITE)) {
                out.flush();
            } catch (IOException ignored) {
                // no reader came
            }
        });
        writer.setDaemon(true);
        writer.start();
        ConfigException e = assertThrows(ConfigException.class, () -> ScenarioLoader.load(fifo));
        assertEquals(fifo.toString(), e.source());
        assertEquals("$", e.jsonPath());
        assertEquals("(not a regular file: a FIFO, device or socket)", e.badValue());
    }

    @Test
    void devZeroIsRefusedBeforeAnyByteIsRead() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "/dev/zero exists");
        ConfigException e = assertThrows(ConfigException.class, () -> ScenarioLoader.load(zero));
        assertEquals("/dev/zero: $ = (not a regular file: a FIFO, device or socket): " + ConfigFiles.READABLE_FILE,
                e.getMessage());
    }

    @Test
    void aDirectoryIsRefused(@TempDir Path dir) {
        ConfigException e = assertThrows(ConfigException.class, () -> ScenarioLoader.load(dir));
        assertEquals("(a directory)", e.badValue());
    }

    /** A sparse file one byte over the cap: refused by its size, without reading 64 MiB. */
    @Test
    void aFileOverTheCapIsRefusedByItsSize(@TempDir Path dir) throws IOException {
        Path big = dir.resolve("big.json");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(ConfigFiles.MAX_BYTES + 1);
        }
        ConfigException e = assertThrows(ConfigException.class, () -> ScenarioLoader.load(big));
        assertEquals("(" + (ConfigFiles.MAX_BYTES + 1) + " bytes)", e.badValue());
        assertTrue(e.allowed().contains("at most 64 MiB (67108864 bytes)"), e.allowed());
    }

    /** Files under /proc say they are empty whatever they hold: the read is bounded and decoded as any other. */
    @Test
    void aFileThatUnderstatesItsSizeIsStillReadWithinTheCap() {
        Path status = Path.of("/proc/self/status");
        assumeTrue(Files.isRegularFile(status), "a Linux /proc");
        ConfigException e = assertThrows(ConfigException.class, () -> ScenarioLoader.load(status));
        assertTrue(e.jsonPath().startsWith("line 1, column "), e.getMessage()); // read, then found not to be JSON
    }

    @Test
    void aByteOrderMarkIsSkipped(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bom.json");
        Files.writeString(file, "\uFEFF{}");
        assertEquals("{}", ConfigFiles.read(file, "bom.json"));
    }
}
