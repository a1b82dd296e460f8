package org.vaesim.kernels.decide;

import org.vaesim.kernels.EpochInputs;
import org.vaesim.kernels.rng.Draws;
import org.vaesim.kernels.rng.Philox;
import org.vaesim.kernels.rng.Streams;
import org.vaesim.models.strategy.OrderDrivenParams;
import org.vaesim.models.strategy.StrategyFamily;

/**
 * Order-driven traders with heterogeneous beliefs (Chiarella and Iori 2002). {@code trait} packs an agent's weights
 * and horizon class, one byte each: fundamental b1 (bits 0-7), chartist b2 (8-15), noise bn (16-23), horizon h
 * (24-31). With weights g1 = w1 (b1 + 1), g2 = w2 (b2 + 1), gn = wn (bn + 1), an active agent expects the log return
 *
 * <pre>
 *   r = (g1 fundamental + g2 trend[h] + gn noiseSigma eps) / (g1 + g2 + gn)
 * </pre>
 *
 * where the host gives {@code fundamental} = ln(F / L) / reversion epochs and trend[h] = the mean log return over the
 * last 2^h epochs (trend0 .. trend7), and eps is a normal draw. Its expected price is L e^r: above L it bids
 * floor(L e^r (1 - k)), below it asks ceil(L e^r (1 + k)), k uniform in [0, spread). The word that decides whether
 * the agent acts also gives k: below activityThreshold it is uniform on [0, activityThreshold), so k = spread x
 * word / activityThreshold; the noise's word is the only other draw.
 */
public final class DecideOrderDriven {
    /** The host's signals for the segment (host/epoch/Beliefs): the fundamental term, then trend[0..7]. */
    public static final DecideFamily FAMILY = new DecideFamily(StrategyFamily.ORDER_DRIVEN, "decide_order_driven.cl",
            (s, market, from, to, in, p, keyLo, keyHi, rng) -> {
                OrderDrivenParams o = (OrderDrivenParams) s.cohort().params();
                double[] g = in.signals;
                int b = s.index() * EpochInputs.SIGNALS;
                decideOrderDriven(from, to, in.lastTick[s.market()], market.ticks() - 1, g[b], g[b + 1], g[b + 2],
                        g[b + 3], g[b + 4], g[b + 5], g[b + 6], g[b + 7], g[b + 8], o.fundamentalWeight(),
                        o.chartistWeight(), o.noiseWeight(), o.noiseSigma(), o.spread(), o.qty(),
                        Philox.probabilityThreshold(o.activity()), p.trait, p.bidTick, p.bidQty, p.askTick, p.askQty,
                        keyLo, keyHi, in.epoch);
            },
            (c, kernel, s, market, in) -> {
                OrderDrivenParams o = (OrderDrivenParams) s.cohort().params();
                double[] g = in.signals;
                int b = s.index() * EpochInputs.SIGNALS;
                c.launch(kernel, s.size(), s.start(), s.end(), in.lastTick[s.market()], market.ticks() - 1, g[b],
                        g[b + 1], g[b + 2], g[b + 3], g[b + 4], g[b + 5], g[b + 6], g[b + 7], g[b + 8],
                        o.fundamentalWeight(), o.chartistWeight(), o.noiseWeight(), o.noiseSigma(), o.spread(),
                        o.qty(), Philox.probabilityThreshold(o.activity()), c.trait(), c.bidTick(), c.bidQty(),
                        c.askTick(), c.askQty(), c.keyLo(), c.keyHi(), in.epoch);
            });

    private DecideOrderDriven() {
    }

    public static void decideOrderDriven(int from, int to, int lastTick, int maxTick, double fundamental,
                                         double trend0, double trend1, double trend2, double trend3, double trend4,
                                         double trend5, double trend6, double trend7, double w1, double w2,
                                         double wn, double noiseSigma, double spread, int qty,
                                         long activityThreshold, int[] trait,
                                         int[] bidTick, int[] bidQty, int[] askTick, int[] askQty,
                                         int keyLo, int keyHi, int epoch) {
        // Agent i's words are lane i & 3 of the Philox blocks (i >> 2, epoch, stage, draw), each block computed once
        // for four agents: the activity's always, the noise's only once an agent of the four acts.
        int[] words = Philox.agentWordScratch();
        int[] noise = Philox.agentWordScratch();
        double perThreshold = 1.0 / activityThreshold;
        for (int i = from; i < to; i++) {
            Orders.none(i, bidTick, bidQty, askTick, askQty);
            int word = Philox.agentWord(i, epoch, Streams.STAGE_DECIDE, 0, keyLo, keyHi, words);
            if (!Philox.bernoulli(word, activityThreshold)) {
                continue;
            }
            int t = trait[i];
            double g1 = w1 * ((t & 255) + 1);
            double g2 = w2 * (((t >>> 8) & 255) + 1);
            double gn = wn * (((t >>> 16) & 255) + 1);
            double trend = select(t >>> 24, trend0, trend1, trend2, trend3, trend4, trend5, trend6, trend7);
            double eps = Draws.normal(Philox.agentWord(i, epoch, Streams.STAGE_DECIDE, 1, keyLo, keyHi, noise));
            double r = (g1 * fundamental + g2 * trend + gn * noiseSigma * eps) / (g1 + g2 + gn);
            double expected = lastTick * Draws.exp(r);
            double k = spread * ((double) (word & 0xFFFFFFFFL) * perThreshold);
            if (expected > lastTick) {
                bidTick[i] = Orders.floorTick(expected * (1.0 - k), maxTick);
                bidQty[i] = qty;
            } else if (expected < lastTick) {
                askTick[i] = Orders.ceilTick(expected * (1.0 + k), maxTick);
                askQty[i] = qty;
            }
        }
    }

    /** trend[h] for h in 0..7 (the packed horizon class is never above 7). */
    static double select(int h, double t0, double t1, double t2, double t3, double t4, double t5, double t6,
                         double t7) {
        return switch (h) {
            case 0 -> t0;
            case 1 -> t1;
            case 2 -> t2;
            case 3 -> t3;
            case 4 -> t4;
            case 5 -> t5;
            case 6 -> t6;
            default -> t7;
        };
    }
}
