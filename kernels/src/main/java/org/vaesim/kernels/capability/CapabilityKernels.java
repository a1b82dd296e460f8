package org.vaesim.kernels.capability;

import org.vaesim.kernels.Halves;
import org.vaesim.kernels.auction.AuctionKernels;

/**
 * Capability's backend half (docs/capability.md): the capability columns and the stage's one agent-parallel step.
 * {@link CapabilityJava} runs the Java twins ({@link Capability}), {@link CapabilityDevice} the C kernels of
 * {@code capability.cl}; both give the same results. With feedback above 0 the half hands its boost column to the
 * backend's power primitive, so that negotiation and the yard sale read it; with feedback 0 nobody reads it and the
 * economy is exactly the one without capability.
 */
public interface CapabilityKernels {
    /**
     * The step after the epoch's mechanisms: for each auction {@code a} with {@code ranRound[a]}, the stock its
     * capability bidders won in that round ({@link Capability#gain}; the units from {@code auctions}, the auctions'
     * half on the same backend), then every capability cohort's update ({@link Capability#update}). Returns the
     * micro-credits reinvested (they leave the agents for the capability account).
     */
    long step(boolean[] ranRound, AuctionKernels auctions);

    /** The capability columns as of the last step (a copy, brought back from the device where there is one). */
    CapabilityColumns columns();

    /** The halves for {@code plan}, starting from {@code columns} (copied; uploaded on a device). */
    static Halves<CapabilityKernels> halves(CapabilityPlan plan, CapabilityColumns columns) {
        return Halves.of(b -> new CapabilityJava(plan, columns, b), b -> new CapabilityDevice(plan, columns, b));
    }
}
