package org.vaesim.kernels.decide;

import org.vaesim.kernels.rng.Philox;
import org.vaesim.kernels.rng.Streams;
import org.vaesim.models.strategy.Side;
import org.vaesim.models.strategy.StrategyFamily;
import org.vaesim.models.strategy.ZeroIntelligenceParams;

/**
 * Gode and Sunder (1993) zero-intelligence traders. An agent with quota left sends one unit: ZI-C bids
 * uniformly in [1, value] or asks uniformly in [cost, maxTick]; ZI-U bids or asks uniformly in
 * [1, maxTick] whatever its value. {@code trait} holds the value (buyers) or cost (sellers).
 */
public final class DecideZeroIntelligence {
    /** ZI-C: bids at most the value, asks at least the cost. */
    public static final DecideFamily CONSTRAINED = family(StrategyFamily.ZI_C, true);
    /** ZI-U: bids and asks anywhere on the grid. */
    public static final DecideFamily UNCONSTRAINED = family(StrategyFamily.ZI_U, false);

    private static DecideFamily family(StrategyFamily family, boolean constrained) {
        return new DecideFamily(family, "decide_zero_intelligence.cl",
                (s, market, from, to, in, p, keyLo, keyHi, rng) -> {
                    ZeroIntelligenceParams zi = (ZeroIntelligenceParams) s.cohort().params();
                    decideZeroIntelligence(from, to, constrained, zi.side() == Side.BUY, market.ticks() - 1, p.trait,
                            p.quota, p.bidTick, p.bidQty, p.askTick, p.askQty, keyLo, keyHi, in.epoch, rng);
                },
                (c, kernel, s, market, in) -> {
                    ZeroIntelligenceParams zi = (ZeroIntelligenceParams) s.cohort().params();
                    c.launch(kernel, s.size(), s.start(), s.end(), constrained ? 1 : 0, zi.side() == Side.BUY ? 1 : 0,
                            market.ticks() - 1, c.trait(), c.quota(), c.bidTick(), c.bidQty(), c.askTick(),
                            c.askQty(), c.keyLo(), c.keyHi(), in.epoch);
                });
    }

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
