package org.vaesim.models.market;

/**
 * One uniform-price call-auction market on an integer tick grid.
 *
 * <p>Tick {@code k} means the price {@code k * tickSize} micro-credits. Valid order ticks are
 * {@code 1 .. ticks-1}; tick 0 is never a price.
 *
 * @param name            unique market name
 * @param resource        what is traded
 * @param tickSize        micro-credits per tick (positive)
 * @param ticks           grid size: ticks 1..ticks-1 are prices
 * @param initialTick     last price before epoch 0
 * @param fundamentalTick fundamental value fundamentalists anchor to (events may shift it)
 * @param feeBps          exchange fee in basis points of notional, charged to both sides, paid to the fee sink
 * @param sandbox         the sandbox this market belongs to, or null for the open economy: markets of one
 *                        sandbox share a market-wide index and halts of their own
 */
public record MarketSpec(String name, ResourceType resource, long tickSize, int ticks,
                         int initialTick, int fundamentalTick, int feeBps, String sandbox) {
    /** A market of the open economy. */
    public MarketSpec(String name, ResourceType resource, long tickSize, int ticks,
                      int initialTick, int fundamentalTick, int feeBps) {
        this(name, resource, tickSize, ticks, initialTick, fundamentalTick, feeBps, null);
    }

    public long priceOf(int tick) {
        return tick * tickSize;
    }
}
