package org.vaesim.host.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.vaesim.host.Fixtures;
import org.vaesim.host.epoch.Engine;
import org.vaesim.kernels.gate.RejectReason;
import org.vaesim.kernels.memory.Population;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.models.scenario.Scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Circuit breakers, market-wide halts and kill switches, each on a case whose outcome is known. */
class SafetyTest {

    private record Recorded(int epoch, String type) {
    }

    private static List<Recorded> runCapturing(Engine engine) {
        List<Recorded> records = new ArrayList<>();
        engine.audit((epoch, type, fields) -> records.add(new Recorded(epoch, type)));
        while (!engine.finished()) {
            engine.step();
        }
        return records;
    }

    private static ObjectNode flashCrash(String safetyJson) {
        ObjectNode tree = Fixtures.tree("flash-crash.json");
        tree.put("epochs", 260);
        if (safetyJson != null) {
            try {
                tree.set("safety", new com.fasterxml.jackson.databind.ObjectMapper().readTree(safetyJson));
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException(e);
            }
        }
        return tree;
    }

    @Test
    void breakersCutTheFlashCrashShort() {
        double without;
        try (Engine engine = Engine.start(Fixtures.scenario(flashCrash(null)), 2)) {
            runCapturing(engine);
            without = engine.markets().maxDrawdown[0];
        }
        try (Engine engine = Engine.start(Fixtures.scenario(flashCrash(
                "{\"circuit_breaker\": {\"band_percent\": 3, \"reference_epochs\": 5, \"halt_epochs\": 5}}")), 2)) {
            List<Recorded> records = runCapturing(engine);
            double with = engine.markets().maxDrawdown[0];
            assertTrue(with < without, "drawdown with breakers " + with + " < without " + without);
            long halts = records.stream().filter(r -> r.type().equals("breaker_halt")).count();
            assertTrue(halts > 0, "the breaker tripped");
            assertEquals(halts, engine.safety().breakerTrips[0]);
            engine.verifyConservation();
        }
    }

    @Test
    void aHaltedMarketTradesNothingUntilItReopens() {
        Scenario s = Fixtures.scenario(flashCrash(
                "{\"circuit_breaker\": {\"band_percent\": 3, \"reference_epochs\": 5, \"halt_epochs\": 7}}"));
        try (Engine engine = Engine.start(s, 2)) {
            int haltedFrom = -1;
            while (!engine.finished() && haltedFrom < 0) {
                engine.step();
                if (engine.safety().breakerTrips[0] > 0) {
                    haltedFrom = engine.epoch();
                }
            }
            assertTrue(haltedFrom > 0, "the breaker tripped");
            assertEquals(haltedFrom + 7, engine.safety().haltedUntil[0]);
            for (int e = 0; e < 7; e++) {
                engine.step();
                assertEquals(0, engine.markets().lastVolume[0], "no trade while halted, epoch " + (engine.epoch() - 1));
            }
        }
    }

    @Test
    void marketWideLevelsHaltEveryMarketOnceEach() {
        ObjectNode tree = Fixtures.tree("quickstart.json");
        tree.put("epochs", 80);
        tree.withArray("events").removeAll();
        // Every market's value collapses: fundamentalists and market makers follow it down.
        for (String market : new String[] {"compute", "asset"}) {
            tree.withArray("events").addObject().put("epoch", 10).put("type", "shift_fundamental")
                    .put("market", market).put("percent", -60);
        }
        tree.putObject("safety").putObject("market_wide").putArray("levels_percent").add(1).add(2).add(90);
        ((ObjectNode) tree.get("safety").get("market_wide")).putArray("halt_epochs").add(3).add(0).add(5);
        try (Engine engine = Engine.start(Fixtures.scenario(tree), 2)) {
            List<Recorded> records = runCapturing(engine);
            List<Recorded> halts = records.stream().filter(r -> r.type().equals("market_wide_halt")).toList();
            assertEquals(2, halts.size(), "levels 1% and 2% fired once each, 90% never: " + halts);
            assertEquals(Integer.MAX_VALUE, engine.safety().haltedUntil[0], "level 2 halts for the rest of the run");
            for (int m = 0; m < engine.scenario().markets().size(); m++) {
                assertEquals(0b011, engine.safety().marketWideFired[m], "every market is in the open economy");
            }
        }
    }

    @Test
    void aSuddenMovePausesTheMarketExactlyWhenItExceedsTheLimit() {
        int lookback = 3;
        int pause = 4;
        double limit = 1.0;
        Scenario s = Fixtures.scenario(flashCrash("{\"volatility_pause\": {\"move_percent\": " + limit
                + ", \"lookback_epochs\": " + lookback + ", \"pause_epochs\": " + pause + "}}"));
        int initial = s.markets().getFirst().initialTick();
        try (Engine engine = Engine.start(s, 2)) {
            List<Integer> pausedAt = new ArrayList<>();
            engine.audit((epoch, type, fields) -> {
                if (type.equals("volatility_pause")) {
                    pausedAt.add(epoch);
                }
            });
            List<Integer> ticks = new ArrayList<>();
            List<Long> volumes = new ArrayList<>();
            while (!engine.finished()) {
                engine.step();
                ticks.add(engine.markets().lastTick[0]);
                volumes.add(engine.markets().lastVolume[0]);
            }
            assertTrue(pausedAt.size() >= 2, "the crash pauses the market: " + pausedAt);
            assertEquals(pausedAt.size(), engine.safety().pauses[0]);
            for (int e = 0; e < ticks.size(); e++) {
                // The rule, recomputed from the price path: a traded epoch whose move over the lookback
                // exceeds the limit pauses; no other epoch does.
                int before = e - lookback < 0 ? initial : ticks.get(e - lookback);
                boolean expected = volumes.get(e) > 0
                        && Math.abs(100.0 * (ticks.get(e) - before) / before) > limit;
                assertEquals(expected, pausedAt.contains(e), "epoch " + e);
            }
            for (int e : pausedAt) {
                for (int q = e + 1; q <= Math.min(e + pause, ticks.size() - 1); q++) {
                    assertEquals(0L, volumes.get(q), "paused at " + e + ", no trade in epoch " + q);
                }
            }
        }
    }

    @Test
    void aCrashInsideASandboxHaltsOnlyTheSandbox() {
        ObjectNode tree = Fixtures.tree("quickstart.json");
        tree.put("epochs", 80);
        tree.withArray("events").removeAll();
        for (var market : tree.withArray("markets")) {
            String name = market.get("name").asText();
            if (name.equals("compute") || name.equals("asset")) {
                ((ObjectNode) market).put("sandbox", "lab");
            }
        }
        for (String market : new String[] {"compute", "asset"}) {
            tree.withArray("events").addObject().put("epoch", 10).put("type", "shift_fundamental")
                    .put("market", market).put("percent", -60);
        }
        tree.putObject("safety").putObject("market_wide").putArray("levels_percent").add(10).add(20);
        ((ObjectNode) tree.get("safety").get("market_wide")).putArray("halt_epochs").add(3).add(0);
        Scenario s = Fixtures.scenario(tree);
        List<String> names = s.markets().stream().map(m -> m.name()).toList();
        int compute = names.indexOf("compute");
        int asset = names.indexOf("asset");
        int data = names.indexOf("data");
        int time = names.indexOf("agent-time");
        try (Engine engine = Engine.start(s, 2)) {
            long dataVolumeAtHalt = -1;
            while (!engine.finished()) {
                engine.step();
                if (dataVolumeAtHalt < 0 && engine.safety().haltedUntil[compute] == Integer.MAX_VALUE) {
                    dataVolumeAtHalt = engine.markets().totalVolume[data];
                }
            }
            assertTrue(dataVolumeAtHalt >= 0, "the sandbox's crash reached level 2");
            for (int m : new int[] {compute, asset}) {
                assertEquals(Integer.MAX_VALUE, engine.safety().haltedUntil[m], "sandbox market " + names.get(m));
                assertEquals(0b11, engine.safety().marketWideFired[m]);
            }
            for (int m : new int[] {data, time}) {
                assertEquals(0, engine.safety().haltedUntil[m], "open market " + names.get(m) + " never halts");
                assertEquals(0, engine.safety().marketWideFired[m]);
            }
            assertTrue(engine.markets().totalVolume[data] > dataVolumeAtHalt, "the open economy kept trading");
            assertEquals(2, CircuitBreakers.levelsFired(s.markets(), engine.safety()));
        }
        // The same crash without the sandbox: one index over all four markets falls less, but past 10%, and
        // that halt stops the data market too.
        for (var market : tree.withArray("markets")) {
            ((ObjectNode) market).remove("sandbox");
        }
        try (Engine engine = Engine.start(Fixtures.scenario(tree), 2)) {
            runCapturing(engine);
            assertTrue(engine.safety().haltedUntil[data] > 0, "no sandbox: the crash halts data too");
            assertEquals(0b01, engine.safety().marketWideFired[data]);
        }
    }

    @Test
    void killedCohortStopsTradingWithItsHoldingsFrozen() {
        ObjectNode tree = Fixtures.tree("quickstart.json");
        tree.put("epochs", 40);
        tree.withArray("events").removeAll();
        tree.withArray("events").addObject().put("epoch", 20).put("type", "kill").put("target", "cohort")
                .put("cohort", "asset-hft");
        Scenario s = Fixtures.scenario(tree);
        try (Engine engine = Engine.start(s, 2)) {
            Segment hft = engine.layout().segments().stream()
                    .filter(x -> x.cohort().name().equals("asset-hft")).findFirst().orElseThrow();
            for (int e = 0; e < 20; e++) {
                engine.step();
            }
            Population before = copy(engine.population());
            runCapturing(engine);
            Population after = engine.population();
            for (int i = hft.start(); i < hft.end(); i++) {
                assertEquals(Population.KILLED, after.status[i]);
                assertEquals(before.cash[i], after.cash[i], "cash frozen, agent " + i);
                assertEquals(before.inventory[i], after.inventory[i], "goods frozen, agent " + i);
            }
            int asset = hft.market();
            assertTrue(engine.markets().rejects[asset * RejectReason.COUNT + RejectReason.KILLED.ordinal()] > 0);
            assertEquals(hft.size(), engine.safety().killed);
            engine.verifyConservation();
        }
    }

    @Test
    void killRuleFiresOnTheBreakerTrip() {
        ObjectNode tree = flashCrash("{\"circuit_breaker\": {\"band_percent\": 3, \"halt_epochs\": 2},"
                + " \"kill_rules\": [{\"when\": \"breaker_trips\", \"count\": 1, \"target\": \"family\","
                + " \"family\": \"execution\"}]}");
        try (Engine engine = Engine.start(Fixtures.scenario(tree), 2)) {
            List<Recorded> records = runCapturing(engine);
            Recorded trip = records.stream().filter(r -> r.type().equals("breaker_halt")).findFirst().orElseThrow();
            Recorded kill = records.stream().filter(r -> r.type().equals("kill")).findFirst().orElseThrow();
            assertEquals(trip.epoch(), kill.epoch(), "the kill switch acts in the epoch its rule fires");
            assertEquals(1, engine.safety().killed, "the one execution algorithm");
            assertEquals(1, records.stream().filter(r -> r.type().equals("kill")).count(), "a rule fires once");
        }
    }

    private static Population copy(Population p) {
        Population c = new Population(p.size);
        System.arraycopy(p.cash, 0, c.cash, 0, p.size);
        System.arraycopy(p.inventory, 0, c.inventory, 0, p.size);
        return c;
    }
}
