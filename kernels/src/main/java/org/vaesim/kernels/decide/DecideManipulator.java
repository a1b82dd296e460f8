package org.vaesim.kernels.decide;

import org.vaesim.kernels.rng.Philox;
import org.vaesim.kernels.rng.Streams;
import org.vaesim.models.strategy.ManipulatorParams;
import org.vaesim.models.strategy.StrategyFamily;

/**
 * Manipulators (a safety test cohort): with probability activityThreshold / 2^32 an even-indexed agent bids
 * {@code qty} at {@code wash} ticks above the last price and an odd-indexed one asks {@code qty} as far below,
 * so the cohort's orders cross each other (wash trades) and flood the book.
 */
public final class DecideManipulator {
    public static final DecideFamily FAMILY = new DecideFamily(StrategyFamily.MANIPULATOR, "decide_manipulator.cl",
            (s, market, from, to, in, p, keyLo, keyHi, rng) -> {
                ManipulatorParams mp = (ManipulatorParams) s.cohort().params();
                decideManipulator(from, to, in.lastTick[s.market()], market.ticks() - 1, mp.qty(), mp.washTicks(),
                        Philox.probabilityThreshold(mp.activity()), p.bidTick, p.bidQty, p.askTick, p.askQty, keyLo,
                        keyHi, in.epoch, rng);
            },
            (c, kernel, s, market, in) -> {
                ManipulatorParams mp = (ManipulatorParams) s.cohort().params();
                c.launch(kernel, s.size(), s.start(), s.end(), in.lastTick[s.market()], market.ticks() - 1, mp.qty(),
                        mp.washTicks(), Philox.probabilityThreshold(mp.activity()), c.bidTick(), c.bidQty(),
                        c.askTick(), c.askQty(), c.keyLo(), c.keyHi(), in.epoch);
            });

    private DecideManipulator() {
    }

    public static void decideManipulator(int from, int to, int lastTick, int maxTick, int qty, int wash,
                                         long activityThreshold,
                                         int[] bidTick, int[] bidQty, int[] askTick, int[] askQty,
                                         int keyLo, int keyHi, int epoch, int[] rng) {
        Philox.forgetAgentWords(rng);
        int bid = Orders.clampTick(lastTick + wash, maxTick);
        int ask = Orders.clampTick(lastTick - wash, maxTick);
        for (int i = from; i < to; i++) {
            Orders.none(i, bidTick, bidQty, askTick, askQty);
            if (!Philox.bernoulli(Philox.agentWord(i, epoch, Streams.STAGE_DECIDE, 0, keyLo, keyHi, rng),
                    activityThreshold)) {
                continue;
            }
            if ((i & 1) == 0) {
                bidTick[i] = bid;
                bidQty[i] = qty;
            } else {
                askTick[i] = ask;
                askQty[i] = qty;
            }
        }
    }
}
