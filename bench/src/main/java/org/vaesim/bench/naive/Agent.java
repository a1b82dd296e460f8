package org.vaesim.bench.naive;

import java.util.List;
import java.util.Random;

/**
 * One trading agent as an object: its own holdings, its own {@link Random}, and a virtual
 * {@link #decide} per strategy family.
 */
abstract class Agent {
    final Market market;
    final Random random;
    long cash;
    int inventory;

    Agent(Market market, Random random, long cash, int inventory) {
        this.market = market;
        this.random = random;
        this.cash = cash;
        this.inventory = inventory;
    }

    /**
     * The orders this agent sends this epoch: none, one, or (market makers, HFTs) a bid and an ask. The
     * same decision rule as the family's kernel in {@code org.vaesim.kernels.decide}, drawing from
     * {@code java.util.Random} instead of Philox.
     */
    abstract List<Order> decide(int epoch);

    /** The gate's cap on inventory after a filled bid. */
    int maxPosition() {
        return Integer.MAX_VALUE;
    }

    /** How far below zero an accepted ask may take inventory. */
    int maxShort() {
        return 0;
    }

    /** Called once per epoch with the units this agent traded (bought + sold), when it traded. */
    void traded(int units) {
    }

    /** End of epoch: {@code nextEpoch} is the epoch about to start. */
    void endEpoch(int nextEpoch) {
    }

    /**
     * A bid at {@code bid} and an ask at {@code ask}, each of at most {@code qty} units and only where the
     * inventory limit leaves room: {@code room} units to buy, {@code held} units to sell (short included).
     */
    final void quoteBothSides(List<Order> orders, int bid, int ask, int qty, int room, int held) {
        if (room > 0) {
            orders.add(new Order(this, true, bid, Math.min(qty, room)));
        }
        if (held > 0) {
            orders.add(new Order(this, false, ask, Math.min(qty, held)));
        }
    }

    static int clampTick(int tick, int maxTick) {
        return tick < 1 ? 1 : Math.min(tick, maxTick);
    }

    /** Uniform integer in [lo, hi]. */
    final int uniform(int lo, int hi) {
        return lo + random.nextInt(hi - lo + 1);
    }
}
