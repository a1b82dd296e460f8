package org.vaesim.kernels.update;

/** End-of-epoch per-agent updates. */
public final class Update {
    private Update() {
    }

    /** Starts a new trading period for zero-intelligence agents: each may again trade {@code units} units. */
    public static void refillQuota(int from, int to, int units, int[] quota) {
        for (int i = from; i < to; i++) {
            quota[i] = units;
        }
    }
}
