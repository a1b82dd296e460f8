package org.vaesim.kernels.decide;

import org.vaesim.kernels.EpochInputs;
import org.vaesim.kernels.memory.Population;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.kernels.rng.Philox;
import org.vaesim.models.market.MarketSpec;
import org.vaesim.models.strategy.BidderParams;
import org.vaesim.models.strategy.ChartistParams;
import org.vaesim.models.strategy.ExecutionParams;
import org.vaesim.models.strategy.FundamentalistParams;
import org.vaesim.models.strategy.HftParams;
import org.vaesim.models.strategy.KineticParams;
import org.vaesim.models.strategy.ManipulatorParams;
import org.vaesim.models.strategy.MarketMakerParams;
import org.vaesim.models.strategy.NegotiationParams;
import org.vaesim.models.strategy.NoiseParams;
import org.vaesim.models.strategy.OrderDrivenParams;
import org.vaesim.models.strategy.SwitchingParams;
import org.vaesim.models.strategy.Side;
import org.vaesim.models.strategy.StrategyFamily;
import org.vaesim.models.strategy.ZeroIntelligenceParams;

/** Picks a segment's decide kernel by its family and passes it the family's parameters and public state. */
public final class DecideSegment {
    private DecideSegment() {
    }

    /** Runs segment {@code s}'s decide kernel over [from, to), a part of the segment's range. */
    public static void decide(Segment s, MarketSpec market, int from, int to, EpochInputs in, Population p,
                              int keyLo, int keyHi, int[] rng) {
        int m = s.market();
        int maxTick = market.ticks() - 1;
        int last = in.lastTick[m];
        switch (s.cohort().params()) {
            case ZeroIntelligenceParams zi when s.cohort().family() == StrategyFamily.TRUTHFUL ->
                    DecideTruthful.decideTruthful(from, to, zi.side() == Side.BUY, p.trait, p.quota,
                            p.bidTick, p.bidQty, p.askTick, p.askQty);
            case ZeroIntelligenceParams zi -> DecideZeroIntelligence.decideZeroIntelligence(from, to,
                    s.cohort().family() == StrategyFamily.ZI_C, zi.side() == Side.BUY, maxTick,
                    p.trait, p.quota, p.bidTick, p.bidQty, p.askTick, p.askQty, keyLo, keyHi, in.epoch, rng);
            case FundamentalistParams f -> DecideFundamentalist.decideFundamentalist(from, to,
                    in.anchorTick[s.index()] > 0 ? in.anchorTick[s.index()] : in.fundamentalTick[m], last, maxTick, f.thresholdTicks(), f.reaction(), f.maxQty(),
                    Philox.probabilityThreshold(f.activity()), p.trait,
                    p.bidTick, p.bidQty, p.askTick, p.askQty, keyLo, keyHi, in.epoch, rng);
            case ChartistParams ch -> DecideChartist.decideChartist(from, to, last, in.lookbackTick[s.index()],
                    maxTick, ch.thresholdTicks(), ch.aggressionTicks(), ch.qty(),
                    Philox.probabilityThreshold(ch.activity()),
                    p.bidTick, p.bidQty, p.askTick, p.askQty, keyLo, keyHi, in.epoch, rng);
            case NoiseParams n -> DecideNoise.decideNoise(from, to, last, maxTick, n.reachTicks(), n.sizeMin(),
                    1.0 / n.tail(), n.maxQty(), Philox.probabilityThreshold(n.activity()),
                    p.bidTick, p.bidQty, p.askTick, p.askQty, keyLo, keyHi, in.epoch, rng);
            case OrderDrivenParams o -> {
                double[] g = in.signals;
                int b = s.index() * EpochInputs.SIGNALS;
                DecideOrderDriven.decideOrderDriven(from, to, last, maxTick, g[b], g[b + 1], g[b + 2], g[b + 3],
                        g[b + 4], g[b + 5], g[b + 6], g[b + 7], g[b + 8], o.fundamentalWeight(), o.chartistWeight(),
                        o.noiseWeight(), o.noiseSigma(), o.spread(), o.qty(), Philox.probabilityThreshold(o.activity()),
                        p.trait, p.bidTick, p.bidQty, p.askTick, p.askQty, keyLo, keyHi, in.epoch);
            }
            case SwitchingParams w -> {
                double[] g = in.signals;
                int b = s.index() * EpochInputs.SIGNALS;
                // one word decides activity and rule: active fundamentalists are the words below activity x share
                DecideSwitching.decideSwitching(from, to, last, maxTick,
                        Philox.probabilityThreshold(w.activity() * g[b]), g[b + 1], g[b + 2], g[b + 3], g[b + 4],
                        w.qty(),
                        Philox.probabilityThreshold(w.activity()), p.bidTick, p.bidQty, p.askTick, p.askQty, keyLo,
                        keyHi, in.epoch);
            }
            case MarketMakerParams mm -> DecideMarketMaker.decideMarketMaker(from, to, last, maxTick,
                    mm.halfSpreadTicks(), mm.quoteQty(), mm.maxInventory(), mm.skewTicks(), p.inventory,
                    p.bidTick, p.bidQty, p.askTick, p.askQty);
            case HftParams h -> DecideHft.decideHft(from, to, last, in.previousTick[m], maxTick,
                    h.quoteQty(), h.maxInventory(), h.aggressionTicks(), p.inventory,
                    p.bidTick, p.bidQty, p.askTick, p.askQty);
            case ExecutionParams x -> DecideExecution.decideExecution(from, to, x.side() == Side.BUY, in.epoch,
                    x.startEpoch(), in.previousVolume[m], x.participation(), x.maxOrder(), x.limitTick(), maxTick,
                    p.quota, p.bidTick, p.bidQty, p.askTick, p.askQty);
            case KineticParams k -> {
                // kinetic agents exchange wealth in pairs after settlement; their order slots stay empty
            }
            case NegotiationParams n -> {
                // negotiators bargain in pairs after settlement; their order slots stay empty
            }
            case BidderParams b -> {
                // bidders act only in resource auctions, after settlement; their order slots stay empty
            }
            case ManipulatorParams mp -> DecideManipulator.decideManipulator(from, to, last, maxTick, mp.qty(),
                    mp.washTicks(), Philox.probabilityThreshold(mp.activity()), p.bidTick, p.bidQty, p.askTick,
                    p.askQty, keyLo, keyHi, in.epoch, rng);
        }
    }
}
