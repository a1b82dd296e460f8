package org.vaesim.host.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.vaesim.host.epoch.Engine;
import org.vaesim.host.epoch.MarketState;
import org.vaesim.host.safety.AuditAnchor;
import org.vaesim.kernels.memory.Layout;
import org.vaesim.models.scenario.Scenario;

/**
 * Checkpoints in {@code RUN_DIR/checkpoints/epoch-NNNNNNNNN.ckpt} ({@link CheckpointFile}): written to a temporary
 * file, forced to disk and renamed, so a checkpoint either exists whole or not at all; a write that fails removes
 * its temporary file. The newest {@link #KEEP} are kept.
 */
public final class CheckpointStore {
    public static final int KEEP = 2;
    private final Path dir;
    private final CheckpointFile.Binding binding;

    /** The checkpoints of the run in {@code runDir}, for reading. */
    public CheckpointStore(Path runDir) {
        this(runDir, null);
    }

    /** The checkpoints of the run in {@code runDir}, written bound to {@code binding}. */
    public CheckpointStore(Path runDir, CheckpointFile.Binding binding) {
        this.dir = runDir.resolve("checkpoints");
        this.binding = binding;
    }

    /** Saves {@code engine}'s state, with the audit log's {@code anchor} at this moment. */
    public Path save(Engine engine, AuditAnchor anchor) throws IOException {
        if (binding == null) {
            throw new IllegalStateException("a checkpoint store opened for reading cannot save");
        }
        Path target = dir.resolve(String.format("epoch-%09d.ckpt", engine.epoch()));
        Path tmp = dir.resolve(target.getFileName() + ".tmp");
        try {
            Files.createDirectories(dir);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
                 OutputStream out = Channels.newOutputStream(ch)) {
                CheckpointFile.write(out, engine, binding, anchor);
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            removeQuietly(tmp);
            throw WriteFailure.naming(tmp, e);
        }
        prune();
        return target;
    }

    /** The checkpoint files, oldest first (by name, which is by epoch). */
    public List<Path> list() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return new ArrayList<>(s.filter(p -> p.getFileName().toString().matches("epoch-\\d{9}\\.ckpt"))
                    .sorted().toList());
        }
    }

    public Optional<Path> latest() throws IOException {
        List<Path> all = list();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getLast());
    }

    /** Reads a verified checkpoint of {@code scenario}'s economy. */
    public static StateCodec.State load(CheckpointFile.Verified checkpoint, Scenario scenario) throws IOException {
        Layout layout = new Layout(scenario);
        try (InputStream in = CheckpointFile.state(checkpoint)) {
            StateCodec.State st = StateCodec.read(in, MarketState.of(scenario), checkpoint.stages());
            StateCodec.readMeasures(checkpoint.measures(), st.markets());
            if (st.epoch() != checkpoint.epoch() || st.population().size != layout.agents()) {
                throw new IOException(checkpoint.file() + ": its state is of epoch " + st.epoch() + " with "
                        + st.population().size + " agents, its header says epoch " + checkpoint.epoch()
                        + " and the scenario has " + layout.agents() + " agents");
            }
            return st;
        }
    }

    /** Deletes every checkpoint of the run, and their folder: a sweep keeps none unless asked (docs/sweeps.md). */
    public void removeAll() throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    private void prune() throws IOException {
        List<Path> all = list();
        for (int i = 0; i < all.size() - KEEP; i++) {
            Files.deleteIfExists(all.get(i));
        }
    }

    private static void removeQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the failure that brought us here is what gets reported
        }
    }
}
