package org.vaesim.kernels.rng;

/** The Philox streams and stages vaesim draws from; part of the reproducibility contract, never renumber. */
public final class Streams {
    /** Stream of per-agent endowment draws at population build time (private values, perceptions). */
    public static final int INIT = 0;
    /** Stream of per-epoch decisions. */
    public static final int DECIDE = 1;
    /** Stream of the gateway's external market: the noise of its exchange rate and external prices. */
    public static final int GATEWAY = 2;
    /**
     * Stream of trade relationships (relationships/Relationships): private values, loyalty draws and the matching
     * permutation, whose key of its own keeps them apart from the kinetic exchange's permutation of the same epoch.
     */
    public static final int RELATIONSHIPS = 3;

    /** Stage numbers within a stream (third counter word). */
    public static final int STAGE_TRAITS = 0;
    public static final int STAGE_DECIDE = 1;
    /** Kinetic exchange: the draws of pair k. */
    public static final int STAGE_EXCHANGE = 2;
    /** Kinetic exchange: the Feistel rounds of the pairing permutation. */
    public static final int STAGE_PERMUTE = 3;
    /** Negotiation: the roles, value and cost of pair k. */
    public static final int STAGE_NEGOTIATE = 4;
    /** Resource auctions: each bidder's base value for a round (draw = the auction's index). */
    public static final int STAGE_AUCTION = 5;
    /** Resource auctions: the host's random starting offsets of the marginal-tick rationing. */
    public static final int STAGE_AUCTION_TIES = 6;
    /** Missions: each bidder's cost of a task in a round (draw = the mission's index). */
    public static final int STAGE_MISSION_COST = 7;
    /** Missions: whether a winner delivers its task (draw = the mission's index). */
    public static final int STAGE_MISSION_DELIVERY = 8;
    /** Missions, INIT stream at epoch 0: each bidder's capability (draw = the mission's index). */
    public static final int STAGE_MISSION_CAPABILITY = 9;
    /** Missions: the host's random starting offset of the marginal-score rationing. */
    public static final int STAGE_MISSION_TIES = 10;
    /**
     * Gateway: the external market's noise; first counter word the channel (0 the rate, 1 + l link l). It is
     * drawn from the GATEWAY stream, whose key differs from DECIDE's and INIT's, so it shares no counter with the
     * missions' stage 7.
     */
    public static final int STAGE_GATEWAY = 7;
    /**
     * Switching cohorts: the host's shocks common to each rule's followers in an epoch, from the DECIDE stream; first
     * counter word the cohort's segment index, last the rule (0 fundamentalist, 1 chartist).
     */
    public static final int STAGE_SENTIMENT = 11;
    /**
     * INIT stream at epoch 0: a cohort's drawn endowments (draws 0-1 cash, 2-3 inventory; memory/Endowments). A
     * number of its own, though the INIT key already keeps it apart from DECIDE's stage 11.
     */
    public static final int STAGE_ENDOWMENT = 13;
    /** INIT stream at epoch 0: each agent's drawn arrival epoch (draw 0; host/safety/EntryChecks). */
    public static final int STAGE_ARRIVAL = 14;
    /** RELATIONSHIPS stream: an agent's private value (epoch 0, draw 0) and a pair's loyalty draw (draw 1). */
    public static final int STAGE_RELATIONSHIP = 21;
    /**
     * GATEWAY stream at epoch 0: an open-access agent's threshold (draw 0; gateway/Gateway.Crossers). Its stage
     * number keeps it apart from the external market's noise (stage 7) under the same key.
     */
    public static final int STAGE_OPEN_ACCESS = 22;
    /** INIT stream at epoch 0: each arriving agent's test-task error (draw 0; host/safety/EntryChecks). */
    public static final int STAGE_ENTRY_TEST = 15;

    /**
     * INIT stream at epoch 0: a routing group's threshold (host/routing/RoutingStage); first counter word the group's
     * segment index, the other three 0, 31 and 0.
     */
    public static final int STAGE_ROUTING = 31;

    private Streams() {
    }
}
