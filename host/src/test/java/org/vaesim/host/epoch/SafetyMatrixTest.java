package org.vaesim.host.epoch;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vaesim.host.Fixtures;
import org.vaesim.host.Require;
import org.vaesim.kernels.Backends;
import org.vaesim.kernels.gate.RejectReason;
import org.vaesim.kernels.memory.Population;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.models.scenario.Scenario;
import org.vaesim.host.auction.AuctionStage;
import org.vaesim.host.mission.MissionStage;

/**
 * Every mechanism that moves money or goods against every control of the safety layer (docs/safety.md, "One check
 * for every mechanism"): the order book, resource auctions, missions, the gateway, negotiation and kinetic
 * exchange, each with a cohort "target" (principal "tp") under a kill switch (one agent, its principal, its family,
 * everyone) or a scope (resources, markets, largest order, spend limit, rate limit). Each case checks the effect
 * the table in docs/safety.md names, from the agents' columns after every epoch; that the agents the control does
 * not touch still trade (so the case is not empty); the rejections by reason where the mechanism reports them; and
 * conservation (the engine's checks, on in tests). Every case is run again on each device backend (opencl, cuda) in
 * lockstep with java, the state digests compared after every epoch.
 */
class SafetyMatrixTest {
    private static final int EPOCHS = 8;
    private static final long CREDIT = 1_000_000;

    /** The mechanisms, each with a scenario whose cohort "target" takes part in it. */
    enum Mechanism {
        ORDER_BOOK("market-maker", 10 * CREDIT, """
                {"name": "buyers", "strategy": "zi-c", "market": "m", "count": 40, "cash": 1000, "principal": "others",
                 "params": {"side": "buy", "value_min": 9.00, "value_max": 15.00, "units": 2, "period": 2}},
                {"name": "sellers", "strategy": "zi-c", "market": "m", "count": 40, "inventory": 40,
                 "principal": "others",
                 "params": {"side": "sell", "value_min": 5.00, "value_max": 11.00, "units": 2, "period": 2}},
                {"name": "target", "strategy": "market-maker", "market": "m", "count": 16, "cash": 1000,
                 "inventory": 50, "principal": "tp", "scope": %s,
                 "params": {"half_spread_ticks": 1, "quote_qty": 2, "max_inventory": 1000}}""", ""),
        AUCTION("bidder", 20 * CREDIT, """
                {"name": "others", "strategy": "zi-c", "market": "m", "count": 30, "cash": 1000, "principal": "others",
                 "params": {"side": "buy", "value_min": 1.00, "value_max": 2.00}},
                {"name": "target", "strategy": "bidder", "market": "m", "count": 16, "cash": 1000, "principal": "tp",
                 "scope": %s}""", """
                , "resource_auctions": [{"name": "gpu", "resource": "compute", "tick_size": 0.01, "ticks": 2000,
                  "reserve_price": 1.00, "supply": 40, "every": 1, "mechanism": {"type": "uniform_price"},
                  "bidders": [{"cohort": "others", "value_min": 5.00, "value_max": 15.00, "max_units": 3},
                              {"cohort": "target", "value_min": 5.00, "value_max": 15.00, "max_units": 3}]}]"""),
        MISSION("bidder", CREDIT, """
                {"name": "others", "strategy": "zi-c", "market": "m", "count": 30, "inventory": 5,
                 "principal": "others",
                 "params": {"side": "sell", "value_min": 9.00, "value_max": 11.00}},
                {"name": "target", "strategy": "bidder", "market": "m", "count": 16, "cash": 10, "principal": "tp",
                 "scope": %s}""", """
                , "missions": [{"name": "x", "tick_size": 0.01, "ticks": 1000, "sponsor": {"type": "external"},
                  "tasks": 400, "tasks_per_round": 20, "reserve_price": 5.00, "budget": 2000,
                  "bidders": [{"cohort": "others", "cost_min": 1.00, "cost_max": 4.00, "capability_min": 0.5,
                               "capability_max": 0.9},
                              {"cohort": "target", "cost_min": 1.00, "cost_max": 4.00, "capability_min": 0.5,
                               "capability_max": 0.9}]}]"""),
        GATEWAY("fundamentalist", 20 * CREDIT, """
                {"name": "others", "strategy": "fundamentalist", "market": "m", "count": 8, "cash": 300,
                 "inventory": 6, "principal": "fund", "params": {"threshold_ticks": 1900, "max_position": 20}},
                {"name": "target", "strategy": "fundamentalist", "market": "m", "count": 8, "cash": 300,
                 "inventory": 6, "principal": "tp", "scope": %s,
                 "params": {"threshold_ticks": 1900, "max_position": 20}},
                {"name": "d-buyers", "strategy": "zi-c", "market": "d", "count": 20, "cash": 1000,
                 "principal": "others", "params": {"side": "buy", "value_min": 9.00, "value_max": 11.00}},
                {"name": "d-sellers", "strategy": "zi-c", "market": "d", "count": 20, "inventory": 10,
                 "principal": "others", "params": {"side": "sell", "value_min": 9.00, "value_max": 11.00}}""", """
                , "gateway": {"markets": [{"market": "m", "price": 12.00, "depth": 1000000}],
                  "brokers": [{"cohort": "others", "cash_target": 50, "max_units": 2, "external_cash": 1000},
                              {"cohort": "target", "cash_target": 50, "max_units": 2, "external_cash": 1000}]}"""),
        NEGOTIATION("negotiation", 2 * CREDIT, """
                {"name": "others", "strategy": "negotiation", "market": "m", "count": 20, "cash": 100,
                 "principal": "others", "params": {"value_min": 1.00, "value_max": 3.00, "tiers": 3, "spread": 0.5}},
                {"name": "target", "strategy": "negotiation", "market": "m", "count": 16, "cash": 100,
                 "principal": "tp", "scope": %s,
                 "params": {"value_min": 1.00, "value_max": 3.00, "tiers": 3, "spread": 0.5}},
                {"name": "d-buyers", "strategy": "zi-c", "market": "d", "count": 20, "cash": 1000,
                 "principal": "others", "params": {"side": "buy", "value_min": 9.00, "value_max": 11.00}},
                {"name": "d-sellers", "strategy": "zi-c", "market": "d", "count": 20, "inventory": 10,
                 "principal": "others", "params": {"side": "sell", "value_min": 9.00, "value_max": 11.00}}""", ""),
        KINETIC("kinetic", 12 * CREDIT, """
                {"name": "others", "strategy": "kinetic", "market": "m", "count": 20, "cash": 100,
                 "principal": "others", "params": {"model": "random", "tax": 0.05}},
                {"name": "target", "strategy": "kinetic", "market": "m", "count": 16, "cash": 100, "principal": "tp",
                 "scope": %s, "params": {"model": "yard_sale", "beta": 0.1}},
                {"name": "d-buyers", "strategy": "zi-c", "market": "d", "count": 20, "cash": 1000,
                 "principal": "others", "params": {"side": "buy", "value_min": 9.00, "value_max": 11.00}},
                {"name": "d-sellers", "strategy": "zi-c", "market": "d", "count": 20, "inventory": 10,
                 "principal": "others", "params": {"side": "sell", "value_min": 9.00, "value_max": 11.00}}""", "");

        final String family;
        /** The spend limit the SPEND_LIMIT case sets: low enough to bind, high enough to leave something to do. */
        final long spendLimit;
        final String population;
        final String mechanism;

        Mechanism(String family, long spendLimit, String population, String mechanism) {
            this.family = family;
            this.spendLimit = spendLimit;
            this.population = population;
            this.mechanism = mechanism;
        }

        /** Whether the mechanism counts its rejections by reason (negotiation and kinetic exchange do not). */
        boolean reportsRejections() {
            return this != NEGOTIATION && this != KINETIC;
        }
    }

    enum Control {
        KILL_AGENT, KILL_PRINCIPAL, KILL_FAMILY, KILL_GLOBAL, SCOPE_RESOURCES, SCOPE_MARKETS, LARGEST_ORDER,
        SPEND_LIMIT, RATE_LIMIT
    }

    /** What a control does to the agents it applies to. */
    enum Effect {
        /** Their cash, goods and auction and mission columns never move. */
        FROZEN,
        /** No more than one unit in or out per epoch. */
        ONE_UNIT_PER_EPOCH,
        /** No more than the spend limit out of their cash per epoch. */
        SPEND_PER_EPOCH,
        /** Their cash or goods move in one epoch at most (a bucket of one order, refilled once in 1000 epochs). */
        ONE_ACTION,
        /** The control has no meaning for the mechanism: they keep taking part. */
        NONE
    }

    /** The table of docs/safety.md. */
    static Effect effect(Mechanism m, Control c) {
        return switch (c) {
            case KILL_AGENT, KILL_PRINCIPAL, KILL_FAMILY, KILL_GLOBAL, SCOPE_MARKETS -> Effect.FROZEN;
            // a mission trades no resource type; the order book's orders of 2 units are all over the limit of 1
            case SCOPE_RESOURCES -> m == Mechanism.MISSION ? Effect.NONE : Effect.FROZEN;
            case LARGEST_ORDER -> switch (m) {
                case ORDER_BOOK -> Effect.FROZEN;
                case AUCTION, GATEWAY -> Effect.ONE_UNIT_PER_EPOCH;
                case MISSION, NEGOTIATION, KINETIC -> Effect.NONE;
            };
            case SPEND_LIMIT -> m == Mechanism.MISSION ? Effect.NONE : Effect.SPEND_PER_EPOCH;
            case RATE_LIMIT -> m == Mechanism.KINETIC ? Effect.NONE : Effect.ONE_ACTION;
        };
    }

    /** The reason the mechanism counts for the control's rejections, or null where it counts none. */
    static RejectReason reason(Mechanism m, Control c) {
        Effect e = effect(m, c);
        if (!m.reportsRejections() || (e != Effect.FROZEN && e != Effect.ONE_ACTION)) {
            return null;
        }
        return switch (c) {
            case KILL_AGENT, KILL_PRINCIPAL, KILL_FAMILY, KILL_GLOBAL -> RejectReason.KILLED;
            case RATE_LIMIT -> RejectReason.RATE_LIMIT;
            default -> RejectReason.SCOPE;
        };
    }

    static Stream<Arguments> deviceCases() {
        return Stream.of(Backends.OPENCL, Backends.CUDA)
                .flatMap(device -> cases().map(a -> Arguments.of(device, a.get()[0], a.get()[1])));
    }

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (Mechanism m : Mechanism.values()) {
            for (Control c : Control.values()) {
                all.add(Arguments.of(m, c));
            }
        }
        return all.stream();
    }

    /** The scenario of mechanism {@code m} with control {@code c} on the target (a kill acts from epoch 0). */
    static Scenario scenario(Mechanism m, Control c) {
        String scope = switch (c) {
            case SCOPE_RESOURCES -> "{\"resources\": [\"data\"]}";
            case SCOPE_MARKETS -> "{\"markets\": [\"d\"]}";
            case LARGEST_ORDER -> "{\"max_order_qty\": 1}";
            case SPEND_LIMIT -> "{\"spend_limit\": " + m.spendLimit / CREDIT + "}";
            case RATE_LIMIT -> "{\"orders_per_epoch\": 0.001, \"burst\": 1}";
            default -> "{}";
        };
        String base = json(m, scope, "");
        String kill = switch (c) {
            case KILL_AGENT -> "{\"epoch\": 0, \"type\": \"kill\", \"target\": \"agent\", \"agent\": "
                    + target(Fixtures.scenario(base)).start() + "}";
            case KILL_PRINCIPAL ->
                    "{\"epoch\": 0, \"type\": \"kill\", \"target\": \"principal\", \"principal\": \"tp\"}";
            case KILL_FAMILY -> "{\"epoch\": 0, \"type\": \"kill\", \"target\": \"family\", \"family\": \"" + m.family
                    + "\"}";
            case KILL_GLOBAL -> "{\"epoch\": 0, \"type\": \"kill\", \"target\": \"global\"}";
            default -> "";
        };
        return Fixtures.scenario(json(m, scope, kill));
    }

    private static String json(Mechanism m, String scope, String kill) {
        return """
            {"name": "matrix", "seed": 5, "epochs": %d,
             "markets": [{"name": "m", "resource": "compute", "tick_size": 0.01, "ticks": 2000, "initial_price": 10.00},
                         {"name": "d", "resource": "data", "tick_size": 0.01, "ticks": 2000, "initial_price": 10.00}],
             "population": [%s],
             "events": [%s] %s}
            """.formatted(EPOCHS, m.population.formatted(scope), kill, m.mechanism);
    }

    static Segment target(Scenario s) {
        return new org.vaesim.kernels.memory.Layout(s).segments().stream()
                .filter(x -> x.cohort().name().equals("target")).findFirst().orElseThrow();
    }

    /** The agents a control applies to, as a mask over the population. */
    static boolean[] controlled(Scenario s, Mechanism m, Control c) {
        var layout = new org.vaesim.kernels.memory.Layout(s);
        boolean[] mask = new boolean[layout.agents()];
        Segment t = target(s);
        for (Segment x : layout.segments()) {
            boolean in = switch (c) {
                case KILL_AGENT -> false;
                case KILL_FAMILY -> x.cohort().family().jsonName().equals(m.family);
                case KILL_GLOBAL -> true;
                default -> x == t || x.index() == t.index();
            };
            Arrays.fill(mask, x.start(), x.end(), in);
        }
        if (c == Control.KILL_AGENT) {
            mask[t.start()] = true;
        }
        return mask;
    }

    /** What one agent did over the run. */
    private static final class Trace {
        int epochsMoved;
        long largestUnits;
        long largestSpend;
        long auctionUnits;
        long missionAwards;
    }

    @ParameterizedTest(name = "{0} x {1}")
    @MethodSource("cases")
    void everyMechanismHonoursEveryControl(Mechanism m, Control c) {
        Scenario s = scenario(m, c);
        boolean[] mask = controlled(s, m, c);
        Trace[] traces = new Trace[mask.length];
        for (int i = 0; i < traces.length; i++) {
            traces[i] = new Trace();
        }
        try (Engine engine = Engine.start(s, Backends.JAVA, 2)) {
            Population p = engine.population();
            long[] cash = p.cash.clone();
            int[] inventory = p.inventory.clone();
            while (!engine.finished()) {
                engine.step(); // verifies conservation after every epoch (vaesim.checks, on in tests)
                p = engine.population();
                for (int i = 0; i < mask.length; i++) {
                    long paid = cash[i] - p.cash[i];
                    long units = Math.abs((long) p.inventory[i] - inventory[i]);
                    Trace t = traces[i];
                    t.epochsMoved += paid != 0 || units != 0 ? 1 : 0;
                    t.largestUnits = Math.max(t.largestUnits, units);
                    t.largestSpend = Math.max(t.largestSpend, paid);
                }
                cash = p.cash.clone();
                inventory = p.inventory.clone();
                columns(engine, traces);
            }
            check(m, c, mask, traces, engine.markets().rejects);
        }
    }

    /** Adds the latest auction round's units and the missions' awards to the traces (per bidder column). */
    private static void columns(Engine engine, Trace[] traces) {
        if (!engine.stage(AuctionStage.class).plans().isEmpty()) {
            int[] won = engine.stage(AuctionStage.class).columns().won[0];
            for (var r : engine.stage(AuctionStage.class).plans().getFirst().ranges()) {
                for (int i = r.from(); i < r.to(); i++) {
                    int x = won[r.column() + i - r.from()];
                    traces[i].auctionUnits += Math.max(0, x);
                    traces[i].largestUnits = Math.max(traces[i].largestUnits, x);
                }
            }
        }
        if (!engine.stage(MissionStage.class).plans().isEmpty()) {
            int[] awarded = engine.stage(MissionStage.class).columns().awarded[0];
            for (var r : engine.stage(MissionStage.class).plans().getFirst().ranges()) {
                for (int i = r.from(); i < r.to(); i++) {
                    traces[i].missionAwards = awarded[r.column() + i - r.from()];
                }
            }
        }
    }

    private static void check(Mechanism m, Control c, boolean[] mask, Trace[] traces, long[] rejects) {
        Effect effect = effect(m, c);
        boolean controlledActed = false;
        boolean freeActed = false;
        boolean anyFree = false;
        for (int i = 0; i < mask.length; i++) {
            Trace t = traces[i];
            boolean acted = t.epochsMoved > 0 || t.auctionUnits > 0 || t.missionAwards > 0;
            if (!mask[i]) {
                anyFree = true;
                freeActed |= acted;
                continue;
            }
            controlledActed |= acted;
            switch (effect) {
                case FROZEN -> {
                    if (acted) {
                        fail("agent " + i + " moved " + t.epochsMoved + " times, won " + t.auctionUnits
                                + " units, was awarded " + t.missionAwards + " tasks");
                    }
                }
                case ONE_UNIT_PER_EPOCH -> assertTrue(t.largestUnits <= 1, "agent " + i + " moved "
                        + t.largestUnits + " units in an epoch");
                case SPEND_PER_EPOCH -> assertTrue(t.largestSpend <= m.spendLimit, "agent " + i + " paid "
                        + t.largestSpend + " micro-credits in an epoch");
                case ONE_ACTION -> assertTrue(t.epochsMoved <= 1, "agent " + i + " moved in " + t.epochsMoved
                        + " epochs");
                case NONE -> {
                }
            }
        }
        if (effect != Effect.FROZEN) {
            assertTrue(controlledActed, "the controlled agents still take part (the bound is exercised)");
        }
        if (anyFree) {
            assertTrue(freeActed, "the agents the control does not touch trade: the case is not empty");
        }
        RejectReason reason = reason(m, c);
        if (reason != null) {
            long counted = 0;
            for (int k = reason.ordinal(); k < rejects.length; k += RejectReason.COUNT) {
                counted += rejects[k];
            }
            assertTrue(counted > 0, "rejections counted as " + reason.label());
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
