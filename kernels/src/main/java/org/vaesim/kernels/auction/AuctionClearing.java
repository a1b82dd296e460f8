package org.vaesim.kernels.auction;

/**
 * What the host's clearing of one auction round tells the allocation kernels, per group (principal): the price
 * it pays, the units it gets, and where in its own bids that allocation stops: bids above {@code marginalTick}
 * win, bids at it share {@code marginalFill} of {@code marginalTotal} units, rationed from {@code offset}. A group
 * that gets nothing has marginalTick = the grid width, which no bid reaches.
 */
public final class AuctionClearing {
    public final int[] price;
    public final long[] allocated;
    public final int[] marginalTick;
    public final long[] marginalFill;
    public final long[] marginalTotal;
    public final long[] offset;
    /** The price of open competition (of the large principals' pool when a reserve binds), in ticks. */
    public int openPrice;
    /** The price small principals pay: the open price unless the reserve binds. */
    public int smallPrice;
    /** Whether the reserved share bound: small principals got their reserve at their own price. */
    public boolean reserveBinding;
    public long allocatedTotal;
    public long unsold;

    public AuctionClearing(int groups) {
        price = new int[groups];
        allocated = new long[groups];
        marginalTick = new int[groups];
        marginalFill = new long[groups];
        marginalTotal = new long[groups];
        offset = new long[groups];
    }
}
