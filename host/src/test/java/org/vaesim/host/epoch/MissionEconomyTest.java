package org.vaesim.host.epoch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.vaesim.host.Fixtures;
import org.vaesim.host.Require;
import org.vaesim.host.metrics.MissionMetrics;
import org.vaesim.host.run.RunDirectory;
import org.vaesim.host.run.RunSession;
import org.vaesim.kernels.Backends;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.kernels.settle.Settle;
import org.vaesim.models.scenario.Scenario;
import org.vaesim.host.mission.MissionLedger;
import org.vaesim.host.mission.MissionStage;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Missions through the engine: escrow, subsidy and tax accounts round after round computed by hand; exact
 * conservation of money (escrow included) and of tasks after every epoch under every policy lever; java and each
 * device backend (opencl, cuda) in lockstep; a checkpoint that resumes to the uninterrupted checksum, rows and summary.
 */
class MissionEconomyTest {
    private static final PrintStream SILENT = new PrintStream(OutputStream.nullOutputStream());
    private static final long CREDIT = 1_000_000;

    /**
     * An agency of 2 agents with 10 credits each sponsors 10 tasks, at most 4 a round, reserve 5 (whole credits),
     * budget 20: exactly one full round at the reserve. a: 3 agents asking 2 who always deliver; b: 5 asking 4 who
     * never do. One round every epoch, epochs 0 to 4.
     */
    static String small(String sponsor, String policy) {
        return """
            { "name": "small", "seed": 3, "epochs": 5,
              "markets": [ {"name": "m", "resource": "compute", "tick_size": 1, "ticks": 100, "initial_price": 1} ],
              "population": [
                {"name": "agency", "strategy": "bidder", "market": "m", "count": 2, "cash": 10},
                {"name": "a", "strategy": "bidder", "market": "m", "count": 3},
                {"name": "b", "strategy": "bidder", "market": "m", "count": 5} ],
              "missions": [ {"name": "x", "tick_size": 1, "ticks": 100, "sponsor": %s, "tasks": 10,
                "tasks_per_round": 4, "reserve_price": 5, "budget": 20, "policy": %s,
                "bidders": [ {"cohort": "a", "cost_min": 2, "cost_max": 2, "capability_min": 1, "capability_max": 1},
                             {"cohort": "b", "cost_min": 4, "cost_max": 4, "capability_min": 0, "capability_max": 0} ] } ] }
            """.formatted(sponsor, policy);
    }

    private static final String AGENCY = "{\"type\": \"cohort\", \"cohort\": \"agency\"}";

    /** Runs to the end, verifying conservation after every epoch; returns the rows of every round. */
    private static List<MissionMetrics> run(Engine engine) {
        List<MissionMetrics> rows = new ArrayList<>();
        while (!engine.finished()) {
            engine.step();
            engine.verifyConservation();
            rows.addAll(engine.stage(MissionStage.class).lastRounds());
        }
        return rows;
    }

    private static long cash(Engine engine, String cohort) {
        Segment s = engine.layout().segments().stream().filter(x -> x.cohort().name().equals(cohort)).findFirst()
                .orElseThrow();
        long sum = 0;
        for (int i = s.start(); i < s.end(); i++) {
            sum += engine.population().cash[i];
        }
        return sum;
    }

    /**
     * Round 1: the escrow (20) covers 4 tasks at the reserve 5. Asks 2, 2, 2, 4 x5: a's three win, and one of b's
     * five (all at the marginal ask 4), and since four of b are rejected at 4 every winner is paid 4. a delivers
     * (12 from escrow), b's winner fails (no advance: nothing). Escrow 8. Round 2: 8 covers one task at the
     * reserve: three asks of 2 for it, the winner is paid 2 (a rejected ask of 2). Escrow 6. Round 3: the same,
     * escrow 4. Rounds 4 and 5: 4 covers no task at the reserve: nothing is posted. At the deadline (epoch 4) the
     * mission closes with 5 of 10 tasks done and returns 4 to the agency, whose agents paid 10 each: 2 each back.
     */
    @ParameterizedTest
    @ValueSource(strings = {"java", "opencl", "cuda"})
    void theEscrowPaysOnlyWhatItCoversAtTheReserveAndReturnsTheRest(String backend) {
        Require.backend(backend);
        try (Engine engine = Engine.start(Fixtures.scenario(small(AGENCY, "{}")), backend, 2)) {
            List<MissionMetrics> rows = run(engine);
            assertEquals(5, rows.size(), "a row per round epoch, posted or not");
            assertArrayEquals(new long[] {4, 1, 1, 0, 0}, rows.stream().mapToLong(MissionMetrics::posted).toArray());
            assertArrayEquals(new long[] {4, 2, 2, 0, 0}, rows.stream().mapToLong(MissionMetrics::price).toArray());
            assertArrayEquals(new long[] {8 * CREDIT, 6 * CREDIT, 4 * CREDIT, 4 * CREDIT, 4 * CREDIT},
                    rows.stream().mapToLong(MissionMetrics::escrow).toArray());
            assertArrayEquals(new long[] {3, 4, 5, 5, 5}, rows.stream().mapToLong(MissionMetrics::completed).toArray());
            assertEquals(0.75, rows.getFirst().completionRate(), 1e-12, "3 of the 4 tasks posted were delivered");
            MissionLedger.Account a = engine.stage(MissionStage.class).ledger().get(0);
            assertEquals(MissionLedger.CLOSED, a.state);
            assertEquals(5, a.closedEpoch);
            assertEquals(-1, a.completedEpoch, "not every task was done");
            assertEquals(20 * CREDIT, a.funded);
            assertEquals(16 * CREDIT, a.paid);
            assertEquals(4 * CREDIT, a.escrowReturned);
            assertEquals(0, a.escrow);
            assertEquals(6, a.awarded);
            assertEquals(5, a.delivered);
            assertEquals(4 * CREDIT, cash(engine, "agency"), "20 paid in, 4 returned");
            assertEquals(16 * CREDIT, cash(engine, "a"), "12 in round 1, then 2 and 2");
            assertEquals(0, cash(engine, "b"));
            assertEquals(0, engine.accounting().moneyInjected, "a cohort sponsor moves money inside the economy");
            assertEquals(0, engine.accounting().moneyRemoved);
        }
    }

    /**
     * A subsidy of 1 per delivered task (account 5) lowers every ask by 1: a asks 1, b 3. Round 1: 4 posted, the
     * subsidy in force is min(1, 5 / 4) = 1, price 3 (b's rejected asks): escrow 20 - 9 = 11, subsidy 5 - 3 = 2.
     * Round 2: 11 covers 2 tasks; min(1, 2 / 2) = 1 in force; a's three asks of 1 for two tasks: price 1, escrow 9,
     * subsidy 0. Rounds 3 to 5: no subsidy left, asks 2 and 4 again, one task each at price 2: escrow 7, 5, 3. The
     * subsidy stretches the budget: 8 tasks done instead of 5, the agency gets 3 back.
     */
    @Test
    void aSubsidyLowersAsksAndStretchesABindingBudget() {
        String policy = "{\"subsidy\": {\"per_task\": 1, \"budget\": 5}}";
        try (Engine engine = Engine.start(Fixtures.scenario(small(AGENCY, policy)), Backends.JAVA, 2)) {
            List<MissionMetrics> rows = run(engine);
            assertArrayEquals(new long[] {4, 2, 1, 1, 1}, rows.stream().mapToLong(MissionMetrics::posted).toArray());
            assertArrayEquals(new long[] {3, 1, 2, 2, 2}, rows.stream().mapToLong(MissionMetrics::price).toArray());
            assertArrayEquals(new long[] {3 * CREDIT, 2 * CREDIT, 0, 0, 0},
                    rows.stream().mapToLong(MissionMetrics::subsidyPaid).toArray());
            assertArrayEquals(new long[] {11 * CREDIT, 9 * CREDIT, 7 * CREDIT, 5 * CREDIT, 3 * CREDIT},
                    rows.stream().mapToLong(MissionMetrics::escrow).toArray());
            MissionLedger.Account a = engine.stage(MissionStage.class).ledger().get(0);
            assertEquals(8, a.delivered);
            assertEquals(5 * CREDIT, a.subsidyPaid);
            assertEquals(0, a.subsidyReturned);
            assertEquals(3 * CREDIT, a.escrowReturned);
            assertEquals(5 * CREDIT, engine.accounting().moneyInjected, "the subsidy comes from outside");
            assertEquals(0, engine.accounting().moneyRemoved, "and was spent to the last credit");
            assertEquals((9 + 2 + 2 + 2 + 2) * CREDIT + 5 * CREDIT, cash(engine, "a"));
        }
    }

    /** An external sponsor's budget is injected and what is left removed, both booked in the accounting. */
    @Test
    void anExternalSponsorsBudgetIsInjectedAndTheRestRemoved() {
        try (Engine engine = Engine.start(Fixtures.scenario(small("{\"type\": \"external\"}", "{}")), Backends.JAVA,
                1)) {
            run(engine);
            assertEquals(20 * CREDIT, engine.accounting().moneyInjected);
            assertEquals(4 * CREDIT, engine.accounting().moneyRemoved);
            assertEquals(20 * CREDIT, cash(engine, "agency"), "the agency keeps its cash");
            assertEquals(16 * CREDIT, cash(engine, "a"));
        }
    }

    /**
     * The four policy levers, beside a market with fees whose traders the tax falls on: one mission of 3,000 tasks,
     * 400 a round, three kinds of bidders (cheap and unreliable, middling, capable and dear), sponsored by a cohort.
     */
    static String levers(long seed, String policy) {
        return """
            { "name": "levers", "seed": %d, "epochs": 30, "metrics_every": 5, "checkpoint_every": 10,
              "markets": [ {"name": "gpu", "resource": "compute", "tick_size": 0.01, "ticks": 1000,
                            "initial_price": 3.00, "fee_bps": 50} ],
              "population": [
                {"name": "buyers", "strategy": "zi-c", "market": "gpu", "count": 2000, "cash": 400,
                 "params": {"side": "buy", "value_min": 2.00, "value_max": 4.00, "units": 2, "period": 2}},
                {"name": "sellers", "strategy": "zi-c", "market": "gpu", "count": 2000, "inventory": 60,
                 "params": {"side": "sell", "value_min": 2.00, "value_max": 4.00, "units": 2, "period": 2}},
                {"name": "agency", "strategy": "bidder", "market": "gpu", "count": 10, "cash": 3000},
                {"name": "swarm", "strategy": "bidder", "market": "gpu", "count": 1500},
                {"name": "lab", "strategy": "bidder", "market": "gpu", "count": 700, "principal": "labs"},
                {"name": "lab-2", "strategy": "bidder", "market": "gpu", "count": 300, "principal": "labs"},
                {"name": "pro", "strategy": "bidder", "market": "gpu", "count": 400} ],
              "safety": {"reputation": {"initial": 0.5}},
              "missions": [ {"name": "map", "tick_size": 0.01, "ticks": 1000,
                "sponsor": {"type": "cohort", "cohort": "agency"}, "tasks": 3000, "tasks_per_round": 400,
                "start_epoch": 2, "every": 2, "deadline_epoch": 27, "reserve_price": 5.00, "advance": 0.2,
                "budget": 20000, "reputation": {"gain": 0.05, "loss": 0.25}, "policy": %s,
                "bidders": [
                  {"cohort": "swarm", "cost_min": 0.50, "cost_max": 2.50, "capability_min": 0.2, "capability_max": 0.5},
                  {"cohort": "lab", "cost_min": 1.50, "cost_max": 3.50, "capability_min": 0.6, "capability_max": 0.85},
                  {"cohort": "lab-2", "cost_min": 1.50, "cost_max": 3.50, "capability_min": 0.6, "capability_max": 0.85},
                  {"cohort": "pro", "cost_min": 2.00, "cost_max": 4.50, "capability_min": 0.9, "capability_max": 0.99} ] } ] }
            """.formatted(seed, policy);
    }

    static final List<String> LEVERS = List.of("{}",
            "{\"subsidy\": {\"per_task\": 0.5, \"budget\": 600}}",
            "{\"tax\": {\"fee_share\": 0.5}}",
            "{\"reputation_weight\": 2, \"min_reputation\": 0.05}");

    /**
     * Money (escrow and subsidy included) and tasks are conserved after every epoch under every lever; each round's
     * tax is exactly the share of that epoch's fees; the escrow never covers less than what a round posts at the
     * reserve; no more tasks are delivered than the mission has.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void conservesMoneyEscrowAndTasksAfterEveryEpochUnderEveryLever(int lever) {
        Scenario s = Fixtures.scenario(levers(7, LEVERS.get(lever)));
        try (Engine engine = Engine.start(s, Backends.JAVA, 2)) {
            long money0 = engine.accounting().moneyExpected();
            long fees = 0;
            long expectedTax = 0;
            while (!engine.finished()) {
                engine.step();
                engine.verifyConservation();
                long now = engine.markets().fees[0];
                long epochFees = now - fees;
                fees = now;
                MissionLedger.Account a = engine.stage(MissionStage.class).ledger().get(0);
                if (lever == 2 && engine.epoch() - 1 >= 2 && a.closedEpoch < 0 || a.closedEpoch == engine.epoch()) {
                    expectedTax += lever == 2 ? epochFees / 2 : 0;
                }
                assertEquals(expectedTax, a.taxCollected, "half of each open epoch's fees, after epoch " + engine.epoch());
                for (MissionMetrics m : engine.stage(MissionStage.class).lastRounds()) {
                    assertTrue(m.posted() * 5 * CREDIT <= m.escrow() + m.paid(), "posted only what the escrow covers");
                    assertEquals(m.awarded(), Math.min(m.posted(), m.bidders()));
                }
                assertEquals(money0 + (lever == 1 ? (engine.epoch() > 2 ? 600 * CREDIT : 0) : 0)
                                - engine.accounting().moneyRemoved,
                        Totals.money(engine.population(), engine.moneyOutsideAgents()), "money, to the micro-credit");
            }
            MissionLedger.Account a = engine.stage(MissionStage.class).ledger().get(0);
            assertEquals(MissionLedger.CLOSED, a.state);
            assertTrue(a.delivered <= 3000);
            assertEquals(0, a.held(), "everything left went back");
            if (lever == 2) {
                assertTrue(a.taxCollected > 0, "the market's fees fund the mission");
            }
        }
    }

    /**
     * Theory: when the cheapest bidders are the least capable, ranking by ask / reputation selects more capable
     * winners once failures have lowered the cheap agents' reputations, and so completes more tasks; with pay on
     * verified delivery the lowest-ask rule pays less per task but wastes rounds and advances.
     */
    @Test
    void reputationWeightingSelectsMoreCapableWinnersAndCompletesMoreWhenCheapAgentsAreUnreliable() {
        for (long seed = 1; seed <= 2; seed++) {
            MissionLedger.Account plain;
            MissionLedger.Account weighted;
            try (Engine e = Engine.start(Fixtures.scenario(levers(seed, LEVERS.get(0))), Backends.JAVA, 2)) {
                run(e);
                plain = e.stage(MissionStage.class).ledger().get(0);
            }
            try (Engine e = Engine.start(Fixtures.scenario(levers(seed, LEVERS.get(3))), Backends.JAVA, 2)) {
                run(e);
                weighted = e.stage(MissionStage.class).ledger().get(0);
            }
            double capPlain = (double) plain.capabilitySum / plain.awarded;
            double capWeighted = (double) weighted.capabilitySum / weighted.awarded;
            assertTrue(capWeighted > capPlain + 30_000, capPlain + " vs " + capWeighted);
            assertTrue(weighted.delivered > plain.delivered, plain.delivered + " vs " + weighted.delivered);
            assertTrue((double) weighted.advanceLost / weighted.paid < (double) plain.advanceLost / plain.paid,
                    "less paid without delivery");
        }
    }

    @ParameterizedTest
    @CsvSource({"0, opencl", "1, opencl", "2, opencl", "3, opencl", "0, cuda", "1, cuda", "2, cuda", "3, cuda"})
    void everyLeverIsBitIdenticalOnJavaAndEachDevice(int lever, String device) {
        Require.backend(device);
        BackendParityTest.assertLockstep(Fixtures.scenario(levers(9, LEVERS.get(lever))), device);
    }

    @Test
    void aResumedMissionRunEndsWithTheUninterruptedChecksumRowsAndSummary(@TempDir Path tmp) throws Exception {
        String json = levers(4, "{\"reputation_weight\": 1, \"min_reputation\": 0.05, \"tax\": {\"fee_share\": 0.5},"
                + " \"subsidy\": {\"per_task\": 0.5, \"budget\": 600}}");
        Path file = tmp.resolve("m.json");
        Files.writeString(file, json);
        Scenario s = Fixtures.scenario(json);
        RunSession.Outcome whole = RunSession.start(s, file, tmp.resolve("whole"), "java", 2, SILENT, true);
        RunSession.start(s, file, tmp.resolve("cut"), "java", 1, SILENT, true);
        Path cut = tmp.resolve("cut");
        // the run died after its epoch-20 checkpoint: mid-mission, the escrow and the columns in the checkpoint
        Files.delete(cut.resolve("checkpoints").resolve("epoch-000000030.ckpt"));
        Files.delete(cut.resolve("summary.json"));
        RunSession.Outcome resumed = RunSession.resume(cut, null, 2, null, SILENT, true);
        assertEquals(whole.checksum(), resumed.checksum());
        List<String> rows = Files.readAllLines(tmp.resolve("whole").resolve("missions.csv"));
        assertEquals(rows, Files.readAllLines(cut.resolve("missions.csv")), "missions.csv rows, none doubled");
        assertEquals(14, rows.size(), "header and 13 rounds: epochs 2, 4, ..., 26");
        assertTrue(rows.get(1).startsWith("3,map,subsidy+tax+reputation,400,"), rows.get(1));
        JsonNode w = RunDirectory.JSON.readTree(tmp.resolve("whole").resolve("summary.json").toFile());
        JsonNode r = RunDirectory.JSON.readTree(cut.resolve("summary.json").toFile());
        assertEquals(w.get("missions"), r.get("missions"), "the resumed run reports the same mission results");
        JsonNode m = r.get("missions").get(0);
        for (String f : List.of("success", "tasks_completed", "mission_completion", "completion",
                "cost_per_completed_task", "escrow_cost_per_completed_task", "free_riding_share",
                "non_delivery_share", "repeat_non_deliverers", "payment_hhi", "payment_gini", "escrow_returned",
                "tax_collected", "subsidy_paid", "mean_winner_capability", "principals")) {
            assertTrue(m.has(f), f);
        }
        assertEquals(3, m.get("principals").size(), "swarm, labs (two cohorts), pro");
        JsonNode c = r.get("conservation");
        assertTrue(c.get("all_conserved").asBoolean(), c.toString());
        assertTrue(c.get("missions").get("map").get("conserved").asBoolean());
        assertEquals(0, c.get("mission_accounts").decimalValue().signum(), "closed: nothing held");
        String report = Files.readString(cut.resolve("report.html"));
        assertTrue(report.contains("<h2>Missions</h2>") && report.contains("map: progress and money per round"),
                "the report shows the mission");
        assertFalse(report.contains("NaN"), "no NaN in the report");
    }

    /** The tax moves fees out of the fee sink: summary.json's fee sink is net of them, and money still adds up. */
    @Test
    void taxedFeesLeaveTheFeeSinkForTheEscrow(@TempDir Path tmp) throws Exception {
        String json = levers(2, LEVERS.get(2));
        Path file = tmp.resolve("t.json");
        Files.writeString(file, json);
        RunSession.Outcome o = RunSession.start(Fixtures.scenario(json), file, tmp.resolve("r"), "java", 2, SILENT,
                true);
        assertTrue(o.complete());
        JsonNode c = RunDirectory.JSON.readTree(tmp.resolve("r").resolve("summary.json").toFile()).get("conservation");
        JsonNode market = RunDirectory.JSON.readTree(tmp.resolve("r").resolve("summary.json").toFile())
                .get("markets").get(0);
        assertEquals(market.get("fees").decimalValue().subtract(c.get("fees_to_missions").decimalValue()),
                c.get("fee_sink").decimalValue());
        assertTrue(c.get("fees_to_missions").decimalValue().signum() > 0);
        assertTrue(c.get("money_conserved").asBoolean());
        assertEquals(Settle.FEES, Settle.FEES, "fees per market come from the epoch's settlement totals");
    }
}
