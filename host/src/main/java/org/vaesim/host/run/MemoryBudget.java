package org.vaesim.host.run;

import org.vaesim.kernels.cpu.JavaBackend;
import org.vaesim.kernels.memory.AuctionColumns;
import org.vaesim.kernels.memory.MissionColumns;
import org.vaesim.kernels.memory.Population;
import org.vaesim.models.scenario.ConfigException;
import org.vaesim.models.scenario.Scenario;

/** Refuses, before allocating anything, a population the JVM's heap cannot hold. */
public final class MemoryBudget {
    /**
     * Per agent beyond the population columns: the wealth values the end-of-run summary sorts per cohort (the
     * metrics epochs themselves need none: they reduce wealth into a fixed histogram).
     */
    static final int METRICS_BYTES_PER_AGENT = 8;

    private MemoryBudget() {
    }

    public static long bytesNeeded(Scenario s) {
        long agents = s.agentCount();
        // the java backend's chunks with a thread per core (small populations are cut finer than CHUNK)
        int chunk = JavaBackend.chunkSize((int) Math.min(Integer.MAX_VALUE, agents),
                Runtime.getRuntime().availableProcessors());
        long chunks = Math.max(1, (agents + chunk - 1) / chunk);
        int width = 0;
        for (var m : s.markets()) {
            width = Math.max(width, m.ticks());
        }
        long books = (chunks * 4L + 16L) * s.markets().size() * width * 2; // chunk int histograms + global longs
        long auctions = 0;
        for (var a : s.auctions()) {
            long bidders = 0;
            for (var b : a.bidders()) {
                bidders += s.cohorts().get(b.cohortIndex()).count();
            }
            long pieces = a.bidders().size() + bidders / JavaBackend.CHUNK;
            // per-bidder columns and the sort for the cumulative Gini; per-chunk bid and value histograms
            auctions += bidders * (AuctionColumns.BYTES_PER_BIDDER + METRICS_BYTES_PER_AGENT)
                    + pieces * a.ticks() * 16L;
        }
        long missions = 0;
        for (var m : s.missions()) {
            long bidders = 0;
            for (var b : m.bidders()) {
                bidders += s.cohorts().get(b.cohortIndex()).count();
            }
            // per-bidder columns and the sort for the payment Gini; a score histogram per worker thread (at most
            // the cores) on the java backend
            missions += bidders * (MissionColumns.BYTES_PER_BIDDER + METRICS_BYTES_PER_AGENT)
                    + (long) Runtime.getRuntime().availableProcessors() * m.scoreWidth() * 8L;
        }
        return agents * (Population.BYTES_PER_AGENT + METRICS_BYTES_PER_AGENT) + books + auctions + missions;
    }

    public static void check(Scenario s, String source, long maxHeapBytes) throws ConfigException {
        long needed = bytesNeeded(s);
        long usable = (long) (maxHeapBytes * 0.85);
        if (needed > usable) {
            throw new ConfigException(source, "$.population", s.agentCount() + " agents",
                    String.format(java.util.Locale.ROOT,
                            "needs about %.1f GiB of heap (%d bytes per agent plus books) but this JVM may use "
                                    + "%.1f GiB; lower the counts or raise the heap (VAESIM_JAVA_OPTS=-Xmx...)",
                            needed / 1073741824.0, Population.BYTES_PER_AGENT + METRICS_BYTES_PER_AGENT,
                            usable / 1073741824.0));
        }
    }
}
