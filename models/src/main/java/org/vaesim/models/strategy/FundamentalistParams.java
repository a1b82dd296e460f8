package org.vaesim.models.strategy;

/**
 * Trades toward a perceived fundamental value (Lux and Marchesi 1999). Each agent's perception is the
 * market's fundamental plus a private offset drawn once, uniform in ±{@code dispersionTicks}. When the
 * last price is more than {@code thresholdTicks} below (above) its perception, with probability
 * {@code activity} per epoch it bids (asks) at its perception minus (plus) the threshold, for
 * {@code ceil(reaction * mispricing ticks)} units, at most {@code maxQty}.
 */
public record FundamentalistParams(int dispersionTicks, int thresholdTicks, double reaction, int maxQty,
                                   double activity, int maxPosition, int maxShort) implements StrategyParams {
    @Override
    public int maxOrderQty() {
        return maxQty;
    }
}
