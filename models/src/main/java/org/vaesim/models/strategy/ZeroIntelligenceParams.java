package org.vaesim.models.strategy;

/**
 * Gode and Sunder (1993) zero-intelligence traders, used by both ZI-C and ZI-U.
 *
 * <p>Each agent has a private value (buyers) or cost (sellers) drawn once, uniformly on the tick grid
 * in {@code [valueMinTick, valueMaxTick]}. It may trade {@code units} units per trading period of
 * {@code periodEpochs} epochs. ZI-C bids uniformly in [1, value] and asks uniformly in [cost, ticks-1]
 * (never trades at a loss); ZI-U bids and asks uniformly in [1, ticks-1] whatever its value.
 */
public record ZeroIntelligenceParams(Side side, int valueMinTick, int valueMaxTick, int units, int periodEpochs)
        implements StrategyParams {
    @Override
    public int maxOrderQty() {
        return 1;
    }
}
