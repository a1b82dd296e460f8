package org.vaesim.kernels.decide;

import org.vaesim.kernels.rng.Philox;
import org.vaesim.kernels.rng.Streams;
import org.vaesim.models.strategy.ManipulatorParams;
import org.vaesim.models.strategy.StrategyFamily;

/**
 * Manipulators (a safety test cohort): with probability activityThreshold / 2^32 a buying agent bids {@code qtyMin ..
 * qty} units (uniform, draw 1) at {@code washMin .. wash} ticks (uniform, draw 2) above the last price and a selling
 * agent asks as many as far below, so the cohort's orders cross each other (wash trades) and flood the book. The
 * even-indexed agents buy, or with {@code drawnSides} each agent whose coin (draw 3 of epoch 0: the same word every
 * epoch, so a side per agent and seed) falls below one half. Equal bounds draw the bound itself, so fixed orders are
 * what they were before the draws. An adaptive cohort that backs off this epoch ({@code EpochInputs.backingOff})
 * draws with its watch's activity and largest size instead: scalars of the launch, so the kernel is the same.
 */
public final class DecideManipulator {
    public static final DecideFamily FAMILY = new DecideFamily(StrategyFamily.MANIPULATOR, "decide_manipulator.cl",
            (s, market, from, to, in, p, keyLo, keyHi, rng) -> {
                ManipulatorParams mp = (ManipulatorParams) s.cohort().params();
                boolean back = in.backingOff[s.index()] != 0;
                decideManipulator(from, to, in.lastTick[s.market()], market.ticks() - 1, mp.qtyMin(back),
                        mp.qty(back), mp.washTicksMin(), mp.washTicks(), mp.drawnSides() ? 1 : 0,
                        Philox.probabilityThreshold(mp.activity(back)), p.bidTick, p.bidQty, p.askTick, p.askQty,
                        keyLo, keyHi, in.epoch, rng);
            },
            (c, kernel, s, market, in) -> {
                ManipulatorParams mp = (ManipulatorParams) s.cohort().params();
                boolean back = in.backingOff[s.index()] != 0;
                c.launch(kernel, s.size(), s.start(), s.end(), in.lastTick[s.market()], market.ticks() - 1,
                        mp.qtyMin(back), mp.qty(back), mp.washTicksMin(), mp.washTicks(), mp.drawnSides() ? 1 : 0,
                        Philox.probabilityThreshold(mp.activity(back)), c.bidTick(), c.bidQty(), c.askTick(),
                        c.askQty(), c.keyLo(), c.keyHi(), in.epoch);
            });

    /** A coin below this threshold (one half of 2^32) makes a drawn-side agent a buyer. */
    private static final long HALF = 1L << 31;

    private DecideManipulator() {
    }

    public static void decideManipulator(int from, int to, int lastTick, int maxTick, int qtyMin, int qty,
                                         int washMin, int wash, int drawnSides, long activityThreshold,
                                         int[] bidTick, int[] bidQty, int[] askTick, int[] askQty,
                                         int keyLo, int keyHi, int epoch, int[] rng) {
        Philox.forgetAgentWords(rng);
        int[] sizeRng = Philox.agentWordScratch(); // one scratch per draw: each caches its own Philox block
        int[] washRng = Philox.agentWordScratch();
        int[] sideRng = Philox.agentWordScratch();
        for (int i = from; i < to; i++) {
            Orders.none(i, bidTick, bidQty, askTick, askQty);
            if (!Philox.bernoulli(Philox.agentWord(i, epoch, Streams.STAGE_DECIDE, 0, keyLo, keyHi, rng),
                    activityThreshold)) {
                continue;
            }
            int size = Philox.uniform(Philox.agentWord(i, epoch, Streams.STAGE_DECIDE, 1, keyLo, keyHi, sizeRng),
                    qtyMin, qty);
            int ticks = Philox.uniform(Philox.agentWord(i, epoch, Streams.STAGE_DECIDE, 2, keyLo, keyHi, washRng),
                    washMin, wash);
            boolean buys = drawnSides == 0 ? (i & 1) == 0
                    : Philox.bernoulli(Philox.agentWord(i, 0, Streams.STAGE_DECIDE, 3, keyLo, keyHi, sideRng), HALF);
            if (buys) {
                bidTick[i] = Orders.clampTick(lastTick + ticks, maxTick);
                bidQty[i] = size;
            } else {
                askTick[i] = Orders.clampTick(lastTick - ticks, maxTick);
                askQty[i] = size;
            }
        }
    }
}
