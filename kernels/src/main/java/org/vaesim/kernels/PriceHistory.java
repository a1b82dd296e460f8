package org.vaesim.kernels;

/**
 * The markets' public price history as the host keeps it (host/epoch/MarketState): what a strategy family's
 * {@link org.vaesim.kernels.decide.DecideFamily.Observe observe} hook derives its segment's inputs from.
 */
public interface PriceHistory {
    /** Market {@code market}'s last tick after epoch {@code epoch}; {@code initialTick} for epochs before 0. */
    int tickAfter(int market, int epoch, int initialTick);

    /**
     * Market {@code market}'s realised volatility before epoch {@code epoch}: the mean of |p_t - p_{t-1}| / p_{t-1}
     * over the {@code k} epochs before it, in percent (prices before epoch 0 are {@code initialTick}).
     */
    double realisedVolatility(int market, int epoch, int k, int initialTick);
}
