package org.vaesim.kernels.decide;

/** Small helpers the decide kernels share; each has a one-line twin in the C header. */
final class Orders {
    private Orders() {
    }

    static int clampTick(int tick, int maxTick) {
        return tick < 1 ? 1 : Math.min(tick, maxTick);
    }

    static void none(int i, int[] bidTick, int[] bidQty, int[] askTick, int[] askQty) {
        bidTick[i] = 0;
        bidQty[i] = 0;
        askTick[i] = 0;
        askQty[i] = 0;
    }
}
