package org.vaesim.host.metrics;

import org.vaesim.kernels.memory.Population;
import org.vaesim.kernels.memory.Segment;

/** Return by capability tier: a negotiation cohort's agents and cash, grouped by tier (kept in {@code trait}). */
public final class NegotiationTiers {
    private NegotiationTiers() {
    }

    /** {@code [tier] = {agents, total cash in micro-credits}}. */
    public static long[][] cash(Population p, Segment s, int tiers) {
        long[][] byTier = new long[tiers][2];
        for (int i = s.start(); i < s.end(); i++) {
            byTier[p.trait[i]][0]++;
            byTier[p.trait[i]][1] += p.cash[i];
        }
        return byTier;
    }
}
