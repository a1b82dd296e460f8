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

    /** The operator closes the permeability gateway: nothing crosses until a {@link GatewayOpen}. */
    record GatewayClose(int epoch) implements EventSpec {
    }

    /** The operator opens the gateway (also ending a closure by the gateway's circuit breaker). */
    record GatewayOpen(int epoch) implements EventSpec {
    }

    /**
     * A shock outside the sandbox: the external price of linked market {@code linkIndex} (an index into the
     * gateway's links) and the level it reverts to move by {@code percent} %.
     */
    record ExternalShock(int epoch, int linkIndex, double percent) implements EventSpec {
    }

    /** A shock to the gateway's exchange rate and the level it reverts to, by {@code percent} %. */
    record RateShock(int epoch, double percent) implements EventSpec {
    }
}
