package org.vaesim.kernels.decide;

/** Small helpers the decide kernels share (plugin families' too); each has a one-line twin in the C header. */
public final class Orders {
    private Orders() {
    }

    /** {@code tick} on the grid [1, maxTick]: vs_clamp_tick. */
    public static int clampTick(int tick, int maxTick) {
        return tick < 1 ? 1 : Math.min(tick, maxTick);
    }

    /** floor(price) as a tick on the grid 1..maxTick; the price is finite. */
    public static int floorTick(double price, int maxTick) {
        return price < 1.0 ? 1 : (price >= maxTick ? maxTick : (int) Math.floor(price));
    }

    /** ceil(price) as a tick on the grid 1..maxTick; the price is finite. */
    public static int ceilTick(double price, int maxTick) {
        return price <= 1.0 ? 1 : (price > maxTick ? maxTick : (int) Math.ceil(price));
    }

    /** Agent i places no order this epoch (its four order slots zero). */
    public static void none(int i, int[] bidTick, int[] bidQty, int[] askTick, int[] askQty) {
        bidTick[i] = 0;
        bidQty[i] = 0;
        askTick[i] = 0;
        askQty[i] = 0;
    }
}
