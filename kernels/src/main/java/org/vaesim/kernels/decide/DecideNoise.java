package org.vaesim.kernels.decide;

import org.vaesim.kernels.rng.Draws;
import org.vaesim.kernels.rng.Philox;
import org.vaesim.kernels.rng.Streams;
import org.vaesim.models.strategy.NoiseParams;
import org.vaesim.models.strategy.StrategyFamily;

/**
 * Noise traders with heavy-tailed order sizes. With probability activityThreshold / 2^32 an agent trades; one draw in
 * 0 .. 2 reach + 1 picks the side and the distance (0 .. reach: a bid that far above the last price; reach + 1 ..
 * 2 reach + 1: an ask that far, less reach + 1, below it), another the quantity, floor(sizeMin x Pareto(1 / tail)),
 * at most maxQty.
 */
public final class DecideNoise {
    public static final DecideFamily FAMILY = new DecideFamily(StrategyFamily.NOISE, "decide_noise.cl",
            (s, market, from, to, in, p, keyLo, keyHi, rng) -> {
                NoiseParams n = (NoiseParams) s.cohort().params();
                decideNoise(from, to, in.lastTick[s.market()], market.ticks() - 1, n.reachTicks(), n.sizeMin(),
                        1.0 / n.tail(), n.maxQty(), Philox.probabilityThreshold(n.activity()), p.bidTick, p.bidQty,
                        p.askTick, p.askQty, keyLo, keyHi, in.epoch, rng);
            },
            (c, kernel, s, market, in) -> {
                NoiseParams n = (NoiseParams) s.cohort().params();
                c.launch(kernel, s.size(), s.start(), s.end(), in.lastTick[s.market()], market.ticks() - 1,
                        n.reachTicks(), n.sizeMin(), 1.0 / n.tail(), n.maxQty(),
                        Philox.probabilityThreshold(n.activity()), c.bidTick(), c.bidQty(), c.askTick(), c.askQty(),
                        c.keyLo(), c.keyHi(), in.epoch);
            });

    private DecideNoise() {
    }

    public static void decideNoise(int from, int to, int lastTick, int maxTick, int reach, int sizeMin,
                                   double inverseTail, int maxQty, long activityThreshold,
                                   int[] bidTick, int[] bidQty, int[] askTick, int[] askQty,
                                   int keyLo, int keyHi, int epoch, int[] rng) {
        Philox.forgetAgentWords(rng);
        int[] sideRng = Philox.agentWordScratch();
        int[] sizeRng = Philox.agentWordScratch();
        int span = 2 * reach + 1;
        for (int i = from; i < to; i++) {
            Orders.none(i, bidTick, bidQty, askTick, askQty);
            if (!Philox.bernoulli(Philox.agentWord(i, epoch, Streams.STAGE_DECIDE, 0, keyLo, keyHi, rng),
                    activityThreshold)) {
                continue;
            }
            int pick = Philox.uniform(Philox.agentWord(i, epoch, Streams.STAGE_DECIDE, 1, keyLo, keyHi, sideRng),
                    0, span);
            int qty = paretoQuantity(Philox.agentWord(i, epoch, Streams.STAGE_DECIDE, 2, keyLo, keyHi, sizeRng),
                    sizeMin, inverseTail, maxQty);
            if (pick <= reach) {
                bidTick[i] = Orders.clampTick(lastTick + pick, maxTick);
                bidQty[i] = qty;
            } else {
                askTick[i] = Orders.clampTick(lastTick - (pick - reach - 1), maxTick);
                askQty[i] = qty;
            }
        }
    }

    /** floor(sizeMin x Pareto), at least sizeMin, at most maxQty. */
    static int paretoQuantity(int word, int sizeMin, double inverseTail, int maxQty) {
        double q = sizeMin * Draws.pareto(word, inverseTail);
        return q >= maxQty ? maxQty : (int) Math.floor(q);
    }
}
