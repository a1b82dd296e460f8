package org.vaesim.models.market;

import java.util.List;

/**
 * A recurring auction of a scarce resource (compute, data access, specialist agent time) among bidder cohorts,
 * under one allocation mechanism, possibly with a fairness constraint (Tomasev et al. 2025: auctions for
 * scarce resources that enforce fairness). The rules are in docs/mechanisms.md.
 *
 * <p>Every {@code every} epochs from {@code startEpoch} on, at the end of the epoch, {@code supply} units are
 * offered. Each bidder draws a base value for the round and values its k-th unit at
 * {@code floor(base x decay^(k-1))} ticks (diminishing marginal value), bids for up to {@code maxUnits}
 * units, and the mechanism sets who gets how many units at which price. Prices are ticks on the auction's
 * own grid ({@code tickSize} micro-credits per tick, ticks 1..ticks-1); {@code reserveTick} is the lowest
 * price a unit sells for.
 *
 * @param smallPrincipalAgents a principal deploying at most this many agents (in the whole population) is
 *                             small; 0 when the scenario does not say (then no small-principal share is
 *                             reported)
 * @param bidders              the bidder cohorts, in file order
 */
public record AuctionSpec(String name, ResourceType resource, long tickSize, int ticks, int reserveTick, int supply,
                          int every, int startEpoch, Mechanism mechanism, int smallPrincipalAgents,
                          List<Bidder> bidders) {
    public AuctionSpec {
        bidders = List.copyOf(bidders);
    }

    /** Whether a round of this auction runs at the end of {@code epoch}. */
    public boolean runsAt(int epoch) {
        return epoch >= startEpoch && (epoch - startEpoch) % every == 0;
    }

    public int maxTick() {
        return ticks - 1;
    }

    /**
     * A bidder cohort and how its agents value units.
     *
     * @param cohortIndex   index into the sorted {@code Scenario.cohorts()}
     * @param valueMinTick  lowest base value (ticks of the auction's grid)
     * @param valueMaxTick  highest base value
     * @param maxUnits      most units an agent wants in one round
     * @param decayPermille each further unit is worth {@code decayPermille / 1000} of the one before (rounded
     *                      down to a tick); 1000 = every unit worth the base value
     * @param bidUnits      0 for a truthful price taker; otherwise a strategic bidder that reduces its demand
     *                      (Ausubel et al. 2014): it bids for its first {@code bidUnits} units only, so as not to
     *                      raise the uniform price it pays on them, though it values up to {@code maxUnits}
     */
    public record Bidder(int cohortIndex, int valueMinTick, int valueMaxTick, int maxUnits, int decayPermille,
                         int bidUnits) {
    }

    /**
     * Whether a bidder sets {@code bid_units}: such an auction also keeps each principal's value won and payment
     * (for its bidders' surplus), in its checkpoint section, so the bytes of auctions without one are unchanged.
     */
    public boolean strategic() {
        for (Bidder b : bidders) {
            if (b.bidUnits() > 0) {
                return true;
            }
        }
        return false;
    }

    /** How an auction allocates; see docs/mechanisms.md. */
    public sealed interface Mechanism permits UniformPrice, PrincipalCap, ReservedShare, EqualEndowment {
        String jsonName();

        /** Whether bidders pay in a per-round auction token instead of their cash. */
        default boolean paysInTokens() {
            return false;
        }
    }

    /** The baseline: one uniform price for all, units to the highest bids. */
    public record UniformPrice() implements Mechanism {
        @Override
        public String jsonName() {
            return "uniform_price";
        }
    }

    /**
     * No principal gets more than {@code capUnits} = floor(maxShare x supply) units per round.
     *
     * @param maxSharePpm the cap as a share of supply, in millionths
     */
    public record PrincipalCap(long maxSharePpm, int capUnits) implements Mechanism {
        @Override
        public String jsonName() {
            return "principal_cap";
        }
    }

    /**
     * {@code reservedUnits} = floor(share x supply) units are set aside for small principals when, in open
     * competition, they would get fewer.
     *
     * @param sharePpm the reserved share of supply, in millionths
     */
    public record ReservedShare(long sharePpm, int reservedUnits) implements Mechanism {
        @Override
        public String jsonName() {
            return "reserved_share";
        }
    }

    /**
     * Every bidding agent gets the same budget of a dedicated auction token each round (non-transferable, of
     * no use outside the round), and a uniform token price clears the market: a competitive equilibrium
     * from equal incomes (Varian 1974) in integer units.
     *
     * @param budget tokens per agent per round, in millionths of a token (like micro-credits)
     */
    public record EqualEndowment(long budget) implements Mechanism {
        @Override
        public String jsonName() {
            return "equal_endowment";
        }

        @Override
        public boolean paysInTokens() {
            return true;
        }
    }
}
