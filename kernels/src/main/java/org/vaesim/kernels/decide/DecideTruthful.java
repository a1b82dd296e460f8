package org.vaesim.kernels.decide;

import org.vaesim.kernels.memory.Segment;
import org.vaesim.models.strategy.Side;
import org.vaesim.models.strategy.StrategyFamily;
import org.vaesim.models.strategy.ZeroIntelligenceParams;

/**
 * Truthful traders with induced values (Smith 1962): an agent with quota left bids one unit at its value (buyers)
 * or asks one unit at its cost (sellers); {@code trait} holds the value or cost. In a call auction this reveals
 * the supply and demand schedules, so the market clears at their intersection.
 */
public final class DecideTruthful {
    public static final DecideFamily FAMILY = new DecideFamily(StrategyFamily.TRUTHFUL, "decide_truthful.cl",
            (s, market, from, to, in, p, keyLo, keyHi, rng) -> decideTruthful(from, to, buyer(s), p.trait, p.quota,
                    p.bidTick, p.bidQty, p.askTick, p.askQty),
            (c, kernel, s, market, in) -> c.launch(kernel, s.size(), s.start(), s.end(), buyer(s) ? 1 : 0, c.trait(),
                    c.quota(), c.bidTick(), c.bidQty(), c.askTick(), c.askQty()));

    private DecideTruthful() {
    }

    private static boolean buyer(Segment s) {
        return ((ZeroIntelligenceParams) s.cohort().params()).side() == Side.BUY;
    }

    public static void decideTruthful(int from, int to, boolean buyer, int[] trait, int[] quota,
                                      int[] bidTick, int[] bidQty, int[] askTick, int[] askQty) {
        for (int i = from; i < to; i++) {
            Orders.none(i, bidTick, bidQty, askTick, askQty);
            if (quota[i] <= 0) {
                continue;
            }
            if (buyer) {
                bidTick[i] = trait[i];
                bidQty[i] = 1;
            } else {
                askTick[i] = trait[i];
                askQty[i] = 1;
            }
        }
    }
}
