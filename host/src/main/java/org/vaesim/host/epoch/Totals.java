package org.vaesim.host.epoch;

import java.util.List;

import org.vaesim.kernels.memory.Population;
import org.vaesim.kernels.memory.Segment;

/** Exact sums over the population for the conservation report. */
public final class Totals {
    private Totals() {
    }

    /** All agents' cash plus {@code sink} (the fee account). */
    public static long money(Population p, long sink) {
        long sum = sink;
        for (long c : p.cash) {
            sum += c;
        }
        return sum;
    }

    /** Units held per market. */
    public static long[] goods(Population p, List<Segment> segments, int markets) {
        long[] goods = new long[markets];
        for (Segment s : segments) {
            long sum = 0;
            for (int i = s.start(); i < s.end(); i++) {
                sum += p.inventory[i];
            }
            goods[s.market()] += sum;
        }
        return goods;
    }
}
