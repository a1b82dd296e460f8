package org.vaesim.models.strategy;

/**
 * Agents that send no market orders and act only as bidders in resource auctions (the scenario's
 * {@code resource_auctions}, where their values are declared). They have no parameters of their own.
 */
public record BidderParams() implements StrategyParams {
    @Override
    public int maxOrderQty() {
        return 0;
    }
}
