package org.vaesim.host.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The epoch-time log reports a failed write, naming its file, instead of losing intervals without a word. */
class EpochTimesTest {
    /** /dev/full answers every write with ENOSPC, as a full disk does. */
    @Test
    void aFullDiskIsReportedNamingTheFile() throws Exception {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.isWritable(full), "needs /dev/full (Linux)");
        try (EpochTimes times = new EpochTimes(full, true)) {
            times.record(1_000);
            IOException e = assertThrows(IOException.class, times::flushInterval);
            assertTrue(e.getMessage().contains("/dev/full") && e.getMessage().contains("No space left on device"),
                    e.getMessage());
        }
    }
}
