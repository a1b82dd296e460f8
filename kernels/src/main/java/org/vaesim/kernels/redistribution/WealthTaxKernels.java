package org.vaesim.kernels.redistribution;

import java.util.List;

import org.vaesim.kernels.Halves;
import org.vaesim.kernels.exchange.Exchange;
import org.vaesim.kernels.memory.Segment;

/**
 * The wealth tax's backend half (docs/capability.md#levers): a flat tax with an equal rebate over a list of
 * cohorts. Each agent that takes part (the one check, as in a kinetic exchange's tax) pays floor(rate x cash)
 * ({@link Exchange#collectTax}), and the pot goes back to the same agents in equal parts, the remainder one
 * micro-credit each to the first of them in index order ({@link Exchange#refund}). {@link WealthTaxJava} runs the
 * Java twins, {@link WealthTaxDevice} the C kernels of {@code exchange.cl}; both give the same results.
 */
public interface WealthTaxKernels {
    /** One collection and rebate at {@code rate}; returns {collected micro-credits, agents that took part}. */
    long[] collect(double rate);

    /** The halves for the taxed {@code cohorts} (in index order). */
    static Halves<WealthTaxKernels> halves(List<Segment> cohorts) {
        return Halves.of(b -> new WealthTaxJava(cohorts, b), b -> new WealthTaxDevice(cohorts, b));
    }
}
