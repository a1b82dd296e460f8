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

    /**
     * Kill switch: marks every active or still pending agent in [from, to) killed (so a killed cohort's later
     * arrivals never enter); returns how many that were.
     */
    public static long kill(int from, int to, int[] status) {
        long newly = 0;
        for (int i = from; i < to; i++) {
            if (status[i] == 0 || status[i] == Population.PENDING) {
                status[i] = Population.KILLED;
                newly++;
            }
        }
        return newly;
    }

    /**
     * Entry: every still pending agent in [from, to) gets {@code newStatus} (0 admitted, or
     * {@link Population#REFUSED}) and reputation {@code reputationMillionths}; returns how many were pending.
     */
    public static long arrive(int from, int to, int newStatus, int reputationMillionths, int[] status,
                              int[] reputation) {
        long arrived = 0;
        for (int i = from; i < to; i++) {
            if (status[i] == Population.PENDING) {
                status[i] = newStatus;
                reputation[i] = reputationMillionths;
                arrived++;
            }
        }
        return arrived;
    }

    /** Starts a new trading period for zero-intelligence agents: each may again trade {@code units} units. */
    public static void refillQuota(int from, int to, int units, int[] quota) {
        for (int i = from; i < to; i++) {
            quota[i] = units;
        }
    }
}
