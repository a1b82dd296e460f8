package org.vaesim.host.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run directory carried as values from the machine that ran it into a sweep's points/. */
class RunFilesTest {
    @Test
    void replacesTheJobsDirectoryWithExactlyTheRunsFiles(@TempDir Path tmp) throws Exception {
        Path made = Files.createDirectories(tmp.resolve("executor").resolve("p0000-s1"));
        Files.writeString(made.resolve("summary.json"), "{}");
        Files.createDirectories(made.resolve("checkpoints"));
        Files.write(made.resolve("checkpoints").resolve("epoch-000000010.ckpt"), new byte[] {1, 2, 3});
        RunFiles files = RunFiles.of(made);
        assertEquals(List.of("checkpoints/epoch-000000010.ckpt", "summary.json"), files.paths());
        assertEquals(5, files.bytes());

        Path job = Files.createDirectories(tmp.resolve("points").resolve("p0000-s1"));
        Files.writeString(job.resolve("stale.txt"), "an earlier, unfinished try");
        files.writeTo(job);
        assertFalse(Files.exists(job.resolve("stale.txt")), "nothing of the earlier try is left");
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(job.resolve("checkpoints")
                .resolve("epoch-000000010.ckpt")));
        assertEquals("{}", Files.readString(job.resolve("summary.json")));
        assertTrue(Files.isDirectory(tmp.resolve("points").resolve(RunFiles.INCOMING)), "staged there, now empty");
        try (var staged = Files.list(tmp.resolve("points").resolve(RunFiles.INCOMING))) {
            assertEquals(0, staged.count());
        }
    }

    /** A result whose paths climb out of the run directory (tampered or corrupt) writes nothing outside it. */
    @Test
    void refusesAPathOutsideTheRunDirectory(@TempDir Path tmp) throws Exception {
        Path job = tmp.resolve("points").resolve("p0000-s1");
        for (String evil : List.of("../../outside.txt", "/tmp/outside.txt", "../p0001-s1/summary.json", ".")) {
            RunFiles files = new RunFiles(List.of(evil), List.of("x".getBytes(StandardCharsets.UTF_8)));
            IOException e = assertThrows(IOException.class, () -> files.writeTo(job), evil);
            assertTrue(e.getMessage().contains("outside its directory"), e.getMessage());
        }
        assertFalse(Files.exists(tmp.resolve("outside.txt")));
        assertFalse(Files.exists(tmp.resolve("points").resolve("p0001-s1")));
    }
}
