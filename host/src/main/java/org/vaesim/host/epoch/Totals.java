package org.vaesim.host.epoch;

import java.util.List;

import org.vaesim.kernels.memory.Population;
import org.vaesim.kernels.memory.Segment;

/** Exact sums over the population for the conservation report. */
public final class Totals {
    private Totals() {
    }

    /**
     * All agents' cash plus {@code sink} (the fee account), exactly.
     *
     * @throws ArithmeticException if the sum leaves 64 bits, or an agent's cash is negative: no mechanism takes
     *                             a holding below zero, so a negative one is a holding that overflowed
     */
    public static long money(Population p, long sink) {
        final long[] cash = p.cash;
        long sum = sink;
        for (int i = 0; i < cash.length; i++) {
            long c = cash[i];
            if (c < 0) {
                throw new ArithmeticException("agent " + i + " holds " + c + " micro-credits: a holding overflowed");
            }
            sum = Math.addExact(sum, c);
        }
        return sum;
    }

    /**
     * Units held per market, exactly (an {@link ArithmeticException} beyond 64 bits): each segment's by the market it
     * trades on now, so the units of a good with several venues move between its venues as order routing moves their
     * holders; what is conserved is their sum over the venues ({@link #perGood}).
     */
    public static long[] goods(Population p, List<Segment> segments, int markets) {
        final int[] inventory = p.inventory;
        long[] goods = new long[markets];
        for (Segment s : segments) {
            long sum = 0; // at most 2^31 agents x 2^31 units: a segment's sum cannot overflow
            for (int i = s.start(); i < s.end(); i++) {
                sum += inventory[i];
            }
            goods[s.market()] = Math.addExact(goods[s.market()], sum);
        }
        return goods;
    }

    /**
     * {@code perMarket} summed over each good's venues ({@code goodOf}: {@code MarketSpec.goodIndices}), at the
     * index of the good's first venue; 0 at every other venue. A market that is its good's only venue keeps its own.
     */
    public static long[] perGood(long[] perMarket, int[] goodOf) {
        long[] sums = new long[perMarket.length];
        for (int m = 0; m < perMarket.length; m++) {
            sums[goodOf[m]] = Math.addExact(sums[goodOf[m]], perMarket[m]);
        }
        return sums;
    }
}
