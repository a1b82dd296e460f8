package org.vaesim.models.strategy;

import java.util.List;

/**
 * Traders with induced values (Smith 1962), used by ZI-C, ZI-U (Gode and Sunder 1993) and truthful traders.
 *
 * <p>Each agent has a private value (buyers) or cost (sellers). By default it is drawn once, uniformly on the tick
 * grid in {@code [valueMinTick, valueMaxTick]}; when {@code valueTicks} lists values, the cohort's k-th agent gets
 * {@code valueTicks[k mod size]} (one per agent, or a schedule repeated), and {@code valueMinTick} and
 * {@code valueMaxTick} are the list's smallest and largest. An agent may trade {@code units} units per trading
 * period of {@code periodEpochs} epochs. ZI-C bids uniformly in [1, value] and asks uniformly in [cost, ticks-1]
 * (never trades at a loss); ZI-U bids and asks uniformly in [1, ticks-1] whatever its value; a truthful trader
 * bids its value and asks its cost.
 */
public record ZeroIntelligenceParams(Side side, int valueMinTick, int valueMaxTick, int units, int periodEpochs,
                                     List<Integer> valueTicks) implements StrategyParams {
    public ZeroIntelligenceParams {
        valueTicks = List.copyOf(valueTicks);
    }

    /** Values drawn uniformly in [valueMinTick, valueMaxTick]. */
    public ZeroIntelligenceParams(Side side, int valueMinTick, int valueMaxTick, int units, int periodEpochs) {
        this(side, valueMinTick, valueMaxTick, units, periodEpochs, List.of());
    }

    /** Whether the values are listed rather than drawn. */
    public boolean listed() {
        return !valueTicks.isEmpty();
    }

    @Override
    public int maxOrderQty() {
        return 1;
    }
}
