package org.vaesim.bench.naive;

import java.util.List;
import java.util.Random;

import org.vaesim.models.strategy.Side;
import org.vaesim.models.strategy.ZeroIntelligenceParams;

/** Gode-Sunder ZI-C (never trades at a loss) or ZI-U (bids and asks anywhere on the grid). */
final class ZeroIntelligenceAgent extends Agent {
    private final ZeroIntelligenceParams params;
    private final boolean constrained;
    /** Value (buyer) or cost (seller), in ticks. */
    private final int value;
    private int quota;

    ZeroIntelligenceAgent(Market market, Random random, long cash, int inventory, ZeroIntelligenceParams params,
                          boolean constrained) {
        super(market, random, cash, inventory);
        this.params = params;
        this.constrained = constrained;
        this.value = uniform(params.valueMinTick(), params.valueMaxTick());
        this.quota = params.units();
    }

    @Override
    List<Order> decide(int epoch) {
        if (quota <= 0) {
            return List.of();
        }
        int maxTick = market.maxTick;
        if (params.side() == Side.BUY) {
            return List.of(new Order(this, true, uniform(1, constrained ? value : maxTick), 1));
        }
        return List.of(new Order(this, false, uniform(constrained ? value : 1, maxTick), 1));
    }

    @Override
    void traded(int units) {
        quota -= units;
    }

    @Override
    void endEpoch(int nextEpoch) {
        if (nextEpoch % params.periodEpochs() == 0) {
            quota = params.units();
        }
    }
}
