package org.vaesim.kernels.decide;

import org.vaesim.kernels.rng.Draws;
import org.vaesim.kernels.rng.Philox;
import org.vaesim.kernels.rng.Streams;

/**
 * Traders switching between a fundamentalist and a chartist forecast (Brock and Hommes 1998): the host gives the
 * cohort's share of fundamentalists as a probability threshold and each rule's common expected log return this epoch
 * (its mean and the shock its followers share); the agent adds its own normal noise (spread fundamentalSpread or
 * chartistSpread). An active agent follows the fundamentalist rule with that probability, else the chartist one,
 * and with expected return r bids floor(L e^r) when r > 0 or asks ceil(L e^r) when r < 0, for {@code qty} units.
 */
public final class DecideSwitching {
    private DecideSwitching() {
    }

    public static void decideSwitching(int from, int to, int lastTick, int maxTick, long fundamentalistThreshold,
                                       double fundamentalMean, double chartistMean, double fundamentalSpread,
                                       double chartistSpread, int qty, long activityThreshold,
                                       int[] bidTick, int[] bidQty, int[] askTick, int[] askQty,
                                       int keyLo, int keyHi, int epoch, int[] rng) {
        Philox.forgetAgentWords(rng);
        int[] ruleRng = Philox.agentWordScratch();
        int[] noiseRng = Philox.agentWordScratch();
        int[] noiseRng2 = Philox.agentWordScratch();
        for (int i = from; i < to; i++) {
            Orders.none(i, bidTick, bidQty, askTick, askQty);
            if (!Philox.bernoulli(Philox.agentWord(i, epoch, Streams.STAGE_DECIDE, 0, keyLo, keyHi, rng),
                    activityThreshold)) {
                continue;
            }
            boolean fundamentalist = Philox.bernoulli(Philox.agentWord(i, epoch, Streams.STAGE_DECIDE, 1, keyLo,
                    keyHi, ruleRng), fundamentalistThreshold);
            double eps = Draws.normal(Philox.agentWord(i, epoch, Streams.STAGE_DECIDE, 2, keyLo, keyHi, noiseRng),
                    Philox.agentWord(i, epoch, Streams.STAGE_DECIDE, 3, keyLo, keyHi, noiseRng2));
            double r = fundamentalist ? fundamentalMean + fundamentalSpread * eps
                    : chartistMean + chartistSpread * eps;
            double expected = lastTick * Draws.exp(r);
            if (r > 0) {
                bidTick[i] = Orders.floorTick(expected, maxTick);
                bidQty[i] = qty;
            } else if (r < 0) {
                askTick[i] = Orders.ceilTick(expected, maxTick);
                askQty[i] = qty;
            }
        }
    }
}
