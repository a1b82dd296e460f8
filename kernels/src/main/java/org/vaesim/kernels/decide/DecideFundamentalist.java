package org.vaesim.kernels.decide;

import org.vaesim.kernels.EpochInputs;
import org.vaesim.kernels.PriceHistory;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.kernels.rng.Philox;
import org.vaesim.kernels.rng.Streams;
import org.vaesim.models.market.MarketSpec;
import org.vaesim.models.strategy.FundamentalistParams;
import org.vaesim.models.strategy.StrategyFamily;

/**
 * Fundamentalists trade toward their perception of value: the market's fundamental plus a private offset
 * ({@code trait}). When the last price is more than {@code threshold} ticks below (above) that value they
 * bid (ask) for {@code ceil(reaction * mispricing)} units, at most {@code maxQty}, with their value as the
 * limit; each acts with probability activityThreshold / 2^32.
 */
public final class DecideFundamentalist {
    public static final DecideFamily FAMILY = new DecideFamily(StrategyFamily.FUNDAMENTALIST,
            "decide_fundamentalist.cl",
            (s, market, from, to, in, p, keyLo, keyHi, rng) -> {
                FundamentalistParams f = (FundamentalistParams) s.cohort().params();
                decideFundamentalist(from, to, valueTick(s, in), in.lastTick[s.market()], market.ticks() - 1,
                        f.thresholdTicks(), f.reaction(), f.maxQty(), activity(f, s, in), p.trait, p.bidTick, p.bidQty, p.askTick, p.askQty, keyLo, keyHi, in.epoch, rng);
            },
            (c, kernel, s, market, in) -> {
                FundamentalistParams f = (FundamentalistParams) s.cohort().params();
                c.launch(kernel, s.size(), s.start(), s.end(), valueTick(s, in), in.lastTick[s.market()],
                        market.ticks() - 1, f.thresholdTicks(), f.reaction(), f.maxQty(), activity(f, s, in),
                        c.trait(), c.bidTick(), c.bidQty(), c.askTick(), c.askQty(), c.keyLo(), c.keyHi(), in.epoch);
            }).withObserve(DecideFundamentalist::observe);

    /**
     * The host's part, for a cohort that withdraws with volatility: its market's realised volatility over its
     * window; nothing for the others.
     */
    static void observe(Segment s, MarketSpec market, PriceHistory prices, EpochInputs in) {
        FundamentalistParams f = (FundamentalistParams) s.cohort().params();
        if (f.withdraws()) {
            in.volatility[s.index()] = prices.realisedVolatility(s.market(), in.epoch, f.volatilityEpochs(),
                    market.initialTick());
        }
    }

    /** The chance of acting, lowered by the market's recent volatility when the cohort withdraws with it. */
    private static long activity(FundamentalistParams f, Segment s, EpochInputs in) {
        return Philox.probabilityThreshold(f.activity(in.volatility[s.index()]));
    }

    /** A gateway broker values its good at the external price (its anchor), others at the market's fundamental. */
    private static int valueTick(Segment s, EpochInputs in) {
        return in.anchorTick[s.index()] > 0 ? in.anchorTick[s.index()] : in.fundamentalTick[s.market()];
    }

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
