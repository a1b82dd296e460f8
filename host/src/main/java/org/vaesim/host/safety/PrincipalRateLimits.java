package org.vaesim.host.safety;

import java.util.List;

import org.vaesim.host.stage.EpochContext;
import org.vaesim.kernels.EpochInputs;
import org.vaesim.models.safety.SafetySpec;

/**
 * The token buckets of the principals' rate limits, kept on the host in thousandths of an order (as the
 * agents' buckets are): each epoch a bucket refills, its whole orders are what the principal's agents may
 * send together, and the orders they sent (up to that) are charged after the epoch. A {@link SafetyRule} around
 * the backend's epoch.
 */
public final class PrincipalRateLimits implements SafetyRule {
    private final List<SafetySpec.PrincipalLimit> limits;
    private final SafetyState state;

    /** The limits of {@code safety}, their buckets kept in {@code state}. */
    PrincipalRateLimits(SafetySpec safety, SafetyState state) {
        this.limits = safety.principalLimits();
        this.state = state;
    }

    /** Full buckets, as at the start of a run. */
    static void fill(SafetySpec safety, SafetyState state) {
        List<SafetySpec.PrincipalLimit> limits = safety.principalLimits();
        for (int l = 0; l < limits.size(); l++) {
            state.principalTokens[l] = limits.get(l).burst() * 1000;
        }
    }

    /** Refills each bucket and tells the backend how many orders each principal may send this epoch. */
    @Override
    public void beforeMarkets(EpochContext c) {
        EpochInputs inputs = c.inputs();
        for (int l = 0; l < limits.size(); l++) {
            SafetySpec.PrincipalLimit limit = limits.get(l);
            state.principalTokens[l] = Math.min(limit.burst() * 1000, state.principalTokens[l]
                    + limit.ordersPerEpochMilli());
            inputs.principalAllowed[l] = state.principalTokens[l] / 1000;
        }
    }

    /** Charges each bucket 1000 per order that went through. */
    @Override
    public void afterMarkets(EpochContext c) {
        for (int l = 0; l < limits.size(); l++) {
            state.principalTokens[l] -= 1000 * Math.min(c.result().principalOrders[l], c.inputs().principalAllowed[l]);
        }
    }
}
