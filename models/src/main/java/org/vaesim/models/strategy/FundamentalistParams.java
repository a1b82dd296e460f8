package org.vaesim.models.strategy;

/**
 * Trades toward a perceived fundamental value (Lux and Marchesi 1999). Each agent's perception is the
 * market's fundamental plus a private offset drawn once, uniform in ±{@code dispersionTicks}. When the
 * last price is more than {@code thresholdTicks} below (above) its perception, with probability
 * {@code activity} per epoch it bids (asks) with its perception as the limit, for
 * {@code ceil(reaction * mispricing ticks)} units, at most {@code maxQty}. The threshold is a no-trade
 * band (think transaction costs), not a price concession.
 *
 * <p>With {@code withdrawalVolatility} above 0 they withdraw as the market turns volatile, as the fundamental
 * buyers of 6 May 2010 did (CFTC-SEC 2010): the probability of acting is {@code activity / (1 + v / w)}, where
 * {@code v} is the market's realised volatility over the last {@code volatilityEpochs} epochs (the mean absolute
 * price change per epoch, in percent) and {@code w} is {@code withdrawalVolatility}: at {@code v = w} half of
 * them stay away.
 */
public record FundamentalistParams(int dispersionTicks, int thresholdTicks, double reaction, int maxQty,
                                   double activity, int maxPosition, int maxShort, double withdrawalVolatility,
                                   int volatilityEpochs) implements StrategyParams {
    /** Without withdrawal. */
    public FundamentalistParams(int dispersionTicks, int thresholdTicks, double reaction, int maxQty,
                                double activity, int maxPosition, int maxShort) {
        this(dispersionTicks, thresholdTicks, reaction, maxQty, activity, maxPosition, maxShort, 0, 10);
    }

    @Override
    public int maxOrderQty() {
        return maxQty;
    }

    /** Whether the cohort withdraws with volatility (and so needs the market's realised volatility each epoch). */
    public boolean withdraws() {
        return withdrawalVolatility > 0;
    }

    /** The probability of acting at realised volatility {@code volatilityPercent} (see the class comment). */
    public double activity(double volatilityPercent) {
        return withdraws() ? activity / (1 + volatilityPercent / withdrawalVolatility) : activity;
    }
}
