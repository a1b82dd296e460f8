package org.vaesim.kernels.update;

import org.vaesim.kernels.memory.Population;

/** Per-agent updates outside trading: period refills at the end of an epoch, and scenario events. */
public final class Update {
    private Update() {
    }

    /** Event: adds {@code delta} micro-credits to each agent in [from, to), never below zero; returns the net change. */
    public static long adjustCash(int from, int to, long delta, long[] cash) {
        long net = 0;
        for (int i = from; i < to; i++) {
            long change = Math.max(delta, -cash[i]);
            cash[i] += change;
            net += change;
        }
        return net;
    }

    /**
     * Event: adds {@code delta} units to each agent in [from, to), never taking a holding below zero (a short
     * position is left alone); returns the net change.
     */
    public static long adjustGoods(int from, int to, int delta, int[] inventory) {
        long net = 0;
        for (int i = from; i < to; i++) {
            int change = Math.max(delta, -Math.max(inventory[i], 0));
            inventory[i] += change;
            net += change;
        }
        return net;
    }

    /** Kill switch: marks every agent in [from, to) killed; returns how many were not killed before. */
    public static long kill(int from, int to, int[] status) {
        long newly = 0;
        for (int i = from; i < to; i++) {
            if (status[i] == 0) {
                status[i] = Population.KILLED;
                newly++;
            }
        }
        return newly;
    }

    /** Starts a new trading period for zero-intelligence agents: each may again trade {@code units} units. */
    public static void refillQuota(int from, int to, int units, int[] quota) {
        for (int i = from; i < to; i++) {
            quota[i] = units;
        }
    }
}
