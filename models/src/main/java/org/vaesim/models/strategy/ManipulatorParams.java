package org.vaesim.models.strategy;

/**
 * A malicious cohort for safety experiments: every epoch, with probability {@code activity}, its buying agents bid
 * and its selling agents ask, each order {@code qtyMin .. qty} units (uniform per order) and {@code washTicksMin ..
 * washTicks} ticks through the last price (uniform per order): order spam, oversized orders, and wash trades
 * between agents of one principal that cross each other and fill whoever else is in the book. Which agents buy:
 * the even-indexed ones, or with {@code drawnSides} each agent's side drawn once per seed (a fair coin), so that
 * seeds change which agents trade with which and how balanced the cohort is. With {@code qtyMin = qty},
 * {@code washTicksMin = washTicks} and fixed sides every order is the same, as before these draws existed.
 *
 * <p>With a {@link Watch} the cohort is an adaptive attacker (docs/safety.md#attackers-that-watch-the-detector): it
 * watches the statistic the self-trading rule judges, computed from what it knows (its principal's own fills and the
 * market's public volume), and backs off while that statistic is at or above its line; null: it never adapts.
 */
public record ManipulatorParams(int qty, int washTicks, double activity, int qtyMin, int washTicksMin,
                                boolean drawnSides, Watch watch) implements StrategyParams {
    /** Fixed orders: every order {@code qty} units, {@code washTicks} through, even agents bid. */
    public ManipulatorParams(int qty, int washTicks, double activity) {
        this(qty, washTicks, activity, qty, washTicks, false, null);
    }

    /** Drawn or fixed orders, no watch. */
    public ManipulatorParams(int qty, int washTicks, double activity, int qtyMin, int washTicksMin,
                             boolean drawnSides) {
        this(qty, washTicks, activity, qtyMin, washTicksMin, drawnSides, null);
    }

    /**
     * What an adaptive attacker watches and how it backs off. After each epoch it adds up, over the last
     * {@code epochs} epochs, the units its principal traded with itself in its market (the smaller of the units the
     * principal bought and sold at the clearing price) and the market's volume; while the first is at least
     * {@code share} of the second it acts, the next epoch, with probability {@code activity} (0: it pauses) and orders
     * of at most {@code qty} units, and resumes its own parameters once the share is below the line again.
     */
    public record Watch(double share, int epochs, double activity, int qty) {
    }

    /** The activity of the epoch: the watch's while backing off. */
    public double activity(boolean backingOff) {
        return backingOff ? watch.activity() : activity;
    }

    /** The largest order of the epoch: the watch's while backing off. */
    public int qty(boolean backingOff) {
        return backingOff ? watch.qty() : qty;
    }

    /** The smallest order of the epoch: {@code qtyMin}, at most the epoch's largest. */
    public int qtyMin(boolean backingOff) {
        return Math.min(qtyMin, qty(backingOff));
    }

    @Override
    public int maxOrderQty() {
        return qty;
    }
}
