package org.vaesim.bench.naive;

import java.util.List;
import java.util.Random;

import org.vaesim.models.strategy.ExecutionParams;
import org.vaesim.models.strategy.Side;

/** Works a large parent order: a slice of the previous epoch's volume each epoch. */
final class ExecutionAgent extends Agent {
    private final ExecutionParams params;
    private int remaining;

    ExecutionAgent(Market market, Random random, long cash, int inventory, ExecutionParams params) {
        super(market, random, cash, inventory);
        this.params = params;
        this.remaining = params.targetQty();
    }

    @Override
    List<Order> decide(int epoch) {
        if (epoch < params.startEpoch() || remaining <= 0) {
            return List.of();
        }
        double wanted = Math.floor(params.participation() * market.previousVolume);
        int slice = wanted >= params.maxOrder() ? params.maxOrder() : Math.max(1, (int) wanted);
        int qty = Math.min(slice, remaining);
        int limit = params.limitTick();
        if (params.side() == Side.BUY) {
            return List.of(new Order(this, true, limit == 0 ? market.maxTick : limit, qty));
        }
        return List.of(new Order(this, false, limit == 0 ? 1 : limit, qty));
    }

    @Override
    void traded(int units) {
        remaining -= units;
    }
}
