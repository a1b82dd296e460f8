package org.vaesim.models.strategy;

/**
 * High-frequency trader: acts every epoch on the last price with a small inventory limit. After a move it
 * leans with it by {@code aggressionTicks} (dumping inventory the move went against, the "hot potato" of
 * Kirilenko et al. 2017); with no move it quotes {@code quoteQty} one tick either side of the last price.
 * After a fall, one with no inventory to dump bids for {@code dipQty} units (within its limit) that far down:
 * {@code quoteQty} by default; as much as {@code maxInventory} makes it an intermediary that absorbs a sell-off
 * up to its limit, so that the HFTs' number and limits set how much inventory the hot potato can carry.
 */
public record HftParams(int quoteQty, int maxInventory, int aggressionTicks, int dipQty) implements StrategyParams {
    /** Bids {@code quoteQty} after a fall, as before {@code dip_qty} existed. */
    public HftParams(int quoteQty, int maxInventory, int aggressionTicks) {
        this(quoteQty, maxInventory, aggressionTicks, quoteQty);
    }

    @Override
    public int maxOrderQty() {
        return Math.max(Math.max(quoteQty, dipQty), maxInventory);
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
