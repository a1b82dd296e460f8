package org.vaesim.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaesim.host.Fixtures;

/**
 * Inputs that once escaped the error contract, as a user meets them: exit code 2 and one line naming the file,
 * the JSON path and what is allowed; never a stack trace, an OutOfMemoryError or a hang.
 */
class CliInputsTest {
    private static void assertBadInput(CliTest.Result r, String start) {
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().startsWith("vaesim: " + start), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("Error") || r.err().contains("\tat "), r.err());
    }

    /** Before: an OutOfMemoryError with a stack trace, after filling the heap. */
    @Test
    void validateRefusesDevZero() {
        assumeTrue(Files.exists(Path.of("/dev/zero")), "/dev/zero exists");
        assertBadInput(CliTest.vaesim("validate", "/dev/zero"), "/dev/zero: $ = (not a regular file");
    }

    /**
     * Before: validate (and sweep) waited forever for a writer. A writer waiting on a daemon thread turns a
     * reader that opens the FIFO into a wrong answer (an empty document) rather than a hang.
     */
    @Test
    void validateAndSweepRefuseAFifoWithoutWaitingForAWriter(@TempDir Path tmp) throws Exception {
        Path fifo = tmp.resolve("pipe.json");
        assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo is available");
        for (int readers = 0; readers < 2; readers++) {
            Thread writer = new Thread(() -> {
                // WRITE alone, not the default CREATE: a writer that starts late, after the test removed the FIFO, must
                // not create a regular file there (JUnit then cannot delete the directory: the test failed under load)
                try (var out = Files.newOutputStream(fifo, java.nio.file.StandardOpenOption.WRITE)) {
                    out.flush();
                } catch (java.io.IOException ignored) {
                    // no reader came
                }
            });
            writer.setDaemon(true);
            writer.start();
        }
        assertBadInput(CliTest.vaesim("validate", fifo.toString()), fifo + ": $ = (not a regular file");
        assertBadInput(CliTest.vaesim("sweep", fifo.toString(), "--out", tmp.resolve("out").toString()),
                fifo + ": $ = (not a regular file");
    }

    /** Before: Jackson's "can not be deserialized as `java.math.BigDecimal`" and exit 1. */
    @Test
    void anExponentOutOfRangeIsABadInputAtItsPath(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("exp.json");
        Files.writeString(file, Files.readString(Fixtures.config("quickstart.json"))
                .replace("\"epochs\": 300", "\"epochs\": 1e-2147483648"));
        assertBadInput(CliTest.vaesim("validate", file.toString()), file + ": $.epochs = 1e-2147483648: ");
    }

    /** Before: accepted; the run's money wrapped and conservation still said true. */
    @Test
    void moneyBeyond2To62OverTheRunIsABadInputAtTheEvent(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("rich.json");
        Files.writeString(file, Files.readString(Fixtures.config("quickstart.json"))
                .replace("\"amount\": 100 }", "\"amount\": 4611686018427 }"));
        assertBadInput(CliTest.vaesim("validate", file.toString()), file + ": $.events[1].amount = 4611686018427"
                + " (the economy's money reaches ");
    }
}
