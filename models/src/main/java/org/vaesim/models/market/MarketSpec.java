package org.vaesim.models.market;

import java.util.List;

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
 * @param good            the good the market trades (default: its own name): markets that trade one good are its
 *                        venues, and an agent's inventory is units of the good, tradable on any of them
 */
public record MarketSpec(String name, ResourceType resource, long tickSize, int ticks,
                         int initialTick, int fundamentalTick, int feeBps, String sandbox, String good) {
    public MarketSpec {
        good = good == null ? name : good;
    }

    /** A market that is the only venue of its own good. */
    public MarketSpec(String name, ResourceType resource, long tickSize, int ticks,
                      int initialTick, int fundamentalTick, int feeBps, String sandbox) {
        this(name, resource, tickSize, ticks, initialTick, fundamentalTick, feeBps, sandbox, null);
    }

    /** A market of the open economy. */
    public MarketSpec(String name, ResourceType resource, long tickSize, int ticks,
                      int initialTick, int fundamentalTick, int feeBps) {
        this(name, resource, tickSize, ticks, initialTick, fundamentalTick, feeBps, null);
    }

    /**
     * Per market of {@code markets}, the index of the first market that trades its good: the good's index in the
     * per-good sums (a market that is its good's only venue is its own).
     */
    public static int[] goodIndices(List<MarketSpec> markets) {
        int[] good = new int[markets.size()];
        for (int m = 0; m < good.length; m++) {
            good[m] = m;
            for (int k = 0; k < m; k++) {
                if (markets.get(k).good().equals(markets.get(m).good())) {
                    good[m] = k;
                    break;
                }
            }
        }
        return good;
    }

    public long priceOf(int tick) {
        return tick * tickSize;
    }
}
