package org.vaesim.kernels.gate;

import org.vaesim.kernels.memory.Population;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.models.market.MarketSpec;
import org.vaesim.models.market.ResourceType;
import org.vaesim.models.safety.Identity;

/**
 * The one check every mechanism that moves money or goods applies to an agent's action, twin of
 * {@code vs_eligibility} in vaesim.h: the order book's gate, resource auctions, missions, the gateway, negotiation
 * and kinetic exchange all call it (docs/safety.md, "One check for every mechanism"). A kill switch (agent,
 * cohort, family, principal or global: all set the status column), the authorization scope (venue and resource
 * type, largest order, spend limit), probation and the per-agent rate limit therefore mean the same everywhere.
 */
public final class Eligibility {
    /** {@link #check}'s answer when the action may go ahead. */
    public static final int ELIGIBLE = -1;
    /** {@link #check}'s answer for a pending or refused agent: it is not in the economy, so nothing is counted. */
    public static final int ABSENT = -2;
    /** What one action costs in the token bucket, which counts thousandths of an order. */
    public static final int TOKEN = 1000;

    private Eligibility() {
    }

    /**
     * Why an agent may not take an action, as a {@link RejectReason} ordinal, or {@link #ELIGIBLE} (or
     * {@link #ABSENT}). In order: its status ({@code killed}; pending or refused agents are absent); the action's
     * size {@code qty} against its largest order ({@code scope}; {@code largest} is 0 on a venue its scope does not
     * authorize, so any action there is out of scope); the mechanism's own reason {@code own} (the gate's position,
     * budget or holdings checks; -1 for none); the {@code amount} it commits (micro-credits) against its spend limit
     * ({@code scope}); and last its token bucket ({@code rate_limit} when it holds less than {@link #TOKEN} of a
     * bucket of {@code capacity} > 0; no bucket when 0). The caller charges {@link #TOKEN} for an eligible action of
     * a rate-limited agent, so that only actions that go ahead spend a token.
     */
    public static int check(int status, long qty, int largest, int own, long amount, long spendLimit, int capacity,
                            int tokens) {
        if (status != 0) {
            return status == Population.KILLED ? RejectReason.KILLED.ordinal() : ABSENT;
        }
        if (qty > largest) {
            return RejectReason.SCOPE.ordinal();
        }
        if (own >= 0) {
            return own;
        }
        if (amount > spendLimit) {
            return RejectReason.SCOPE.ordinal();
        }
        return capacity > 0 && tokens < TOKEN ? RejectReason.RATE_LIMIT.ordinal() : ELIGIBLE;
    }

    /** An agent's limit: the scope's, or the probation's if smaller while its reputation is below the line. */
    public static int limit(int reputation, int probationBelow, int scopeLimit, int probationLimit) {
        return reputation < probationBelow && probationLimit < scopeLimit ? probationLimit : scopeLimit;
    }

    /** {@link #limit(int, int, int, int)} for a limit in micro-credits. */
    public static long limit(int reputation, int probationBelow, long scopeLimit, long probationLimit) {
        return reputation < probationBelow && probationLimit < scopeLimit ? probationLimit : scopeLimit;
    }

    /**
     * What the check needs of one cohort on one venue, as the kernels' integer arguments: its largest order there
     * (0 where its scope does not authorize the venue), spend limit, largest position, the rate limit's bucket size
     * (thousandths of an order; 0 without a rate limit), and the probation line and limits (reputations in
     * millionths; a line of 0 puts nobody on probation).
     */
    public record Limits(int largest, long spendLimit, int maxPosition, int capacity, int probationBelow,
                         int probationLargest, long probationSpendLimit, int probationMaxPosition) {
        /** No limits at all. */
        public static final Limits NONE = new Limits(Integer.MAX_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE, 0, 0,
                Integer.MAX_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE);

        /**
         * Cohort {@code s} on the venue {@code venue} trading {@code resource} (null: no resource type), under the
         * scenario's probation rules {@code rules}; the position is the cohort's own ({@link Segment#maxPosition}).
         */
        public static Limits of(Segment s, String venue, ResourceType resource, ReputationRules rules) {
            Identity.Scope scope = s.cohort().identity().scope();
            return new Limits(scope.largestOrder(venue, resource), scope.spendLimit(), s.maxPosition(),
                    scope.burst() * TOKEN, rules.probationBelow(), rules.probationMaxOrderQty(),
                    rules.probationSpendLimit(), rules.probationMaxPosition());
        }

        /**
         * Cohort {@code s} on its own market (the order book, the gateway, negotiation, kinetic exchange), under the
         * scenario's probation rules {@code rules}.
         */
        public static Limits ofOwnMarket(Segment s, MarketSpec market, ReputationRules rules) {
            return of(s, market.name(), market.resource(), rules);
        }

        /**
         * These limits with the largest order at most {@code units} (probation's too): a strategic auction bidder
         * that bids for fewer units than it values is capped exactly as a smaller largest order caps it.
         */
        public Limits withLargestAtMost(int units) {
            return new Limits(Math.min(largest, units), spendLimit, maxPosition, capacity, probationBelow,
                    Math.min(probationLargest, units), probationSpendLimit, probationMaxPosition);
        }

        /** These limits without the rate limit: for a mechanism whose actions are not orders the agent sends. */
        public Limits withoutRateLimit() {
            return new Limits(largest, spendLimit, maxPosition, 0, probationBelow, probationLargest,
                    probationSpendLimit, probationMaxPosition);
        }

        /** The agent's largest order at reputation {@code reputation}. */
        public int largest(int reputation) {
            return limit(reputation, probationBelow, largest, probationLargest);
        }

        /** The agent's spend limit at reputation {@code reputation}. */
        public long spendLimit(int reputation) {
            return limit(reputation, probationBelow, spendLimit, probationSpendLimit);
        }

        /** The agent's largest position at reputation {@code reputation}. */
        public int maxPosition(int reputation) {
            return limit(reputation, probationBelow, maxPosition, probationMaxPosition);
        }
    }
}
