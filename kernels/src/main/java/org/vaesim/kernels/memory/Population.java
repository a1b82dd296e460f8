package org.vaesim.kernels.memory;

import org.vaesim.kernels.inequality.Inequality;

/**
 * The agent population as a structure of arrays: one primitive column per field, never an object per
 * agent. Agents of one cohort (one family, one market, one parameter set) occupy one contiguous index
 * range, and cohorts are grouped by family, so every kernel runs over ranges without branching on type.
 *
 * <p>Per agent: cash (8 bytes), inventory, trait, quota, status, rate-limit tokens and reputation (4 each), the
 * two order slots written by decide and read by settle (16), and the wealth decile of the last metrics epoch
 * (1), which only the metrics passes touch. See docs/performance.md for the bytes one agent-epoch moves.
 */
public final class Population {
    /** {@link #status} of an agent stopped by a kill switch: its orders are dropped at the gate. */
    public static final int KILLED = 1;
    /** {@link #status} of an agent that has not arrived yet (its cohort has an arrival): it does not trade. */
    public static final int PENDING = 2;
    /** {@link #status} of an arrived agent the entry checks refused: it never trades. */
    public static final int REFUSED = 3;
    /** A reputation of 1 in the {@link #reputation} column's millionths. */
    public static final int FULL_REPUTATION = 1_000_000;

    /** Bytes of state per agent (all columns below). */
    public static final int BYTES_PER_AGENT = 8 + 4 + 4 + 4 + 4 + 4 + 4 + 16 + 1;

    public final int size;
    /** Cash in micro-credits. */
    public final long[] cash;
    /** Units of the agent's market good; negative only within a strategy's short limit. */
    public final int[] inventory;
    /**
     * Private per-agent constant drawn at build time: the value (ZI buyer) or cost (ZI seller) in ticks, the
     * fundamentalist's perception offset in ticks; unused (0) by other families.
     */
    public final int[] trait;
    /** Units still to trade: per period for ZI agents, of the whole target for execution algorithms. */
    public final int[] quota;
    /** Safety status: 0 active, {@link #KILLED}, {@link #PENDING} or {@link #REFUSED}. */
    public final int[] status;
    /** Rate-limit token bucket in thousandths of an order (used only by rate-limited cohorts). */
    public final int[] tokens;
    /** Reputation in millionths, 0 .. {@link #FULL_REPUTATION} (updated only where the scenario tracks it). */
    public final int[] reputation;
    /** Order slots: tick and quantity of the bid and of the ask; quantity 0 means no order. */
    public final int[] bidTick;
    public final int[] bidQty;
    public final int[] askTick;
    public final int[] askQty;
    /**
     * Wealth decile (0 poorest .. 9 richest) at the last metrics epoch, for rank mobility
     * (inequality/Inequality.java); {@link Inequality#NO_DECILE} (0xFF) before the first one.
     */
    public final byte[] decile;

    public Population(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("population size must be >= 0, got " + size);
        }
        this.size = size;
        this.cash = new long[size];
        this.inventory = new int[size];
        this.trait = new int[size];
        this.quota = new int[size];
        this.status = new int[size];
        this.tokens = new int[size];
        this.reputation = new int[size];
        this.bidTick = new int[size];
        this.bidQty = new int[size];
        this.askTick = new int[size];
        this.askQty = new int[size];
        this.decile = new byte[size];
        java.util.Arrays.fill(decile, Inequality.NO_DECILE);
    }
}
