package org.vaesim.models.strategy;

/**
 * High-frequency trader: acts every epoch on the last price with a small inventory limit. After a move it
 * leans with it by {@code aggressionTicks} (dumping inventory the move went against, the "hot potato" of
 * Kirilenko et al. 2017); with no move it quotes {@code quoteQty} one tick either side of the last price.
 */
public record HftParams(int quoteQty, int maxInventory, int aggressionTicks) implements StrategyParams {
    @Override
    public int maxOrderQty() {
        return Math.max(quoteQty, maxInventory);
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
