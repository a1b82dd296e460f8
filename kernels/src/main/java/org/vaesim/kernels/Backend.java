package org.vaesim.kernels;

import org.vaesim.kernels.clear.ClearingResult;
import org.vaesim.kernels.memory.MarketBook;
import org.vaesim.kernels.memory.Population;

/**
 * Runs the agent-parallel stages of an epoch over a population it holds (on the host for {@code java},
 * in device memory for the accelerator backends). The host talks to it once per epoch through small
 * buffers: the public market state in, the book and the clearing result across, counters out.
 */
public interface Backend extends AutoCloseable {
    String name();

    /** Worker threads (java) or 0 where the device decides. */
    int threads();

    /**
     * decide, gate and book for one epoch: fills {@code book} (cleared first) with every market's bid and
     * ask histograms and adds the gate's rejections to {@code rejects[market * RejectReason.COUNT + reason]}.
     */
    void placeOrders(EpochInputs inputs, MarketBook book, long[] rejects);

    /**
     * settle at the clearing result and run the end-of-epoch update; adds each market's fees and realised
     * surplus to {@code totals[market * Settle.TOTALS + index]}.
     */
    void settle(EpochInputs inputs, ClearingResult clearing, MarketBook book, long[] totals);

    /** Adds {@code delta} micro-credits to each agent in [from, to), never below zero; returns the net change. */
    long adjustCash(int from, int to, long delta);

    /** Adds {@code delta} units to each agent in [from, to), never below zero; returns the net change. */
    long adjustGoods(int from, int to, int delta);

    /** The population's columns as of the last completed stage (a synchronised copy for device backends). */
    Population population();

    @Override
    void close();
}
