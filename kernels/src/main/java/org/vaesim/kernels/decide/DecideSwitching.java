package org.vaesim.kernels.decide;

import org.vaesim.kernels.EpochInputs;
import org.vaesim.kernels.rng.Draws;
import org.vaesim.kernels.rng.Philox;
import org.vaesim.kernels.rng.Streams;
import org.vaesim.models.strategy.StrategyFamily;
import org.vaesim.models.strategy.SwitchingParams;

/**
 * Traders switching between a fundamentalist and a chartist forecast (Brock and Hommes 1998): the host gives each
 * rule's common expected log return this epoch (its mean and the shock its followers share) and the spreads of the
 * agents' own normal noise. One word decides both whether an agent acts and which rule it follows: it acts when the
 * word is below activityThreshold and is then a fundamentalist when it is also below fundamentalistThreshold (the
 * host's threshold for activity x the share of fundamentalists), so a second word, the noise's, is all it draws.
 * With expected return r it bids floor(L e^r) when r > 0 or asks ceil(L e^r) when r < 0, for {@code qty} units.
 */
public final class DecideSwitching {
    /**
     * The host's signals for the segment (host/epoch/Beliefs, from the cohort's state in MarketState): the share of
     * fundamentalists, the two rules' common expected returns, then the spreads of their followers' own noise. One
     * word decides activity and rule: active fundamentalists are the words below activity x share.
     */
    public static final DecideFamily FAMILY = new DecideFamily(StrategyFamily.SWITCHING, "decide_switching.cl",
            (s, market, from, to, in, p, keyLo, keyHi, rng) -> {
                SwitchingParams w = (SwitchingParams) s.cohort().params();
                double[] g = in.signals;
                int b = s.index() * EpochInputs.SIGNALS;
                decideSwitching(from, to, in.lastTick[s.market()], market.ticks() - 1,
                        Philox.probabilityThreshold(w.activity() * g[b]), g[b + 1], g[b + 2], g[b + 3], g[b + 4],
                        w.qty(), Philox.probabilityThreshold(w.activity()), p.bidTick, p.bidQty, p.askTick, p.askQty,
                        keyLo, keyHi, in.epoch);
            },
            (c, kernel, s, market, in) -> {
                SwitchingParams w = (SwitchingParams) s.cohort().params();
                double[] g = in.signals;
                int b = s.index() * EpochInputs.SIGNALS;
                c.launch(kernel, s.size(), s.start(), s.end(), in.lastTick[s.market()], market.ticks() - 1,
                        Philox.probabilityThreshold(w.activity() * g[b]), g[b + 1], g[b + 2], g[b + 3], g[b + 4],
                        w.qty(), Philox.probabilityThreshold(w.activity()), c.bidTick(), c.bidQty(), c.askTick(),
                        c.askQty(), c.keyLo(), c.keyHi(), in.epoch);
            });

    private DecideSwitching() {
    }

    public static void decideSwitching(int from, int to, int lastTick, int maxTick, long fundamentalistThreshold,
                                       double fundamentalMean, double chartistMean, double fundamentalSpread,
                                       double chartistSpread, int qty, long activityThreshold,
                                       int[] bidTick, int[] bidQty, int[] askTick, int[] askQty,
                                       int keyLo, int keyHi, int epoch) {
        // Agent i's words are lane i & 3 of the Philox blocks (i >> 2, epoch, stage, draw), each block computed once
        // for four agents: the activity's always, the noise's only once an agent of the four acts.
        int[] words = Philox.agentWordScratch();
        int[] noise = Philox.agentWordScratch();
        for (int i = from; i < to; i++) {
            Orders.none(i, bidTick, bidQty, askTick, askQty);
            int word = Philox.agentWord(i, epoch, Streams.STAGE_DECIDE, 0, keyLo, keyHi, words);
            if (!Philox.bernoulli(word, activityThreshold)) {
                continue;
            }
            boolean fundamentalist = Philox.bernoulli(word, fundamentalistThreshold);
            double eps = Draws.normal(Philox.agentWord(i, epoch, Streams.STAGE_DECIDE, 1, keyLo, keyHi, noise));
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
