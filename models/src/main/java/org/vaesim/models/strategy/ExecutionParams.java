package org.vaesim.models.strategy;

/**
 * Large execution algorithm (the 6 May 2010 pattern): from {@code startEpoch} on, each epoch it sends
 * {@code max(1, floor(participation * previous epoch's market volume))} units (capped by what remains of
 * {@code targetQty}) with limit {@code limitTick}; limit 0 means a market order (tick 1 for a sell,
 * the top tick for a buy), i.e. no regard to price.
 */
public record ExecutionParams(Side side, int targetQty, double participation, int startEpoch, int limitTick,
                              int maxOrder) implements StrategyParams {
    @Override
    public int maxOrderQty() {
        return maxOrder;
    }
}
