package org.vaesim.models.population;

import org.vaesim.models.safety.Identity;
import org.vaesim.models.strategy.StrategyFamily;
import org.vaesim.models.strategy.StrategyParams;

/**
 * A group of identical-rule agents: one family, one market, one parameter set, one initial endowment.
 *
 * @param marketIndex index into {@code Scenario.markets()}
 * @param cash        initial cash per agent, micro-credits
 * @param inventory   initial units per agent of the market's good
 * @param identity    the principal behind the agents and their authorization scope
 */
public record CohortSpec(String name, StrategyFamily family, int marketIndex, int count, long cash, int inventory,
                         StrategyParams params, Identity identity) {

    /** A cohort that is its own principal, with no limits beyond its strategy's. */
    public CohortSpec(String name, StrategyFamily family, int marketIndex, int count, long cash, int inventory,
                      StrategyParams params) {
        this(name, family, marketIndex, count, cash, inventory, params, Identity.unrestricted(name));
    }
}
