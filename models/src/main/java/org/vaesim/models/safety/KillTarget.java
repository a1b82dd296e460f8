package org.vaesim.models.safety;

import org.vaesim.models.strategy.StrategyFamily;

/** Whom a kill switch stops: one agent, a cohort, a strategy family, a principal, or everyone. */
public sealed interface KillTarget {
    /** Agent by its index in the population (as in audit records). */
    record Agent(int index) implements KillTarget {
    }

    /** A cohort, by its index in {@code Scenario.cohorts()}. */
    record Cohort(int cohortIndex) implements KillTarget {
    }

    record Family(StrategyFamily family) implements KillTarget {
    }

    /** Every agent deployed by a principal, whatever its cohorts. */
    record Principal(String name) implements KillTarget {
    }

    record Global() implements KillTarget {
    }
}
