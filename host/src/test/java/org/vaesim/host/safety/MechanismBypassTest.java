package org.vaesim.host.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vaesim.host.Fixtures;
import org.vaesim.host.epoch.Engine;
import org.vaesim.kernels.auction.AuctionPlan;
import org.vaesim.kernels.gate.RejectReason;
import org.vaesim.models.scenario.Scenario;
import org.vaesim.host.auction.AuctionStage;

/**
 * The attacks of issue R.1 on a resource auction, at a smaller scale: a principal killed at epoch 0 kept bidding,
 * paid from its frozen cash and won compute; a scope for data, a largest order of 1 and a rate of 0.001 orders per
 * epoch were ignored in a compute auction. "big-lab" deploys 600 bidders beside 200 of "rivals"; 300 units are sold
 * each epoch for 5 epochs. The counts below follow from the rules: each bidder sends one bid per round.
 */
class MechanismBypassTest {
    private static final int ROUNDS = 5;
    private static final int BIG = 600;

    private static Scenario economy(String scope, String events) {
        return economy("\"scope\": " + scope, events, "{}");
    }

    /** The economy with {@code big} fields added to the "big" cohort, {@code events} and {@code safety}. */
    private static Scenario economy(String big, String events, String safety) {
        return Fixtures.scenario("""
                {"name": "bypass", "seed": 3, "epochs": %d,
                 "markets": [{"name": "m", "resource": "compute", "tick_size": 0.01, "ticks": 2000,
                              "initial_price": 10.00}],
                 "population": [
                   {"name": "rivals", "strategy": "bidder", "market": "m", "count": 200, "cash": 1000,
                    "principal": "rivals"},
                   {"name": "big", "strategy": "bidder", "market": "m", "count": %d, "cash": 1000,
                    "principal": "big-lab", %s}],
                 "safety": %s,
                 "resource_auctions": [{"name": "gpu", "resource": "compute", "tick_size": 0.01, "ticks": 2000,
                   "reserve_price": 1.00, "supply": 300, "every": 1, "mechanism": {"type": "uniform_price"},
                   "bidders": [{"cohort": "rivals", "value_min": 5.00, "value_max": 15.00, "max_units": 4},
                               {"cohort": "big", "value_min": 5.00, "value_max": 15.00, "max_units": 4}]}],
                 "events": [%s]}
                """.formatted(ROUNDS, BIG, big, safety, events));
    }

    /** Per round: the most units one "big" agent won (-1: none took part), and how many of them won any. */
    private record Round(int most, int winners) {
    }

    private static Round round(Engine engine) {
        AuctionPlan.Range big = engine.stage(AuctionStage.class).plans().getFirst().ranges().stream()
                .filter(r -> r.segment().cohort().name().equals("big")).findFirst().orElseThrow();
        int[] won = engine.stage(AuctionStage.class).columns().won[0];
        int most = -1; // every agent -1: none took part
        int winners = 0;
        for (int k = 0; k < big.size(); k++) {
            most = Math.max(most, won[big.column() + k]);
            winners += won[big.column() + k] > 0 ? 1 : 0;
        }
        return new Round(most, winners);
    }

    private static long bigCash(Engine engine) {
        var s = engine.layout().segments().stream().filter(x -> x.cohort().name().equals("big")).findFirst()
                .orElseThrow();
        long sum = 0;
        for (int i = s.start(); i < s.end(); i++) {
            sum += engine.population().cash[i];
        }
        return sum;
    }

    private static long rejected(Engine engine, RejectReason reason) {
        return engine.markets().rejects[reason.ordinal()];
    }

    /** Runs the rounds with conservation checked after each; returns the rounds' figures. */
    private static Round[] run(Engine engine) {
        Round[] rounds = new Round[ROUNDS];
        for (int e = 0; e < ROUNDS; e++) {
            engine.step();
            rounds[e] = round(engine);
        }
        engine.verifyConservation();
        return rounds;
    }

    @Test
    void aPrincipalKilledAtEpochZeroNeitherBidsNorPaysNorWins() {
        try (Engine engine = Engine.start(economy("{}",
                "{\"epoch\": 0, \"type\": \"kill\", \"target\": \"principal\", \"principal\": \"big-lab\"}"), 2)) {
            long before = bigCash(engine);
            for (Round r : run(engine)) {
                assertEquals(new Round(-1, 0), r, "no unit, and no place in the round (won = -1)");
            }
            assertEquals(before, bigCash(engine), "its frozen cash pays for nothing");
            assertEquals((long) BIG * ROUNDS, rejected(engine, RejectReason.KILLED), "one killed bid per round");
            assertEquals(ROUNDS * 300L, engine.stage(AuctionStage.class).ledger().get(0).allocated, "the rivals buy the whole supply");
        }
    }

    @Test
    void aScopeForDataKeepsABidderOutOfAComputeAuction() {
        try (Engine engine = Engine.start(economy("{\"resources\": [\"data\"]}", ""), 2)) {
            long before = bigCash(engine);
            for (Round r : run(engine)) {
                assertEquals(new Round(-1, 0), r);
            }
            assertEquals(before, bigCash(engine));
            assertEquals((long) BIG * ROUNDS, rejected(engine, RejectReason.SCOPE), "one bid out of scope per round");
        }
    }

    /** The scope may also name the auctions (and missions) its agents may take part in, beside markets. */
    @Test
    void aScopeNamingOnlyMarketsKeepsABidderOutOfTheAuctionAndOneNamingItLetsItIn() {
        try (Engine engine = Engine.start(economy("{\"markets\": [\"m\"]}", ""), 2)) {
            run(engine);
            assertEquals((long) BIG * ROUNDS, rejected(engine, RejectReason.SCOPE));
        }
        try (Engine engine = Engine.start(economy("{\"markets\": [\"m\", \"gpu\"]}", ""), 2)) {
            long before = bigCash(engine);
            run(engine);
            assertEquals(0, rejected(engine, RejectReason.SCOPE));
            assertTrue(bigCash(engine) < before, "it bought compute");
        }
    }

    @Test
    void aLargestOrderOfOneCapsWhatABidderWinsPerRound() {
        try (Engine engine = Engine.start(economy("{\"max_order_qty\": 1}", ""), 2)) {
            for (Round r : run(engine)) {
                assertEquals(1, r.most(), "at most one unit each, and some won one");
            }
        }
    }

    /** A bucket of one order refilled by a thousandth of one per epoch: one bid in the run, then rate_limit. */
    @Test
    void aRateOfOneOrderPerThousandEpochsLetsABidderBidOnce() {
        try (Engine engine = Engine.start(economy("{\"orders_per_epoch\": 0.001, \"burst\": 1}", ""), 2)) {
            Round[] rounds = run(engine);
            assertTrue(rounds[0].winners() > 0, "the first round's bids went through");
            for (int e = 1; e < ROUNDS; e++) {
                assertEquals(new Round(-1, 0), rounds[e], "round " + e);
            }
            assertEquals((long) BIG * (ROUNDS - 1), rejected(engine, RejectReason.RATE_LIMIT));
        }
    }

    /**
     * Probation's limits hold in an auction too: "big" arrives at reputation 0.3, under a probation line of 0.5
     * that allows orders of one unit, so each of its agents wins at most one unit per round (bidders send no market
     * orders, so their reputation stays where it started).
     */
    @Test
    void probationCapsWhatANewBidderWinsPerRound() {
        Scenario s = economy("\"arrival\": {\"from_epoch\": 0, \"declared_capability\": 1}", "", """
                {"entry": {"initial_reputation": 0.3}, "probation": {"below_reputation": 0.5, "max_order_qty": 1}}""");
        try (Engine engine = Engine.start(s, 2)) {
            for (Round r : run(engine)) {
                assertEquals(1, r.most(), "one unit at most on probation, and some won one");
            }
        }
    }
}
