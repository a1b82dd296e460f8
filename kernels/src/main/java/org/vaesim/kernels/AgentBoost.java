package org.vaesim.kernels;

/**
 * The optional per-agent boost columns a backend carries (docs/extending.md): each one int per agent, millionths,
 * published by one mechanism's half and read by another's as "this agent is that much more able here". The reading
 * halves know only the channel, never who publishes it, so a publisher (capability, docs/capability.md) stays a
 * plug-in. Without a published column a channel reads as absent and every reader runs the arithmetic it had before
 * the channel existed.
 */
public enum AgentBoost {
    /**
     * Bargaining power in negotiation and the yard sale: an agent's power is 1 + b / 10^6 times its own
     * (docs/capability.md).
     */
    POWER,
    /** A resource-auction bidder's values: its base value v becomes min(top tick, v + floor(v b / 10^6)). */
    VALUE,
    /**
     * A mission bidder's task: its failure probability and its cost are divided by 1 + b / 10^6 (both floored in
     * integers, docs/capability.md).
     */
    TASK,
    /**
     * A principal's capability at entry: the test task scores an arriving agent's true ability times 1 + B / 10^6,
     * B the mean of the column over its principal's agents already in the economy.
     */
    ENTRY;

    public static final int COUNT = values().length;
}
