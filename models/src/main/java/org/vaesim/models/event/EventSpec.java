package org.vaesim.models.event;

/**
 * A scenario event, applied by the host at the start of {@code epoch()} (before observe). Events that move
 * money or goods into or out of the economy are the only such moves, and are accounted for in the
 * conservation report.
 */
public sealed interface EventSpec {
    int epoch();

    /** Moves a market's fundamental value by {@code percent} (rounded to the tick grid, at least tick 1). */
    record ShiftFundamental(int epoch, int marketIndex, double percent) implements EventSpec {
    }

    /** Adds {@code amount} micro-credits to every agent of a cohort (counted as money injected). */
    record InjectCash(int epoch, int cohortIndex, long amount) implements EventSpec {
    }

    /** Takes up to {@code amount} micro-credits from every agent of a cohort (never below zero; counted as removed). */
    record RemoveCash(int epoch, int cohortIndex, long amount) implements EventSpec {
    }

    /** Adds {@code units} of the cohort's market good to every agent of the cohort (counted as injected). */
    record InjectGoods(int epoch, int cohortIndex, int units) implements EventSpec {
    }

    /** Takes up to {@code units} from every agent of a cohort (never below zero; counted as removed). */
    record RemoveGoods(int epoch, int cohortIndex, int units) implements EventSpec {
    }

    /**
     * The operator's kill switch: from this epoch on the target's agents send no orders (their orders are
     * dropped at the gate and counted as {@code killed}); their cash and goods stay where they are.
     */
    record Kill(int epoch, org.vaesim.models.safety.KillTarget target) implements EventSpec {
    }
}
