package org.vaesim.host.experiment.design;

import org.vaesim.kernels.rng.Philox;

/**
 * The random numbers of a sampling design: Philox4x32-10 keyed by the design's own seed (not a run's seed), with
 * the counter (a, b, purpose, 0) naming the draw. A pure function of its arguments, as the runs' RNG is, so a design
 * does not depend on the order in which it is computed.
 */
final class DesignRandom {
    /** The Philox stream of designs; a run's streams (kernels' Streams) are keyed by run seeds, never by this. */
    private static final int DESIGN_STREAM = 0x44455349; // "DESI"
    private final int k0;
    private final int k1;
    private final int[] out = new int[4];

    DesignRandom(long seed) {
        long key = Philox.key(seed, DESIGN_STREAM);
        this.k0 = Philox.keyLo(key);
        this.k1 = Philox.keyHi(key);
    }

    /** The first 32-bit word of the block for counter (a, b, purpose, 0). */
    int word(int a, int b, int purpose) {
        Philox.philox4x32_10(a, b, purpose, 0, k0, k1, out);
        return out[0];
    }

    /** A uniform double in [0, 1) with 53 random bits, from the first two words of the block. */
    double unit(int a, int b, int purpose) {
        Philox.philox4x32_10(a, b, purpose, 0, k0, k1, out);
        long bits = ((long) (out[0] >>> 5) << 26) | (out[1] >>> 6); // 27 + 26 bits
        return bits * 0x1.0p-53;
    }

    /** A uniform integer in [0, bound), bound at most 2^31 - 1 (Lemire's multiply-shift on one word). */
    int below(int bound, int a, int b, int purpose) {
        return Philox.uniform(word(a, b, purpose), 0, bound - 1);
    }
}
