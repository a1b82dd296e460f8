package org.vaesim.kernels;

import java.util.List;

import org.vaesim.kernels.auction.AuctionClearing;
import org.vaesim.kernels.auction.AuctionRound;
import org.vaesim.kernels.auction.EnvyBundles;
import org.vaesim.kernels.capability.Capability;
import org.vaesim.kernels.capability.CapabilityColumns;
import org.vaesim.kernels.capability.CapabilityPlan;
import org.vaesim.kernels.exchange.Exchange;
import org.vaesim.kernels.gateway.Gateway;
import org.vaesim.kernels.gateway.GatewayPlan;
import org.vaesim.kernels.gateway.GatewayStep;
import org.vaesim.kernels.memory.AuctionColumns;
import org.vaesim.kernels.memory.MissionColumns;
import org.vaesim.kernels.mission.MissionAward;
import org.vaesim.kernels.mission.MissionRound;
import org.vaesim.kernels.memory.Population;
import org.vaesim.kernels.memory.Segment;

/**
 * Runs the agent-parallel stages of an epoch over a population it holds (on the host for {@code java}, in
 * device memory for {@code opencl}). The host talks to it once per epoch through small buffers: the public
 * market state in ({@link EpochInputs}), the clearing and the counters out ({@link EpochResult}).
 */
public interface Backend extends AutoCloseable {
    String name();

    /** Worker threads (java), or 0 where the device schedules its own work. */
    int threads();

    /** The device the backend runs on, in words (for outputs and benchmarks). */
    String device();

    /**
     * One epoch: decide, gate, book, clear, settle and update. Overwrites {@code out} with the epoch's
     * clearing, rejections and totals.
     */
    void epoch(EpochInputs inputs, EpochResult out);

    /** Adds {@code delta} micro-credits to each agent in [from, to), never below zero; returns the net change. */
    long adjustCash(int from, int to, long delta);

    /** Adds {@code delta} units to each agent in [from, to), never below zero; returns the net change. */
    long adjustGoods(int from, int to, int delta);

    /** Kill switch over the agents in [from, to); returns how many were active or pending before. */
    long kill(int from, int to);

    /**
     * Entry: the pending agents in [from, to) become {@code status} (0 admitted, or {@code Population.REFUSED})
     * with reputation {@code reputationMillionths}; returns how many were pending.
     */
    long arrive(int from, int to, int status, int reputationMillionths);

    /**
     * Overwrites {@code out} (segments x {@code Standing.SLOTS}) with each cohort's active agents and the sum of
     * their reputations, for the entry checks.
     */
    void standing(long[] out);

    /**
     * Metrics pass 1 (docs/inequality.md): overwrites {@code histogram} ({@code WealthBuckets.LENGTH} longs) with
     * every agent's wealth, cash + inventory x {@code unitPrice[market]} micro-credits, in the fixed
     * {@link org.vaesim.kernels.inequality.WealthBuckets} layout; returns the agents' total cash. Reads the
     * population and changes nothing in it; only the histogram comes back from a device.
     */
    long wealthHistogram(long[] unitPrice, long[] histogram);

    /**
     * Metrics pass 2: each agent's current wealth decile from the nine bucket {@code thresholds}
     * ({@link org.vaesim.kernels.inequality.Inequality#decile}); overwrites {@code transitions} (10 x 10, previous
     * decile major) with the moves from the decile stored at the previous call, then stores the new deciles.
     */
    void rankMobility(long[] unitPrice, int[] thresholds, long[] transitions);

    /**
     * The trading period's supply and demand schedules ({@link org.vaesim.kernels.settle.InducedSchedule}): overwrites
     * {@code out} ({@code InducedSchedule.length(markets, gridWidth)} longs) with the units each active trader with
     * an induced value can trade now, by market, class, side and value or cost tick. Reads the population, changes
     * nothing; only the histogram comes back from a device.
     */
    void inducedSchedule(long[] out);

    /** The population's columns as of the last epoch (a copy brought back from the device where there is one). */
    Population population();

    /**
     * Resource auction {@code auction}'s round at {@code epoch}, step 1 (docs/mechanisms.md): every bidder's unit
     * bids into {@code round.demand} (per group and tick) and unit values into {@code round.values}, both
     * overwritten. The host then clears from them ({@code AuctionClear}).
     */
    void auctionBid(int auction, int epoch, AuctionRound round);

    /**
     * Step 2: every bidder's units and payment by the host's {@code clearing}; writes each range's totals and
     * quantity histogram into {@code round.totals} and {@code round.quantities} (overwritten).
     */
    void auctionAllocate(int auction, int epoch, AuctionClearing clearing, AuctionRound round);

    /** Step 3: per range, the bidders who envy one of {@code bundles}, into {@code round.envy} (overwritten). */
    void auctionEnvy(int auction, int epoch, AuctionClearing clearing, EnvyBundles bundles, AuctionRound round);

    /** The auctions' per-bidder columns as of the last round (a copy from the device where there is one). */
    AuctionColumns auctionColumns();

    /**
     * Mission {@code mission}'s round at {@code epoch}, step 1 (docs/mechanisms.md#missions): every eligible
     * bidder's score, with {@code subsidy} micro-credits per delivered task in force, into {@code round.hist}
     * (overwritten). The host then clears the procurement from it ({@code MissionClear}).
     */
    void missionBid(int mission, int epoch, long subsidy, MissionRound round);

    /**
     * Step 2: awards by the host's {@code award}, draws each winner's delivery, pays it from escrow (cash in,
     * escrow booked by the host from the totals), updates its reputation and the mission's per-bidder columns;
     * writes each range's totals into {@code round.totals} (overwritten).
     */
    void missionDeliver(int mission, int epoch, long subsidy, MissionAward award, MissionRound round);

    /** The missions' per-bidder columns as of the last round (a copy from the device where there is one). */
    MissionColumns missionColumns();

    /**
     * Gateway pass 1 (docs/permeability.md): for every active range of {@code plan}, its brokers' request sums
     * ({@link Gateway#request}) into {@code out} (ranges x {@link Gateway#REQUESTS}, overwritten; inactive ranges
     * 0). Reads the population, changes nothing.
     */
    default void gatewayRequest(GatewayPlan plan, GatewayStep step, long[] out) {
        throw new UnsupportedOperationException("the " + name() + " backend has no gateway stage");
    }

    /**
     * Gateway pass 2: every active range's brokers cross by {@code step}'s fill fractions ({@link Gateway#apply}),
     * moving their cash and goods; their flows into {@code out} (ranges x {@link Gateway#FLOWS}, overwritten).
     */
    default void gatewayApply(GatewayPlan plan, GatewayStep step, long[] out) {
        throw new UnsupportedOperationException("the " + name() + " backend has no gateway stage");
    }

    /**
     * Capability as state (docs/capability.md): from now on the backend keeps {@code columns} (copied; on a device,
     * uploaded) for {@code plan}'s cohorts, and negotiation reads their boosts. Called once, before the first epoch.
     */
    default void installCapability(CapabilityPlan plan, CapabilityColumns columns) {
        throw new UnsupportedOperationException("the " + name() + " backend has no capability stage");
    }

    /**
     * The capability stage at the end of an epoch: for each auction {@code a} with {@code ranRound[a]}, the stock
     * its capability bidders won ({@link Capability#gain}), then every capability cohort's update
     * ({@link Capability#update}); returns the micro-credits reinvested (they leave the agents).
     */
    default long capabilityStep(boolean[] ranRound) {
        throw new UnsupportedOperationException("the " + name() + " backend has no capability stage");
    }

    /** The capability columns as of the last epoch (a copy, brought back from the device where there is one). */
    default CapabilityColumns capabilityColumns() {
        throw new UnsupportedOperationException("the " + name() + " backend has no capability stage");
    }

    /**
     * A flat wealth tax with an equal rebate over {@code cohorts} (docs/capability.md#levers): each agent that takes
     * part (the one check, as in a kinetic exchange's tax) pays floor(rate x cash) ({@link Exchange#collectTax}), and
     * the pot goes back to the same agents in equal parts, the remainder one micro-credit each to the first of them in
     * index order ({@link Exchange#refund}). Returns {collected, agents that took part}.
     */
    default long[] wealthTax(List<Segment> cohorts, double rate) {
        throw new UnsupportedOperationException("the " + name() + " backend has no wealth tax");
    }

    @Override
    void close();
}
