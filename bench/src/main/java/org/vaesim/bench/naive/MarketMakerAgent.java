package org.vaesim.bench.naive;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.vaesim.models.strategy.MarketMakerParams;

/** Two-sided quotes around the last price, skewed against inventory. */
final class MarketMakerAgent extends Agent {
    private final MarketMakerParams params;

    MarketMakerAgent(Market market, Random random, long cash, int inventory, MarketMakerParams params) {
        super(market, random, cash, inventory);
        this.params = params;
    }

    @Override
    List<Order> decide(int epoch) {
        int maxTick = market.maxTick;
        int maxInventory = params.maxInventory();
        int mid = market.lastTick - (int) ((long) inventory * params.skewTicks() / maxInventory);
        int bid = clampTick(mid - params.halfSpreadTicks(), maxTick);
        int ask = clampTick(mid + params.halfSpreadTicks(), maxTick);
        List<Order> orders = new ArrayList<>(2);
        if (bid >= ask) {
            return orders;
        }
        int room = maxInventory - inventory;
        int held = maxInventory + inventory;
        quoteBothSides(orders, bid, ask, params.quoteQty(), room, held);
        return orders;
    }

    @Override
    int maxPosition() {
        return params.maxInventory();
    }

    @Override
    int maxShort() {
        return params.maxInventory();
    }
}
