package org.vaesim.host.epoch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vaesim.host.Fixtures;
import org.vaesim.host.Require;
import org.vaesim.host.capability.CapabilityStage;
import org.vaesim.kernels.Backends;
import org.vaesim.kernels.memory.Layout;
import org.vaesim.kernels.memory.Population;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.models.scenario.Scenario;

/**
 * The controls of the safety layer against every mechanism (docs/safety.md, "Controls against every mechanism"): the
 * epoch's own (order book, resource auctions, missions, the gateway, negotiation, kinetic exchange) and the stages
 * after it (the wealth tax, capability, trade relationships, coordination with its dormant micro-markets). A cohort
 * "target" (principal "tp") takes part in the mechanism; a control stops it: the operator's kill
 * switch (a kill event at epoch 0, or at epoch 3), a kill rule (a cohort of the same principal whose every order is
 * out of scope trips the {@code rejections} rule after epoch 0, which stops the whole principal), arrival (pending
 * until epoch 4), entry checks (refused) or a rate limit. After every epoch the test compares each target agent's
 * cash, goods and capability stock with the epoch before: where the control holds, nothing moved (a stopped agent
 * neither pays nor receives: no tax, no rebate, no trade, no stock); where the table says it does not apply, the
 * target still takes part. In every case the agents the control leaves alone take part, and the engine checks
 * conservation after every epoch (vaesim.checks, on in tests). The cases run again on each device in lockstep with
 * java.
 */
class StageControlsTest {
    private static final int EPOCHS = 8;
    /** The epoch of the late kill event, and the arrival epoch of the pending case. */
    private static final int LATER = 3;
    private static final int ARRIVAL = 4;

    /**
     * The mechanisms, each with the target's cohort, any auction, mission or gateway it needs, and the stage's section:
     * first those of the epoch itself (SafetyMatrixTest runs them against kill events and scopes; here against the
     * kill rule, a later kill, arrival and entry), then the stages.
     */
    enum Mechanism {
        ORDER_BOOK("""
                {"name": "target", "strategy": "zi-c", "market": "m", "count": 16, "cash": 1000, "principal": "tp" %s,
                 "params": {"side": "buy", "value_min": 9.00, "value_max": 15.00, "units": 2, "period": 2}}""", "",
                ""),
        AUCTION("""
                {"name": "target", "strategy": "bidder", "market": "m", "count": 16, "cash": 1000, "principal": "tp" %s}
                """, """
                , "resource_auctions": [{"name": "gpu", "resource": "compute", "tick_size": 0.01, "ticks": 2000,
                  "reserve_price": 1.00, "supply": 40, "every": 1, "mechanism": {"type": "uniform_price"},
                  "bidders": [{"cohort": "buyers", "value_min": 5.00, "value_max": 15.00, "max_units": 3},
                              {"cohort": "target", "value_min": 5.00, "value_max": 15.00, "max_units": 3}]}]""", ""),
        MISSION("""
                {"name": "target", "strategy": "bidder", "market": "m", "count": 16, "cash": 10, "principal": "tp" %s}
                """, """
                , "missions": [{"name": "x", "tick_size": 0.01, "ticks": 1000, "sponsor": {"type": "external"},
                  "tasks": 400, "tasks_per_round": 20, "reserve_price": 5.00, "budget": 2000,
                  "bidders": [{"cohort": "sellers", "cost_min": 1.00, "cost_max": 4.00, "capability_min": 0.5,
                               "capability_max": 0.9},
                              {"cohort": "target", "cost_min": 1.00, "cost_max": 4.00, "capability_min": 0.5,
                               "capability_max": 0.9}]}]""", ""),
        GATEWAY("""
                {"name": "target", "strategy": "fundamentalist", "market": "m", "count": 8, "cash": 300,
                 "inventory": 6, "principal": "tp" %s, "params": {"threshold_ticks": 1900, "max_position": 20}}""", """
                , "gateway": {"markets": [{"market": "m", "price": 12.00, "depth": 1000000}],
                  "brokers": [{"cohort": "target", "cash_target": 50, "max_units": 2, "external_cash": 1000}]}""",
                ""),
        NEGOTIATION("""
                {"name": "target", "strategy": "negotiation", "market": "d", "count": 16, "cash": 100,
                 "principal": "tp" %s, "params": {"value_min": 1.00, "value_max": 3.00, "tiers": 3, "spread": 0.5}},
                {"name": "peers", "strategy": "negotiation", "market": "d", "count": 20, "cash": 100,
                 "principal": "others", "params": {"value_min": 1.00, "value_max": 3.00, "tiers": 3, "spread": 0.5}}
                """, "", ""),
        KINETIC("""
                {"name": "target", "strategy": "kinetic", "market": "d", "count": 16, "cash": 100, "principal": "tp" %s,
                 "params": {"model": "yard_sale", "beta": 0.1}},
                {"name": "peers", "strategy": "kinetic", "market": "d", "count": 20, "cash": 100,
                 "principal": "others", "params": {"model": "random", "tax": 0.05}}""", "", ""),
        WEALTH_TAX("""
                {"name": "target", "strategy": "zi-c", "market": "m", "count": 16, "cash": 1000, "principal": "tp" %s,
                 "params": {"side": "buy", "value_min": 9.00, "value_max": 15.00, "units": 2, "period": 2}}""", "", """
                "wealth_tax": {"cohorts": ["target", "buyers"], "rate": 0.1}"""),
        CAPABILITY("""
                {"name": "target", "strategy": "bidder", "market": "m", "count": 16, "cash": 1000, "principal": "tp" %s}
                """, """
                , "resource_auctions": [{"name": "gpu", "resource": "compute", "tick_size": 0.01, "ticks": 2000,
                  "reserve_price": 1.00, "supply": 40, "every": 1, "mechanism": {"type": "uniform_price"},
                  "bidders": [{"cohort": "buyers", "value_min": 5.00, "value_max": 15.00, "max_units": 3},
                              {"cohort": "target", "value_min": 5.00, "value_max": 15.00, "max_units": 3}]}]""", """
                "capability": {"cohorts": ["target", "buyers"], "feedback": 1, "compute_weight": 1}"""),
        RELATIONSHIPS("""
                {"name": "target", "strategy": "zi-c", "market": "m", "count": 16, "cash": 1000, "principal": "tp" %s,
                 "params": {"side": "buy", "value_min": 9.00, "value_max": 15.00, "units": 2, "period": 2}}""", "", """
                "relationships": {"buyers": "target", "sellers": "sellers", "value_min": 5.00, "value_max": 19.99,
                                  "loyalty": 0.5}"""),
        COORDINATION("""
                {"name": "target", "strategy": "bidder", "market": "d", "count": 16, "cash": 1000,
                 "principal": "tp" %s},
                {"name": "providers", "strategy": "bidder", "market": "d", "count": 30, "cash": 1000,
                 "principal": "others"},
                {"name": "clients", "strategy": "bidder", "market": "d", "count": 30, "cash": 1000,
                 "principal": "others"}""", "", """
                "coordination": {"protocol": "bilateral", "search_cost": 0.05, "contacts": 2, "order_fee": 0.02,
                  "upkeep": 5, "services": [
                    {"name": "as-buyer", "buyers": "target", "sellers": "providers", "demand": 0.8,
                     "value_min": 5, "value_max": 15, "cost_min": 5, "cost_max": 15},
                    {"name": "as-seller", "buyers": "clients", "sellers": "target", "demand": 0.8,
                     "value_min": 5, "value_max": 15, "cost_min": 5, "cost_max": 15},
                    {"name": "micro", "buyers": "target", "sellers": "providers", "demand": 0.8,
                     "value_min": 5, "value_max": 15, "cost_min": 5, "cost_max": 15,
                     "dormant": {"open_below": 1000, "window": 1}}]}""");

        final String target;
        final String auctions;
        final String stage;

        Mechanism(String target, String auctions, String stage) {
            this.target = target;
            this.auctions = auctions;
            this.stage = stage;
        }
    }

    /** The controls; NONE is the uncontrolled run, which shows that the target takes part at all. */
    enum Control {
        NONE, KILL_EVENT, KILL_EVENT_LATER, KILL_RULE, PENDING, REFUSED, RATE_LIMIT,
        /** A scope that leaves out the target's own market. */
        SCOPE_MARKETS
    }

    /** Whether the target's agents must be frozen in {@code epoch} under control {@code c} of mechanism {@code m}. */
    static boolean frozen(Mechanism m, Control c, int epoch) {
        return switch (c) {
            case NONE -> false;
            case KILL_EVENT, REFUSED -> true;
            case KILL_EVENT_LATER -> epoch >= LATER;
            case KILL_RULE -> epoch >= 1; // the rule fires on epoch 0's rejections, at its end
            case PENDING -> epoch < ARRIVAL;
            // a rate limit bounds orders and bids; the tax, relationships and coordination are not orders
            // (docs/safety.md): only capability, through the auction, sees it (at most one epoch's bid goes through)
            case RATE_LIMIT -> false;
            // the wealth tax takes part through the one check on the cohort's own market; capability grows only
            // through the auction, which the scope leaves out; relationships and coordination model no scopes
            case SCOPE_MARKETS -> m == Mechanism.WEALTH_TAX || m == Mechanism.CAPABILITY;
        };
    }

    /** Whether the mechanism is one of the epoch's own, whose kill events and rate limits SafetyMatrixTest covers. */
    static boolean inTheEpoch(Mechanism m) {
        return m.ordinal() < Mechanism.WEALTH_TAX.ordinal();
    }

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (Mechanism m : Mechanism.values()) {
            for (Control c : Control.values()) {
                if (!inTheEpoch(m) || (c != Control.KILL_EVENT && c != Control.RATE_LIMIT
                        && c != Control.SCOPE_MARKETS)) {
                    all.add(Arguments.of(m, c));
                }
            }
        }
        return all.stream();
    }

    static Stream<Arguments> deviceCases() {
        return Stream.of(Backends.OPENCL, Backends.CUDA)
                .flatMap(device -> cases().map(a -> Arguments.of(device, a.get()[0], a.get()[1])));
    }

    static Scenario scenario(Mechanism m, Control c) {
        String extra = switch (c) {
            case PENDING -> ", \"arrival\": {\"from_epoch\": " + ARRIVAL + "}";
            case REFUSED -> ", \"arrival\": {\"from_epoch\": 0, \"declared_capability\": 0.1}";
            case RATE_LIMIT -> ", \"scope\": {\"orders_per_epoch\": 0.001, \"burst\": 1}";
            case SCOPE_MARKETS -> ", \"scope\": {\"markets\": [\"" + (m == Mechanism.COORDINATION ? "m" : "d") + "\"]}";
            default -> "";
        };
        String rogue = c != Control.KILL_RULE ? "" : """
                , {"name": "rogue", "strategy": "zi-c", "market": "m", "count": 4, "cash": 1000, "principal": "tp",
                   "scope": {"markets": ["d"]},
                   "params": {"side": "buy", "value_min": 9.00, "value_max": 15.00}}""";
        List<String> safety = new ArrayList<>();
        if (c == Control.KILL_RULE) {
            safety.add("\"kill_rules\": [{\"when\": \"rejections\", \"count\": 1}]");
        }
        if (c == Control.REFUSED) {
            safety.add("\"entry\": {\"min_capability\": 0.5}");
        }
        String kill = switch (c) {
            case KILL_EVENT -> "{\"epoch\": 0, \"type\": \"kill\", \"target\": \"principal\", \"principal\": \"tp\"}";
            case KILL_EVENT_LATER -> "{\"epoch\": " + LATER
                    + ", \"type\": \"kill\", \"target\": \"cohort\", \"cohort\": \"target\"}";
            default -> "";
        };
        return Fixtures.scenario("""
            {"name": "stage-controls", "seed": 7, "epochs": %d,
             "markets": [{"name": "m", "resource": "compute", "tick_size": 0.01, "ticks": 2000, "initial_price": 10.00},
                         {"name": "d", "resource": "agent_time", "tick_size": 0.01, "ticks": 2000,
                          "initial_price": 10.00}],
             "population": [
               {"name": "buyers", "strategy": "zi-c", "market": "m", "count": 40, "cash": 1000, "principal": "others",
                "params": {"side": "buy", "value_min": 9.00, "value_max": 15.00, "units": 2, "period": 2}},
               {"name": "sellers", "strategy": "zi-c", "market": "m", "count": 40, "inventory": 40,
                "principal": "others",
                "params": {"side": "sell", "value_min": 5.00, "value_max": 11.00, "units": 2, "period": 2}},
               %s %s],
             "safety": {%s},
             "events": [%s] %s,
             "stages": {%s}}
            """.formatted(EPOCHS, m.target.formatted(extra), rogue, String.join(", ", safety), kill, m.auctions,
                m.stage));
    }

    /** The target cohort's agents, and for the kill rule its principal's other cohort. */
    static boolean[] controlled(Scenario s) {
        Layout layout = new Layout(s);
        boolean[] mask = new boolean[layout.agents()];
        for (Segment x : layout.segments()) {
            if (x.cohort().name().equals("target") || x.cohort().name().equals("rogue")) {
                java.util.Arrays.fill(mask, x.start(), x.end(), true);
            }
        }
        return mask;
    }

    @ParameterizedTest(name = "{0} x {1}")
    @MethodSource("cases")
    void aStoppedAgentNeitherPaysNorReceivesInAnyStage(Mechanism m, Control c) {
        Scenario s = scenario(m, c);
        boolean[] mask = controlled(s);
        int targetMoves = 0;
        int freeMoves = 0;
        int targetStockEpochs = 0;
        try (Engine engine = Engine.start(s, Backends.JAVA, 2)) {
            Population p = engine.population();
            long[] cash = p.cash.clone();
            int[] inventory = p.inventory.clone();
            long[] stock = stock(engine, mask.length);
            for (int epoch = 0; !engine.finished(); epoch++) {
                engine.step(); // conservation is verified after every epoch
                p = engine.population();
                long[] stockNow = stock(engine, mask.length);
                boolean targetMoved = false;
                boolean stockMoved = false;
                for (int i = 0; i < mask.length; i++) {
                    boolean moved = cash[i] != p.cash[i] || inventory[i] != p.inventory[i];
                    if (!mask[i]) {
                        freeMoves += moved ? 1 : 0;
                        continue;
                    }
                    if (frozen(m, c, epoch) && (moved || stock[i] != stockNow[i])) {
                        fail("epoch " + epoch + ": stopped agent " + i + " (status " + p.status[i] + ") moved: cash "
                                + cash[i] + " -> " + p.cash[i] + ", goods " + inventory[i] + " -> "
                                + p.inventory[i] + ", capability stock " + stock[i] + " -> " + stockNow[i]);
                    }
                    targetMoved |= moved;
                    stockMoved |= stock[i] != stockNow[i];
                }
                targetMoves += targetMoved ? 1 : 0;
                targetStockEpochs += stockMoved ? 1 : 0;
                cash = p.cash.clone();
                inventory = p.inventory.clone();
                stock = stockNow;
            }
            assertTrue(freeMoves > 0, "the agents the control leaves alone take part: the case is not empty");
            statusAtEnd(c, engine.population(), mask);
        }
        switch (c) {
            // relationships trade at the last price, which the market has only from its first trade on
            case NONE -> assertTrue(targetMoves >= (inTheEpoch(m) ? 1 : EPOCHS - 1),
                    targetMoves + " epochs: the target takes part");
            case KILL_EVENT_LATER, PENDING -> assertTrue(targetMoves > 0, "the target takes part while it may");
            case RATE_LIMIT -> {
                if (m == Mechanism.CAPABILITY) { // a bucket of one bid, refilled once in 1000 epochs
                    assertEquals(1, targetStockEpochs, "one epoch's auction bid adds stock");
                } else {
                    assertTrue(targetMoves >= EPOCHS - 1, "a rate limit does not apply to the stage (docs/safety.md)");
                }
            }
            case SCOPE_MARKETS -> {
                if (!frozen(m, c, 0)) {
                    assertTrue(targetMoves >= EPOCHS - 1, "a scope does not apply to the stage (docs/safety.md)");
                }
            }
            default -> {
            }
        }
    }

    /** The capability stock column, or zeros without capability. */
    private static long[] stock(Engine engine, int agents) {
        CapabilityStage cap = engine.stage(CapabilityStage.class);
        return cap.active() ? cap.columns().stock.clone() : new long[agents];
    }

    private static void statusAtEnd(Control c, Population p, boolean[] mask) {
        int expected = switch (c) {
            case KILL_EVENT, KILL_EVENT_LATER, KILL_RULE -> Population.KILLED;
            case REFUSED -> Population.REFUSED;
            default -> 0;
        };
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                assertEquals(expected, p.status[i], "agent " + i + "'s status at the end");
            }
        }
    }

    /** The same cases on each device backend (opencl, cuda), bit-identical to java after every epoch. */
    @ParameterizedTest(name = "{0}: {1} x {2}")
    @MethodSource("deviceCases")
    void aDeviceIsBitIdenticalUnderEveryControl(String device, Mechanism m, Control c) {
        Require.backend(device);
        BackendParityTest.assertLockstep(scenario(m, c), device);
    }
}
