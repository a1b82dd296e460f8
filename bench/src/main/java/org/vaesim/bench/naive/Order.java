package org.vaesim.bench.naive;

/** One limit order, an object like any other in a straightforward simulator. */
final class Order {
    final Agent agent;
    final boolean buy;
    final int tick;
    int qty;
    /** Units filled by the last clearing. */
    int filled;

    Order(Agent agent, boolean buy, int tick, int qty) {
        this.agent = agent;
        this.buy = buy;
        this.tick = tick;
        this.qty = qty;
    }
}
