package org.vaesim.kernels.auction;

/**
 * One auction round from start to end, as the host drives it: the backend bids, the host clears from the
 * histograms, the backend allocates and takes payments, the host tabulates the bundles, and the backend
 * counts envy. Between the steps only histograms and per-range totals cross to the host.
 */
public final class AuctionStep {
    private AuctionStep() {
    }

    /** What a round produced: the clearing, the round's buffers (histograms, totals, counts), the bundles. */
    public record Outcome(AuctionClearing clearing, AuctionRound round, EnvyBundles bundles) {
    }

    /**
     * Runs auction {@code plan} at {@code epoch} on the auctions' backend half {@code backend}, reusing {@code round}'s buffers; (k0, k1) is
     * the run's decision key (the same the kernels draw values with).
     */
    public static Outcome run(AuctionKernels backend, AuctionPlan plan, int epoch, int k0, int k1, AuctionRound round) {
        backend.bid(plan.index(), epoch, round);
        AuctionClearing clearing = AuctionClear.clear(plan, round.demand, epoch, k0, k1);
        backend.allocate(plan.index(), epoch, clearing, round);
        EnvyBundles bundles = EnvyBundles.of(plan, clearing, round.quantities);
        backend.envy(plan.index(), epoch, clearing, bundles, round);
        return new Outcome(clearing, round, bundles);
    }
}
