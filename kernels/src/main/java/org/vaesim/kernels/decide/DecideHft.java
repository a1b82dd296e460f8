package org.vaesim.kernels.decide;

/**
 * High-frequency traders act every epoch on the last price. Holding inventory while the price moves against
 * it, an HFT unloads all of it {@code aggression} ticks through the last price (Kirilenko et al. 2017's
 * "hot potato"); otherwise it quotes one tick either side of the last price within its inventory limit.
 */
public final class DecideHft {
    private DecideHft() {
    }

    public static void decideHft(int from, int to, int lastTick, int previousTick, int maxTick,
                                 int quoteQty, int maxInventory, int aggression,
                                 int[] inventory,
                                 int[] bidTick, int[] bidQty, int[] askTick, int[] askQty) {
        int move = lastTick - previousTick;
        int bid = Orders.clampTick(lastTick - 1, maxTick);
        int ask = Orders.clampTick(lastTick + 1, maxTick);
        for (int i = from; i < to; i++) {
            Orders.none(i, bidTick, bidQty, askTick, askQty);
            int inv = inventory[i];
            if (inv > 0 && move < 0) {
                askTick[i] = Orders.clampTick(lastTick - aggression, maxTick);
                askQty[i] = inv;
            } else if (inv < 0 && move > 0) {
                bidTick[i] = Orders.clampTick(lastTick + aggression, maxTick);
                bidQty[i] = -inv;
            } else if (bid < ask) {
                // Liquidity is withdrawn on the side the market is moving against: no bids into a fall.
                int room = maxInventory - inv;
                int held = maxInventory + inv;
                if (room > 0 && move >= 0) {
                    bidTick[i] = bid;
                    bidQty[i] = Math.min(quoteQty, room);
                }
                if (held > 0 && move <= 0) {
                    askTick[i] = ask;
                    askQty[i] = Math.min(quoteQty, held);
                }
            }
        }
    }
}
