package org.vaesim.kernels.rng;

/**
 * Philox4x32-10 counter-based generator (Salmon, Moraes, Dror and Shaw, SC'11; the Random123 reference).
 *
 * <p>There is no generator state: a draw is a pure function of a 128-bit counter and a 64-bit key, so any
 * agent's numbers can be recomputed anywhere, on any backend, in any thread order. vaesim's counter is
 * (agent block, epoch, stage, draw), each agent taking one lane of its block ({@link #agentWord}), and its key
 * is derived from (seed, stream) by {@link #key(long, int)}.
 */
public final class Philox {
    private static final int M0 = 0xD2511F53;
    private static final int M1 = 0xCD9E8D57;
    private static final int W0 = 0x9E3779B9;
    private static final int W1 = 0xBB67AE85;
    /** The multipliers as unsigned 64-bit values, and the mask that reads a word as unsigned. */
    private static final long M0L = M0 & 0xFFFFFFFFL;
    private static final long M1L = M1 & 0xFFFFFFFFL;
    private static final long LOW = 0xFFFFFFFFL;

    private Philox() {
    }

    /**
     * Ten Philox rounds on counter (c0..c3) with key (k0, k1); the four output words go to {@code out[0..3]}.
     * Each round is mulhilo32 of two words by the multipliers, the high halves xored with the other two words
     * and the key, and the key bumped by the Weyl constants before the next round.
     *
     * <p>Why the rounds are written out (as in Random123's reference): at over 500 bytes of bytecode the method
     * is never inlined into the decide loops (C2 inlines hot callees up to 325 bytes). As a 10-round loop it was
     * inlined in some JVMs and not in others, depending on which got compiled first. The engine was then about
     * 12 % slower at 10^6 agents in the JVMs that inlined it: the decide loops grew, while the call it saves
     * happens only once per four agents.
     */
    public static void philox4x32_10(int c0, int c1, int c2, int c3, int k0, int k1, int[] out) {
        long p0;
        long p1;
        // round 1
        p0 = M0L * (c0 & LOW); p1 = M1L * (c2 & LOW);
        c0 = (int) (p1 >>> 32) ^ c1 ^ k0; c2 = (int) (p0 >>> 32) ^ c3 ^ k1; c1 = (int) p1; c3 = (int) p0;
        k0 += W0; k1 += W1;
        // round 2
        p0 = M0L * (c0 & LOW); p1 = M1L * (c2 & LOW);
        c0 = (int) (p1 >>> 32) ^ c1 ^ k0; c2 = (int) (p0 >>> 32) ^ c3 ^ k1; c1 = (int) p1; c3 = (int) p0;
        k0 += W0; k1 += W1;
        // round 3
        p0 = M0L * (c0 & LOW); p1 = M1L * (c2 & LOW);
        c0 = (int) (p1 >>> 32) ^ c1 ^ k0; c2 = (int) (p0 >>> 32) ^ c3 ^ k1; c1 = (int) p1; c3 = (int) p0;
        k0 += W0; k1 += W1;
        // round 4
        p0 = M0L * (c0 & LOW); p1 = M1L * (c2 & LOW);
        c0 = (int) (p1 >>> 32) ^ c1 ^ k0; c2 = (int) (p0 >>> 32) ^ c3 ^ k1; c1 = (int) p1; c3 = (int) p0;
        k0 += W0; k1 += W1;
        // round 5
        p0 = M0L * (c0 & LOW); p1 = M1L * (c2 & LOW);
        c0 = (int) (p1 >>> 32) ^ c1 ^ k0; c2 = (int) (p0 >>> 32) ^ c3 ^ k1; c1 = (int) p1; c3 = (int) p0;
        k0 += W0; k1 += W1;
        // round 6
        p0 = M0L * (c0 & LOW); p1 = M1L * (c2 & LOW);
        c0 = (int) (p1 >>> 32) ^ c1 ^ k0; c2 = (int) (p0 >>> 32) ^ c3 ^ k1; c1 = (int) p1; c3 = (int) p0;
        k0 += W0; k1 += W1;
        // round 7
        p0 = M0L * (c0 & LOW); p1 = M1L * (c2 & LOW);
        c0 = (int) (p1 >>> 32) ^ c1 ^ k0; c2 = (int) (p0 >>> 32) ^ c3 ^ k1; c1 = (int) p1; c3 = (int) p0;
        k0 += W0; k1 += W1;
        // round 8
        p0 = M0L * (c0 & LOW); p1 = M1L * (c2 & LOW);
        c0 = (int) (p1 >>> 32) ^ c1 ^ k0; c2 = (int) (p0 >>> 32) ^ c3 ^ k1; c1 = (int) p1; c3 = (int) p0;
        k0 += W0; k1 += W1;
        // round 9
        p0 = M0L * (c0 & LOW); p1 = M1L * (c2 & LOW);
        c0 = (int) (p1 >>> 32) ^ c1 ^ k0; c2 = (int) (p0 >>> 32) ^ c3 ^ k1; c1 = (int) p1; c3 = (int) p0;
        k0 += W0; k1 += W1;
        // round 10
        p0 = M0L * (c0 & LOW); p1 = M1L * (c2 & LOW);
        c0 = (int) (p1 >>> 32) ^ c1 ^ k0; c2 = (int) (p0 >>> 32) ^ c3 ^ k1; c1 = (int) p1; c3 = (int) p0;
        out[0] = c0;
        out[1] = c1;
        out[2] = c2;
        out[3] = c3;
    }

    /** Scratch for {@link #agentWord}: four words and the index of the block they came from. */
    public static int[] agentWordScratch() {
        return new int[] {0, 0, 0, 0, -1};
    }

    /** Invalidates the cached block; every kernel calls this first, since its counter differs from the last. */
    public static void forgetAgentWords(int[] scratch) {
        scratch[4] = -1;
    }

    /**
     * Agent {@code agent}'s 32-bit word for (epoch, stage, draw): lane {@code agent & 3} of the Philox block
     * with counter (agent >> 2, epoch, stage, draw). Four neighbouring agents share one block, so a kernel
     * walking agents in index order computes Philox once per four agents (the C twin does the same).
     */
    public static int agentWord(int agent, int epoch, int stage, int draw, int k0, int k1, int[] scratch) {
        int block = agent >>> 2;
        if (block != scratch[4]) {
            philox4x32_10(block, epoch, stage, draw, k0, k1, scratch);
            scratch[4] = block;
        }
        return scratch[agent & 3];
    }

    /**
     * The 64-bit Philox key for a (seed, stream) pair: low word k0, high word k1. Both inputs pass through
     * SplitMix64 finalisers so that nearby seeds and streams give unrelated keys.
     */
    public static long key(long seed, int stream) {
        return mix64(mix64(seed) ^ (0x9E3779B97F4A7C15L * (stream + 1L)));
    }

    public static int keyLo(long key) {
        return (int) key;
    }

    public static int keyHi(long key) {
        return (int) (key >>> 32);
    }

    /** Uniform integer in [lo, hi] from one 32-bit word: Lemire's multiply-shift (bias below 2^-32 * range). */
    public static int uniform(int word, int lo, int hi) {
        long span = (long) hi - lo + 1;
        return lo + (int) (((word & 0xFFFFFFFFL) * span) >>> 32);
    }

    /** True with probability threshold / 2^32, where threshold comes from {@link #probabilityThreshold}. */
    public static boolean bernoulli(int word, long threshold) {
        return (word & 0xFFFFFFFFL) < threshold;
    }

    /** Integer threshold for {@link #bernoulli}: p = 1 always fires, p = 0 never does. */
    public static long probabilityThreshold(double p) {
        return p >= 1.0 ? 1L << 32 : (long) (p * 4294967296.0);
    }

    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
