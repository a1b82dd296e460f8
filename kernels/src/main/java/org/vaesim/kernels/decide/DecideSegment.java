package org.vaesim.kernels.decide;

import org.vaesim.kernels.EpochInputs;
import org.vaesim.kernels.memory.Population;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.models.market.MarketSpec;

/** Runs a segment's decide step through its family's record ({@link DecideFamily}): the Java backend's dispatch. */
public final class DecideSegment {
    private DecideSegment() {
    }

    /**
     * Runs segment {@code s}'s decide twin over [from, to), a part of the segment's range; a family that places no
     * orders leaves its agents' order slots empty.
     */
    public static void decide(Segment s, MarketSpec market, int from, int to, EpochInputs in, Population p,
                              int keyLo, int keyHi, int[] rng) {
        DecideFamily family = DecideFamilies.of(s.cohort().family());
        if (family.placesOrders()) {
            family.java().decide(s, market, from, to, in, p, keyLo, keyHi, rng);
        }
    }
}
