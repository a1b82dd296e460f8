package org.vaesim.kernels.auction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bundles bidders ended a round with, as the envy stage needs them: for each distinct price paid (one,
 * or two when a reserve binds), which quantities somebody got at that price, as nearest-neighbour tables over
 * 0..maxUnits. Built on the host from the per-range quantity histograms, in O(ranges x maxUnits).
 */
public final class EnvyBundles {
    public final int prices;
    public final int[] priceTicks;
    public final int span;
    /** below[m * span + y]: the largest quantity at most y that someone got at price m, or -1. */
    public final int[] below;
    /** above[m * span + y]: the smallest quantity at least y that someone got at price m, or -1. */
    public final int[] above;
    /** The same for the bundles with one unit (and its price) removed. */
    public final int[] below1;
    public final int[] above1;

    private EnvyBundles(int[] priceTicks, int span, boolean[][] present) {
        this.prices = priceTicks.length;
        this.priceTicks = priceTicks;
        this.span = span;
        below = new int[prices * span];
        above = new int[prices * span];
        below1 = new int[prices * span];
        above1 = new int[prices * span];
        for (int m = 0; m < prices; m++) {
            boolean[] reduced = new boolean[span];
            for (int x = 1; x < span; x++) {
                reduced[x - 1] = present[m][x];
            }
            neighbours(present[m], below, above, m * span);
            neighbours(reduced, below1, above1, m * span);
        }
    }

    private static void neighbours(boolean[] present, int[] below, int[] above, int at) {
        int span = present.length;
        int last = -1;
        for (int y = 0; y < span; y++) {
            if (present[y]) {
                last = y;
            }
            below[at + y] = last;
        }
        int next = -1;
        for (int y = span - 1; y >= 0; y--) {
            if (present[y]) {
                next = y;
            }
            above[at + y] = next;
        }
    }

    public static EnvyBundles of(AuctionPlan plan, AuctionClearing clearing, long[] quantities) {
        int span = plan.maxUnits() + 1;
        List<Integer> distinct = new ArrayList<>();
        List<boolean[]> present = new ArrayList<>();
        for (int r = 0; r < plan.ranges().size(); r++) {
            int price = clearing.price[plan.ranges().get(r).group()];
            int m = distinct.indexOf(price);
            if (m < 0) {
                m = distinct.size();
                distinct.add(price);
                present.add(new boolean[span]);
            }
            for (int x = 0; x < span; x++) {
                present.get(m)[x] |= quantities[r * span + x] > 0;
            }
        }
        return new EnvyBundles(distinct.stream().mapToInt(Integer::intValue).toArray(), span,
                present.toArray(new boolean[0][]));
    }

    @Override
    public String toString() {
        return "EnvyBundles" + Arrays.toString(priceTicks);
    }
}
