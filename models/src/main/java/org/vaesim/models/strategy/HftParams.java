package org.vaesim.models.strategy;

/**
 * High-frequency trader: acts every epoch on the last price with a small inventory limit. Flat or within
 * limits it quotes one tick either side of the last price; holding inventory against the last move it
 * unloads it {@code aggressionTicks} through the last price (the "hot potato" of Kirilenko et al. 2017).
 */
public record HftParams(int quoteQty, int maxInventory, int aggressionTicks) implements StrategyParams {
    @Override
    public int maxOrderQty() {
        return Math.max(quoteQty, maxInventory * 2);
    }
}
