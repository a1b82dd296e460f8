package org.vaesim.host.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.vaesim.host.Fixtures;
import org.vaesim.host.epoch.Engine;
import org.vaesim.kernels.gate.RejectReason;
import org.vaesim.kernels.memory.Population;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.models.scenario.Scenario;

/** Arrivals, entry checks, reputation and probation, on cases whose outcome follows from the rules. */
class EntryTest {

    /**
     * A market of ZI traders (principal "labs") plus {@code extraCohorts}; {@code safety} is the safety object's
     * body.
     */
    private static Scenario economy(int epochs, String extraCohorts, String safety) {
        return Fixtures.scenario("""
                {"name": "entry", "seed": 11, "epochs": %d,
                 "markets": [{"name": "m", "resource": "compute", "tick_size": 0.01, "ticks": 2000,
                              "initial_price": 10.00}],
                 "population": [
                   {"name": "buyers", "strategy": "zi-c", "market": "m", "count": 500, "cash": 1000,
                    "principal": "labs",
                    "params": {"side": "buy", "value_min": 8.00, "value_max": 12.00, "units": 1, "period": 5}},
                   {"name": "sellers", "strategy": "zi-c", "market": "m", "count": 500, "inventory": 50,
                    "principal": "labs",
                    "params": {"side": "sell", "value_min": 8.00, "value_max": 12.00, "units": 1, "period": 5}}
                   %s],
                 "safety": {%s}}
                """.formatted(epochs, extraCohorts, safety));
    }

    private record Entry(int epoch, String cohort, long admitted, long refused, String reason) {
    }

    private static List<Entry> run(Engine engine) {
        List<Entry> entries = new ArrayList<>();
        engine.audit((epoch, type, fields) -> {
            if (type.equals("entry")) {
                Map<?, ?> f = (Map<?, ?>) fields;
                entries.add(new Entry(epoch, (String) f.get("cohort"), (Long) f.get("admitted"),
                        (Long) f.get("refused"), (String) f.get("reason")));
            }
        });
        while (!engine.finished()) {
            engine.step();
        }
        engine.verifyConservation();
        return entries;
    }

    private static Segment segment(Engine engine, String cohort) {
        return engine.layout().segments().stream().filter(s -> s.cohort().name().equals(cohort)).findFirst()
                .orElseThrow();
    }

    private static int[] statusCounts(Engine engine, String cohort) {
        Segment s = segment(engine, cohort);
        int[] counts = new int[4];
        for (int i = s.start(); i < s.end(); i++) {
            counts[engine.population().status[i]]++;
        }
        return counts;
    }

    @Test
    void withoutEntryChecksEveryArrivalIsAdmittedOnSchedule() {
        Scenario s = economy(10, """
                , {"name": "late", "strategy": "fundamentalist", "market": "m", "count": 100, "cash": 100,
                   "inventory": 10, "arrival": {"from_epoch": 3, "per_epoch": 40}}""", "");
        try (Engine engine = Engine.start(s, 2)) {
            assertEquals(100, statusCounts(engine, "late")[Population.PENDING], "nobody there at the start");
            List<Entry> entries = run(engine);
            assertEquals(List.of(new Entry(3, "late", 40, 0, null), new Entry(4, "late", 40, 0, null),
                    new Entry(5, "late", 20, 0, null)), entries);
            assertEquals(100, statusCounts(engine, "late")[0]);
            assertEquals(100, engine.safety().admitted);
        }
    }

    @Test
    void undeclaredOrTooLowCapabilityIsRefused() {
        Scenario s = economy(6, """
                , {"name": "able", "strategy": "fundamentalist", "market": "m", "count": 10, "cash": 100,
                   "arrival": {"from_epoch": 1, "declared_capability": 0.8}},
                  {"name": "weak", "strategy": "fundamentalist", "market": "m", "count": 10, "cash": 100,
                   "arrival": {"from_epoch": 1, "declared_capability": 0.3}},
                  {"name": "silent", "strategy": "fundamentalist", "market": "m", "count": 10, "cash": 100,
                   "arrival": {"from_epoch": 2}}""", """
                "entry": {"min_capability": 0.5}""");
        try (Engine engine = Engine.start(s, 2)) {
            List<Entry> entries = run(engine);
            assertEquals(List.of(new Entry(1, "able", 10, 0, null), new Entry(1, "weak", 0, 10, "capability"),
                    new Entry(2, "silent", 0, 10, "capability")), entries);
            assertEquals(10, statusCounts(engine, "weak")[Population.REFUSED]);
            assertEquals(20, engine.safety().refused[EntryChecks.Refusal.CAPABILITY.ordinal()]);
        }
    }

    /** "swarm" (100 founding agents) may have at most 150 active: of 100 arrivals 30 a time, 50 get in. */
    @Test
    void aPrincipalCapStopsASybilSwarm() {
        Scenario s = economy(8, """
                , {"name": "swarm-a", "strategy": "fundamentalist", "market": "m", "count": 100, "cash": 100,
                   "principal": "swarm"},
                  {"name": "swarm-b", "strategy": "fundamentalist", "market": "m", "count": 100, "cash": 100,
                   "principal": "swarm", "arrival": {"from_epoch": 1, "per_epoch": 30, "declared_capability": 1}}""",
                """
                "entry": {"max_agents_per_principal": 150}""");
        try (Engine engine = Engine.start(s, 2)) {
            List<Entry> entries = run(engine);
            assertEquals(List.of(new Entry(1, "swarm-b", 30, 0, null), new Entry(2, "swarm-b", 20, 10, "principal_cap"),
                    new Entry(3, "swarm-b", 0, 30, "principal_cap"), new Entry(4, "swarm-b", 0, 10, "principal_cap")),
                    entries);
            assertEquals(50, statusCounts(engine, "swarm-b")[0]);
        }
    }

    /**
     * "shady"'s founding manipulators send orders of 50 against a scope of 5: every order is rejected, so their
     * reputation falls by a quarter each epoch (1, 0.75, 0.5625, ...), below the 0.6 line after two epochs (the
     * default loss). Its
     * arrivals at epoch 4 are refused; "honest"'s, whose agents are new and have no record, get in. A principal
     * stopped by a kill switch at epoch 2 loses its agents still to arrive with it.
     */
    @Test
    void aPrincipalWithABadRecordOrAKillCannotAddAgents() {
        Scenario s = economy(8, """
                , {"name": "bad", "strategy": "manipulator", "market": "m", "count": 20, "cash": 100, "inventory": 100,
                   "principal": "shady", "scope": {"max_order_qty": 5}, "params": {"qty": 50, "wash_ticks": 3}},
                  {"name": "bad-late", "strategy": "fundamentalist", "market": "m", "count": 10, "cash": 100,
                   "principal": "shady", "arrival": {"from_epoch": 4, "declared_capability": 1}},
                  {"name": "honest", "strategy": "fundamentalist", "market": "m", "count": 10, "cash": 100,
                   "principal": "fresh", "arrival": {"from_epoch": 4, "declared_capability": 1}},
                  {"name": "doomed", "strategy": "fundamentalist", "market": "m", "count": 10, "cash": 100,
                   "principal": "gone"},
                  {"name": "doomed-late", "strategy": "fundamentalist", "market": "m", "count": 10, "cash": 100,
                   "principal": "gone", "arrival": {"from_epoch": 5, "declared_capability": 1}}],
                 "events": [{"epoch": 2, "type": "kill", "target": "principal", "principal": "gone"}""", """
                "entry": {"min_principal_reputation": 0.6}""");
        try (Engine engine = Engine.start(s, 2)) {
            List<Entry> entries = run(engine);
            assertTrue(entries.contains(new Entry(4, "bad-late", 0, 10, "principal_reputation")), entries.toString());
            assertTrue(entries.contains(new Entry(4, "honest", 10, 0, null)), entries.toString());
            assertTrue(entries.stream().noneMatch(x -> x.cohort().equals("doomed-late")), "killed before arriving");
            assertEquals(10, statusCounts(engine, "doomed-late")[Population.KILLED]);
            Segment bad = segment(engine, "bad");
            int expected = 1_000_000;
            for (int e = 0; e < 8; e++) {
                expected -= expected / 4; // a quarter, rounded down, lost in each epoch
            }
            assertEquals(expected, engine.population().reputation[bad.start()]);
        }
    }

    /**
     * The attack of issue R.2: "shady"'s manipulators (orders of 50 against a scope of 5) lose a quarter of their
     * reputation each epoch, and the operator kills their cohort at epoch 3. The kill used to wipe the record (a
     * principal without active agents passed), so shady's 40 arrivals at epoch 5 got in. A killed agent now counts
     * at reputation 0 in its cohort's record: shady stays known and suspect, and the arrivals are refused.
     */
    @Test
    void killingAPrincipalsCohortLeavesItsRecordBehind() {
        Scenario s = economy(7, """
                , {"name": "bad", "strategy": "manipulator", "market": "m", "count": 20, "cash": 100, "inventory": 100,
                   "principal": "shady", "scope": {"max_order_qty": 5}, "params": {"qty": 50, "wash_ticks": 3}},
                  {"name": "bad-late", "strategy": "fundamentalist", "market": "m", "count": 40, "cash": 100,
                   "principal": "shady", "arrival": {"from_epoch": 5, "declared_capability": 1}}],
                 "events": [{"epoch": 3, "type": "kill", "target": "cohort", "cohort": "bad"}""", """
                "entry": {"min_principal_reputation": 0.6}""");
        try (Engine engine = Engine.start(s, 2)) {
            List<Entry> entries = run(engine);
            assertEquals(List.of(new Entry(5, "bad-late", 0, 40, "principal_reputation")), entries);
            assertEquals(20, statusCounts(engine, "bad")[Population.KILLED]);
        }
    }

    /**
     * The other attack of issue R.2: 1,000 idle agents of "shady" that never trade keep their founding reputation
     * of 1, which held the mean over its active agents at (1000 + 40 x 0.32) / 1040 = 0.97 while its 40 manipulators
     * fell to 0.32 in four epochs; its arrivals got in. A principal is now judged by its worst cohort: refused. An
     * honest principal with the same idle cohort and well-behaved traders is admitted.
     */
    @Test
    void idleAgentsDoNotDiluteAPrincipalsRecord() {
        Scenario s = economy(6, """
                , {"name": "idle", "strategy": "bidder", "market": "m", "count": 1000, "cash": 10,
                   "principal": "shady"},
                  {"name": "bad", "strategy": "manipulator", "market": "m", "count": 40, "cash": 100, "inventory": 100,
                   "principal": "shady", "scope": {"max_order_qty": 5}, "params": {"qty": 50, "wash_ticks": 3}},
                  {"name": "bad-late", "strategy": "fundamentalist", "market": "m", "count": 30, "cash": 100,
                   "principal": "shady", "arrival": {"from_epoch": 4, "declared_capability": 1}},
                  {"name": "idle-2", "strategy": "bidder", "market": "m", "count": 1000, "cash": 10,
                   "principal": "fair"},
                  {"name": "good", "strategy": "fundamentalist", "market": "m", "count": 40, "cash": 100,
                   "inventory": 10, "principal": "fair"},
                  {"name": "good-late", "strategy": "fundamentalist", "market": "m", "count": 30, "cash": 100,
                   "principal": "fair", "arrival": {"from_epoch": 4, "declared_capability": 1}}""", """
                "entry": {"min_principal_reputation": 0.6}""");
        try (Engine engine = Engine.start(s, 2)) {
            List<Entry> entries = run(engine);
            assertTrue(entries.contains(new Entry(4, "bad-late", 0, 30, "principal_reputation")), entries.toString());
            assertTrue(entries.contains(new Entry(4, "good-late", 30, 0, null)), entries.toString());
        }
    }

    /**
     * "crew" may have 60 agents in the economy; its 50 founding agents are killed at epoch 1. Killed agents keep
     * their place under the cap (they used to free it, and all 30 arrivals got in), so only 10 of them are admitted.
     */
    @Test
    void killedAgentsKeepTheirPlaceUnderThePrincipalCap() {
        Scenario s = economy(5, """
                , {"name": "crew", "strategy": "fundamentalist", "market": "m", "count": 50, "cash": 100,
                   "principal": "crew"},
                  {"name": "crew-late", "strategy": "fundamentalist", "market": "m", "count": 30, "cash": 100,
                   "principal": "crew", "arrival": {"from_epoch": 3, "declared_capability": 1}}],
                 "events": [{"epoch": 1, "type": "kill", "target": "cohort", "cohort": "crew"}""", """
                "entry": {"max_agents_per_principal": 60}""");
        try (Engine engine = Engine.start(s, 2)) {
            assertEquals(List.of(new Entry(3, "crew-late", 10, 20, "principal_cap")), run(engine));
        }
    }

    /**
     * Arriving market makers start at reputation 0.3, under a probation line of 0.5 that caps orders at 1 unit;
     * gain 10%, loss 25%. "small" quotes 1 unit a side: every quote passes and its reputation climbs 0.3, 0.37,
     * 0.433, 0.4897, 0.54073 (off probation after 4 epochs). "large" quotes 2: rejected every epoch while on
     * probation, its reputation falls 0.3, 0.225, 0.16875, ...
     */
    @Test
    void probationCapsNewAgentsUntilTheirReputationClearsTheLine() {
        Scenario s = economy(4, """
                , {"name": "small", "strategy": "market-maker", "market": "m", "count": 10, "cash": 10000,
                   "inventory": 100, "arrival": {"from_epoch": 0, "declared_capability": 1},
                   "params": {"half_spread_ticks": 50, "quote_qty": 1, "max_inventory": 1000}},
                  {"name": "large", "strategy": "market-maker", "market": "m", "count": 10, "cash": 10000,
                   "inventory": 100, "arrival": {"from_epoch": 0, "declared_capability": 1},
                   "params": {"half_spread_ticks": 50, "quote_qty": 2, "max_inventory": 1000}}""", """
                "reputation": {"gain": 0.1, "loss": 0.25},
                "probation": {"below_reputation": 0.5, "max_order_qty": 1},
                "entry": {"initial_reputation": 0.3}""");
        try (Engine engine = Engine.start(s, 2)) {
            Segment small = segment(engine, "small");
            Segment large = segment(engine, "large");
            int[] expectedSmall = {370_000, 433_000, 489_700, 540_730};
            int[] expectedLarge = {225_000, 168_750, 126_563, 94_923};
            for (int e = 0; e < 4; e++) {
                engine.step();
                for (int i = small.start(); i < small.end(); i++) {
                    assertEquals(expectedSmall[e], engine.population().reputation[i], "small, epoch " + e);
                }
                for (int i = large.start(); i < large.end(); i++) {
                    assertEquals(expectedLarge[e], engine.population().reputation[i], "large, epoch " + e);
                }
            }
            // Both sides of each large quote are rejected for scope in every epoch: 10 agents x 2 x 4 epochs.
            assertEquals(80, engine.markets().rejects[RejectReason.SCOPE.ordinal()]);
            engine.verifyConservation();
        }
    }

    /**
     * Scopes may name the markets and resource types a cohort is authorized for. "rogue" trades compute under a
     * scope for data only: each of its orders is rejected as out of scope, every epoch; "allowed", scoped to
     * compute, trades.
     */
    @Test
    void aScopeThatLeavesOutTheCohortsMarketRejectsEveryOrder() {
        Scenario s = economy(5, """
                , {"name": "rogue", "strategy": "market-maker", "market": "m", "count": 10, "cash": 10000,
                   "inventory": 100, "scope": {"resources": ["data"]},
                   "params": {"half_spread_ticks": 5, "quote_qty": 1, "max_inventory": 1000}},
                  {"name": "allowed", "strategy": "market-maker", "market": "m", "count": 10, "cash": 10000,
                   "inventory": 100, "scope": {"markets": ["m"], "resources": ["compute", "data"]},
                   "params": {"half_spread_ticks": 5, "quote_qty": 1, "max_inventory": 1000}}""", "");
        try (Engine engine = Engine.start(s, 2)) {
            run(engine);
            // 10 agents, both sides, 5 epochs
            assertEquals(100, engine.markets().rejects[RejectReason.SCOPE.ordinal()]);
        }
    }
}
