package org.vaesim.kernels.example;

import java.util.List;

import org.vaesim.models.market.MarketSpec;
import org.vaesim.models.scenario.ConfigException;
import org.vaesim.models.scenario.Node;
import org.vaesim.models.strategy.StrategyFamily;
import org.vaesim.models.strategy.StrategyParams;

/**
 * The worked example of docs/extending.md, "A new strategy family": a contrarian bets against the last move. After
 * the price rose by more than {@code thresholdTicks} it asks {@code qty} units {@code offsetTicks} below the last
 * price; after such a fall it bids as far above; each agent acts with probability {@code activity} per epoch. Its
 * inventory stays within {@code maxPosition} either way (the gate enforces the long side, the twin both).
 */
public record ContrarianParams(int thresholdTicks, int offsetTicks, int qty, double activity, int maxPosition)
        implements StrategyParams {
    /** The {@code params} of a {@code "strategy": "contrarian"} cohort: its fields, reader and examples. */
    static final StrategyFamily.Params PARAMS = new StrategyFamily.Params(
            List.of("threshold_ticks", "offset_ticks", "qty", "activity", "max_position"), ContrarianParams::read,
            List.of("{\"threshold_ticks\": 3, \"offset_ticks\": 2, \"qty\": 4, \"activity\": 0.5,"
                    + " \"max_position\": 40}",
                    "{\"threshold_ticks\": 0, \"qty\": 1}"));

    static ContrarianParams read(Node p, MarketSpec market) throws ConfigException {
        int threshold = p.optionalInt("threshold_ticks", 0, 65_536, 5);
        int offset = p.optionalInt("offset_ticks", 0, 65_536, 1);
        if (offset > market.ticks() / 2) {
            throw p.field("offset_ticks").error(offset + "", "at most half the market's " + market.ticks()
                    + " ticks (" + market.ticks() / 2 + ")");
        }
        return new ContrarianParams(threshold, offset, p.requiredInt("qty", 1, 1_000_000),
                p.optionalDouble("activity", Node.Interval.above(0, 1), 1.0),
                p.optionalInt("max_position", 0, 1_000_000_000, 100));
    }

    @Override
    public int maxOrderQty() {
        return qty;
    }

    @Override
    public int maxShort() {
        return maxPosition; // it sells short as far as it buys long
    }
}
