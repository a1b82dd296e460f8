package org.vaesim.kernels.gate;

/**
 * A principal's rate limit over all its agents' orders in one epoch, after each agent's own gate. Of the
 * principal's T orders (counted bid before ask, agents in index order, its cohorts in population order) it lets
 * A = min(T, allowed) through, spread evenly by cumulative rounding: the order with C orders before it passes
 * iff floor((C + 1 + off) A / T) > floor((C + off) A / T). Over C = 0..T-1 these steps add to exactly A
 * whatever the offset, and the offset, a Weyl sequence of the epoch modulo T, moves the passing positions from
 * epoch to epoch so that no agent is always the one left out. As in settlement, the caller passes C for the
 * range's first agent, so the result does not depend on how agents are split among threads or work-groups.
 */
public final class PrincipalLimit {
    private PrincipalLimit() {
    }

    /** The orders agents [from, to) placed (after their own gate). */
    public static long orders(int from, int to, int[] bidQty, int[] askQty) {
        long n = 0;
        for (int i = from; i < to; i++) {
            n += (bidQty[i] > 0 ? 1 : 0) + (askQty[i] > 0 ? 1 : 0);
        }
        return n;
    }

    /** The epoch's offset in [0, total): 2654435761 (2^32 / golden ratio) times the epoch, mod 2^32, mod total. */
    public static long offset(int epoch, long total) {
        return total == 0 ? 0 : Integer.toUnsignedLong(epoch * (int) 2654435761L) % total;
    }

    /**
     * Drops the orders of agents [from, to) that do not pass, given {@code cursor} orders of the principal before
     * {@code from}; returns how many were dropped. {@code total} < 2^31 (at most 10^9 agents per limited
     * principal), so (C + 1 + off) A < 4e9 x 2e9 < 2^63 cannot overflow.
     */
    public static int limit(int from, int to, long cursor, long allowed, long total, long offset, int[] bidQty,
                            int[] askQty) {
        if (allowed >= total) {
            return 0;
        }
        int dropped = 0;
        long c = cursor;
        for (int i = from; i < to; i++) {
            if (bidQty[i] > 0) {
                if (!passes(c++, allowed, total, offset)) {
                    bidQty[i] = 0;
                    dropped++;
                }
            }
            if (askQty[i] > 0) {
                if (!passes(c++, allowed, total, offset)) {
                    askQty[i] = 0;
                    dropped++;
                }
            }
        }
        return dropped;
    }

    private static boolean passes(long c, long allowed, long total, long offset) {
        return (c + 1 + offset) * allowed / total > (c + offset) * allowed / total;
    }
}
