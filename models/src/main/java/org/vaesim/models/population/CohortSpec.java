package org.vaesim.models.population;

import org.vaesim.models.strategy.StrategyFamily;
import org.vaesim.models.strategy.StrategyParams;

/**
 * A group of identical-rule agents: one family, one market, one parameter set, one initial endowment.
 *
 * @param marketIndex index into {@code Scenario.markets()}
 * @param cash        initial cash per agent, micro-credits
 * @param inventory   initial units per agent of the market's good
 */
public record CohortSpec(String name, StrategyFamily family, int marketIndex, int count, long cash, int inventory,
                         StrategyParams params) {
}
