package org.vaesim.models.strategy;

/**
 * A malicious cohort for safety experiments: every epoch, with probability {@code activity}, its even-indexed
 * agents bid {@code qty} units {@code washTicks} above the last price and its odd-indexed agents ask as many as
 * far below: order spam, oversized orders, and wash trades between agents of one principal that cross each
 * other and fill whoever else is in the book.
 */
public record ManipulatorParams(int qty, int washTicks, double activity) implements StrategyParams {
    @Override
    public int maxOrderQty() {
        return qty;
    }
}
