package org.vaesim.kernels.gateway;

import org.vaesim.kernels.Halves;

/**
 * The gateway's backend half (docs/permeability.md): its two agent-parallel passes over the brokers of one
 * {@link GatewayPlan}, as the host's gateway stage calls them. {@link GatewayJava} runs the Java twins
 * ({@link Gateway}), {@link GatewayDevice} the C kernels of {@code gateway.cl}; both give the same sums.
 */
public interface GatewayKernels {
    /**
     * Pass 1: for every active range of the plan, its brokers' request sums ({@link Gateway#request}) into
     * {@code out} (ranges x {@link Gateway#REQUESTS}, overwritten; inactive ranges 0). Reads the population, changes
     * nothing.
     */
    void request(GatewayStep step, long[] out);

    /**
     * Pass 2: every active range's brokers cross by {@code step}'s fill fractions ({@link Gateway#apply}), moving
     * their cash and goods; their flows into {@code out} (ranges x {@link Gateway#FLOWS}, overwritten).
     */
    void apply(GatewayStep step, long[] out);

    /** The gateway's halves for the brokers of {@code plan}. */
    static Halves<GatewayKernels> halves(GatewayPlan plan) {
        return Halves.of(b -> new GatewayJava(plan, b), b -> new GatewayDevice(plan, b));
    }
}
