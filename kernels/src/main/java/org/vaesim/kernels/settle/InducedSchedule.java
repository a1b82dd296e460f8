package org.vaesim.kernels.settle;

import org.vaesim.kernels.gate.Fees;

/**
 * The supply and demand schedules a trading period offers (Smith 1962): for each trader with an induced value
 * (a buyer's value, a seller's cost, in {@code trait}) that is active, the units it can trade this period, added at
 * its value or cost tick. A seller can trade at most {@code units} and what it holds; a buyer at most {@code units}
 * and as many as its cash pays for at its value, fee included (a buyer who cannot pay its value is not in the
 * period's demand at that value: it has spent its budget). The host turns the schedules into the period's maximum
 * surplus ({@code SurplusBound.fromSchedules}); docs/market-clearing.md#efficiency.
 *
 * <p>Histogram layout: {@link #at} gives each (market, class, side) slice of {@code width} ticks; class 0 holds the
 * zero-intelligence traders, class 1 every other trader with an induced value.
 */
public final class InducedSchedule {
    /** Trader classes: zero intelligence, and every other family with induced values. */
    public static final int CLASSES = 2;

    private InducedSchedule() {
    }

    /** Longs in the histogram of {@code markets} markets on a grid of {@code width} ticks. */
    public static int length(int markets, int width) {
        return markets * CLASSES * 2 * width;
    }

    /** Where the slice of market {@code m}, zero intelligence or not, demand (buyers) or supply starts. */
    public static int at(int m, boolean zeroIntelligence, boolean buyer, int width) {
        return ((m * CLASSES + (zeroIntelligence ? 0 : 1)) * 2 + (buyer ? 0 : 1)) * width;
    }

    /** Adds the units each active trader of [from, to) can trade this period at {@code hist[at + trait[i]]}. */
    public static void inducedSchedule(int from, int to, boolean buyer, int units, long tickSize, int feeBps,
                                       long[] cash, int[] inventory, int[] status, int[] trait, long[] hist, int at) {
        for (int i = from; i < to; i++) {
            if (status[i] != 0) {
                continue;
            }
            long can;
            if (buyer) {
                long price = trait[i] * tickSize;
                can = Math.min(units, cash[i] / (price + Fees.fee(price, feeBps)));
            } else {
                can = Math.min(units, Math.max(inventory[i], 0));
            }
            if (can > 0) {
                hist[at + trait[i]] += can;
            }
        }
    }
}
