package org.vaesim.kernels.auction;

import java.util.List;

import org.vaesim.kernels.Halves;
import org.vaesim.kernels.memory.AuctionColumns;

/**
 * The resource auctions' backend half (docs/mechanisms.md): the three agent-parallel steps of a round and the
 * per-bidder columns they keep, as {@link AuctionStep} calls them. {@link AuctionJava} runs the Java twins
 * ({@link Auction}), {@link AuctionDevice} the C kernels of {@code auction.cl}; both give the same results.
 */
public interface AuctionKernels {
    /**
     * Auction {@code auction}'s round at {@code epoch}, step 1: every bidder's unit bids into {@code round.demand}
     * (per group and tick) and unit values into {@code round.values}, both overwritten. The host then clears from
     * them ({@link AuctionClear}).
     */
    void bid(int auction, int epoch, AuctionRound round);

    /**
     * Step 2: every bidder's units and payment by the host's {@code clearing}; writes each range's totals and
     * quantity histogram into {@code round.totals} and {@code round.quantities} (overwritten).
     */
    void allocate(int auction, int epoch, AuctionClearing clearing, AuctionRound round);

    /** Step 3: per range, the bidders who envy one of {@code bundles}, into {@code round.envy} (overwritten). */
    void envy(int auction, int epoch, AuctionClearing clearing, EnvyBundles bundles, AuctionRound round);

    /** The per-bidder columns as of the last round (a copy from the device where there is one). */
    AuctionColumns columns();

    /**
     * Auction {@code auction}'s per-bidder column of the units won in its latest round, where the half keeps it and
     * without a copy: an {@code int[]} on the java backend, a device {@code Buffer} of ints on a device backend. For a
     * mechanism's half on the same backend that builds on what was won (capability, docs/capability.md).
     */
    Object won(int auction);

    /** The halves for the auctions {@code plans}, starting from the per-bidder {@code columns}. */
    static Halves<AuctionKernels> halves(List<AuctionPlan> plans, AuctionColumns columns) {
        return Halves.of(b -> new AuctionJava(plans, columns, b), b -> new AuctionDevice(plans, columns, b));
    }
}
