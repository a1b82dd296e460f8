package org.vaesim.kernels.capability;

/**
 * The capability columns (docs/capability.md), one entry per agent of the population, beside it and only in
 * scenarios with a {@code stages.capability} section: the stock (micro-units), the cash at the last update
 * (micro-credits, for the next epoch's earnings) and the boost (millionths) the stock gives. 20 bytes per agent;
 * checkpointed.
 */
public final class CapabilityColumns {
    /** Bytes per agent: stock (8), last cash (8), boost (4). */
    public static final int BYTES_PER_AGENT = 20;

    public final long[] stock;
    public final long[] lastCash;
    public final int[] boost;

    public CapabilityColumns(int agents) {
        stock = new long[agents];
        lastCash = new long[agents];
        boost = new int[agents];
    }

    /** Fresh columns: no stock, no boost, and the cash the agents start with as the base of their first earnings. */
    public static CapabilityColumns initial(long[] cash) {
        CapabilityColumns c = new CapabilityColumns(cash.length);
        System.arraycopy(cash, 0, c.lastCash, 0, cash.length);
        return c;
    }

    public int agents() {
        return stock.length;
    }

    /** A copy of every column. */
    public CapabilityColumns copy() {
        CapabilityColumns c = new CapabilityColumns(agents());
        System.arraycopy(stock, 0, c.stock, 0, stock.length);
        System.arraycopy(lastCash, 0, c.lastCash, 0, lastCash.length);
        System.arraycopy(boost, 0, c.boost, 0, boost.length);
        return c;
    }
}
