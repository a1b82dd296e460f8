package org.vaesim.kernels.decide;

/**
 * Large execution algorithms (the 6 May 2010 pattern): from {@code startEpoch}, each epoch an order for
 * {@code floor(participation * previous epoch's volume)} units (at least 1, at most {@code maxOrder} and the
 * remaining {@code quota}) at {@code limitTick}, or as a market order when the limit is 0.
 */
public final class DecideExecution {
    private DecideExecution() {
    }

    public static void decideExecution(int from, int to, boolean buyer, int epoch, int startEpoch,
                                       long previousVolume, double participation, int maxOrder, int limitTick,
                                       int maxTick, int[] quota,
                                       int[] bidTick, int[] bidQty, int[] askTick, int[] askQty) {
        double wanted = Math.floor(participation * previousVolume);
        int slice = wanted >= maxOrder ? maxOrder : Math.max(1, (int) wanted);
        for (int i = from; i < to; i++) {
            Orders.none(i, bidTick, bidQty, askTick, askQty);
            if (epoch < startEpoch || quota[i] <= 0) {
                continue;
            }
            int qty = Math.min(slice, quota[i]);
            if (buyer) {
                bidTick[i] = limitTick == 0 ? maxTick : limitTick;
                bidQty[i] = qty;
            } else {
                askTick[i] = limitTick == 0 ? 1 : limitTick;
                askQty[i] = qty;
            }
        }
    }
}
