package org.vaesim.kernels.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.vaesim.kernels.Backend;
import org.vaesim.kernels.EpochInputs;
import org.vaesim.kernels.EpochResult;
import org.vaesim.kernels.auction.AuctionKernels;
import org.vaesim.kernels.capability.CapabilityColumns;
import org.vaesim.kernels.capability.CapabilityKernels;
import org.vaesim.kernels.capability.CapabilityPlan;
import org.vaesim.kernels.exchange.ExchangePlan;
import org.vaesim.kernels.exchange.KineticKernels;
import org.vaesim.kernels.exchange.NegotiationKernels;
import org.vaesim.kernels.auction.AuctionPlan;
import org.vaesim.kernels.gateway.Gateway;
import org.vaesim.kernels.gateway.GatewayKernels;
import org.vaesim.kernels.gateway.GatewayStep;
import org.vaesim.kernels.gateway.GatewayPlan;
import org.vaesim.kernels.linkage.Linkage;
import org.vaesim.kernels.linkage.LinkageKernels;
import org.vaesim.kernels.mission.MissionAward;
import org.vaesim.kernels.mission.MissionKernels;
import org.vaesim.kernels.mission.MissionRound;
import org.vaesim.kernels.mission.MissionPlan;
import org.vaesim.kernels.redistribution.WealthTaxKernels;
import org.vaesim.kernels.auction.AuctionRound;
import org.vaesim.kernels.auction.AuctionStep;
import org.vaesim.kernels.gate.Standing;
import org.vaesim.kernels.inequality.Inequality;
import org.vaesim.kernels.inequality.WealthBuckets;
import org.vaesim.kernels.memory.AuctionColumns;
import org.vaesim.kernels.memory.Layout;
import org.vaesim.kernels.memory.MissionColumns;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.kernels.relationships.Relationships;
import org.vaesim.kernels.relationships.RelationshipsKernels;
import org.vaesim.kernels.relationships.RelationshipsPlan;
import org.vaesim.kernels.settle.InducedSchedule;
import org.vaesim.models.scenario.ConfigException;
import org.vaesim.models.capability.CapabilitySpec;
import org.vaesim.models.scenario.Scenario;
import org.vaesim.models.scenario.ScenarioLoader;
import org.vaesim.models.strategy.KineticParams;
import org.vaesim.models.strategy.NegotiationParams;

/**
 * A scenario that needs every kernel, and a walk through every stage a backend has, for tests that drive a device
 * backend's whole launch sequence on a device that computes nothing (so the results are not checked here).
 */
public final class EveryStage {
    private EveryStage() {
    }

    /** Every strategy family, kinetic exchange with a tax, negotiation, a principal's rate limit and an auction. */
    public static final String EVERYTHING = """
        { "name": "everything", "seed": 7, "epochs": 20,
          "markets": [
            { "name": "a", "resource": "compute", "tick_size": 0.01, "ticks": 400, "initial_price": 2.00,
              "fee_bps": 25 },
            { "name": "b", "resource": "data", "tick_size": 0.05, "ticks": 100, "initial_price": 2.50 } ],
          "population": [
            { "name": "zc", "strategy": "zi-c", "market": "a", "count": 300, "cash": 50,
              "params": { "side": "buy", "value_min": 1.00, "value_max": 3.00, "units": 2, "period": 3 } },
            { "name": "od", "strategy": "order-driven", "market": "a", "count": 50, "cash": 60, "inventory": 30,
              "params": { "horizons": 8, "noise_sigma": 0.03 } },
            { "name": "sw", "strategy": "switching", "market": "a", "count": 50, "cash": 60, "inventory": 30,
              "params": { "chartist_noise": 0.03 } },
            { "name": "nz", "strategy": "noise", "market": "b", "count": 40, "cash": 60, "inventory": 30,
              "params": { "activity": 0.5, "tail": 1.5, "max_qty": 20, "reach_ticks": 3, "max_short": 5 } },
            { "name": "tr", "strategy": "truthful", "market": "a", "count": 20, "inventory": 9,
              "params": { "side": "sell", "values": [1.50, 2.50], "period": 2 } },
            { "name": "f", "strategy": "fundamentalist", "market": "a", "count": 300, "cash": 40, "inventory": 5,
              "params": { "dispersion_ticks": 30, "threshold_ticks": 3, "reaction": 0.3, "max_qty": 7,
                          "activity": 0.4 } },
            { "name": "c", "strategy": "chartist", "market": "b", "count": 200, "cash": 20, "inventory": 3,
              "params": { "lookback": 2, "threshold_ticks": 0, "aggression_ticks": 2, "qty": 2, "activity": 0.5 } },
            { "name": "mm", "strategy": "market-maker", "market": "a", "count": 10, "cash": 500, "inventory": 40,
              "params": { "half_spread_ticks": 2, "quote_qty": 9, "max_inventory": 60, "skew_ticks": 3 } },
            { "name": "h", "strategy": "hft", "market": "b", "count": 20, "cash": 30,
              "params": { "quote_qty": 3, "max_inventory": 5, "aggression_ticks": 1 } },
            { "name": "x", "strategy": "execution", "market": "a", "count": 2, "inventory": 400,
              "params": { "side": "sell", "target_qty": 350, "participation": 0.2, "start_epoch": 0 } },
            { "name": "bad", "strategy": "manipulator", "market": "a", "count": 10, "cash": 200, "inventory": 300,
              "params": { "qty": 50, "wash_ticks": 3, "activity": 0.8 } },
            { "name": "k", "strategy": "kinetic", "market": "a", "count": 101, "cash": 77,
              "params": { "model": "saving", "lambda": 0.8, "tax": 0.03 } },
            { "name": "neg", "strategy": "negotiation", "market": "a", "count": 33, "cash": 3,
              "params": { "value_min": 1.00, "value_max": 3.00, "tiers": 4, "spread": 0.7 } },
            { "name": "bid", "strategy": "bidder", "market": "a", "count": 300, "cash": 10 } ],
          "missions": [ { "name": "m", "tick_size": 0.01, "ticks": 500, "sponsor": { "type": "external" },
            "tasks": 50, "tasks_per_round": 10, "reserve_price": 2.00, "budget": 100,
            "bidders": [ { "cohort": "bid", "cost_min": 0.50, "cost_max": 1.50, "capability_min": 0.5,
                           "capability_max": 0.9 } ] } ],
          "gateway": { "markets": [ { "market": "a" } ],
            "brokers": [ { "cohort": "f", "external_cash": 5000, "cash_target": 20, "max_units": 5 } ] },
          "safety": { "principal_limits": [ { "principal": "zc", "orders_per_epoch": 50, "burst": 100 } ] },
          "resource_auctions": [ { "name": "gpu", "resource": "compute", "tick_size": 0.01, "ticks": 500,
            "supply": 100, "mechanism": { "type": "uniform_price" },
            "bidders": [ { "cohort": "bid", "value_min": 0.50, "value_max": 4.00, "max_units": 2, "decay": 0.8 } ] } ] }
        """;

    public static Scenario everything() {
        try {
            return ScenarioLoader.parse(EVERYTHING, "everything");
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * Four epochs, each with its kinetic exchange and negotiation, the events' adjustments, kill and arrival, the
     * entry standing, a trading period's schedules, both metrics passes, an auction, a mission, the gateway, then
     * capability (a fifth epoch with boosts, the capability step), a wealth tax, trade relationships and the linking
     * scan.
     */
    public static void drive(Backend b, Scenario s, Layout layout) {
        int markets = s.markets().size();
        EpochInputs in = new EpochInputs(markets, layout.segments().size(), layout.principalLimits());
        EpochResult out = new EpochResult(markets, layout.segments().size(), layout.principalLimits());
        KineticKernels kinetic = b.half(KineticKernels.halves(ExchangePlan.of(KineticParams.class, s, layout,
                false)));
        NegotiationKernels negotiation = b.half(NegotiationKernels.halves(ExchangePlan.of(NegotiationParams.class, s,
                layout, true)));
        for (int e = 0; e < 4; e++) { // the ZI period of 3 refills quotas at the end of epoch 2
            in.epoch = e;
            b.epoch(in, out);
            kinetic.exchange(e);
            negotiation.negotiate(e);
        }
        b.adjustCash(0, 10, 5);
        b.adjustGoods(0, 10, -1);
        b.kill(3, 4);
        b.arrive(0, 10, 0, 900_000);
        b.standing(new long[layout.segments().size() * Standing.SLOTS]);
        b.inducedSchedule(new long[InducedSchedule.length(markets, layout.gridWidth())]);
        long[] histogram = new long[WealthBuckets.LENGTH];
        b.wealthHistogram(new long[markets], histogram);
        assertEquals(Long.MAX_VALUE, histogram[2], "the histogram starts from empty buckets (min = +inf)");
        assertEquals(Long.MIN_VALUE, histogram[3], "and max = -inf");
        b.rankMobility(new long[markets], new int[Inequality.THRESHOLDS], new long[Inequality.TRANSITIONS]);
        List<AuctionPlan> auctions = AuctionPlan.of(s, layout);
        AuctionPlan plan = auctions.getFirst();
        AuctionStep.run(b.half(AuctionKernels.halves(auctions, AuctionColumns.of(auctions))), plan, 0, 1, 2,
                new AuctionRound(plan));
        List<MissionPlan> missions = MissionPlan.of(s, layout);
        MissionRound round = new MissionRound(missions.getFirst());
        MissionKernels mission = b.half(MissionKernels.halves(missions, MissionColumns.of(missions)));
        mission.bid(0, 1, 0, round);
        // a marginal score that only some bidders win, so the queue-position passes run too
        mission.deliver(0, 1, 0, new MissionAward(10, 300, 5, 100, 1, 3, 0, 100), round);
        mission.columns();
        GatewayPlan gateway = GatewayPlan.of(s, layout);
        int ranges = gateway.ranges().size();
        GatewayStep step = new GatewayStep(ranges);
        java.util.Arrays.fill(step.active, 1);
        java.util.Arrays.fill(step.lastTick, 200);
        java.util.Arrays.fill(step.anchorTick, 200);
        GatewayKernels brokers = b.half(GatewayKernels.halves(gateway));
        brokers.request(step, new long[ranges * Gateway.REQUESTS]);
        brokers.apply(step, new long[ranges * Gateway.FLOWS]);
        // capability (an epoch of negotiation and the yard sale with boosts, the capability step) and a wealth tax
        int neg = cohort(s, "neg");
        int bid = cohort(s, "bid");
        CapabilitySpec spec = new CapabilitySpec(List.of(Math.min(neg, bid), Math.max(neg, bid)), 500_000,
                100_000_000L, 1_000_000L, 100_000, 1_000_000L, 20_000);
        CapabilityPlan capability = CapabilityPlan.of(spec, s, layout);
        CapabilityKernels kernels = b.half(CapabilityKernels.halves(capability,
                CapabilityColumns.initial(b.population().cash)));
        in.epoch = 4;
        b.epoch(in, out);
        kinetic.exchange(4);
        negotiation.negotiate(4);
        AuctionKernels auctionHalf = b.half(AuctionKernels.halves(auctions, AuctionColumns.of(auctions)));
        kernels.step(new boolean[] {true}, auctionHalf);
        kernels.columns();
        b.half(WealthTaxKernels.halves(capability.cohorts())).collect(0.05);
        // trade relationships: keep, match and release
        Segment buyers = segment(layout, "zc");
        Segment sellers = segment(layout, "f");
        RelationshipsPlan rel = new RelationshipsPlan(buyers.start(), buyers.end() - buyers.start(), sellers.start(),
                sellers.end() - sellers.start(), 0, 10_000, 100, 300, 1L << 31, 1, 2);
        int[] buyerPartner = new int[rel.buyers()];
        int[] sellerPartner = new int[rel.sellers()];
        java.util.Arrays.fill(buyerPartner, Relationships.SINGLE);
        java.util.Arrays.fill(sellerPartner, Relationships.SINGLE);
        b.half(RelationshipsKernels.halves(rel)).epoch(200, 0, buyerPartner, sellerPartner, new int[rel.buyers()]);
        // the linking scan: every cohort's order fingerprint
        int cohorts = layout.segments().size();
        int[] from = new int[cohorts];
        int[] to = new int[cohorts];
        for (int k = 0; k < cohorts; k++) {
            from[k] = layout.segments().get(k).start();
            to[k] = layout.segments().get(k).end();
        }
        int[] reference = new int[cohorts];
        java.util.Arrays.fill(reference, 200);
        long[] clearing = new long[cohorts * Linkage.CLEARING];
        for (int k = 0; k < cohorts; k++) {
            Linkage.clearing(clearing, k * Linkage.CLEARING, 200, 200, 3, 7, 200, 2, 5);
        }
        b.half(LinkageKernels.halves(from, to)).signatures(reference, 4, clearing, new long[cohorts * Linkage.ROW]);
    }

    private static int cohort(Scenario s, String name) {
        for (int c = 0; c < s.cohorts().size(); c++) {
            if (s.cohorts().get(c).name().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException(name);
    }

    private static Segment segment(Layout layout, String cohort) {
        return layout.segments().stream().filter(s -> s.cohort().name().equals(cohort)).findFirst().orElseThrow();
    }
}
