package org.vaesim.bench.naive;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.vaesim.models.strategy.HftParams;

/**
 * Acts on the last move: after a fall a long HFT dumps its inventory through the last price and the others
 * bid only that far down (the "hot potato"), mirrored after a rise; with no move it quotes a tick either side.
 */
final class HftAgent extends Agent {
    private final HftParams params;

    HftAgent(Market market, Random random, long cash, int inventory, HftParams params) {
        super(market, random, cash, inventory);
        this.params = params;
    }

    @Override
    List<Order> decide(int epoch) {
        int maxTick = market.maxTick;
        int last = market.lastTick;
        int move = last - market.previousTick;
        int room = params.maxInventory() - inventory;
        int held = params.maxInventory() + inventory;
        List<Order> orders = new ArrayList<>(2);
        if (move < 0) {
            int down = clampTick(last - params.aggressionTicks(), maxTick);
            if (inventory > 0) {
                orders.add(new Order(this, false, down, inventory));
            } else if (room > 0) {
                orders.add(new Order(this, true, down, Math.min(params.quoteQty(), room)));
            }
        } else if (move > 0) {
            int up = clampTick(last + params.aggressionTicks(), maxTick);
            if (inventory < 0) {
                orders.add(new Order(this, true, up, -inventory));
            } else if (held > 0) {
                orders.add(new Order(this, false, up, Math.min(params.quoteQty(), held)));
            }
        } else {
            int bid = clampTick(last - 1, maxTick);
            int ask = clampTick(last + 1, maxTick);
            if (bid < ask) {
                quoteBothSides(orders, bid, ask, params.quoteQty(), room, held);
            }
        }
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
