package org.vaesim.models.strategy;

/**
 * Momentum trader: compares the last price with the price {@code lookback} epochs ago; a rise of more
 * than {@code thresholdTicks} makes it bid {@code aggressionTicks} above the last price, a fall makes it
 * ask as far below, for {@code qty} units, with probability {@code activity} per epoch.
 */
public record ChartistParams(int lookback, int thresholdTicks, int aggressionTicks, int qty, double activity,
                             int maxPosition, int maxShort) implements StrategyParams {
    @Override
    public int maxOrderQty() {
        return qty;
    }
}
