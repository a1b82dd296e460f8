package org.vaesim.bench.roofline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * McCalpin's STREAM triad, {@code a[i] = b[i] + s * c[i]}, over three {@code double[]} arrays sized well beyond
 * the last-level cache, split into one contiguous range per thread (the same split for initialisation and
 * every repetition, so each thread touches the pages it first wrote). The bandwidth is the best of K
 * repetitions (STREAM's convention), after a few untimed ones.
 *
 * <p>Bytes are counted STREAM's way: 24 per element (read b, read c, write a). On write-allocate caches the
 * store first reads a's line, so the memory system really moves 32 bytes per element; the reported figure is
 * the conventional, lower one. vaesim's bytes-per-agent-epoch counts its writes the same way (once), so the
 * roofline ratio compares like with like.
 */
public final class StreamTriad implements AutoCloseable {
    /** Bytes per element STREAM counts for the triad: two loads and one store of 8 bytes. */
    public static final int BYTES_PER_ELEMENT = 24;
    /** The triad's scalar, as in STREAM. */
    public static final double SCALAR = 3.0;
    /** Untimed repetitions before the timed ones. */
    public static final int WARMUP_REPETITIONS = 3;

    /** The outcome: best-repetition bandwidth and what it was measured on. */
    public record Result(double bytesPerSecond, double bestSeconds, double medianSeconds, long elements,
                         int threads, int repetitions) {
        public double gigabytesPerSecond() {
            return bytesPerSecond / 1e9;
        }

        /** Total size of the three arrays in MiB. */
        public double arraysMiB() {
            return 3.0 * elements * Double.BYTES / (1 << 20);
        }
    }

    private final double[] a;
    private final double[] b;
    private final double[] c;
    private final int threads;
    private final ExecutorService executor;

    /** Three arrays of {@code elements} doubles each, initialised in parallel with the triad's own split. */
    public StreamTriad(int elements, int threads) {
        if (elements < 1) {
            throw new IllegalArgumentException("elements must be >= 1, got " + elements);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.a = new double[elements];
        this.b = new double[elements];
        this.c = new double[elements];
        this.threads = threads;
        this.executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "stream-triad");
            t.setDaemon(true);
            return t;
        });
        forEachRange((from, to) -> {
            for (int i = from; i < to; i++) {
                a[i] = 1.0;
                b[i] = 2.0;
                c[i] = 0.5 + (i & 7);
            }
        });
    }

    /** Elements per array for a total of {@code mebibytes} MiB over the three arrays. */
    public static int elementsForMiB(long mebibytes) {
        long elements = mebibytes * (1L << 20) / (3L * Double.BYTES);
        if (elements < 1 || elements > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("STREAM size of " + mebibytes + " MiB is out of range");
        }
        return (int) elements;
    }

    /**
     * Runs the triad {@code repetitions} times, after {@link #WARMUP_REPETITIONS} untimed ones that let the JIT
     * compile the loop; bandwidth from the fastest timed repetition.
     */
    public Result run(int repetitions) {
        if (repetitions < 1) {
            throw new IllegalArgumentException("repetitions must be >= 1, got " + repetitions);
        }
        for (int r = 0; r < WARMUP_REPETITIONS; r++) {
            forEachRange(this::triad);
        }
        double[] seconds = new double[repetitions];
        for (int r = 0; r < repetitions; r++) {
            long t0 = System.nanoTime();
            forEachRange(this::triad);
            seconds[r] = (System.nanoTime() - t0) / 1e9;
        }
        double[] sorted = seconds.clone();
        java.util.Arrays.sort(sorted);
        double best = sorted[0];
        double median = sorted[repetitions / 2];
        return new Result((double) BYTES_PER_ELEMENT * a.length / best, best, median, a.length, threads, repetitions);
    }

    private void triad(int from, int to) {
        final double[] a = this.a;
        final double[] b = this.b;
        final double[] c = this.c;
        final double s = SCALAR;
        for (int i = from; i < to; i++) {
            a[i] = b[i] + s * c[i];
        }
    }

    /** The arrays, for checking the arithmetic. */
    double[] a() {
        return a;
    }

    double[] b() {
        return b;
    }

    double[] c() {
        return c;
    }

    private interface Range {
        void run(int from, int to);
    }

    /** Runs {@code body} on thread k's range [n*k/T, n*(k+1)/T) for every k, and waits for all. */
    private void forEachRange(Range body) {
        int n = a.length;
        List<Callable<Void>> tasks = new ArrayList<>(threads);
        for (int k = 0; k < threads; k++) {
            int from = (int) ((long) n * k / threads);
            int to = (int) ((long) n * (k + 1) / threads);
            tasks.add(() -> {
                body.run(from, to);
                return null;
            });
        }
        try {
            for (Future<Void> f : executor.invokeAll(tasks)) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during STREAM triad", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("STREAM triad failed", e.getCause());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
