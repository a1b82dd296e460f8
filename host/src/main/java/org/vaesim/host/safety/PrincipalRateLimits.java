package org.vaesim.host.safety;

import java.util.List;

import org.vaesim.kernels.EpochInputs;
import org.vaesim.kernels.EpochResult;
import org.vaesim.models.safety.SafetySpec;

/**
 * The token buckets of the principals' rate limits, kept on the host in thousandths of an order (as the
 * agents' buckets are): each epoch a bucket refills, its whole orders are what the principal's agents may
 * send together, and the orders they sent (up to that) are charged after the epoch.
 */
public final class PrincipalRateLimits {
    private final List<SafetySpec.PrincipalLimit> limits;

    public PrincipalRateLimits(SafetySpec safety) {
        this.limits = safety.principalLimits();
    }

    public int count() {
        return limits.size();
    }

    /** Full buckets, as at the start of a run. */
    public void fill(SafetyState state) {
        for (int l = 0; l < limits.size(); l++) {
            state.principalTokens[l] = limits.get(l).burst() * 1000;
        }
    }

    /** Refills each bucket and tells the backend how many orders each principal may send this epoch. */
    public void beforeEpoch(SafetyState state, EpochInputs inputs) {
        for (int l = 0; l < limits.size(); l++) {
            SafetySpec.PrincipalLimit limit = limits.get(l);
            state.principalTokens[l] = Math.min(limit.burst() * 1000, state.principalTokens[l]
                    + limit.ordersPerEpochMilli());
            inputs.principalAllowed[l] = state.principalTokens[l] / 1000;
        }
    }

    /** Charges each bucket 1000 per order that went through. */
    public void afterEpoch(SafetyState state, EpochInputs inputs, EpochResult result) {
        for (int l = 0; l < limits.size(); l++) {
            state.principalTokens[l] -= 1000 * Math.min(result.principalOrders[l], inputs.principalAllowed[l]);
        }
    }
}
