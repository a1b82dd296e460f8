package org.vaesim.host.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vaesim.host.Require;
import org.vaesim.host.epoch.Engine;
import org.vaesim.host.io.CheckpointFile;
import org.vaesim.host.io.CheckpointStore;
import org.vaesim.host.io.StateCodec;
import org.vaesim.host.io.StateDigest;
import org.vaesim.host.metrics.MetricsRow;
import org.vaesim.host.stage.Stage;
import org.vaesim.kernels.gate.RejectReason;
import org.vaesim.models.scenario.Scenario;
import org.vaesim.models.scenario.ScenarioLoader;

/**
 * The safety rules behind their seam ({@link SafetyRule}): the engine names none of them, each still acts at its
 * point of the epoch, and a checkpoint written while the engine still called each rule by name (vaesim a250186)
 * resumes to the checksum that vaesim's uninterrupted run ended on.
 *
 * <p>The economy (src/test/resources/safety/safety-rules.json): 400 ZI traders of "labs", 50 market makers of "desk"
 * (both sides, one unit, every epoch: 100 orders) under a bucket of 30 orders per epoch with a burst of 40, and 100
 * arrivals of "newcomers", 20 per epoch from epoch 3, under a cap of 70 agents; a 2% band and a 1.5% pause; a
 * kill rule on the third breaker trip (the sellers) and the operator's kills of agent 0 at epoch 6 and of the
 * newcomers at epoch 25.
 */
class SafetyRulesTest {
    private static final Path RESOURCES = Path.of("src", "test", "resources", "safety");
    private static final Path SCENARIO = RESOURCES.resolve("safety-rules.json");
    /**
     * Written by `vaesim run safety-rules.json` of a250186, the last vaesim whose engine named each rule, with the
     * host's test classes on its class path, as here: its stages are the tests' (the lottery example among them).
     */
    private static final Path OLD_CHECKPOINT = RESOURCES.resolve("safety-rules-a250186-epoch20.ckpt.gz");
    /** The state checksum that the a250186 run of the economy ended on after its 40 epochs. */
    private static final String A250186_CHECKSUM = "4cf3d8b17080872da0aad630e83fd3c9f63f5a0d78f558abca238480604f1e5b";
    private static final Path ENGINE = Path.of("src", "main", "java", "org", "vaesim", "host", "epoch", "Engine.java");

    private static Scenario scenario() throws Exception {
        return ScenarioLoader.load(SCENARIO);
    }

    /** The rules and the stages are the engine's lists, not its fields: it names no class of either. */
    @Test
    void theEngineNamesNoSafetyRuleAndNoStage() throws Exception {
        String engine = Files.readString(ENGINE, StandardCharsets.UTF_8);
        List<String> named = new ArrayList<>();
        try (Engine e = Engine.start(scenario(), 1)) {
            SafetyRules rules = new SafetyRules(e.scenario(), e.layout(), e.safety());
            assertEquals(List.of(EntryChecks.class, CircuitBreakers.class, PrincipalRateLimits.class, KillSwitch.class),
                    rules.all().stream().map(Object::getClass).toList(),
                    "the rules' order is part of the results: the kill switch reads the breakers' trips of its epoch");
            List<Class<?>> classes = new ArrayList<>(rules.all().stream().map(Object::getClass).toList());
            e.stages().stream().map(Stage::getClass).forEach(classes::add);
            for (Class<?> c : classes) {
                if (Pattern.compile("\\b" + c.getSimpleName() + "\\b").matcher(engine).find()) {
                    named.add(c.getSimpleName());
                }
            }
        }
        assertEquals(List.of(), named, ENGINE + " names these safety rules or stages");
    }

    private record Recorded(int epoch, String type, Map<String, Object> fields) {
        /** Where in the epoch the record's rule acts, in the order of SafetyRule's hooks; the digest comes last. */
        int hook() {
            return switch (type) {
                case "entry" -> 0; // epochStart
                case "kill" -> "operator".equals(fields.get("reason")) ? 1 : 3; // event, or afterStages after breakers
                case "breaker_halt", "volatility_pause", "market_wide_halt" -> 2; // afterStages
                case "epoch" -> 4;
                default -> throw new AssertionError("unexpected record " + type);
            };
        }
    }

    /**
     * Every rule fires, at its point of the epoch: the audit records of an epoch come in the order of the hooks
     * (arrivals, the operator's kills, halts, kill rules, the digest); a halted market trades nothing until its halt
     * ends (the bands and halts reach the kernels when the epoch observes); the desk's bucket lets 40 orders through
     * in epoch 0 and 30 in every later one (refilled before the markets, charged after); the cap admits 70 of the
     * 100 newcomers (60 in epochs 3 to 5, 10 of epoch 6's 20) and refuses the other 30.
     */
    @Test
    void everyRuleStillFiresAtItsPointOfTheEpoch() throws Exception {
        List<Recorded> records = new ArrayList<>();
        try (Engine engine = Engine.start(scenario(), 2)) {
            engine.audit((epoch, type, fields) -> records.add(new Recorded(epoch, type, fields)));
            long[] volume = new long[engine.scenario().epochs()];
            long rateLimited = 0;
            int at = RejectReason.PRINCIPAL_RATE_LIMIT.ordinal(); // the one market's
            while (!engine.finished()) {
                int e = engine.epoch();
                engine.step();
                volume[e] = engine.markets().lastVolume[0];
                long now = engine.markets().rejects[at];
                assertEquals(e == 0 ? 60 : 70, now - rateLimited, "orders over the desk's bucket in epoch " + e);
                rateLimited = now;
            }
            Map<Integer, List<Recorded>> byEpoch = new TreeMap<>();
            for (Recorded r : records) {
                byEpoch.computeIfAbsent(r.epoch(), k -> new ArrayList<>()).add(r);
            }
            int mixed = 0;
            for (List<Recorded> epoch : byEpoch.values()) {
                for (int k = 1; k < epoch.size(); k++) {
                    assertTrue(epoch.get(k - 1).hook() <= epoch.get(k).hook(), "hook order in " + epoch);
                }
                mixed += epoch.stream().mapToInt(Recorded::hook).distinct().count() >= 3 ? 1 : 0;
            }
            assertTrue(mixed >= 3, "epochs where three hooks recorded something: the order is tested, " + mixed);
            for (int hook = 0; hook <= 3; hook++) {
                int h = hook;
                assertTrue(records.stream().anyMatch(r -> r.hook() == h), "some rule fired at hook " + hook);
            }
            int halts = 0;
            for (Recorded r : records) {
                if (r.type().equals("breaker_halt") || r.type().equals("volatility_pause")) {
                    int until = ((Number) r.fields().get("halted_until_epoch")).intValue();
                    for (int e = r.epoch() + 1; e < Math.min(until, volume.length); e++) {
                        assertEquals(0, volume[e], "market halted by " + r + " traded in epoch " + e);
                    }
                    halts++;
                }
            }
            assertTrue(halts > 0, "the breakers halted the market");
            assertEquals(List.of("operator", "operator", "rule: breaker_trips >= 3"), records.stream()
                    .filter(r -> r.type().equals("kill")).map(r -> (String) r.fields().get("reason")).toList());
            assertEquals(1 + 70 + 200, engine.safety().killed, "agent 0, the admitted newcomers, the sellers");
            assertEquals(70, engine.safety().admitted);
            assertEquals(30, engine.safety().refused[EntryChecks.Refusal.PRINCIPAL_CAP.ordinal()]);
            assertEquals(30, engine.safety().totalRefused());
            engine.verifyConservation();
        }
    }

    /**
     * The checkpoint that vaesim a250186 wrote after epoch 20 of the economy resumes, here, to the checksum its own
     * uninterrupted run ended on, on every backend, and a fresh run here ends on it too: the move onto the seam
     * kept every byte of the state and every read and write of the epoch.
     */
    @ParameterizedTest
    @ValueSource(strings = {"java", "opencl", "cuda"})
    void aCheckpointOfTheEngineThatNamedEachRuleResumesToItsChecksum(String backend, @TempDir Path tmp)
            throws Exception {
        Require.backend(backend);
        Path file = tmp.resolve("epoch-000000020.ckpt");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(OLD_CHECKPOINT))) {
            Files.copy(in, file);
        }
        CheckpointFile.Verified checkpoint = CheckpointFile.verify(file);
        assertEquals(Files.readString(SCENARIO, StandardCharsets.UTF_8),
                new String(checkpoint.scenario(), StandardCharsets.UTF_8), "the checkpoint is of this economy");
        Scenario s = scenario();
        StateCodec.State st = CheckpointStore.load(checkpoint, s);
        assertEquals(20, st.epoch());
        int threads = backend.equals("java") ? 2 : 0;
        try (Engine resumed = Engine.restore(s, backend, threads, st.population(), st.markets(), st.accounting(),
                st.safety(), st.stageOrder(), st.sections(), st.epoch())) {
            runToTheEnd(resumed);
            assertEquals(A250186_CHECKSUM, StateDigest.of(resumed), "resumed on " + backend);
            assertEquals(1 + 70 + 200, resumed.safety().killed, "and the kills after the checkpoint (epochs 25, 34)");
        }
        try (Engine fresh = Engine.start(s, backend, threads)) {
            runToTheEnd(fresh);
            assertEquals(A250186_CHECKSUM, StateDigest.of(fresh), "uninterrupted on " + backend);
        }
    }

    /**
     * Steps {@code engine} to the scenario's end as a run session does: a metrics row every metrics_every epochs and
     * at the end, since its rank-mobility pass stores each agent's decile, which is part of the state.
     */
    private static void runToTheEnd(Engine engine) {
        long[] maxSurplus = MetricsRow.maxSurplus(engine);
        while (!engine.finished()) {
            engine.step();
            if (engine.epoch() % engine.scenario().metricsEvery() == 0 || engine.finished()) {
                MetricsRow.sample(engine, maxSurplus);
            }
        }
    }

    /** A checkpoint's safety state of another economy (more kill rules here) is refused before any epoch runs. */
    @Test
    void aSafetyStateOfAnotherShapeIsRefused() throws Exception {
        Scenario s = scenario();
        try (Engine e = Engine.start(s, 1)) {
            SafetyState other = new SafetyState(1, e.layout().segments().size(), e.safety().principalRules.length + 1,
                    e.safety().principalTokens.length);
            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                    () -> SafetyRules.checkFits(other, s, e.layout()));
            assertTrue(thrown.getMessage().contains("kill rules"), thrown.getMessage());
        }
    }
}
