package org.vaesim.kernels.exchange;

import org.vaesim.kernels.Halves;
import org.vaesim.models.strategy.NegotiationParams;

/**
 * Negotiation's backend half (docs/strategies.md#negotiation): each negotiation cohort's random pairs strike a deal
 * or not ({@link Exchange#negotiate}). {@link NegotiationJava} runs the Java twin on the worker pool,
 * {@link NegotiationDevice} the C kernel of {@code exchange.cl}; both give the same results and read the backend's
 * power column ({@code AgentBoost.POWER}) as it is at each epoch.
 */
public interface NegotiationKernels {
    /** One epoch's negotiation over every negotiation cohort, in layout order. */
    void negotiate(int epoch);

    /** The halves for {@code plan}. */
    static Halves<NegotiationKernels> halves(ExchangePlan<NegotiationParams> plan) {
        return Halves.of(b -> new NegotiationJava(plan, b), b -> new NegotiationDevice(plan, b));
    }
}
