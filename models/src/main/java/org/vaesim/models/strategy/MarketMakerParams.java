package org.vaesim.models.strategy;

/**
 * Two-sided quotes around the last price, {@code halfSpreadTicks} away, skewed against inventory by up
 * to {@code skewTicks} at the inventory limit, so that |inventory| stays within {@code maxInventory}.
 */
public record MarketMakerParams(int halfSpreadTicks, int quoteQty, int maxInventory, int skewTicks)
        implements StrategyParams {
    @Override
    public int maxOrderQty() {
        return quoteQty;
    }

    @Override
    public int maxPosition() {
        return maxInventory;
    }

    /** The inventory limit binds short as well as long. */
    @Override
    public int maxShort() {
        return maxInventory;
    }
}
