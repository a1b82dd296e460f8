package org.vaesim.kernels.decide;

import org.vaesim.models.strategy.ExecutionParams;
import org.vaesim.models.strategy.Side;
import org.vaesim.models.strategy.StrategyFamily;

/**
 * Large execution algorithms (the 6 May 2010 pattern): from {@code startEpoch}, each epoch an order for
 * {@code floor(participation * previous epoch's volume)} units (at least 1, at most {@code maxOrder} and the
 * remaining {@code quota}) at {@code limitTick}, or as a market order when the limit is 0.
 */
public final class DecideExecution {
    public static final DecideFamily FAMILY = new DecideFamily(StrategyFamily.EXECUTION, "decide_execution.cl",
            (s, market, from, to, in, p, keyLo, keyHi, rng) -> {
                ExecutionParams x = (ExecutionParams) s.cohort().params();
                decideExecution(from, to, x.side() == Side.BUY, in.epoch, x.startEpoch(),
                        in.previousVolume[s.market()], x.participation(), x.maxOrder(), x.limitTick(),
                        market.ticks() - 1, p.quota, p.bidTick, p.bidQty, p.askTick, p.askQty);
            },
            (c, kernel, s, market, in) -> {
                ExecutionParams x = (ExecutionParams) s.cohort().params();
                c.launch(kernel, s.size(), s.start(), s.end(), x.side() == Side.BUY ? 1 : 0, in.epoch, x.startEpoch(),
                        in.previousVolume[s.market()], x.participation(), x.maxOrder(), x.limitTick(),
                        market.ticks() - 1, c.quota(), c.bidTick(), c.bidQty(), c.askTick(), c.askQty());
            });

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
