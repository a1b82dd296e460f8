package org.vaesim.host.auction;

import java.util.List;

import org.vaesim.host.stage.Ledger;
import org.vaesim.kernels.auction.AuctionPlan;

/**
 * The host's running accounts of every resource auction, checkpointed with the rest of the state: what was
 * supplied, allocated and left unsold (units), what was paid (the revenue account is the money sink of
 * auctions that take cash; token auctions count tokens issued and spent instead), and the sums the summary's
 * averages come from. Conservation: per auction, supplied = allocated + unsold, and the per-bidder totals add up
 * to allocated; agents' cash + fee sink + auction revenue = the money the scenario put in.
 */
public final class AuctionLedger extends Ledger<AuctionLedger.Account> {
    /** One auction's accounts. */
    public static final class Account {
        public long rounds;
        public long supplied;
        public long allocated;
        public long unsold;
        /** Micro-credits paid into the auction's revenue account (cash auctions). */
        public long revenue;
        /** Micro-tokens handed out and spent (equal-endowment auctions); the rest expired. */
        public long tokensIssued;
        public long tokensSpent;
        /** Value of the units won, and the most the supply could have been worth, summed over rounds (ticks). */
        public long valueRealized;
        public long valueMax;
        /** Bidders who envied someone (and who still did with one unit removed), summed over rounds. */
        public long envious;
        public long enviousUpToOne;
        public long bidderRounds;
        /** Units won by small principals, summed over rounds. */
        public long smallUnits;
        public long reserveBindingRounds;
        /** Sum over rounds of the allocation Gini (for its mean). */
        public double giniSum;
        public int lastPrice;
        public int lastSmallPrice;
        /** Units won per principal (group of the plan), summed over rounds. */
        public final long[] principalUnits;
        /** Bidders of each principal who envied (and who still did with one unit removed), summed over rounds. */
        public final long[] principalEnvious;
        public final long[] principalEnviousUpToOne;
        /**
         * Value of the units each principal won (ticks) and what it paid (micro-credits or micro-tokens), summed
         * over rounds; checkpointed only for a strategic auction ({@code AuctionSpec.strategic()}).
         */
        public final long[] principalValue;
        public final long[] principalPayment;

        public Account(int groups) {
            principalUnits = new long[groups];
            principalEnvious = new long[groups];
            principalEnviousUpToOne = new long[groups];
            principalValue = new long[groups];
            principalPayment = new long[groups];
        }
    }

    public AuctionLedger(List<AuctionPlan> plans) {
        super(plans, Account::new);
    }

    /** The money sink of all cash auctions: revenue collected, micro-credits. */
    public long revenue() {
        return sum(a -> a.revenue);
    }
}
