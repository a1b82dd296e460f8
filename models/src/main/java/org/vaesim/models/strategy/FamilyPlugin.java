package org.vaesim.models.strategy;

/**
 * A strategy family defined outside vaesim's built-in list: one line naming the implementing class in
 * {@code META-INF/services/org.vaesim.models.strategy.FamilyPlugin} registers it, and {@link StrategyFamily#values()}
 * lists it after the built-in families. The kernels module requires the same object to give the family's decide
 * kernels too ({@code org.vaesim.kernels.decide.DecideFamily.Plugin}); docs/extending.md walks through an example.
 */
public interface FamilyPlugin {
    /** The family; the same instance on every call. */
    StrategyFamily family();
}
