package org.vaesim.bench.roofline;

import java.util.LinkedHashMap;
import java.util.Map;

import org.vaesim.kernels.memory.Population;

/**
 * The bytes of agent state one agent-epoch must move between DRAM and the cores on the java backend, derived
 * from the population's columns ({@link Population}) and the order in which the backend's stages touch them.
 * A population of N agents is far larger than the caches, so each pass over a column costs its size once;
 * stages that run block by block over the same agents while their columns are still in cache cost nothing
 * extra. This is the memory-traffic lower bound the roofline divides the measured bandwidth by.
 *
 * <pre>
 * Pass 1, placeOrders (decide, gate and book run per 2048-agent block, so the block stays in L1/L2):
 *   decide  reads  trait (4) and quota (4)       ZI values/costs, fundamentalist offsets; quotas of ZI
 *                  inventory (4)                 and execution algos; inventories of market makers/HFTs
 *           writes bidTick, bidQty, askTick, askQty (4 x 4 = 16)
 *   gate    reads  cash (8), inventory (4)       inventory is already counted above: 8 new bytes
 *           and status (4)                       the kill switch's flag: 4 more
 *           re-reads/writes the order slots      in cache: 0
 *   book    re-reads the order slots             in cache: 0 (the histograms are tiny and stay cached)
 *   => reads 24, writes 16
 *
 * Pass 2, settle (one sweep over the population, after clearing):
 *   settle  reads  the four order columns (16)   evicted since pass 1 at these sizes
 *           reads  cash (8), inventory (4), quota (4)
 *           writes cash (8), inventory (4), quota (4)   (quota: the fills of ZI/execution agents, and the
 *                                                        ZI period refill in the same sweep)
 *   => reads 32, writes 16
 *
 * Total: reads 56 + writes 32 = 88 bytes per agent-epoch.
 * </pre>
 *
 * Deliberately not counted, so the figure is a lower bound and the roofline an upper bound: settle's read of
 * {@code trait} for the realised-surplus sum (only agents that filled, and only ZI agents need it); the
 * write-allocate read of a line before it is written (STREAM's triad does not count it either, see
 * {@link StreamTriad}); per-chunk histograms, clearing and the host's per-market bookkeeping, which are
 * O(markets x ticks), independent of N. Every column is counted for every agent even where a family does not
 * use it (chartists read no trait): the columns are swept contiguously, so the cache lines are loaded anyway.
 */
public final class BytesPerAgentEpoch {
    private static final int CASH = Long.BYTES;
    private static final int INVENTORY = Integer.BYTES;
    private static final int TRAIT = Integer.BYTES;
    private static final int QUOTA = Integer.BYTES;
    private static final int STATUS = Integer.BYTES;
    /** Rate-limit tokens: a column, but touched only by rate-limited cohorts, so not in the passes below. */
    private static final int TOKENS = Integer.BYTES;
    /** Reputation: a column, but touched only where the scenario tracks reputation, so not counted either. */
    private static final int REPUTATION = Integer.BYTES;
    private static final int ORDERS = 4 * Integer.BYTES;
    /** Wealth decile: a column, but touched only by the metrics passes every metrics_every epochs, not per epoch. */
    private static final int DECILE = Byte.BYTES;

    /** Pass 1 (decide + gate + book): trait, quota, inventory, cash and status read; order slots written. */
    public static final int PLACE_READ = TRAIT + QUOTA + INVENTORY + CASH + STATUS;
    public static final int PLACE_WRITE = ORDERS;
    /** Pass 2 (settle): order slots, cash, inventory, quota read; cash, inventory, quota written. */
    public static final int SETTLE_READ = ORDERS + CASH + INVENTORY + QUOTA;
    public static final int SETTLE_WRITE = CASH + INVENTORY + QUOTA;

    public static final int READ = PLACE_READ + SETTLE_READ;
    public static final int WRITE = PLACE_WRITE + SETTLE_WRITE;
    /** Bytes one agent-epoch moves: 88. */
    public static final int TOTAL = READ + WRITE;

    static {
        // The columns counted above must be exactly the population's columns; a new column must be added here.
        int known = CASH + INVENTORY + TRAIT + QUOTA + STATUS + TOKENS + REPUTATION + ORDERS + DECILE;
        if (known != Population.BYTES_PER_AGENT) {
            throw new ExceptionInInitializerError("BytesPerAgentEpoch knows " + known
                    + " bytes of columns but Population.BYTES_PER_AGENT is "
                    + Population.BYTES_PER_AGENT);
        }
    }

    private BytesPerAgentEpoch() {
    }

    /** Agent-epochs per second that {@code bytesPerSecond} of memory bandwidth can feed at most. */
    public static double roofline(double bytesPerSecond) {
        return bytesPerSecond / TOTAL;
    }

    /** The breakdown, for reports. */
    public static Map<String, Integer> breakdown() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("place_orders_read", PLACE_READ);
        m.put("place_orders_write", PLACE_WRITE);
        m.put("settle_read", SETTLE_READ);
        m.put("settle_write", SETTLE_WRITE);
        m.put("read", READ);
        m.put("write", WRITE);
        m.put("total", TOTAL);
        m.put("state_bytes_per_agent", Population.BYTES_PER_AGENT);
        return m;
    }
}
