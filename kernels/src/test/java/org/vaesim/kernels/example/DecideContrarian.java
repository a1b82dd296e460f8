package org.vaesim.kernels.example;

import org.vaesim.kernels.decide.Orders;
import org.vaesim.kernels.rng.Philox;
import org.vaesim.kernels.rng.Streams;

/** Twin of decide_contrarian.cl: see {@link ContrarianParams}. */
public final class DecideContrarian {
    private DecideContrarian() {
    }

    public static void decideContrarian(int from, int to, int lastTick, int previousTick, int maxTick, int threshold,
                                        int offset, int qty, long activityThreshold, int maxPosition,
                                        int[] inventory, int[] bidTick, int[] bidQty, int[] askTick, int[] askQty,
                                        int keyLo, int keyHi, int epoch, int[] rng) {
        int move = lastTick - previousTick;
        for (int i = from; i < to; i++) {
            Orders.none(i, bidTick, bidQty, askTick, askQty);
            if (!Philox.bernoulli(Philox.agentWord(i, epoch, Streams.STAGE_DECIDE, 0, keyLo, keyHi, rng),
                    activityThreshold)) {
                continue;
            }
            int inv = inventory[i];
            if (move > threshold && inv > -maxPosition) { // a rise: sell into it, within the short limit
                askTick[i] = Orders.clampTick(lastTick - offset, maxTick);
                askQty[i] = Math.min(qty, maxPosition + inv);
            } else if (move < -threshold && inv < maxPosition) { // a fall: buy into it, within the long limit
                bidTick[i] = Orders.clampTick(lastTick + offset, maxTick);
                bidQty[i] = Math.min(qty, maxPosition - inv);
            }
        }
    }
}
