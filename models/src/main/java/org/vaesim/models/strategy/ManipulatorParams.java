package org.vaesim.models.strategy;

/**
 * A malicious cohort for safety experiments: every epoch, with probability {@code activity}, its buying agents bid
 * and its selling agents ask, each order {@code qtyMin .. qty} units (uniform per order) and {@code washTicksMin ..
 * washTicks} ticks through the last price (uniform per order): order spam, oversized orders, and wash trades
 * between agents of one principal that cross each other and fill whoever else is in the book. Which agents buy:
 * the even-indexed ones, or with {@code drawnSides} each agent's side drawn once per seed (a fair coin), so that
 * seeds change which agents trade with which and how balanced the cohort is. With {@code qtyMin = qty},
 * {@code washTicksMin = washTicks} and fixed sides every order is the same, as before these draws existed.
 */
public record ManipulatorParams(int qty, int washTicks, double activity, int qtyMin, int washTicksMin,
                                boolean drawnSides) implements StrategyParams {
    /** Fixed orders: every order {@code qty} units, {@code washTicks} through, even agents bid. */
    public ManipulatorParams(int qty, int washTicks, double activity) {
        this(qty, washTicks, activity, qty, washTicks, false);
    }

    @Override
    public int maxOrderQty() {
        return qty;
    }
}
