package org.vaesim.host.capability;

import java.util.List;

import org.vaesim.host.metrics.AuctionMetrics;
import org.vaesim.kernels.Backend;
import org.vaesim.kernels.capability.CapabilityColumns;
import org.vaesim.kernels.capability.CapabilityPlan;
import org.vaesim.kernels.memory.Segment;

/**
 * Capability as evolving state (docs/capability.md), the stage after the epoch's mechanisms: the units each
 * capability bidder won in the rounds that just ran become stock, a share of the epoch's earnings is reinvested
 * (cash into the capability account, which this stage keeps), the stock depreciates, and the boost negotiation
 * reads next epoch follows. The columns live on the backend.
 */
public final class CapabilityStage {
    private final CapabilityPlan plan;
    private final boolean[] ranRound;
    /** Micro-credits reinvested over the run: money that left the agents for capability. */
    private long invested;

    /** The stage of {@code plan}, with {@code invested} micro-credits reinvested so far (0 for a new run). */
    public CapabilityStage(CapabilityPlan plan, int auctions, long invested) {
        if (invested < 0) {
            throw new IllegalArgumentException("reinvested " + invested + " micro-credits");
        }
        this.plan = plan;
        this.ranRound = new boolean[auctions];
        this.invested = invested;
    }

    /** Installs fresh columns on the backend: no stock, and the agents' starting cash as the base of earnings. */
    public void start(Backend backend, long[] cash) {
        backend.installCapability(plan, CapabilityColumns.initial(cash));
    }

    /** Installs a checkpoint's columns on the backend. */
    public void restore(Backend backend, CapabilityColumns columns) {
        backend.installCapability(plan, columns);
    }

    /** Runs the stage after the epoch's auction rounds {@code rounds}. */
    public void run(Backend backend, List<AuctionMetrics> rounds) {
        java.util.Arrays.fill(ranRound, false);
        for (AuctionMetrics round : rounds) {
            ranRound[round.auction()] = true;
        }
        invested = Math.addExact(invested, backend.capabilityStep(ranRound));
    }

    /** The stocks of the capability cohorts' agents in {@code columns}, sorted ascending (micro-units). */
    public long[] sortedStocks(CapabilityColumns columns) {
        int n = 0;
        for (Segment seg : plan.cohorts()) {
            n += seg.size();
        }
        long[] stocks = new long[n];
        int k = 0;
        for (Segment seg : plan.cohorts()) {
            System.arraycopy(columns.stock, seg.start(), stocks, k, seg.size());
            k += seg.size();
        }
        java.util.Arrays.sort(stocks);
        return stocks;
    }

    /** The mean boost of the capability cohorts' agents in {@code columns}, as a share (0.25 = +25% power). */
    public double meanBoost(CapabilityColumns columns) {
        long sum = 0;
        long n = 0;
        for (Segment seg : plan.cohorts()) {
            for (int i = seg.start(); i < seg.end(); i++) {
                sum += columns.boost[i];
            }
            n += seg.size();
        }
        return (double) sum / n / 1e6;
    }

    public CapabilityPlan plan() {
        return plan;
    }

    /** Micro-credits reinvested over the run (the capability account). */
    public long invested() {
        return invested;
    }
}
