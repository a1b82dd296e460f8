package org.vaesim.kernels.capability;

import org.vaesim.kernels.auction.AuctionKernels;
import org.vaesim.kernels.cpu.JavaBackend;
import org.vaesim.kernels.cpu.WorkerPool;
import org.vaesim.kernels.memory.Population;
import org.vaesim.kernels.memory.Segment;

/** Capability's Java half: the twins of {@code capability.cl} over the population, in chunks on the worker pool. */
final class CapabilityJava implements CapabilityKernels {
    private final CapabilityPlan plan;
    private final CapabilityColumns columns;
    private final Population population;
    private final WorkerPool pool;
    /** Per cohort, the micro-credits each chunk reinvested (summed in chunk order, so thread counts do not matter). */
    private final long[][] spent;

    CapabilityJava(CapabilityPlan plan, CapabilityColumns columns, JavaBackend backend) {
        if (columns.agents() != backend.population().size) {
            throw new IllegalArgumentException("capability columns of " + columns.agents() + " agents for "
                    + backend.population().size);
        }
        this.plan = plan;
        this.columns = columns.copy();
        this.population = backend.population();
        this.pool = backend.pool();
        this.spent = new long[plan.cohorts().size()][];
        for (int k = 0; k < spent.length; k++) {
            int size = plan.cohorts().get(k).size();
            spent[k] = new long[Math.max(1, (size + JavaBackend.CHUNK - 1) / JavaBackend.CHUNK)];
        }
        plan.publish(this.columns.boost, backend::boost);
    }

    @Override
    public long step(boolean[] ranRound, AuctionKernels auctions) {
        CapabilityColumns c = columns;
        long weight = plan.spec().computeWeight();
        for (CapabilityPlan.Gain g : plan.gains()) {
            if (ranRound[g.auction()]) {
                Capability.gain(g.from(), g.to(), g.column(), weight, (int[]) auctions.won(g.auction()), c.stock);
            }
        }
        long reinvest = plan.spec().reinvestInForce();
        long unitCost = plan.spec().unitCost();
        long depreciation = plan.spec().depreciation();
        double feedback = plan.feedback();
        double half = plan.half();
        Population p = population;
        long invested = 0;
        for (int k = 0; k < spent.length; k++) {
            Segment s = plan.cohorts().get(k);
            long[] own = spent[k];
            int chunk = JavaBackend.CHUNK;
            pool.run(own.length, b -> own[b] = Capability.update(s.start() + b * chunk,
                    Math.min(s.end(), s.start() + (b + 1) * chunk), reinvest, unitCost, depreciation, feedback, half,
                    p.status, p.cash, c.lastCash, c.stock, c.boost));
            for (long x : own) {
                invested += x;
            }
        }
        return invested;
    }

    @Override
    public CapabilityColumns columns() {
        return columns.copy();
    }
}
