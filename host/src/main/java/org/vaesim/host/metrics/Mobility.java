package org.vaesim.host.metrics;

import java.util.Arrays;

import org.vaesim.host.epoch.Engine;
import org.vaesim.kernels.inequality.Inequality;

/**
 * Rank mobility between two metrics epochs: the 10 x 10 matrix T of agents that were in wealth decile i at the
 * previous metrics epoch and are in decile j now (deciles as {@link WealthHistogram#decileOf} defines them), the
 * Shorrocks index and the share of agents who changed decile. docs/inequality.md.
 *
 * @param transitions {@code transitions[i * 10 + j]}: agents from decile i to decile j
 */
public record Mobility(long[] transitions) {

    /**
     * Metrics pass 2 on the engine's backend for the histogram just sampled: stores every agent's decile and
     * returns the moves since the previous pass, or null where no agent had a decile yet (the first metrics epoch).
     */
    public static Mobility sample(Engine engine, WealthHistogram histogram) {
        long[] t = new long[Inequality.TRANSITIONS];
        engine.backend().rankMobility(WealthHistogram.unitPrices(engine), histogram.decileThresholds(), t);
        return Arrays.stream(t).sum() == 0 ? null : new Mobility(t);
    }

    public long count(int from, int to) {
        return transitions[from * Inequality.DECILES + to];
    }

    /** Agents counted: those that had a decile at the previous metrics epoch. */
    public long agents() {
        return Arrays.stream(transitions).sum();
    }

    /** Agents in each decile now (the matrix's column sums). */
    public long[] deciles() {
        long[] now = new long[Inequality.DECILES];
        for (int i = 0; i < Inequality.DECILES; i++) {
            for (int j = 0; j < Inequality.DECILES; j++) {
                now[j] += count(i, j);
            }
        }
        return now;
    }

    /**
     * Shorrocks (1978): (K - trace P) / (K - 1) with K = 10 and P the row-normalised matrix; 0 when nobody moves,
     * 1 when every row is spread evenly. A decile that held no agent at the previous epoch counts as P_ii = 1
     * (nobody left it), which with bucket-granular deciles can happen (docs/inequality.md).
     */
    public double shorrocks() {
        double trace = 0;
        for (int i = 0; i < Inequality.DECILES; i++) {
            long row = 0;
            for (int j = 0; j < Inequality.DECILES; j++) {
                row += count(i, j);
            }
            trace += row == 0 ? 1.0 : (double) count(i, i) / row;
        }
        return (Inequality.DECILES - trace) / (Inequality.DECILES - 1);
    }

    /** Share of the agents counted whose decile changed. */
    public double changedShare() {
        long stayed = 0;
        for (int i = 0; i < Inequality.DECILES; i++) {
            stayed += count(i, i);
        }
        long n = agents();
        return n == 0 ? 0 : (double) (n - stayed) / n;
    }
}
