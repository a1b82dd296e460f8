package org.vaesim.models.safety;

/**
 * Who deployed a cohort's agents and what they may do (Tomasev et al. 2025: identity and authorization).
 *
 * @param principal the person or organisation behind the agents; many cohorts may share one
 * @param scope     the authorization scope every agent of the cohort trades under
 */
public record Identity(String principal, Scope scope) {

    /** A cohort's own principal (its name) with no limits beyond its strategy's. */
    public static Identity unrestricted(String principal) {
        return new Identity(principal, Scope.UNLIMITED);
    }

    /**
     * Limits the gate enforces per agent, on top of the strategy's own: the largest order, the largest long
     * position, the most a bid may commit per epoch (micro-credits), and a token bucket of
     * {@code ordersPerEpochMilli / 1000} orders per epoch up to {@code burst} orders (0 = no rate limit).
     * {@code authorized} is false when the scope's markets or resource types leave out the market the cohort
     * trades: then every order is outside the scope.
     */
    public record Scope(int maxOrderQty, int maxPosition, long spendLimit, int ordersPerEpochMilli, int burst,
                        boolean authorized) {
        public static final Scope UNLIMITED = new Scope(Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE, 0, 0);

        /** A scope that authorizes the cohort's market. */
        public Scope(int maxOrderQty, int maxPosition, long spendLimit, int ordersPerEpochMilli, int burst) {
            this(maxOrderQty, maxPosition, spendLimit, ordersPerEpochMilli, burst, true);
        }

        public boolean rateLimited() {
            return burst > 0;
        }

        /** The largest order the gate lets through: 0 (none) on a market the scope does not authorize. */
        public int largestOrder() {
            return authorized ? maxOrderQty : 0;
        }
    }
}
