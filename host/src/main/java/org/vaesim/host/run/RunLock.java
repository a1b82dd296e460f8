package org.vaesim.host.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

import org.vaesim.models.scenario.ConfigException;

/**
 * The lock that lets one session at a time write a run directory: an exclusive lock on {@code RUN_DIR/run.lock}
 * (the operating system's, so it goes with the process however that ends), held from before the first write to
 * after the last. The file says who holds it, for the message of the session that is turned away; it stays after
 * the run (removing it would let a third process lock a new file while a second still waits on the old one).
 */
public final class RunLock implements AutoCloseable {
    public static final String FILE = "run.lock";
    /** The lock of a sweep directory: one sweep at a time runs its jobs (their run directories are its to replace). */
    public static final String SWEEP_FILE = "sweep.lock";
    /**
     * The byte locked, past the holder's text, so that readers can read the text on systems whose locks are
     * mandatory (Windows).
     */
    private static final long LOCKED_BYTE = 1L << 40;

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks the run directory {@code dir} (which exists) for {@code command} ("run", "resume").
     *
     * @throws ConfigException when another session holds it (its holder named) or the lock file cannot be made
     */
    public static RunLock acquire(Path dir, String command) throws ConfigException {
        return acquire(dir, FILE, "run", command);
    }

    /**
     * Locks the sweep directory {@code dir} (which exists) for {@code vaesim sweep}, in {@link #SWEEP_FILE}: a second
     * sweep would otherwise delete the first one's runs in progress as it starts the same jobs.
     *
     * @throws ConfigException when another sweep holds it (its holder named) or the lock file cannot be made
     */
    public static RunLock acquireSweep(Path dir) throws ConfigException {
        return acquire(dir, SWEEP_FILE, "sweep", "sweep");
    }

    /** Locks {@code dir}, a {@code kind} ("run", "sweep") directory, through its lock file {@code name}. */
    private static RunLock acquire(Path dir, String name, String kind, String command) throws ConfigException {
        Path file = dir.resolve(name);
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new ConfigException(dir.toString(), name, "(cannot be created)", "the " + kind + " directory must be "
                    + "writable: " + reason(e));
        }
        FileLock lock;
        try {
            lock = ch.tryLock(LOCKED_BYTE, 1, false);
        } catch (OverlappingFileLockException e) {
            closeQuietly(ch);
            throw held(dir, name, kind, "another session in this process");
        } catch (IOException e) {
            closeQuietly(ch);
            throw new ConfigException(dir.toString(), name, "(cannot be locked)", reason(e));
        }
        if (lock == null) {
            String holder = holder(ch);
            closeQuietly(ch);
            throw held(dir, name, kind, holder.isEmpty() ? "another process (it has not said which yet)" : holder);
        }
        try {
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(("vaesim " + command + ", process " + ProcessHandle.current().pid() + ", since "
                    + Instant.now() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        } catch (IOException e) {
            closeQuietly(ch);
            throw new ConfigException(dir.toString(), name, "(cannot be written)", "the " + kind + " directory must be "
                    + "writable: " + reason(e));
        }
        return new RunLock(ch, lock);
    }

    /** Whether {@code dir} holds a lock file (it has been a run directory). */
    static boolean present(Path dir) {
        return Files.exists(dir.resolve(FILE));
    }

    private static ConfigException held(Path dir, String name, String kind, String holder) {
        return new ConfigException(dir.toString(), name, "(locked)", "the " + kind + " directory is being written by "
                + holder.strip() + "; two sessions cannot write one " + kind + ": wait for it to end, or stop it");
    }

    private static String holder(FileChannel ch) {
        try {
            ByteBuffer b = ByteBuffer.allocate(512);
            ch.read(b, 0);
            return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String reason(IOException e) {
        return e.getMessage() != null ? e.getClass().getSimpleName() + ": " + e.getMessage()
                : e.getClass().getSimpleName();
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing was locked through it
        }
    }

    /** Releases the lock (the file stays). */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
