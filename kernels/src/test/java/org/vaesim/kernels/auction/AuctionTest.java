package org.vaesim.kernels.auction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.vaesim.kernels.AgentBoost;
import org.vaesim.kernels.Backend;
import org.vaesim.kernels.Backends;
import org.vaesim.kernels.Boosts;
import org.vaesim.kernels.Require;
import org.vaesim.kernels.memory.AuctionColumns;
import org.vaesim.kernels.memory.Layout;
import org.vaesim.kernels.memory.Population;
import org.vaesim.kernels.rng.Philox;
import org.vaesim.kernels.rng.Streams;
import org.vaesim.models.scenario.ConfigException;
import org.vaesim.models.scenario.Scenario;
import org.vaesim.models.scenario.ScenarioLoader;

/**
 * Resource auction rounds computed by hand, one per mechanism, on every backend: the bid, allocate and envy
 * kernels (Java twins, or the C sources on an OpenCL device) with the host's clearing between them must give
 * the hand-computed price, allocation, payments, value and envy. Base values are fixed (value_min =
 * value_max) so each unit's value is known; only the tie-breaking offset at a marginal tick is random, and
 * the assertions hold for every offset. Prices are in whole credits (tick size 1).
 */
class AuctionTest {
    /** One round's results, read back from the backend. */
    record Result(AuctionStep.Outcome outcome, Scenario scenario, Layout layout, AuctionPlan plan, long[] cashBefore,
                  long[] cash, int[] won) {
        AuctionClearing clearing() {
            return outcome.clearing();
        }

        /** Units won by each agent of the cohort, in index order. */
        int[] won(String cohort) {
            for (AuctionPlan.Range r : plan.ranges()) {
                if (r.segment().cohort().name().equals(cohort)) {
                    return Arrays.copyOfRange(won, r.column(), r.column() + r.size());
                }
            }
            throw new IllegalArgumentException(cohort);
        }

        /** Cash paid by each agent of the cohort, in credits. */
        long[] paid(String cohort) {
            for (var s : layout.segments()) {
                if (s.cohort().name().equals(cohort)) {
                    long[] paid = new long[s.size()];
                    for (int i = s.start(); i < s.end(); i++) {
                        paid[i - s.start()] = (cashBefore[i] - cash[i]) / 1_000_000;
                    }
                    return paid;
                }
            }
            throw new IllegalArgumentException(cohort);
        }

        long sum(int row) {
            long total = 0;
            for (int r = 0; r < plan.ranges().size(); r++) {
                total += outcome.round().totals[r * Auction.TOTALS + row];
            }
            return total;
        }

        long envious(int row) {
            long total = 0;
            for (int r = 0; r < plan.ranges().size(); r++) {
                total += outcome.round().envy[r * Auction.ENVY + row];
            }
            return total;
        }

        /** Realised value over the largest value the supply could have (the top `supply` unit values). */
        double efficiency() {
            long[] values = outcome.round().values;
            long left = plan.spec().supply();
            long best = 0;
            for (int t = values.length - 1; t > 0 && left > 0; t--) {
                long n = Math.min(left, values[t]);
                best += n * t;
                left -= n;
            }
            return (double) sum(Auction.VALUE) / best;
        }
    }

    static Result round(String backend, String json) {
        return round(backend, json, null);
    }

    /**
     * One round with {@code boost} (millionths per agent, or null for none) published on the backend's value boost
     * column, as capability publishes it.
     */
    static Result round(String backend, String json, int[] boost) {
        Scenario s;
        try {
            s = ScenarioLoader.parse(json, "test");
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        Require.backend(backend); // a device backend is skipped (or, when required, failed) without a device
        Layout layout = new Layout(s);
        Population p = layout.initialPopulation(s.seed());
        long[] before = p.cash.clone();
        try (Backend b = Backends.create(backend, s, layout, p, 2)) {
            if (boost != null) {
                Boosts.publish(b, AgentBoost.VALUE, boost);
            }
            List<AuctionPlan> plans = AuctionPlan.of(s, layout);
            AuctionPlan plan = plans.getFirst();
            AuctionKernels auctions = b.half(AuctionKernels.halves(plans, AuctionColumns.of(plans)));
            long key = Philox.key(s.seed(), Streams.DECIDE);
            AuctionStep.Outcome o = AuctionStep.run(auctions, plan, 0, Philox.keyLo(key), Philox.keyHi(key),
                    new AuctionRound(plan));
            return new Result(o, s, layout, plan, before, b.population().cash.clone(),
                    auctions.columns().won[0].clone());
        }
    }

    /**
     * A scenario of bidder cohorts ("name:count:cash", or "name:count:cash:spend_limit", each its own principal)
     * and one auction.
     */
    static String scenario(long seed, List<String> cohorts, String auction) {
        StringBuilder pop = new StringBuilder();
        for (String c : cohorts) {
            String[] f = c.split(":");
            pop.append(pop.isEmpty() ? "" : ",\n").append("{\"name\": \"").append(f[0])
                    .append("\", \"strategy\": \"bidder\", \"market\": \"m\", \"count\": ").append(f[1])
                    .append(", \"cash\": ").append(f[2])
                    .append(f.length > 3 ? ", \"scope\": {\"spend_limit\": " + f[3] + "}" : "").append("}");
        }
        return """
            { "name": "hand", "seed": %d, "epochs": 1,
              "markets": [ {"name": "m", "resource": "compute", "tick_size": 1, "ticks": 100, "initial_price": 1} ],
              "population": [ %s ],
              "resource_auctions": [ {"name": "a", "resource": "compute", "tick_size": 1, "ticks": 100, %s } ] }
            """.formatted(seed, pop, auction);
    }

    /**
     * A: 2 agents valuing 3 units at 10, 5, 2 (decay 0.5); B: 3 agents valuing 2 units at 8, 8; C: 1 agent, one
     * unit at 6. Budgets do not bind. Unit bids: 10 x2, 8 x6, 6, 5 x2, 2 x2. Supply 7: demand at 8 is 8 >= 7,
     * at 9 it is 2, so the price is 8. A wins its first units (2), B's 6 bids at 8 share the 5 units left (two
     * agents get 2, one gets 1), C (6 < 8) gets nothing. Revenue 7 x 8 = 56; value 2 x 10 + 5 x 8 = 60, the
     * same as the 7 best unit values (10, 10, 8, 8, 8, 8, 8): efficiency 1. Price-taking bidders whose budgets
     * do not bind envy nobody (a competitive equilibrium is envy-free): B's agent with 1 unit is indifferent
     * to 2 (8 - 8 = 0), A prefers its 1 unit (10 - 8) to 2 (15 - 16).
     */
    @ParameterizedTest
    @ValueSource(strings = {"java", "opencl", "cuda"})
    void uniformPriceClearsAtTheLowestAcceptedBidAndIsEnvyFreeWhenBudgetsDoNotBind(String backend) {
        for (long seed = 1; seed <= 4; seed++) { // different seeds, different tie-breaking offsets
            Result r = round(backend, scenario(seed, List.of("A:2:1000", "B:3:1000", "C:1:1000"), """
                    "supply": 7, "mechanism": {"type": "uniform_price"},
                    "bidders": [ {"cohort": "A", "value_min": 10, "value_max": 10, "max_units": 3, "decay": 0.5},
                                 {"cohort": "B", "value_min": 8, "value_max": 8, "max_units": 2},
                                 {"cohort": "C", "value_min": 6, "value_max": 6} ]"""));
            assertEquals(8, r.clearing().openPrice);
            assertEquals(7, r.clearing().allocatedTotal);
            assertEquals(0, r.clearing().unsold);
            assertArrayEquals(new int[] {1, 1}, r.won("A"));
            int[] b = r.won("B").clone();
            Arrays.sort(b);
            assertArrayEquals(new int[] {1, 2, 2}, b, "5 units to B's 6 marginal bids");
            assertArrayEquals(new int[] {0}, r.won("C"));
            assertArrayEquals(new long[] {8, 8}, r.paid("A"));
            assertEquals(40, Arrays.stream(r.paid("B")).sum());
            assertEquals(56_000_000, r.sum(Auction.PAYMENT), "revenue in micro-credits");
            assertEquals(60, r.sum(Auction.VALUE));
            assertEquals(1.0, r.efficiency());
            assertEquals(0, r.envious(Auction.ENVIOUS), "no envy in competitive equilibrium");
        }
    }

    /**
     * B (3 agents, two units at 8) and P, who values one unit at 9 but has 5 credits: P bids 5. Supply 5: the
     * price is 8, B's six bids at 8 share the 5 units (2, 2, 1) and P gets nothing. P envies the agent with one
     * unit at 8 (9 - 8 > 0), and still does with a unit removed from a two-unit bundle: envy from budgets is not
     * bounded by one unit. The 9 went unserved: value 40 of a possible 41.
     */
    @ParameterizedTest
    @ValueSource(strings = {"java", "opencl", "cuda"})
    void aBidderWhoseBudgetBindsEnviesTheWinners(String backend) {
        assertBudgetBoundBidderEnvies(backend, "P:1:5");
    }

    /** The same when P has cash but its cohort's scope lets it spend only 5 credits per epoch. */
    @ParameterizedTest
    @ValueSource(strings = {"java", "opencl", "cuda"})
    void aScopeSpendLimitBindsLikeABudget(String backend) {
        assertBudgetBoundBidderEnvies(backend, "P:1:1000:5");
    }

    private static void assertBudgetBoundBidderEnvies(String backend, String p) {
        Result r = round(backend, scenario(5, List.of("B:3:1000", p), """
                "supply": 5, "mechanism": {"type": "uniform_price"},
                "bidders": [ {"cohort": "B", "value_min": 8, "value_max": 8, "max_units": 2},
                             {"cohort": "P", "value_min": 9, "value_max": 9} ]"""));
        assertEquals(8, r.clearing().openPrice);
        assertEquals(5, Arrays.stream(r.won("B")).sum());
        assertArrayEquals(new int[] {0}, r.won("P"));
        assertEquals(1, r.envious(Auction.ENVIOUS), "P envies");
        assertEquals(1, r.envious(Auction.ENVIOUS_UP_TO_ONE));
        assertEquals(40.0 / 41, r.efficiency());
    }

    /**
     * A (4 agents, one unit at 10) and B (4 agents, one unit at 5), supply 4, cap 0.5: no principal may get more
     * than 2 units. Capped demand is 2 from 10 down to 6 and reaches 4 at 5 (and stays 4 below), so the price is 5,
     * the lowest accepted bid: A gets 2 (two of
     * its four agents, by lottery), B gets 2. Value 2 x 10 + 2 x 5 = 30 of a possible 40 (0.75): the cap costs
     * efficiency. A's two losers envy the winners' bundle (10 - 5 > 0), but not with the unit removed.
     */
    @ParameterizedTest
    @ValueSource(strings = {"java", "opencl", "cuda"})
    void principalCapLimitsTheLargePrincipalAndCostsEfficiency(String backend) {
        Result r = round(backend, scenario(2, List.of("A:4:100", "B:4:100"), """
                "supply": 4, "mechanism": {"type": "principal_cap", "max_share": 0.5},
                "bidders": [ {"cohort": "A", "value_min": 10, "value_max": 10},
                             {"cohort": "B", "value_min": 5, "value_max": 5} ]"""));
        assertEquals(5, r.clearing().openPrice);
        assertEquals(2, Arrays.stream(r.won("A")).sum());
        assertArrayEquals(new int[] {1, 1}, Arrays.stream(r.won("B")).filter(x -> x > 0).toArray());
        assertEquals(2, Arrays.stream(r.won("B")).sum());
        assertEquals(20, r.sum(Auction.PAYMENT) / 1_000_000, "4 units at 5");
        assertEquals(0.75, r.efficiency());
        assertEquals(2, r.envious(Auction.ENVIOUS), "A's two losers");
        assertEquals(0, r.envious(Auction.ENVIOUS_UP_TO_ONE));
    }

    /**
     * A (6 agents, one unit at 10) and small B (2 agents, one unit at 5; small means at most 2 agents), supply 4,
     * reserved share 0.5 (2 units). In open competition A takes all 4 at 10, so the reserve binds: B's 2 agents
     * get the 2 reserved units at their own price, 5 (their lowest accepted bid); A's 6 agents share the other 2
     * at 10. Revenue 2 x 10 + 2 x 5 = 30; value 30 of 40. Every A agent envies B's bundle (1 unit for 5): 5 beats
     * a loser's 0 and a winner's 10 - 10.
     */
    @ParameterizedTest
    @ValueSource(strings = {"java", "opencl", "cuda"})
    void reservedShareSetsAsideUnitsForSmallPrincipalsAtTheirOwnPrice(String backend) {
        Result r = round(backend, scenario(3, List.of("A:6:100", "B:2:100"), """
                "supply": 4, "small_principal_agents": 2, "mechanism": {"type": "reserved_share", "share": 0.5},
                "bidders": [ {"cohort": "A", "value_min": 10, "value_max": 10},
                             {"cohort": "B", "value_min": 5, "value_max": 5} ]"""));
        assertTrue(r.clearing().reserveBinding);
        assertEquals(10, r.clearing().openPrice);
        assertEquals(5, r.clearing().smallPrice);
        assertArrayEquals(new int[] {1, 1}, r.won("B"));
        assertArrayEquals(new long[] {5, 5}, r.paid("B"));
        assertEquals(2, Arrays.stream(r.won("A")).sum());
        assertEquals(30, r.sum(Auction.PAYMENT) / 1_000_000);
        assertEquals(0.75, r.efficiency());
        assertEquals(6, r.envious(Auction.ENVIOUS));
        assertEquals(0, r.envious(Auction.ENVIOUS_UP_TO_ONE));
    }

    /**
     * A reserve larger than the small principals' demand: B (1 agent, one unit at 5) is the only small bidder,
     * the reserve is 2 of 4 units. Open competition gives A all 4, so the reserve binds; the reserved pool has
     * more units (2) than B bids for (1), so B pays the reserve price 1, and the unit B leaves goes back to the
     * open pool: A's 6 agents share 3 units at 10. Revenue 3 x 10 + 1 = 31.
     */
    @ParameterizedTest
    @ValueSource(strings = {"java", "opencl", "cuda"})
    void reservedUnitsSmallPrincipalsDoNotBidForGoBackToTheOpenPool(String backend) {
        Result r = round(backend, scenario(3, List.of("A:6:100", "B:1:100"), """
                "supply": 4, "small_principal_agents": 1, "mechanism": {"type": "reserved_share", "share": 0.5},
                "bidders": [ {"cohort": "A", "value_min": 10, "value_max": 10},
                             {"cohort": "B", "value_min": 5, "value_max": 5} ]"""));
        assertTrue(r.clearing().reserveBinding);
        assertEquals(1, r.clearing().smallPrice, "excess reserved supply: the reserve price");
        assertEquals(10, r.clearing().openPrice);
        assertArrayEquals(new int[] {1}, r.won("B"));
        assertEquals(3, Arrays.stream(r.won("A")).sum());
        assertEquals(0, r.clearing().unsold);
        assertEquals(31, r.sum(Auction.PAYMENT) / 1_000_000);
    }

    /** When small principals win their share in open competition, the reserve does not bind: one price. */
    @ParameterizedTest
    @ValueSource(strings = {"java", "opencl", "cuda"})
    void reservedShareThatDoesNotBindIsTheUniformPriceAuction(String backend) {
        Result r = round(backend, scenario(3, List.of("A:6:100", "B:2:100"), """
                "supply": 4, "small_principal_agents": 2, "mechanism": {"type": "reserved_share", "share": 0.5},
                "bidders": [ {"cohort": "A", "value_min": 10, "value_max": 10},
                             {"cohort": "B", "value_min": 20, "value_max": 20} ]"""));
        assertFalse(r.clearing().reserveBinding);
        assertEquals(10, r.clearing().openPrice);
        assertEquals(10, r.clearing().smallPrice);
        assertArrayEquals(new int[] {1, 1}, r.won("B"));
        assertEquals(0, r.envious(Auction.ENVIOUS));
    }

    /**
     * Equal endowment: every agent has 10 tokens; token bids are floor(10 / k) for unit k = 10, 5, 3 (up to 3
     * units, all worth something). X (2 agents, units worth 9) and Y (3 agents, worth 2). With 10 units the
     * token price is 5: everyone gets exactly 2 (an equal split), pays 10 tokens, and nobody envies anybody.
     * No cash moves. Value 2 x 18 + 3 x 4 = 48 of the best 62 (six 9s and four 2s).
     */
    @ParameterizedTest
    @ValueSource(strings = {"java", "opencl", "cuda"})
    void equalEndowmentSplitsEquallyAndIsEnvyFree(String backend) {
        Result r = round(backend, scenario(4, List.of("X:2:0", "Y:3:0"), """
                "supply": 10, "mechanism": {"type": "equal_endowment", "budget": 10},
                "bidders": [ {"cohort": "X", "value_min": 9, "value_max": 9, "max_units": 3},
                             {"cohort": "Y", "value_min": 2, "value_max": 2, "max_units": 3} ]"""));
        assertEquals(5, r.clearing().openPrice, "tokens per unit");
        assertArrayEquals(new int[] {2, 2}, r.won("X"));
        assertArrayEquals(new int[] {2, 2, 2}, r.won("Y"));
        assertArrayEquals(r.cashBefore(), r.cash(), "tokens, not cash");
        assertEquals(50_000_000, r.sum(Auction.PAYMENT), "50 tokens spent");
        assertEquals(48, r.sum(Auction.VALUE));
        assertEquals(48.0 / 62, r.efficiency());
        assertEquals(0, r.envious(Auction.ENVIOUS));
    }

    /**
     * With 7 units for 5 agents the equal split cannot be exact: the price is still 5, every agent gets its first
     * unit and 2 of the 5 second-unit bids win. The 3 agents with one unit envy those with two; with one unit
     * removed nobody does: envy-free up to one unit, as the approximate CEEI promises (Budish 2011).
     */
    @ParameterizedTest
    @ValueSource(strings = {"java", "opencl", "cuda"})
    void equalEndowmentWithIndivisibleUnitsIsEnvyFreeUpToOneUnit(String backend) {
        Result r = round(backend, scenario(4, List.of("X:2:0", "Y:3:0"), """
                "supply": 7, "mechanism": {"type": "equal_endowment", "budget": 10},
                "bidders": [ {"cohort": "X", "value_min": 9, "value_max": 9, "max_units": 3},
                             {"cohort": "Y", "value_min": 2, "value_max": 2, "max_units": 3} ]"""));
        assertEquals(5, r.clearing().openPrice);
        assertEquals(7, Arrays.stream(r.won("X")).sum() + Arrays.stream(r.won("Y")).sum());
        assertEquals(3, r.envious(Auction.ENVIOUS));
        assertEquals(0, r.envious(Auction.ENVIOUS_UP_TO_ONE));
    }

    /** Supply above demand: everything bid is sold at the reserve, the rest stays unsold. */
    @ParameterizedTest
    @ValueSource(strings = {"java", "opencl", "cuda"})
    void excessSupplySellsAtTheReservePrice(String backend) {
        Result r = round(backend, scenario(1, List.of("A:3:100"), """
                "supply": 50, "reserve_price": 4, "mechanism": {"type": "uniform_price"},
                "bidders": [ {"cohort": "A", "value_min": 10, "value_max": 10, "max_units": 2, "decay": 0.3} ]"""));
        // units worth 10 and 3: the second is below the reserve 4 and is not bid for
        assertEquals(4, r.clearing().openPrice);
        assertArrayEquals(new int[] {1, 1, 1}, r.won("A"));
        assertEquals(47, r.clearing().unsold);
        assertArrayEquals(new long[] {4, 4, 4}, r.paid("A"));
    }

    /**
     * A larger economy with four principals (two small), random base values, decays and budgets that bind for
     * some agents, and cohort sizes off the 256-agent block grid, under each mechanism.
     */
    static String randomScenario(long seed, String mechanism) {
        return """
            { "name": "many", "seed": %d, "epochs": 3,
              "markets": [ {"name": "m", "resource": "compute", "tick_size": 0.01, "ticks": 1000, "initial_price": 1} ],
              "population": [
                {"name": "big", "strategy": "bidder", "market": "m", "count": 1901, "cash": 40, "principal": "big"},
                {"name": "mid", "strategy": "bidder", "market": "m", "count": 700, "cash": 3},
                {"name": "s1", "strategy": "bidder", "market": "m", "count": 77, "cash": 0.5, "principal": "small-1"},
                {"name": "s2", "strategy": "bidder", "market": "m", "count": 300, "cash": 0.9, "principal": "small-2"},
                {"name": "big2", "strategy": "bidder", "market": "m", "count": 513, "cash": 2, "principal": "big"} ],
              "resource_auctions": [ {"name": "gpu", "resource": "compute", "tick_size": 0.01, "ticks": 1000,
                "reserve_price": 0.05, "supply": 2500, "small_principal_agents": 500, "mechanism": %s,
                "bidders": [
                  {"cohort": "big", "value_min": 0.50, "value_max": 9.00, "max_units": 4, "decay": 0.8},
                  {"cohort": "mid", "value_min": 0.10, "value_max": 6.00, "max_units": 3, "decay": 0.5},
                  {"cohort": "s1", "value_min": 1.00, "value_max": 8.00, "max_units": 2, "decay": 1},
                  {"cohort": "s2", "value_min": 0.05, "value_max": 9.99, "max_units": 5, "decay": 0.9},
                  {"cohort": "big2", "value_min": 2.00, "value_max": 2.00, "max_units": 7, "decay": 0.95} ] } ] }
            """.formatted(seed, mechanism);
    }

    static final String[] MECHANISMS = {"{\"type\": \"uniform_price\"}",
        "{\"type\": \"principal_cap\", \"max_share\": 0.3}", "{\"type\": \"reserved_share\", \"share\": 0.25}",
        "{\"type\": \"equal_endowment\", \"budget\": 1.5}"};

    /** Money and units are conserved exactly in every mechanism, and every payment is units x its group price. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void conservesMoneyAndUnitsExactlyInEveryMechanism(int mechanism) {
        for (long seed = 1; seed <= 3; seed++) {
            Result r = round(Backends.JAVA, randomScenario(seed, MECHANISMS[mechanism]));
            AuctionClearing c = r.clearing();
            long supply = r.plan().spec().supply();
            assertEquals(supply, c.allocatedTotal + c.unsold, "supplied = allocated + unsold");
            assertTrue(c.unsold >= 0);
            assertEquals(c.allocatedTotal, Arrays.stream(r.won()).asLongStream().sum(), "units in the columns");
            assertEquals(c.allocatedTotal, r.sum(Auction.UNITS));
            long[] q = r.outcome().round().quantities;
            assertEquals(r.plan().bidders(), Arrays.stream(q).sum(), "every bidder in one quantity bin");
            long cashPaid = Arrays.stream(r.cashBefore()).sum() - Arrays.stream(r.cash()).sum();
            boolean tokens = mechanism == 3;
            assertEquals(tokens ? 0 : r.sum(Auction.PAYMENT), cashPaid, "cash out = revenue, to the micro-credit");
            long expected = 0;
            for (int g = 0; g < c.price.length; g++) {
                expected += c.allocated[g] * c.price[g] * r.plan().spec().tickSize();
            }
            assertEquals(expected, r.sum(Auction.PAYMENT), "payments = units x group price");
            for (AuctionPlan.Range range : r.plan().ranges()) {
                for (int i = range.from(); i < range.to(); i++) {
                    long paid = r.cashBefore()[i] - r.cash()[i];
                    assertTrue(r.cash()[i] >= 0, "nobody pays more than it has");
                    if (!tokens) {
                        assertEquals((long) r.won()[range.column() + i - range.from()] * c.price[range.group()]
                                * r.plan().spec().tickSize(), paid);
                    }
                }
            }
        }
    }

    /** The same rounds on java and each device backend: the same histograms, totals, counts, columns and cash. */
    @ParameterizedTest
    @CsvSource({"0, opencl", "1, opencl", "2, opencl", "3, opencl", "0, cuda", "1, cuda", "2, cuda", "3, cuda"})
    void roundsAreBitIdenticalOnJavaAndEachDevice(int mechanism, String device) {
        for (long seed = 11; seed <= 13; seed++) {
            String json = randomScenario(seed, MECHANISMS[mechanism]);
            Result a = round(Backends.JAVA, json);
            Result b = round(device, json);
            assertSameRound(a, b);
            assertTrue(a.clearing().allocatedTotal > 0);
        }
    }

    /** Two rounds gave the same histograms, totals, counts, columns and cash. */
    private static void assertSameRound(Result a, Result b) {
        assertArrayEquals(a.outcome().round().demand, b.outcome().round().demand, "bid histogram");
        assertArrayEquals(a.outcome().round().values, b.outcome().round().values, "value histogram");
        assertArrayEquals(a.outcome().round().totals, b.outcome().round().totals, "totals");
        assertArrayEquals(a.outcome().round().quantities, b.outcome().round().quantities, "quantities");
        assertArrayEquals(a.outcome().round().envy, b.outcome().round().envy, "envy counts");
        assertArrayEquals(a.won(), b.won(), "units per bidder");
        assertArrayEquals(a.cash(), b.cash(), "cash");
    }

    // ---- value boosts (capability in auctions, docs/capability.md)

    /** The boosted base value by hand: base + floor(base x b / 10^6), at most the top tick; b = 0 changes nothing. */
    @Test
    void aBoostRaisesTheBaseValueByItsShareUpToTheTopTick() {
        assertEquals(12, Auction.boosted(8, 500_000, 99), "8 x 1.5");
        assertEquals(9, Auction.boosted(7, 333_333, 99), "7 + floor(2.333331)");
        assertEquals(88, Auction.boosted(8, 10_000_000, 99), "8 x 11");
        assertEquals(99, Auction.boosted(10, 10_000_000, 99), "110 is past the grid: the top tick");
        assertEquals(99, Auction.boosted(99, 0, 99));
        assertEquals(1, Auction.boosted(1, 999_999, 99), "1 + floor(0.999999)");
    }

    /**
     * A (one agent, one unit worth 8) and B (one agent, worth 10), supply 1. Without boosts B wins at 10. A boost
     * of 0.5 on A makes its unit worth 12: A wins and pays 12 (the lowest accepted bid), the value won is 12, and B,
     * priced out at 12 > 10, envies nobody. With boosts of 10 on both, A's value is 88 and B's 110, capped at the
     * grid's top tick 99: B wins at 99.
     */
    @ParameterizedTest
    @ValueSource(strings = {"java", "opencl", "cuda"})
    void aBoostedBidderWinsWhereItWouldNotWithout(String backend) {
        String json = scenario(6, List.of("A:1:1000", "B:1:1000"), """
                "supply": 1, "mechanism": {"type": "uniform_price"},
                "bidders": [ {"cohort": "A", "value_min": 8, "value_max": 8},
                             {"cohort": "B", "value_min": 10, "value_max": 10} ]""");
        Result plain = round(backend, json);
        assertEquals(10, plain.clearing().openPrice);
        assertArrayEquals(new int[] {0}, plain.won("A"));
        assertArrayEquals(new int[] {1}, plain.won("B"));
        Result boosted = round(backend, json, new int[] {500_000, 0});
        assertEquals(12, boosted.clearing().openPrice);
        assertArrayEquals(new int[] {1}, boosted.won("A"));
        assertArrayEquals(new int[] {0}, boosted.won("B"));
        assertArrayEquals(new long[] {12}, boosted.paid("A"));
        assertEquals(12, boosted.sum(Auction.VALUE), "the value won is the boosted one");
        assertEquals(1.0, boosted.efficiency());
        assertEquals(0, boosted.envious(Auction.ENVIOUS));
        Result both = round(backend, json, new int[] {10_000_000, 10_000_000});
        assertEquals(99, both.clearing().openPrice, "B's 110 capped at the top tick");
        assertArrayEquals(new int[] {1}, both.won("B"));
        assertArrayEquals(new long[] {99}, both.paid("B"));
    }

    /** A random boost column, some agents at 0 and some boosted past the grid, per agent of the scenario. */
    static int[] randomBoosts(long seed, int agents) {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        int[] boost = new int[agents];
        for (int i = 0; i < agents; i++) {
            int kind = rnd.nextInt(4);
            boost[i] = kind == 0 ? 0 : kind == 3 ? rnd.nextInt(10_000_001) : rnd.nextInt(1_000_001);
        }
        return boost;
    }

    /**
     * Boosted rounds on java and each device: the same histograms, totals, counts, columns and cash; the boosts change
     * the round (so the comparison is not of two unboosted rounds), and a column of zeros is no column at all.
     */
    @ParameterizedTest
    @CsvSource({"0, opencl", "1, opencl", "2, opencl", "3, opencl", "0, cuda", "1, cuda", "2, cuda", "3, cuda"})
    void boostedRoundsAreBitIdenticalOnJavaAndEachDevice(int mechanism, String device) {
        for (long seed = 14; seed <= 15; seed++) {
            String json = randomScenario(seed, MECHANISMS[mechanism]);
            int[] boost = randomBoosts(seed, 1901 + 700 + 77 + 300 + 513);
            Result a = round(Backends.JAVA, json, boost);
            Result b = round(device, json, boost);
            assertSameRound(a, b);
            Result plain = round(device, json);
            assertFalse(Arrays.equals(plain.outcome().round().values, b.outcome().round().values),
                    "the boosts raise values");
            assertSameRound(plain, round(device, json, new int[boost.length])); // zeros: no column at all
        }
    }

    /** With boosts, money and units are still conserved exactly: cash out = revenue = units x group price. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void boostedRoundsConserveMoneyAndUnitsExactly(int mechanism) {
        String json = randomScenario(9, MECHANISMS[mechanism]);
        Result r = round(Backends.JAVA, json, randomBoosts(9, 1901 + 700 + 77 + 300 + 513));
        AuctionClearing c = r.clearing();
        assertEquals(r.plan().spec().supply(), c.allocatedTotal + c.unsold);
        assertEquals(c.allocatedTotal, r.sum(Auction.UNITS));
        long cashPaid = Arrays.stream(r.cashBefore()).sum() - Arrays.stream(r.cash()).sum();
        assertEquals(mechanism == 3 ? 0 : r.sum(Auction.PAYMENT), cashPaid);
        long expected = 0;
        for (int g = 0; g < c.price.length; g++) {
            expected += c.allocated[g] * c.price[g] * r.plan().spec().tickSize();
        }
        assertEquals(expected, r.sum(Auction.PAYMENT));
    }
}
