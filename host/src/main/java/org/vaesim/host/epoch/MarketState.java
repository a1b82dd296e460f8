package org.vaesim.host.epoch;

import java.util.List;

import org.vaesim.kernels.PriceHistory;
import org.vaesim.kernels.gate.RejectReason;
import org.vaesim.models.market.MarketSpec;
import org.vaesim.models.scenario.Scenario;

/**
 * The host's per-market state between epochs: public prices, volumes, drawdown and the running totals the
 * summary reports. Columns indexed by market, like the device buffers they feed.
 */
public final class MarketState implements PriceHistory {
    /** Epochs of price history kept for chartists' look-back (their lookback is at most 1024). */
    public static final int HISTORY = 1025;

    public final int markets;
    public final int[] lastTick;
    public final int[] previousTick;
    public final int[] fundamentalTick;
    public final long[] lastVolume;
    public final long[] totalVolume;
    public final int[] peakTick;
    /** Largest fall from a running peak, as a fraction of the peak. */
    public final double[] maxDrawdown;
    /** Realised ZI surplus in ticks x units (Smith 1962; Gode and Sunder 1993). */
    public final long[] surplus;
    /** Fees collected, micro-credits: the fee sink account, per market. */
    public final long[] fees;
    /** Gate rejections, cumulative: index market * RejectReason.COUNT + reason. */
    public final long[] rejects;
    /** Best bid and ask left after the last clearing (0 = none). */
    public final int[] residualBid;
    public final int[] residualAsk;
    /** history[m * HISTORY + (epoch % HISTORY)] = last tick after that epoch. */
    public final int[] history;
    /**
     * The switching cohorts' state, three doubles each in population order: the share of fundamentalists and the two
     * rules' remembered profits (host/epoch/Beliefs); empty when the scenario has no switching cohort.
     */
    public final double[] beliefs;
    /** Allocative efficiency's accounts per trading period: index m * PeriodSurplus.SLOTS + PeriodSurplus.*. */
    public final long[] efficiency;

    public MarketState(List<MarketSpec> specs) {
        this(specs, 0);
    }

    /** With {@code beliefSlots} doubles of switching state ({@code Beliefs.slots}). */
    public MarketState(List<MarketSpec> specs, int beliefSlots) {
        markets = specs.size();
        lastTick = new int[markets];
        previousTick = new int[markets];
        fundamentalTick = new int[markets];
        lastVolume = new long[markets];
        totalVolume = new long[markets];
        peakTick = new int[markets];
        maxDrawdown = new double[markets];
        surplus = new long[markets];
        fees = new long[markets];
        rejects = new long[markets * RejectReason.COUNT];
        residualBid = new int[markets];
        residualAsk = new int[markets];
        history = new int[markets * HISTORY];
        beliefs = new double[beliefSlots];
        efficiency = new long[markets * PeriodSurplus.SLOTS];
        for (int m = 0; m < markets; m++) {
            MarketSpec s = specs.get(m);
            lastTick[m] = s.initialTick();
            previousTick[m] = s.initialTick();
            fundamentalTick[m] = s.fundamentalTick();
            peakTick[m] = s.initialTick();
        }
    }

    /** The markets of {@code scenario} at epoch 0, with room for its switching cohorts' state. */
    public static MarketState of(Scenario scenario) {
        MarketState markets = new MarketState(scenario.markets(), Beliefs.slots(scenario));
        Beliefs.reset(markets);
        return markets;
    }

    /** The last tick after epoch {@code epoch}; the initial price for epochs before 0. */
    @Override
    public int tickAfter(int m, int epoch, int initialTick) {
        return epoch < 0 ? initialTick : history[m * HISTORY + epoch % HISTORY];
    }

    /**
     * Realised volatility before epoch {@code epoch}: the mean of |p_t - p_{t-1}| / p_{t-1} over the {@code k}
     * epochs t = epoch - k .. epoch - 1, in percent (prices before epoch 0 are the initial price). Needs
     * {@code k < HISTORY}.
     */
    @Override
    public double realisedVolatility(int m, int epoch, int k, int initialTick) {
        double sum = 0;
        for (int t = epoch - k; t < epoch; t++) {
            int before = tickAfter(m, t - 1, initialTick);
            sum += (double) Math.abs(tickAfter(m, t, initialTick) - before) / before;
        }
        return 100 * sum / k;
    }

    public long feeSink() {
        long sum = 0;
        for (long f : fees) {
            sum += f;
        }
        return sum;
    }

    public double drawdown(int m) {
        return peakTick[m] == 0 ? 0.0 : (double) (peakTick[m] - lastTick[m]) / peakTick[m];
    }
}
