package org.vaesim.kernels.decide;

import org.vaesim.models.strategy.MarketMakerParams;
import org.vaesim.models.strategy.StrategyFamily;

/**
 * Market makers quote both sides around the last price, shifted against their inventory: at the inventory
 * limit the quotes move by {@code skew} ticks (integer division truncates toward zero, as in C), and the
 * side that would breach the limit shrinks to what is left of it.
 */
public final class DecideMarketMaker {
    public static final DecideFamily FAMILY = new DecideFamily(StrategyFamily.MARKET_MAKER,
            "decide_market_maker.cl",
            (s, market, from, to, in, p, keyLo, keyHi, rng) -> {
                MarketMakerParams mm = (MarketMakerParams) s.cohort().params();
                decideMarketMaker(from, to, in.lastTick[s.market()], market.ticks() - 1, mm.halfSpreadTicks(),
                        mm.quoteQty(), mm.maxInventory(), mm.skewTicks(), p.inventory, p.bidTick, p.bidQty, p.askTick,
                        p.askQty);
            },
            (c, kernel, s, market, in) -> {
                MarketMakerParams mm = (MarketMakerParams) s.cohort().params();
                c.launch(kernel, s.size(), s.start(), s.end(), in.lastTick[s.market()], market.ticks() - 1,
                        mm.halfSpreadTicks(), mm.quoteQty(), mm.maxInventory(), mm.skewTicks(), c.inventory(),
                        c.bidTick(), c.bidQty(), c.askTick(), c.askQty());
            });

    private DecideMarketMaker() {
    }

    public static void decideMarketMaker(int from, int to, int lastTick, int maxTick,
                                         int halfSpread, int quoteQty, int maxInventory, int skew,
                                         int[] inventory,
                                         int[] bidTick, int[] bidQty, int[] askTick, int[] askQty) {
        for (int i = from; i < to; i++) {
            Orders.none(i, bidTick, bidQty, askTick, askQty);
            int inv = inventory[i];
            int mid = lastTick - (int) ((long) inv * skew / maxInventory);
            int bid = Orders.clampTick(mid - halfSpread, maxTick);
            int ask = Orders.clampTick(mid + halfSpread, maxTick);
            if (bid >= ask) {
                continue; // squeezed against the grid's edge: no two-sided quote is possible
            }
            int room = maxInventory - inv;
            int held = maxInventory + inv;
            if (room > 0) {
                bidTick[i] = bid;
                bidQty[i] = Math.min(quoteQty, room);
            }
            if (held > 0) {
                askTick[i] = ask;
                askQty[i] = Math.min(quoteQty, held);
            }
        }
    }
}
