package org.vaesim.models.population;

import org.vaesim.models.safety.Identity;
import org.vaesim.models.strategy.StrategyFamily;
import org.vaesim.models.strategy.StrategyParams;

/**
 * A group of identical-rule agents: one family, one market, one parameter set, one initial endowment.
 *
 * @param marketIndex index into {@code Scenario.markets()}
 * @param cash        initial cash per agent, micro-credits; with drawn cash, the least an agent can draw
 * @param inventory   initial units per agent of the market's good; with a drawn inventory, the least an agent can draw
 * @param identity    the principal behind the agents and their authorization scope
 * @param arrival     when the agents arrive and apply for entry, or null for founding agents present from the start
 * @param draws       what each agent draws per seed instead of the fixed amount (opt-in), or null for none
 */
public record CohortSpec(String name, StrategyFamily family, int marketIndex, int count, long cash, int inventory,
                         StrategyParams params, Identity identity, Arrival arrival, Draws draws) {

    /**
     * Endowments drawn per agent and seed from a distribution; either may be null (that field is fixed). The
     * cohort's {@code cash} and {@code inventory} are then the distributions' minimums, so that every check of what
     * each agent surely has (a reserve price, a mission's funding) holds for every draw.
     */
    public record Draws(Distribution cash, Distribution inventory) {
    }

    /** A cohort whose endowments are fixed. */
    public CohortSpec(String name, StrategyFamily family, int marketIndex, int count, long cash, int inventory,
                      StrategyParams params, Identity identity, Arrival arrival) {
        this(name, family, marketIndex, count, cash, inventory, params, identity, arrival, null);
    }

    /** The most cash an agent of the cohort can start with, micro-credits. */
    public long maxCash() {
        return draws != null && draws.cash() != null ? draws.cash().max() : cash;
    }

    /** The most units an agent of the cohort can start with. */
    public long maxInventory() {
        return draws != null && draws.inventory() != null ? draws.inventory().max() : inventory;
    }

    /**
     * Agents that arrive during the run: from epoch {@code fromEpoch}, {@code perEpoch} of them (in index order)
     * apply for entry at the start of each epoch until all have; or, with {@code untilEpoch} (opt-in, -1 when not
     * set), each agent draws per seed an epoch from fromEpoch to untilEpoch, uniformly, and as many as drew an epoch
     * apply in it, in index order. {@code declaredCapability} in [0, 1] is what their principal declares for them
     * at entry, NaN if it declares nothing.
     */
    public record Arrival(int fromEpoch, int perEpoch, double declaredCapability, int untilEpoch,
                          double hiddenCapability) {
        /** Arrivals in batches of {@code perEpoch}. */
        public Arrival(int fromEpoch, int perEpoch, double declaredCapability) {
            this(fromEpoch, perEpoch, declaredCapability, -1);
        }

        /** Arrivals whose ability is what they declare. */
        public Arrival(int fromEpoch, int perEpoch, double declaredCapability, int untilEpoch) {
            this(fromEpoch, perEpoch, declaredCapability, untilEpoch, Double.NaN);
        }

        /**
         * The agents' true ability in [0, 1], which only a test task reveals (safety.entry.test_task): the
         * {@code hidden_capability} the scenario gives, else what they declared (NaN when neither).
         */
        public double trueCapability() {
            return Double.isNaN(hiddenCapability) ? declaredCapability : hiddenCapability;
        }

        public boolean declared() {
            return !Double.isNaN(declaredCapability);
        }

        /** Whether each agent's arrival epoch is drawn per seed (from fromEpoch to untilEpoch). */
        public boolean drawn() {
            return untilEpoch >= 0;
        }

        /** The epoch in which the last of {@code count} agents applies, at the latest. */
        public int lastEpoch(int count) {
            return drawn() ? untilEpoch : fromEpoch + (count + perEpoch - 1) / perEpoch - 1;
        }
    }

    /** Founding agents, present from the start. */
    public CohortSpec(String name, StrategyFamily family, int marketIndex, int count, long cash, int inventory,
                      StrategyParams params, Identity identity) {
        this(name, family, marketIndex, count, cash, inventory, params, identity, null);
    }

    /** A cohort that is its own principal, with no limits beyond its strategy's. */
    public CohortSpec(String name, StrategyFamily family, int marketIndex, int count, long cash, int inventory,
                      StrategyParams params) {
        this(name, family, marketIndex, count, cash, inventory, params, Identity.unrestricted(name));
    }
}
