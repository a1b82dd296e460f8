package org.vaesim.models.strategy;

/**
 * Parameters of one cohort's strategy; the record type matches the cohort's family ({@link StrategyFamily#params()}
 * reads it). Open, so that a family outside the built-in list ({@link FamilyPlugin}) brings its own record.
 */
public interface StrategyParams {

    /** Largest quantity one order of this strategy can carry (bounds the book's integer sums). */
    int maxOrderQty();

    /** The largest inventory the strategy holds, which the gate enforces on bids (none by default). */
    default int maxPosition() {
        return Integer.MAX_VALUE;
    }

    /** How far below zero the gate lets an accepted ask take an agent's inventory (0: no short selling). */
    default int maxShort() {
        return 0;
    }
}
