package org.vaesim.kernels;

import org.vaesim.kernels.memory.Population;

/**
 * Runs the agent-parallel stages of an epoch over a population it holds (on the host for {@code java}, in
 * device memory for {@code opencl}). The host talks to it once per epoch through small buffers: the public
 * market state in ({@link EpochInputs}), the clearing and the counters out ({@link EpochResult}).
 */
public interface Backend extends AutoCloseable {
    String name();

    /** Worker threads (java), or 0 where the device schedules its own work. */
    int threads();

    /** The device the backend runs on, in words (for outputs and benchmarks). */
    String device();

    /**
     * One epoch: decide, gate, book, clear, settle and update. Overwrites {@code out} with the epoch's
     * clearing, rejections and totals.
     */
    void epoch(EpochInputs inputs, EpochResult out);

    /** Adds {@code delta} micro-credits to each agent in [from, to), never below zero; returns the net change. */
    long adjustCash(int from, int to, long delta);

    /** Adds {@code delta} units to each agent in [from, to), never below zero; returns the net change. */
    long adjustGoods(int from, int to, int delta);

    /** Kill switch over the agents in [from, to); returns how many were active or pending before. */
    long kill(int from, int to);

    /**
     * Entry: the pending agents in [from, to) become {@code status} (0 admitted, or {@code Population.REFUSED})
     * with reputation {@code reputationMillionths}; returns how many were pending.
     */
    long arrive(int from, int to, int status, int reputationMillionths);

    /**
     * Overwrites {@code out} (segments x {@code Standing.SLOTS}) with each cohort's active agents and the sum of
     * their reputations, for the entry checks.
     */
    void standing(long[] out);

    /**
     * The boost column published on {@code channel} ({@link AgentBoost}; one int per agent, millionths) as of now, or
     * null when none is: the backend's own array on the host (read it, never write it), a copy read back from a
     * device. For readers outside the agent-parallel halves, such as the entry checks.
     */
    int[] boosts(AgentBoost channel);

    /**
     * Metrics pass 1 (docs/inequality.md): overwrites {@code histogram} ({@code WealthBuckets.LENGTH} longs) with
     * every agent's wealth, cash + inventory x {@code unitPrice[market]} micro-credits, in the fixed
     * {@link org.vaesim.kernels.inequality.WealthBuckets} layout; returns the agents' total cash. Reads the
     * population and changes nothing in it; only the histogram comes back from a device.
     */
    long wealthHistogram(long[] unitPrice, long[] histogram);

    /**
     * Metrics pass 2: each agent's current wealth decile from the nine bucket {@code thresholds}
     * ({@link org.vaesim.kernels.inequality.Inequality#decile}); overwrites {@code transitions} (10 x 10, previous
     * decile major) with the moves from the decile stored at the previous call, then stores the new deciles.
     */
    void rankMobility(long[] unitPrice, int[] thresholds, long[] transitions);

    /**
     * The trading period's supply and demand schedules ({@link org.vaesim.kernels.settle.InducedSchedule}): overwrites
     * {@code out} ({@code InducedSchedule.length(markets, gridWidth)} longs) with the units each active trader with
     * an induced value can trade now, by market, class, side and value or cost tick. Reads the population, changes
     * nothing; only the histogram comes back from a device.
     */
    void inducedSchedule(long[] out);

    /** The population's columns as of the last epoch (a copy brought back from the device where there is one). */
    Population population();

    /**
     * A mechanism's half on this backend (docs/extending.md): {@code halves.java(this)} on the java backend,
     * {@code halves.device(this)} on a device backend. The mechanism's half works on the backend's primitives (the
     * population and the worker pool; the device's buffers, launches and reads); the backend names no mechanism.
     */
    <H> H half(Halves<H> halves);

    @Override
    void close();
}
