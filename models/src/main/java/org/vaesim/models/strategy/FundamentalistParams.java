package org.vaesim.models.strategy;

/**
 * Trades toward a perceived fundamental value (Lux and Marchesi 1999). Each agent's perception is the
 * market's fundamental plus a private offset drawn once, uniform in ±{@code dispersionTicks}. When the
 * last price is more than {@code thresholdTicks} below (above) its perception, with probability
 * {@code activity} per epoch it bids (asks) with its perception as the limit, for
 * {@code ceil(reaction * mispricing ticks)} units, at most {@code maxQty}. The threshold is a no-trade
 * band (think transaction costs), not a price concession.
 */
public record FundamentalistParams(int dispersionTicks, int thresholdTicks, double reaction, int maxQty,
                                   double activity, int maxPosition, int maxShort) implements StrategyParams {
    @Override
    public int maxOrderQty() {
        return maxQty;
    }
}
