package org.vaesim.bench.naive;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

import org.vaesim.models.market.MarketSpec;

/**
 * One market the straightforward way: the epoch's bids and asks as {@code ArrayList<Order>}s, sorted by
 * price with {@link Collections#sort} and a {@link Comparator}, cleared by walking the sorted lists.
 *
 * <p>The rule is vaesim's uniform-price call auction (docs/market-clearing.md): the price maximises the
 * executable volume min(D(t), S(t)); ties go to the smaller imbalance |D - S|, then to the tick nearest the
 * last price. Orders better than the marginal price fill whole; those at it share what is left pro rata
 * (cumulative rounding in arrival order, which the stable sort keeps).
 */
final class Market {
    /** Best bid first; the sort is stable, so equal prices keep arrival (agent) order. */
    private static final Comparator<Order> BIDS_BEST_FIRST = Comparator.comparingInt((Order o) -> o.tick).reversed();
    private static final Comparator<Order> ASKS_BEST_FIRST = Comparator.comparingInt((Order o) -> o.tick);

    final MarketSpec spec;
    final int maxTick;
    int lastTick;
    int previousTick;
    int fundamentalTick;
    long previousVolume;
    long totalVolume;
    long fees;
    /** Last tick after each epoch, a boxed list as a straightforward implementation keeps it. */
    final List<Integer> history = new ArrayList<>();
    final List<Order> bids = new ArrayList<>();
    final List<Order> asks = new ArrayList<>();
    /** Wall time spent sorting the books, for the bench's report of the sort's share of a naive epoch. */
    long sortNanos;

    Market(MarketSpec spec) {
        this.spec = spec;
        this.maxTick = spec.ticks() - 1;
        this.lastTick = spec.initialTick();
        this.previousTick = spec.initialTick();
        this.fundamentalTick = spec.fundamentalTick();
    }

    /** The last tick after {@code epoch}; the opening price before epoch 0. */
    int tickAfter(int epoch) {
        return epoch < 0 ? spec.initialTick() : history.get(epoch);
    }

    void submit(Order order) {
        (order.buy ? bids : asks).add(order);
    }

    /** Clears this epoch's orders; fills are written to each order's {@code filled}. Returns the volume. */
    long clear() {
        long t0 = System.nanoTime();
        Collections.sort(bids, BIDS_BEST_FIRST);
        Collections.sort(asks, ASKS_BEST_FIRST);
        sortNanos += System.nanoTime() - t0;
        long demand = 0;
        for (Order b : bids) {
            demand += b.qty;
        }
        // Walk the price axis upward. D(t) and S(t) only change where an ask sits (S rises at its tick) or
        // just above a bid (D falls at its tick + 1), so between such points they are constant: evaluate
        // each piece once, at its tick nearest the last price.
        long supply = 0;
        int bi = bids.size() - 1; // lowest bid still counted in D
        int ai = 0;               // lowest ask not yet counted in S
        long bestVolume = 0;
        long bestImbalance = Long.MAX_VALUE;
        int bestDistance = Integer.MAX_VALUE;
        int bestTick = 0;
        int t = 1;
        while (t <= maxTick) {
            while (ai < asks.size() && asks.get(ai).tick <= t) {
                supply += asks.get(ai++).qty;
            }
            while (bi >= 0 && bids.get(bi).tick < t) {
                demand -= bids.get(bi--).qty;
            }
            int next = Math.min(ai < asks.size() ? asks.get(ai).tick : maxTick + 1,
                    bi >= 0 ? bids.get(bi).tick + 1 : maxTick + 1);
            long v = Math.min(demand, supply);
            if (v > 0) {
                long imbalance = Math.abs(demand - supply);
                int nearest = Math.max(t, Math.min(next - 1, lastTick));
                int distance = Math.abs(nearest - lastTick);
                if (v > bestVolume || (v == bestVolume && (imbalance < bestImbalance
                        || (imbalance == bestImbalance && distance < bestDistance)))) {
                    bestVolume = v;
                    bestImbalance = imbalance;
                    bestDistance = distance;
                    bestTick = nearest;
                }
            }
            t = next;
        }
        previousTick = lastTick;
        if (bestVolume > 0) {
            fill(bids, bestVolume);
            fill(asks, bestVolume);
            lastTick = bestTick;
        }
        previousVolume = bestVolume;
        totalVolume += bestVolume;
        history.add(lastTick);
        return bestVolume;
    }

    /** Fills {@code volume} units down a side sorted best first; the marginal price level shares pro rata. */
    private static void fill(List<Order> side, long volume) {
        long left = volume;
        int i = 0;
        while (i < side.size() && left > 0) {
            int tick = side.get(i).tick;
            int end = i;
            long level = 0;
            while (end < side.size() && side.get(end).tick == tick) {
                level += side.get(end++).qty;
            }
            if (level <= left) {
                for (int k = i; k < end; k++) {
                    side.get(k).filled = side.get(k).qty;
                }
                left -= level;
            } else {
                // Marginal level: order of q after C units of earlier orders gets floor((C+q)F/T) - floor(CF/T).
                long before = 0;
                for (int k = i; k < end; k++) {
                    Order o = side.get(k);
                    o.filled = (int) ((before + o.qty) * left / level - before * left / level);
                    before += o.qty;
                }
                left = 0;
            }
            i = end;
        }
    }

    /** The price of the last clearing in micro-credits per unit. */
    long price() {
        return lastTick * spec.tickSize();
    }

    void reset() {
        bids.clear();
        asks.clear();
    }
}
