package org.vaesim.host.redistribution;

import java.util.ArrayList;
import java.util.List;

import org.vaesim.kernels.Backend;
import org.vaesim.kernels.memory.Layout;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.models.redistribution.WealthTaxSpec;

/**
 * The wealth tax (docs/capability.md#levers): at the end of every {@code every}-th epoch, a flat tax on the listed
 * cohorts' cash with an equal rebate to the same agents, run on the backend. Money stays with the agents (the pot
 * goes back whole), so conservation needs no account; this stage only counts what it moved.
 */
public final class WealthTaxStage {
    private final WealthTaxSpec spec;
    private final List<Segment> cohorts;
    /** Collections so far and the micro-credits they moved (checkpointed, for the summary). */
    private long collections;
    private long collected;

    public WealthTaxStage(WealthTaxSpec spec, Layout layout) {
        this.spec = spec;
        List<Segment> list = new ArrayList<>();
        for (int c : spec.cohorts()) {
            list.add(layout.segments().get(c));
        }
        this.cohorts = List.copyOf(list);
    }

    /** Collects and rebates after epoch {@code e} when one is due. */
    public void afterEpoch(int e, Backend backend) {
        if ((e + 1) % spec.every() != 0 || spec.rate() == 0) {
            return;
        }
        long[] r = backend.wealthTax(cohorts, spec.rate());
        collections++;
        collected = Math.addExact(collected, r[0]);
    }

    public WealthTaxSpec spec() {
        return spec;
    }

    public long collections() {
        return collections;
    }

    /** Micro-credits taxed (and rebated) so far. */
    public long collected() {
        return collected;
    }

    /** Sets the counts a checkpoint carries. */
    public void counts(long collectionsSoFar, long collectedSoFar) {
        if (collectionsSoFar < 0 || collectedSoFar < 0) {
            throw new IllegalArgumentException("wealth tax counts " + collectionsSoFar + ", " + collectedSoFar);
        }
        collections = collectionsSoFar;
        collected = collectedSoFar;
    }
}
