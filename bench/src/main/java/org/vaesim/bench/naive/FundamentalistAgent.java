package org.vaesim.bench.naive;

import java.util.List;
import java.util.Random;

import org.vaesim.models.strategy.FundamentalistParams;

/** Trades toward its own perception of the fundamental, with that value as the limit, outside a no-trade band. */
final class FundamentalistAgent extends Agent {
    private final FundamentalistParams params;
    private final int offset;

    FundamentalistAgent(Market market, Random random, long cash, int inventory, FundamentalistParams params) {
        super(market, random, cash, inventory);
        this.params = params;
        this.offset = uniform(-params.dispersionTicks(), params.dispersionTicks());
    }

    @Override
    List<Order> decide(int epoch) {
        if (random.nextDouble() >= params.activity()) {
            return List.of();
        }
        int maxTick = market.maxTick;
        int perceived = clampTick(market.fundamentalTick + offset, maxTick);
        int mispricing = perceived - market.lastTick;
        int threshold = params.thresholdTicks();
        if (mispricing > threshold) {
            return List.of(new Order(this, true, perceived, quantity(mispricing)));
        }
        if (mispricing < -threshold) {
            return List.of(new Order(this, false, perceived, quantity(-mispricing)));
        }
        return List.of();
    }

    private int quantity(int ticksAway) {
        double q = Math.ceil(params.reaction() * ticksAway);
        return q >= params.maxQty() ? params.maxQty() : Math.max(1, (int) q);
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
