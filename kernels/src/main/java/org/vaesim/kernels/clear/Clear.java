package org.vaesim.kernels.clear;

/**
 * Uniform-price call auction for one market on its tick grid (docs/market-clearing.md has the rule).
 *
 * <p>With D(t) the bid quantity at ticks >= t and S(t) the ask quantity at ticks <= t, the executable
 * volume at t is V(t) = min(D(t), S(t)). The clearing tick maximises V; ties go to the smallest imbalance
 * |D(t) - S(t)|, then to the tick nearest the reference (last) price. Because D falls and S rises with t,
 * the ticks left after each rule form one interval, so the nearest tick is unique. Bids fill
 * in price priority from the top down until V is reached, asks from the bottom up; the quantity left at
 * each side's marginal tick is rationed pro rata by settlement.
 */
public final class Clear {
    private Clear() {
    }

    /**
     * Clears market {@code m}, whose histograms start at {@code base} and whose prices are ticks
     * 1..maxTick. A {@code halted} market does not trade; a clearing tick outside [lowerBand, upperBand]
     * (lowerBand 0 = no band) is not executed and reported as a breach. {@code demand} is scratch of at least
     * maxTick + 2 entries.
     */
    public static void clear(int m, int base, int maxTick, int referenceTick, int lowerBand, int upperBand,
                             boolean halted, long[] bids, long[] asks, long[] demand, ClearingResult out) {
        // demand[t] = D(t), built from the top of the grid down; demand[maxTick + 1] = 0.
        demand[maxTick + 1] = 0;
        for (int t = maxTick; t >= 1; t--) {
            demand[t] = demand[t + 1] + bids[base + t];
        }
        long supply = 0;
        long bestVolume = 0;
        long bestImbalance = Long.MAX_VALUE;
        int bestDistance = Integer.MAX_VALUE;
        int bestTick = 0;
        for (int t = 1; t <= maxTick; t++) {
            supply += asks[base + t];
            long d = demand[t];
            long v = Math.min(d, supply);
            if (v == 0) {
                continue;
            }
            long imbalance = Math.abs(d - supply);
            int distance = Math.abs(t - referenceTick);
            if (v > bestVolume || (v == bestVolume && (imbalance < bestImbalance
                    || (imbalance == bestImbalance && distance < bestDistance)))) {
                bestVolume = v;
                bestImbalance = imbalance;
                bestDistance = distance;
                bestTick = t;
            }
        }
        // Circuit breakers: a halted market does not trade; a price outside the band is not executed.
        out.breach[m] = 0;
        if (halted) {
            bestVolume = 0;
        } else if (bestVolume > 0 && lowerBand > 0 && (bestTick < lowerBand || bestTick > upperBand)) {
            out.breach[m] = 1;
            bestVolume = 0;
        }
        if (bestVolume == 0) {
            bestTick = 0;
        }
        out.price[m] = bestTick;
        out.volume[m] = bestVolume;
        if (bestVolume == 0) {
            out.bidMarginalTick[m] = 0;
            out.bidMarginalFill[m] = 0;
            out.bidMarginalTotal[m] = 0;
            out.askMarginalTick[m] = 0;
            out.askMarginalFill[m] = 0;
            out.askMarginalTotal[m] = 0;
            out.residualBid[m] = highestAtOrBelow(bids, base, maxTick);
            out.residualAsk[m] = lowestAtOrAbove(asks, base, 1, maxTick);
            return;
        }
        int bidMarginal = maxTick;
        while (demand[bidMarginal] < bestVolume) {
            bidMarginal--;
        }
        long bidFill = bestVolume - demand[bidMarginal + 1];
        out.bidMarginalTick[m] = bidMarginal;
        out.bidMarginalFill[m] = bidFill;
        out.bidMarginalTotal[m] = bids[base + bidMarginal];
        out.residualBid[m] = bidFill < bids[base + bidMarginal]
                ? bidMarginal : highestAtOrBelow(bids, base, bidMarginal - 1);

        int askMarginal = 1;
        long below = 0; // S(askMarginal - 1)
        while (below + asks[base + askMarginal] < bestVolume) {
            below += asks[base + askMarginal];
            askMarginal++;
        }
        long askFill = bestVolume - below;
        out.askMarginalTick[m] = askMarginal;
        out.askMarginalFill[m] = askFill;
        out.askMarginalTotal[m] = asks[base + askMarginal];
        out.residualAsk[m] = askFill < asks[base + askMarginal]
                ? askMarginal : lowestAtOrAbove(asks, base, askMarginal + 1, maxTick);
    }

    private static int highestAtOrBelow(long[] hist, int base, int tick) {
        for (int t = tick; t >= 1; t--) {
            if (hist[base + t] > 0) {
                return t;
            }
        }
        return 0;
    }

    private static int lowestAtOrAbove(long[] hist, int base, int tick, int maxTick) {
        for (int t = tick; t <= maxTick; t++) {
            if (hist[base + t] > 0) {
                return t;
            }
        }
        return 0;
    }
}
