package org.vaesim.host.io;

import java.io.FileOutputStream;
import java.io.IOException;
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
    private final PrintStream stream;
    private final HistogramLogWriter log;
    private long intervalStartMs = System.currentTimeMillis();

    public EpochTimes(Path file, boolean append) throws IOException {
        this.stream = new PrintStream(new FileOutputStream(file.toFile(), append), true);
        this.log = new HistogramLogWriter(stream);
        if (!append) {
            log.outputLogFormatVersion();
            log.outputStartTime(intervalStartMs);
            log.outputLegend();
        }
    }

    public void record(long nanos) {
        long v = Math.max(1, Math.min(nanos, MAX_NANOS));
        total.recordValue(v);
        interval.recordValue(v);
    }

    /** Appends the epochs recorded since the previous call as one interval. */
    public void flushInterval() {
        if (interval.getTotalCount() == 0) {
            return;
        }
        long now = System.currentTimeMillis();
        interval.setStartTimeStamp(intervalStartMs);
        interval.setEndTimeStamp(now);
        log.outputIntervalHistogram(interval);
        interval.reset();
        intervalStartMs = now;
    }

    public Histogram total() {
        return total;
    }

    @Override
    public void close() {
        flushInterval();
        stream.close();
    }
}
