package org.vaesim.models.safety;

import java.util.Set;

import org.vaesim.models.market.ResourceType;

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
     * Limits every mechanism enforces per agent, on top of the strategy's own (docs/safety.md, "One check for
     * every mechanism"): the largest order, the largest long position, the most an agent may commit per epoch
     * (micro-credits), and a token bucket of {@code ordersPerEpochMilli / 1000} orders per epoch up to
     * {@code burst} orders (0 = no rate limit). {@code venues} are the names of the markets, resource auctions and
     * missions the agents may take part in and {@code resources} the resource types they may trade (null: all).
     * {@code authorized} is whether they authorize the cohort's own market: when it is false every order there is
     * outside the scope.
     */
    public record Scope(int maxOrderQty, int maxPosition, long spendLimit, int ordersPerEpochMilli, int burst,
                        boolean authorized, Set<String> venues, Set<ResourceType> resources) {
        public static final Scope UNLIMITED = new Scope(Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE, 0, 0);

        public Scope {
            venues = venues == null ? null : Set.copyOf(venues);
            resources = resources == null ? null : Set.copyOf(resources);
        }

        /** A scope that authorizes every venue and resource type. */
        public Scope(int maxOrderQty, int maxPosition, long spendLimit, int ordersPerEpochMilli, int burst) {
            this(maxOrderQty, maxPosition, spendLimit, ordersPerEpochMilli, burst, true, null, null);
        }

        public boolean rateLimited() {
            return burst > 0;
        }

        /** The largest order the gate lets through: 0 (none) on a market the scope does not authorize. */
        public int largestOrder() {
            return authorized ? maxOrderQty : 0;
        }

        /**
         * Whether the agents may take part in the venue named {@code venue} (a market, a resource auction or a
         * mission) trading {@code resource} (null for a venue that trades no resource type, such as a mission).
         */
        public boolean authorizes(String venue, ResourceType resource) {
            return (venues == null || venues.contains(venue))
                    && (resource == null || resources == null || resources.contains(resource));
        }

        /** The largest order on venue {@code venue}: 0 (none) where the scope does not authorize it. */
        public int largestOrder(String venue, ResourceType resource) {
            return authorizes(venue, resource) ? maxOrderQty : 0;
        }
    }
}
