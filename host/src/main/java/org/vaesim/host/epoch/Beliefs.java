package org.vaesim.host.epoch;

import java.util.List;

import org.vaesim.kernels.EpochInputs;
import org.vaesim.kernels.memory.Layout;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.kernels.rng.Draws;
import org.vaesim.kernels.rng.Philox;
import org.vaesim.kernels.rng.Streams;
import org.vaesim.models.scenario.Scenario;
import org.vaesim.models.strategy.OrderDrivenParams;
import org.vaesim.models.strategy.SwitchingParams;

/**
 * What the heterogeneous-belief families read each epoch, derived on the host from public prices before decide
 * ({@link EpochInputs#signals}), and the switching cohorts' state ({@link MarketState#beliefs}):
 * <ul>
 *   <li>an order-driven cohort (Chiarella and Iori 2002): the fundamental term ln(F / L) / reversion epochs and, for
 *       h = 0..7, the mean log return over the last 2^h epochs;</li>
 *   <li>a switching cohort (Brock and Hommes 1998, with herding and misalignment as in Franke and Westerhoff 2012):
 *       its rules' profits are remembered, its share of fundamentalists n updated by the discrete choice
 *       n = 1 / (1 + exp(-intensity a)), and each rule's expected log return, with this epoch's shock common to
 *       the rule's followers (normal draws from the DECIDE stream's sentiment stage), and the spread of the
 *       followers' own noise handed to the agents; both noises scaled by 1 + feedback x the recent volatility.</li>
 * </ul>
 * Logarithms and the logistic function are the platform's (StrictMath, the same on every JVM): they run once per
 * cohort on the host, and every backend receives the same doubles.
 */
final class Beliefs {
    /** Doubles of state per switching cohort: n, then the fundamentalist's and the chartist's remembered profits. */
    static final int STATE = 3;
    private static final int HORIZONS = OrderDrivenParams.MAX_HORIZONS;

    private final List<Segment> segments;
    private final List<Integer> initialTicks;
    /** Per segment: the offset of its state in {@link MarketState#beliefs}, or -1. */
    private final int[] stateOf;
    private final int keyLo;
    private final int keyHi;
    private final int[] words = new int[4];

    Beliefs(Scenario scenario, Layout layout) {
        this.segments = layout.segments();
        this.initialTicks = scenario.markets().stream().map(m -> m.initialTick()).toList();
        this.stateOf = new int[segments.size()];
        int next = 0;
        for (Segment s : segments) {
            stateOf[s.index()] = s.cohort().params() instanceof SwitchingParams ? next : -1;
            next += s.cohort().params() instanceof SwitchingParams ? STATE : 0;
        }
        long key = Philox.key(scenario.seed(), Streams.DECIDE);
        this.keyLo = Philox.keyLo(key);
        this.keyHi = Philox.keyHi(key);
    }

    /** Doubles of switching state the scenario needs (0 without switching cohorts, so no checkpoint bytes). */
    static int slots(Scenario scenario) {
        return (int) scenario.cohorts().stream().filter(c -> c.params() instanceof SwitchingParams).count() * STATE;
    }

    /** The state before the first epoch: half of every switching cohort fundamentalists, no profits remembered. */
    static void reset(MarketState markets) {
        for (int k = 0; k < markets.beliefs.length; k += STATE) {
            markets.beliefs[k] = 0.5;
        }
    }

    /** Fills the signals of epoch {@code e} and moves the switching state on by one epoch. */
    void observe(int e, MarketState markets, EpochInputs in) {
        for (Segment s : segments) {
            switch (s.cohort().params()) {
                case OrderDrivenParams o -> orderDriven(e, s, o, markets, in.signals);
                case SwitchingParams w -> switching(e, s, w, markets, in.signals);
                default -> {
                    // the other families read no signals
                }
            }
        }
    }

    private void orderDriven(int e, Segment s, OrderDrivenParams o, MarketState markets, double[] signals) {
        int m = s.market();
        int base = s.index() * EpochInputs.SIGNALS;
        double last = StrictMath.log(markets.lastTick[m]);
        signals[base] = (StrictMath.log(markets.fundamentalTick[m]) - last) / o.reversionEpochs();
        for (int h = 0; h < HORIZONS; h++) {
            int lag = 1 << h;
            double then = StrictMath.log(markets.tickAfter(m, e - 1 - lag, initialTicks.get(m)));
            signals[base + 1 + h] = (last - then) / lag;
        }
    }

    private void switching(int e, Segment s, SwitchingParams w, MarketState markets, double[] signals) {
        int m = s.market();
        int initial = initialTicks.get(m);
        double last = StrictMath.log(markets.lastTick[m]);
        double previous = StrictMath.log(markets.previousTick[m]);
        double beforeThat = StrictMath.log(markets.tickAfter(m, e - 3, initial));
        double fundamental = StrictMath.log(markets.fundamentalTick[m]);
        double move = last - previous;
        double[] state = markets.beliefs;
        int k = stateOf[s.index()];
        // each rule's profit on last epoch's move, had it followed its noise-free forecast of that epoch
        double memory = w.memory();
        state[k + 1] = memory * state[k + 1] + (1 - memory) * move * w.fundamentalReaction() * (fundamental - previous);
        state[k + 2] = memory * state[k + 2] + (1 - memory) * move * w.chartistReaction() * (previous - beforeThat);
        double n = state[k];
        double mispricing = last - fundamental;
        double a = w.predisposition() + w.herding() * (2 * n - 1) + w.misalignment() * mispricing * mispricing
                + w.performance() * (state[k + 1] - state[k + 2]);
        n = 1 / (1 + StrictMath.exp(-w.intensity() * a));
        state[k] = n;
        Philox.philox4x32_10(s.index(), e, Streams.STAGE_SENTIMENT, 0, keyLo, keyHi, words);
        double scale = 1 + w.volatilityFeedback() * volatility(e, m, w.volatilityWindow(), markets);
        double fundamentalNoise = w.fundamentalNoise() * scale;
        double chartistNoise = w.chartistNoise() * scale;
        double common = Math.sqrt(w.commonNoise());
        double own = Math.sqrt(1 - w.commonNoise());
        int base = s.index() * EpochInputs.SIGNALS;
        signals[base] = n;
        signals[base + 1] = w.fundamentalReaction() * (fundamental - last)
                + fundamentalNoise * common * Draws.normal(words[0]);
        signals[base + 2] = w.chartistReaction() * move + chartistNoise * common * Draws.normal(words[1]);
        signals[base + 3] = fundamentalNoise * own;
        signals[base + 4] = chartistNoise * own;
    }

    /** The root mean square log return of market m over the {@code window} epochs before epoch e. */
    private double volatility(int e, int m, int window, MarketState markets) {
        int initial = initialTicks.get(m);
        double sum = 0;
        double later = StrictMath.log(markets.tickAfter(m, e - 1, initial));
        for (int t = e - 2; t >= e - 1 - window; t--) {
            double earlier = StrictMath.log(markets.tickAfter(m, t, initial));
            sum += (later - earlier) * (later - earlier);
            later = earlier;
        }
        return Math.sqrt(sum / window);
    }
}
