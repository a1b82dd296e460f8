package org.vaesim.kernels.decide;

import org.vaesim.kernels.rng.Philox;
import org.vaesim.kernels.rng.Streams;

/**
 * Fundamentalists trade toward their perception of value: the market's fundamental plus a private offset
 * ({@code trait}). When the last price is more than {@code threshold} ticks below (above) that value they
 * bid (ask) for {@code ceil(reaction * mispricing)} units, at most {@code maxQty}, with their value as the
 * limit; each acts with probability activityThreshold / 2^32.
 */
public final class DecideFundamentalist {
    private DecideFundamentalist() {
    }

    public static void decideFundamentalist(int from, int to, int fundamentalTick, int lastTick, int maxTick,
                                            int threshold, double reaction, int maxQty, long activityThreshold,
                                            int[] trait,
                                            int[] bidTick, int[] bidQty, int[] askTick, int[] askQty,
                                            int keyLo, int keyHi, int epoch, int[] rng) {
        Philox.forgetAgentWords(rng);
        for (int i = from; i < to; i++) {
            Orders.none(i, bidTick, bidQty, askTick, askQty);
            if (!Philox.bernoulli(Philox.agentWord(i, epoch, Streams.STAGE_DECIDE, 0, keyLo, keyHi, rng),
                    activityThreshold)) {
                continue;
            }
            int perceived = Orders.clampTick(fundamentalTick + trait[i], maxTick);
            int mispricing = perceived - lastTick;
            if (mispricing > threshold) {
                bidTick[i] = perceived;
                bidQty[i] = quantity(reaction, mispricing, maxQty);
            } else if (mispricing < -threshold) {
                askTick[i] = perceived;
                askQty[i] = quantity(reaction, -mispricing, maxQty);
            }
        }
    }

    private static int quantity(double reaction, int ticksAway, int maxQty) {
        double q = Math.ceil(reaction * ticksAway);
        return q >= maxQty ? maxQty : Math.max(1, (int) q);
    }
}
