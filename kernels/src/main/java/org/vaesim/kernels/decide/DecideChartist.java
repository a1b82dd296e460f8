package org.vaesim.kernels.decide;

import org.vaesim.kernels.EpochInputs;
import org.vaesim.kernels.PriceHistory;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.kernels.rng.Philox;
import org.vaesim.kernels.rng.Streams;
import org.vaesim.models.market.MarketSpec;
import org.vaesim.models.strategy.ChartistParams;
import org.vaesim.models.strategy.StrategyFamily;

/**
 * Momentum traders: a rise of the last price over the price {@code lookback} epochs ago by more than
 * {@code threshold} ticks makes them bid {@code aggression} ticks above the last price; a fall makes them
 * ask as far below. Each acts with probability activityThreshold / 2^32.
 */
public final class DecideChartist {
    public static final DecideFamily FAMILY = new DecideFamily(StrategyFamily.CHARTIST, "decide_chartist.cl",
            (s, market, from, to, in, p, keyLo, keyHi, rng) -> {
                ChartistParams ch = (ChartistParams) s.cohort().params();
                decideChartist(from, to, in.lastTick[s.market()], in.lookbackTick[s.index()], market.ticks() - 1,
                        ch.thresholdTicks(), ch.aggressionTicks(), ch.qty(), Philox.probabilityThreshold(ch.activity()),
                        p.bidTick, p.bidQty, p.askTick, p.askQty, keyLo, keyHi, in.epoch, rng);
            },
            (c, kernel, s, market, in) -> {
                ChartistParams ch = (ChartistParams) s.cohort().params();
                c.launch(kernel, s.size(), s.start(), s.end(), in.lastTick[s.market()], in.lookbackTick[s.index()],
                        market.ticks() - 1, ch.thresholdTicks(), ch.aggressionTicks(), ch.qty(),
                        Philox.probabilityThreshold(ch.activity()), c.bidTick(), c.bidQty(), c.askTick(), c.askQty(),
                        c.keyLo(), c.keyHi(), in.epoch);
            }).withObserve(DecideChartist::observe);

    private DecideChartist() {
    }

    /** The host's part: the segment's market price {@code lookback} epochs before the last one. */
    static void observe(Segment s, MarketSpec market, PriceHistory prices, EpochInputs in) {
        ChartistParams c = (ChartistParams) s.cohort().params();
        in.lookbackTick[s.index()] = prices.tickAfter(s.market(), in.epoch - 1 - c.lookback(), market.initialTick());
    }

    public static void decideChartist(int from, int to, int lastTick, int lookbackTick, int maxTick,
                                      int threshold, int aggression, int qty, long activityThreshold,
                                      int[] bidTick, int[] bidQty, int[] askTick, int[] askQty,
                                      int keyLo, int keyHi, int epoch, int[] rng) {
        int trend = lastTick - lookbackTick;
        Philox.forgetAgentWords(rng);
        for (int i = from; i < to; i++) {
            Orders.none(i, bidTick, bidQty, askTick, askQty);
            if (trend <= threshold && trend >= -threshold) {
                continue;
            }
            if (!Philox.bernoulli(Philox.agentWord(i, epoch, Streams.STAGE_DECIDE, 0, keyLo, keyHi, rng),
                    activityThreshold)) {
                continue;
            }
            if (trend > 0) {
                bidTick[i] = Orders.clampTick(lastTick + aggression, maxTick);
                bidQty[i] = qty;
            } else {
                askTick[i] = Orders.clampTick(lastTick - aggression, maxTick);
                askQty[i] = qty;
            }
        }
    }
}
