package org.vaesim.bench.naive;

import java.util.List;
import java.util.Random;

import org.vaesim.models.strategy.ChartistParams;

/** Momentum: buys a rise and sells a fall of the price over its look-back. */
final class ChartistAgent extends Agent {
    private final ChartistParams params;

    ChartistAgent(Market market, Random random, long cash, int inventory, ChartistParams params) {
        super(market, random, cash, inventory);
        this.params = params;
    }

    @Override
    List<Order> decide(int epoch) {
        int trend = market.lastTick - market.tickAfter(epoch - 1 - params.lookback());
        if (trend <= params.thresholdTicks() && trend >= -params.thresholdTicks()) {
            return List.of();
        }
        if (random.nextDouble() >= params.activity()) {
            return List.of();
        }
        int maxTick = market.maxTick;
        if (trend > 0) {
            return List.of(new Order(this, true, clampTick(market.lastTick + params.aggressionTicks(), maxTick),
                    params.qty()));
        }
        return List.of(new Order(this, false, clampTick(market.lastTick - params.aggressionTicks(), maxTick),
                params.qty()));
    }

    @Override
    int maxPosition() {
        return params.maxPosition();
    }

    @Override
    int maxShort() {
        return params.maxShort();
    }
}
