package org.vaesim.host.metrics;

import org.vaesim.kernels.memory.Population;
import org.vaesim.kernels.memory.Segment;

import java.util.List;

/**
 * The largest surplus one trading period of a market's traders with induced values can realise (Smith 1962):
 * buyers' values sorted down against sellers' costs sorted up, summing value - cost while it is positive.
 * Built from per-tick unit counts, so it is exact and linear in agents plus ticks.
 */
public final class SurplusBound {
    private SurplusBound() {
    }

    /**
     * Maximum surplus per period for market {@code m} in ticks x units with every trader's full units, or -1 when
     * the market has no traders with induced values or they do not share one period length (efficiency is then
     * undefined).
     */
    public static long maxPerPeriod(Population p, List<Segment> segments, int m, int ticks) {
        long[] demand = new long[ticks];
        long[] supply = new long[ticks];
        int period = 0;
        for (Segment s : segments) {
            if (s.market() != m || !s.hasInducedValue()) {
                continue;
            }
            if (period != 0 && period != s.periodEpochs()) {
                return -1;
            }
            period = s.periodEpochs();
            long[] units = s.surplusSign() > 0 ? demand : supply;
            for (int i = s.start(); i < s.end(); i++) {
                units[p.trait[i]] += s.periodUnits();
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
}
