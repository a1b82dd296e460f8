package org.vaesim.kernels.exchange;

import org.vaesim.kernels.Halves;
import org.vaesim.models.strategy.KineticParams;

/**
 * Kinetic exchange's backend half (docs/strategies.md#kinetic-exchange): each kinetic cohort's random pairs
 * exchange cash by its model ({@link Exchange#exchange}), then its tax is collected and shared back
 * ({@link Exchange#collectTax}, {@link Exchange#refund}). {@link KineticJava} runs the Java twins on the worker pool,
 * {@link KineticDevice} the C kernels of {@code exchange.cl}; both give the same results. Both read the backend's
 * power column ({@code AgentBoost.POWER}) as it is at each epoch (capability as state sets it after this half is
 * built).
 */
public interface KineticKernels {
    /** One epoch's exchange over every kinetic cohort, in layout order. */
    void exchange(int epoch);

    /** The halves for {@code plan}. */
    static Halves<KineticKernels> halves(ExchangePlan<KineticParams> plan) {
        return Halves.of(b -> new KineticJava(plan, b), b -> new KineticDevice(plan, b));
    }
}
