package org.vaesim.host.metrics;

import org.vaesim.kernels.memory.Population;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.models.strategy.Side;
import org.vaesim.models.strategy.ZeroIntelligenceParams;

import java.util.List;

/**
 * The largest surplus one trading period of a market's zero-intelligence traders can realise (Smith 1962):
 * buyers' values sorted down against sellers' costs sorted up, summing value - cost while it is positive.
 * Built from per-tick unit counts, so it is exact and linear in agents plus ticks.
 */
public final class SurplusBound {
    private SurplusBound() {
    }

    /**
     * Maximum surplus per period for market {@code m} in ticks x units, or -1 when the market has no
     * zero-intelligence traders or they do not share one period length (efficiency is then undefined).
     */
    public static long maxPerPeriod(Population p, List<Segment> segments, int m, int ticks) {
        long[] demand = new long[ticks];
        long[] supply = new long[ticks];
        int period = 0;
        for (Segment s : segments) {
            if (s.market() != m || !(s.cohort().params() instanceof ZeroIntelligenceParams zi)) {
                continue;
            }
            if (period != 0 && period != zi.periodEpochs()) {
                return -1;
            }
            period = zi.periodEpochs();
            long[] units = zi.side() == Side.BUY ? demand : supply;
            for (int i = s.start(); i < s.end(); i++) {
                units[p.trait[i]] += zi.units();
            }
        }
        if (period == 0) {
            return -1;
        }
        return fromSchedules(demand, supply);
    }

    /** Max surplus of unit schedules given as units per value tick (demand) and per cost tick (supply). */
    public static long fromSchedules(long[] demand, long[] supply) {
        long total = 0;
        int v = demand.length - 1;
        int c = 0;
        long buyersLeft = demand[v];
        long sellersLeft = supply[c];
        while (true) {
            while (buyersLeft == 0 && v > 0) {
                buyersLeft = demand[--v];
            }
            while (sellersLeft == 0 && c < supply.length - 1) {
                sellersLeft = supply[++c];
            }
            if (buyersLeft == 0 || sellersLeft == 0 || v <= c) {
                return total;
            }
            long q = Math.min(buyersLeft, sellersLeft);
            total += q * (v - c);
            buyersLeft -= q;
            sellersLeft -= q;
        }
    }

    /** The shared period length of market m's ZI cohorts (0 if none). */
    public static int period(List<Segment> segments, int m) {
        for (Segment s : segments) {
            if (s.market() == m && s.cohort().params() instanceof ZeroIntelligenceParams zi) {
                return zi.periodEpochs();
            }
        }
        return 0;
    }
}
