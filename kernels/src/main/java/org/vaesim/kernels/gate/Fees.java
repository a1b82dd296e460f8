package org.vaesim.kernels.gate;

/** Exchange fees: floor(notional * bps / 10000), split so it cannot overflow for any notional below 2^63. */
public final class Fees {
    private Fees() {
    }

    public static long fee(long notional, int feeBps) {
        return notional / 10_000 * feeBps + notional % 10_000 * feeBps / 10_000;
    }
}
