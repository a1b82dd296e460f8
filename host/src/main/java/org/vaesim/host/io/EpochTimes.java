package org.vaesim.host.io;

import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Epoch wall times in nanoseconds: one HdrHistogram for the whole run (the summary's percentiles) and an
 * interval histogram per metrics period appended to {@code epoch-times.hlog} (HdrHistogram's log format).
 */
public final class EpochTimes implements AutoCloseable {
    private static final long MAX_NANOS = 3_600_000_000_000L;

    private final Histogram total = new Histogram(MAX_NANOS, 3);
    private final Histogram interval = new Histogram(MAX_NANOS, 3);
    private final Path file;
    /** The file's stream, which keeps the error a PrintStream would swallow. */
    private final Failures failures;
    private final PrintStream stream;
    private final HistogramLogWriter log;
    private long intervalStartMs = System.currentTimeMillis();

    public EpochTimes(Path file, boolean append) throws IOException {
        this.file = file;
        try {
            this.failures = new Failures(new FileOutputStream(file.toFile(), append));
        } catch (IOException e) {
            throw WriteFailure.naming(file, e);
        }
        this.stream = new PrintStream(failures, true);
        this.log = new HistogramLogWriter(stream);
        if (!append) {
            log.outputLogFormatVersion();
            log.outputStartTime(intervalStartMs);
            log.outputLegend();
            check();
        }
    }

    public void record(long nanos) {
        long v = Math.max(1, Math.min(nanos, MAX_NANOS));
        total.recordValue(v);
        interval.recordValue(v);
    }

    /** Appends the epochs recorded since the previous call as one interval. */
    public void flushInterval() throws IOException {
        if (interval.getTotalCount() == 0) {
            return;
        }
        long now = System.currentTimeMillis();
        interval.setStartTimeStamp(intervalStartMs);
        interval.setEndTimeStamp(now);
        log.outputIntervalHistogram(interval);
        interval.reset();
        intervalStartMs = now;
        check();
    }

    /** Raises, naming the file, what the PrintStream under the log writer caught. */
    private void check() throws IOException {
        if (stream.checkError()) {
            IOException e = failures.last != null ? failures.last : new IOException("write failed");
            throw WriteFailure.naming(file, e);
        }
    }

    public Histogram total() {
        return total;
    }

    /** Writes what is left of the current interval (best effort: each metrics row flushed its interval already). */
    @Override
    public void close() {
        try {
            flushInterval();
        } catch (IOException ignored) {
            // the rows' intervals are written; summary.json holds the whole run's percentiles
        }
        stream.close();
    }

    /** Passes writes on and keeps the last error, which PrintStream only reports as a flag. */
    private static final class Failures extends FilterOutputStream {
        IOException last;

        Failures(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                last = e;
                throw e;
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                last = e;
                throw e;
            }
        }
    }
}
