package org.vaesim.kernels.gate;

/** Why the gate dropped an order; the ordinal indexes the per-market reject counters. */
public enum RejectReason {
    /** The agent's bid is at or above its own ask: both are dropped. */
    SELF_CROSS("self_cross"),
    /** Filling the bid could take the agent's position above its strategy's limit. */
    POSITION("position"),
    /** The bid's notional plus fee exceeds the agent's cash. */
    BUDGET("budget"),
    /** The ask exceeds the units held plus the strategy's short allowance. */
    INVENTORY("inventory"),
    /** The agent was stopped by a kill switch: every order it sends is dropped. */
    KILLED("killed"),
    /** Outside the agent's authorization scope: an order above its largest order, or a bid above its spend limit. */
    SCOPE("scope"),
    /** The agent's token bucket is empty: it has sent more orders than its rate limit allows. */
    RATE_LIMIT("rate_limit"),
    /** Its principal's agents together sent more orders than the principal's rate limit allows. */
    PRINCIPAL_RATE_LIMIT("principal_rate_limit");

    public static final int COUNT = values().length;

    private final String label;

    RejectReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
