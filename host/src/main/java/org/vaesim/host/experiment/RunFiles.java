package org.vaesim.host.experiment;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A run directory's files as values, to carry a run made on another machine back to the sweep's directory: the
 * machine that runs it needs no access to the sweep's file system, and only the sweep's process writes there.
 *
 * @param paths    each regular file's path relative to the run directory, with '/' between names
 * @param contents each file's bytes, in the same order
 */
public record RunFiles(List<String> paths, List<byte[]> contents) implements Serializable {
    /** Where runs wait, under the sweep's points/, while they are written, before they move into place. */
    static final String INCOMING = ".incoming";

    public RunFiles {
        if (paths.size() != contents.size()) {
            throw new IllegalArgumentException(paths.size() + " paths for " + contents.size() + " contents");
        }
        paths = List.copyOf(paths);
        contents = List.copyOf(contents);
    }

    /** Every regular file under {@code dir}, in a stable order. */
    public static RunFiles of(Path dir) throws IOException {
        List<String> paths = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                paths.add(dir.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/"));
                contents.add(Files.readAllBytes(f));
            }
        }
        return new RunFiles(paths, contents);
    }

    /** The bytes of all files together. */
    public long bytes() {
        return contents.stream().mapToLong(c -> c.length).sum();
    }

    /**
     * Makes {@code dir} (a job's directory under a sweep's points/) hold exactly these files: they are written into
     * {@code points/.incoming/NAME} first and that moves into place in one step, so a sweep killed at any moment
     * leaves either the earlier directory or this one, never a mix (a sweep clears .incoming when it starts).
     *
     * @throws IOException when a path would leave the directory (a tampered result), or on a write failure
     */
    public void writeTo(Path dir) throws IOException {
        Path staging = dir.resolveSibling(INCOMING).resolve(dir.getFileName());
        Sweep.deleteTree(staging);
        Files.createDirectories(staging);
        for (int i = 0; i < paths.size(); i++) {
            Path target = staging.resolve(paths.get(i)).normalize();
            if (!target.startsWith(staging) || target.equals(staging)) {
                throw new IOException("a run's file " + paths.get(i) + " would be written outside its directory");
            }
            Files.createDirectories(target.getParent());
            Files.write(target, contents.get(i));
        }
        Sweep.deleteTree(dir);
        Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
    }
}
