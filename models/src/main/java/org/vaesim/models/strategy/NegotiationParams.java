package org.vaesim.models.strategy;

/**
 * Bilateral negotiation between random pairs of a cohort (a k-double auction, Chatterjee and Samuelson 1983),
 * where capability sets bargaining power (Tomasev et al. 2025: more capable agents get better deals).
 *
 * <p>Each agent gets a capability tier once, uniform in 0..tiers-1, with bargaining power
 * {@code 1 + spread x tier}. Each epoch, in each pair, a coin makes one the buyer; the buyer's value and the
 * seller's cost of one unit of service are drawn uniformly on the market's grid in
 * [{@code valueMinTick}, {@code valueMaxTick}]. When the value exceeds the cost they trade at
 * {@code cost + floor(k (value - cost))} ticks, k = seller power / (buyer power + seller power); the buyer
 * pays the seller (when it can afford it).
 */
public record NegotiationParams(int valueMinTick, int valueMaxTick, int tiers, double spread)
        implements StrategyParams {
    @Override
    public int maxOrderQty() {
        return 0;
    }

    /** Bargaining power of a capability tier. */
    public double power(int tier) {
        return 1 + spread * tier;
    }
}
