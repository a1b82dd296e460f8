package org.vaesim.kernels.decide;

/** Small helpers the decide kernels share (plugin families' too); each has a one-line twin in the C header. */
public final class Orders {
    private Orders() {
    }

    /** {@code tick} on the grid [1, maxTick]: vs_clamp_tick. */
    public static int clampTick(int tick, int maxTick) {
        return tick < 1 ? 1 : Math.min(tick, maxTick);
    }

    /** Agent i places no order this epoch (its four order slots zero). */
    public static void none(int i, int[] bidTick, int[] bidQty, int[] askTick, int[] askQty) {
        bidTick[i] = 0;
        bidQty[i] = 0;
        askTick[i] = 0;
        askQty[i] = 0;
    }
}
