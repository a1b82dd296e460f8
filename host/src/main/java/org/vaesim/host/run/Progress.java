package org.vaesim.host.run;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Run progress on stderr: a redrawn bar with epochs/s and ETA on a terminal, and plain lines every few
 * seconds when stderr is a file or a pipe (CI logs, nohup).
 */
public final class Progress {
    private static final long PLAIN_EVERY_NANOS = 5_000_000_000L;
    private static final long BAR_EVERY_NANOS = 100_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private final boolean quiet;
    private final int firstEpoch;
    private final int lastEpoch;
    private final long startNanos = System.nanoTime();
    private long lastPrintNanos;

    public Progress(PrintStream out, boolean terminal, boolean quiet, int firstEpoch, int lastEpoch) {
        this.out = out;
        this.terminal = terminal;
        this.quiet = quiet;
        this.firstEpoch = firstEpoch;
        this.lastEpoch = lastEpoch;
        this.lastPrintNanos = startNanos;
    }

    /** True when stderr is an interactive terminal (so a redrawn bar is readable). */
    public static boolean stderrIsTerminal() {
        java.io.Console c = System.console();
        return c != null && c.isTerminal() && System.getenv("CI") == null;
    }

    public void update(int epoch) {
        if (quiet) {
            return;
        }
        long now = System.nanoTime();
        boolean done = epoch >= lastEpoch;
        long every = terminal ? BAR_EVERY_NANOS : PLAIN_EVERY_NANOS;
        if (!done && now - lastPrintNanos < every) {
            return;
        }
        lastPrintNanos = now;
        double seconds = (now - startNanos) / 1e9;
        int ran = epoch - firstEpoch;
        double rate = seconds > 0 ? ran / seconds : 0;
        double eta = rate > 0 ? (lastEpoch - epoch) / rate : Double.NaN;
        if (terminal) {
            int width = 30;
            int filled = lastEpoch == 0 ? width : (int) ((long) width * epoch / lastEpoch);
            out.printf(Locale.ROOT, "\r[%s%s] %d/%d epochs  %.1f epochs/s  ETA %s ",
                    "#".repeat(filled), ".".repeat(width - filled), epoch, lastEpoch, rate, clock(eta));
            if (done) {
                out.println();
            }
        } else {
            out.printf(Locale.ROOT, "epoch %d/%d (%.0f%%), %.1f epochs/s, ETA %s%n",
                    epoch, lastEpoch, 100.0 * epoch / Math.max(1, lastEpoch), rate, clock(eta));
        }
        out.flush();
    }

    static String clock(double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            return "--:--";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }
}
