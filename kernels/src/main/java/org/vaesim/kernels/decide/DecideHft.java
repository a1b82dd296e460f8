package org.vaesim.kernels.decide;

import org.vaesim.models.strategy.HftParams;
import org.vaesim.models.strategy.StrategyFamily;

/**
 * High-frequency traders act every epoch on the last price and its last move. After a fall an HFT holding
 * inventory sells all of it {@code aggression} ticks below the last price and the others bid only that far
 * down, so inventory passes from HFT to HFT as the price slides (Kirilenko et al. 2017's "hot potato");
 * after a rise the same happens upward. When the price did not move it quotes one tick either side of the
 * last price within its inventory limit. After a fall, one with nothing to dump bids {@code dipQty} units (at
 * most its room under the limit) that far down.
 */
public final class DecideHft {
    public static final DecideFamily FAMILY = new DecideFamily(StrategyFamily.HFT, "decide_hft.cl",
            (s, market, from, to, in, p, keyLo, keyHi, rng) -> {
                HftParams h = (HftParams) s.cohort().params();
                decideHft(from, to, in.lastTick[s.market()], in.previousTick[s.market()], market.ticks() - 1,
                        h.quoteQty(), h.maxInventory(), h.aggressionTicks(), h.dipQty(), p.inventory, p.bidTick,
                        p.bidQty, p.askTick, p.askQty);
            },
            (c, kernel, s, market, in) -> {
                HftParams h = (HftParams) s.cohort().params();
                c.launch(kernel, s.size(), s.start(), s.end(), in.lastTick[s.market()], in.previousTick[s.market()],
                        market.ticks() - 1, h.quoteQty(), h.maxInventory(), h.aggressionTicks(), h.dipQty(),
                        c.inventory(), c.bidTick(), c.bidQty(), c.askTick(), c.askQty());
            });

    private DecideHft() {
    }

    public static void decideHft(int from, int to, int lastTick, int previousTick, int maxTick,
                                 int quoteQty, int maxInventory, int aggression, int dipQty,
                                 int[] inventory,
                                 int[] bidTick, int[] bidQty, int[] askTick, int[] askQty) {
        int move = lastTick - previousTick;
        int down = Orders.clampTick(lastTick - aggression, maxTick);
        int up = Orders.clampTick(lastTick + aggression, maxTick);
        int bid = Orders.clampTick(lastTick - 1, maxTick);
        int ask = Orders.clampTick(lastTick + 1, maxTick);
        for (int i = from; i < to; i++) {
            Orders.none(i, bidTick, bidQty, askTick, askQty);
            int inv = inventory[i];
            int room = maxInventory - inv;
            int held = maxInventory + inv;
            if (move < 0) {
                // After a fall a long HFT dumps everything through the last price, and the others buy only
                // that far down: inventory passes from HFT to HFT ("hot potato") as the price slides.
                if (inv > 0) {
                    askTick[i] = down;
                    askQty[i] = inv;
                } else if (room > 0) {
                    bidTick[i] = down;
                    bidQty[i] = Math.min(dipQty, room);
                }
            } else if (move > 0) {
                if (inv < 0) {
                    bidTick[i] = up;
                    bidQty[i] = -inv;
                } else if (held > 0) {
                    askTick[i] = up;
                    askQty[i] = Math.min(quoteQty, held);
                }
            } else if (bid < ask) {
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
}
