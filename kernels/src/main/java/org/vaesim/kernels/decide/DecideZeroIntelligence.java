package org.vaesim.kernels.decide;

import org.vaesim.kernels.rng.Philox;
import org.vaesim.kernels.rng.Streams;

/**
 * Gode and Sunder (1993) zero-intelligence traders. An agent with quota left sends one unit: ZI-C bids
 * uniformly in [1, value] or asks uniformly in [cost, maxTick]; ZI-U bids or asks uniformly in
 * [1, maxTick] whatever its value. {@code trait} holds the value (buyers) or cost (sellers).
 */
public final class DecideZeroIntelligence {
    private DecideZeroIntelligence() {
    }

    public static void decideZeroIntelligence(int from, int to, boolean constrained, boolean buyer, int maxTick,
                                              int[] trait, int[] quota,
                                              int[] bidTick, int[] bidQty, int[] askTick, int[] askQty,
                                              int keyLo, int keyHi, int epoch, int[] rng) {
        Philox.forgetAgentWords(rng);
        for (int i = from; i < to; i++) {
            Orders.none(i, bidTick, bidQty, askTick, askQty);
            if (quota[i] <= 0) {
                continue;
            }
            int word = Philox.agentWord(i, epoch, Streams.STAGE_DECIDE, 0, keyLo, keyHi, rng);
            if (buyer) {
                bidTick[i] = Philox.uniform(word, 1, constrained ? trait[i] : maxTick);
                bidQty[i] = 1;
            } else {
                askTick[i] = Philox.uniform(word, constrained ? trait[i] : 1, maxTick);
                askQty[i] = 1;
            }
        }
    }
}
