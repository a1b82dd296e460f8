package org.vaesim.host.epoch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.vaesim.host.Fixtures;
import org.vaesim.host.Require;
import org.vaesim.host.metrics.AuctionMetrics;
import org.vaesim.host.run.RunDirectory;
import org.vaesim.host.run.RunSession;
import org.vaesim.kernels.Backends;
import org.vaesim.kernels.auction.AuctionPlan;
import org.vaesim.models.scenario.Scenario;
import org.vaesim.host.auction.AuctionLedger;
import org.vaesim.host.auction.AuctionStage;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Resource auctions through the engine, many rounds at a time, beside an ordinary market: exact conservation in
 * every mechanism, the mechanisms' guarantees round by round, bit-identical java and opencl runs, and
 * checkpoints that resume to the same checksum.
 */
class ResourceAuctionTest {
    private static final PrintStream SILENT = new PrintStream(OutputStream.nullOutputStream());
    static final String UNIFORM = "{\"type\": \"uniform_price\"}";
    static final String CAP = "{\"type\": \"principal_cap\", \"max_share\": 0.35}";
    static final String RESERVED = "{\"type\": \"reserved_share\", \"share\": 0.2}";
    static final String EQUAL = "{\"type\": \"equal_endowment\", \"budget\": 3}";
    static final List<String> MECHANISMS = List.of(UNIFORM, CAP, RESERVED, EQUAL);

    /**
     * A big principal ("cloud", rich, two cohorts), a lab, and three small principals, one of them poor (a spend
     * limit of 1.5 credits per epoch). The lab's agents are also ZI buyers in a compute market with fees, so
     * cash moves through the market and the auction in the same epochs. An auction every 2 epochs from epoch 1.
     */
    static String scenario(long seed, String mechanism) {
        return """
            { "name": "auctions", "seed": %d, "epochs": 24, "metrics_every": 6, "checkpoint_every": 8,
              "markets": [ {"name": "gpu", "resource": "compute", "tick_size": 0.01, "ticks": 1000,
                            "initial_price": 3.00, "fee_bps": 30} ],
              "population": [
                {"name": "lab", "strategy": "zi-c", "market": "gpu", "count": 1500, "cash": 400,
                 "params": {"side": "buy", "value_min": 2.00, "value_max": 4.00, "units": 2, "period": 4}},
                {"name": "sellers", "strategy": "zi-c", "market": "gpu", "count": 1500, "inventory": 20,
                 "params": {"side": "sell", "value_min": 2.00, "value_max": 4.00, "units": 2, "period": 4}},
                {"name": "cloud-1", "strategy": "bidder", "market": "gpu", "count": 2100, "cash": 5000,
                 "principal": "cloud"},
                {"name": "cloud-2", "strategy": "bidder", "market": "gpu", "count": 733, "cash": 5000,
                 "principal": "cloud"},
                {"name": "s1", "strategy": "bidder", "market": "gpu", "count": 300, "cash": 300},
                {"name": "s2", "strategy": "bidder", "market": "gpu", "count": 257, "cash": 300},
                {"name": "poor", "strategy": "bidder", "market": "gpu", "count": 400, "cash": 300,
                 "scope": {"spend_limit": 1.5}} ],
              "resource_auctions": [ {"name": "compute", "resource": "compute", "tick_size": 0.01, "ticks": 1200,
                "reserve_price": 0.10, "supply": 4000, "every": 2, "start_epoch": 1, "small_principal_agents": 500,
                "mechanism": %s,
                "bidders": [
                  {"cohort": "cloud-1", "value_min": 1.00, "value_max": 9.00, "max_units": 3, "decay": 0.8},
                  {"cohort": "cloud-2", "value_min": 3.00, "value_max": 3.00, "max_units": 2},
                  {"cohort": "lab", "value_min": 0.50, "value_max": 7.00, "max_units": 2, "decay": 0.6},
                  {"cohort": "s1", "value_min": 0.50, "value_max": 8.00, "max_units": 2, "decay": 0.5},
                  {"cohort": "s2", "value_min": 2.00, "value_max": 6.00, "max_units": 1},
                  {"cohort": "poor", "value_min": 1.00, "value_max": 9.00, "max_units": 2, "decay": 0.9} ] } ] }
            """.formatted(seed, mechanism);
    }

    /** Runs to the end, checking every round; returns the engine's ledger. */
    private static AuctionLedger.Account runChecked(Scenario s, java.util.function.Consumer<AuctionMetrics> each) {
        try (Engine engine = Engine.start(s, Backends.JAVA, 2)) {
            long cash0 = Totals.money(engine.population(), 0);
            while (!engine.finished()) {
                engine.step();
                engine.verifyConservation(); // money, goods and auction units, exactly
                engine.stage(AuctionStage.class).lastRounds().forEach(each);
            }
            AuctionLedger.Account a = engine.stage(AuctionStage.class).ledger().get(0);
            assertEquals(12, a.rounds, "epochs 1, 3, ..., 23");
            long held = 0;
            for (long w : engine.stage(AuctionStage.class).columns().totalWon[0]) {
                held += w;
            }
            assertEquals(a.allocated, held, "bidders hold what was allocated");
            assertEquals(a.supplied, a.allocated + a.unsold);
            long fees = engine.markets().feeSink();
            assertEquals(cash0, Totals.money(engine.population(), fees + engine.stage(AuctionStage.class).ledger().revenue()),
                    "cash + fees + auction revenue = initial cash, to the micro-credit");
            return a;
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void conservesMoneyAndUnitsInEveryMechanismRoundAfterRound(int mechanism) {
        AuctionLedger.Account a = runChecked(Fixtures.scenario(scenario(7, MECHANISMS.get(mechanism))), m -> {
            assertEquals(m.supply(), m.allocated() + m.unsold());
            long byPrincipal = 0;
            for (long u : m.groupUnits()) {
                byPrincipal += u;
            }
            assertEquals(m.allocated(), byPrincipal);
        });
        if (mechanism == 3) {
            assertEquals(0, a.revenue, "equal endowment moves no cash");
            assertEquals(12L * 3_000_000 * (2100 + 733 + 1500 + 300 + 257 + 400), a.tokensIssued);
            assertTrue(a.tokensSpent > 0 && a.tokensSpent <= a.tokensIssued);
        } else {
            assertTrue(a.revenue > 0);
        }
    }

    @Test
    void principalCapIsNeverExceeded() {
        int cap = 1400; // floor(0.35 x 4000)
        runChecked(Fixtures.scenario(scenario(3, CAP)), m -> {
            for (long u : m.groupUnits()) {
                assertTrue(u <= cap, u + " > cap");
            }
        });
    }

    /**
     * In this economy open competition leaves the small principals less than 20% of 4000, so the reserve binds
     * every round and they get exactly 800 units (they bid for more than that) at a price no higher than the
     * open one.
     */
    @Test
    void reservedShareGivesSmallPrincipalsTheirReserveWhenItBinds() {
        Scenario s = Fixtures.scenario(scenario(5, RESERVED));
        AuctionPlan plan;
        try (Engine e = Engine.start(s, Backends.JAVA, 1)) {
            plan = e.stage(AuctionStage.class).plans().getFirst();
        }
        long[] binding = {0};
        runChecked(s, m -> {
            long small = 0;
            for (int g = 0; g < m.groupUnits().length; g++) {
                small += plan.small(g) ? m.groupUnits()[g] : 0;
            }
            if (m.reserveBinding()) {
                binding[0]++;
                assertEquals(800, small);
                assertTrue(m.smallPrice() <= m.price());
            } else {
                assertTrue(small >= 800, "not binding means they won at least the reserve on their own");
            }
        });
        assertTrue(binding[0] > 0, "the reserve binds in this economy");
    }

    /**
     * Theory at scale: under the uniform price, bidders whose budgets do not bind (every principal but "poor",
     * whose spend limit does) envy nobody; under the equal endowment nobody envies anyone once one unit is taken
     * from the envied bundle (envy-free up to one unit).
     */
    @Test
    void envyIsZeroWhereTheoryPredictsIt() {
        for (long seed = 1; seed <= 3; seed++) {
            Scenario uniform = Fixtures.scenario(scenario(seed, UNIFORM));
            AuctionLedger.Account a = runChecked(uniform, m -> { });
            List<String> groups;
            try (Engine e = Engine.start(uniform, Backends.JAVA, 1)) {
                groups = e.stage(AuctionStage.class).plans().getFirst().groups();
            }
            for (int g = 0; g < groups.size(); g++) {
                if (groups.get(g).equals("poor")) {
                    assertTrue(a.principalEnvious[g] > 0, "the budget-bound principal envies");
                } else {
                    assertEquals(0, a.principalEnvious[g], groups.get(g) + " envies under the uniform price");
                }
            }
            AuctionLedger.Account e = runChecked(Fixtures.scenario(scenario(seed, EQUAL)), m -> { });
            assertEquals(0, e.enviousUpToOne, "equal endowment: envy-free up to one unit");
            assertTrue(e.envious > 0, "indivisible units: some envy the agents who got one unit more");
        }
    }

    @ParameterizedTest
    @CsvSource({"0, opencl", "1, opencl", "2, opencl", "3, opencl", "0, cuda", "1, cuda", "2, cuda", "3, cuda"})
    void everyMechanismIsBitIdenticalOnJavaAndEachDevice(int mechanism, String device) {
        Require.backend(device);
        BackendParityTest.assertLockstep(Fixtures.scenario(scenario(9, MECHANISMS.get(mechanism))), device);
    }

    /**
     * Runs {@code json} (24 epochs) whole in {@code tmp/whole}, and in {@code tmp/cut} with its last checkpoint and
     * summary deleted, resumed from epoch 16; returns the whole run's checksum and the resumed run's.
     */
    static String[] wholeAndResumed(Path tmp, String json) throws Exception {
        Path file = tmp.resolve("a.json");
        Files.writeString(file, json);
        Scenario s = Fixtures.scenario(json);
        RunSession.Outcome whole = RunSession.start(s, file, tmp.resolve("whole"), "java", 2, SILENT, true);
        RunSession.start(s, file, tmp.resolve("cut"), "java", 1, SILENT, true);
        Path cut = tmp.resolve("cut");
        Files.delete(cut.resolve("checkpoints").resolve("epoch-000000024.ckpt"));
        Files.delete(cut.resolve("summary.json"));
        RunSession.Outcome resumed = RunSession.resume(cut, null, 2, null, SILENT, true);
        return new String[] {whole.checksum(), resumed.checksum()};
    }

    @Test
    void aResumedAuctionRunEndsWithTheUninterruptedChecksumAndRows(@TempDir Path tmp) throws Exception {
        String[] checksums = wholeAndResumed(tmp, scenario(4, RESERVED));
        assertEquals(checksums[0], checksums[1]);
        Path cut = tmp.resolve("cut");
        List<String> rows = Files.readAllLines(tmp.resolve("whole").resolve("auctions.csv"));
        assertEquals(rows, Files.readAllLines(cut.resolve("auctions.csv")), "auctions.csv rows, none doubled");
        assertEquals(13, rows.size(), "header and 12 rounds");
        assertTrue(rows.get(1).startsWith("2,compute,reserved_share,"), rows.get(1));
        JsonNode a = RunDirectory.JSON.readTree(cut.resolve("summary.json").toFile()).get("auctions").get(0);
        JsonNode w = RunDirectory.JSON.readTree(tmp.resolve("whole").resolve("summary.json").toFile())
                .get("auctions").get(0);
        assertEquals(w, a, "the resumed run reports the same auction results");
        assertEquals(12, a.get("rounds").asInt());
        for (String f : List.of("efficiency", "allocation_gini", "cumulative_allocation_gini", "envy_share",
                "envy_share_up_to_one_unit", "small_principal_share", "max_principal_share", "revenue")) {
            assertTrue(a.has(f), f);
        }
        JsonNode c = RunDirectory.JSON.readTree(cut.resolve("summary.json").toFile()).get("conservation");
        assertTrue(c.get("all_conserved").asBoolean());
        assertTrue(c.get("auction_units").get("compute").get("conserved").asBoolean());
        assertEquals(c.get("auction_sink").decimalValue(), a.get("revenue").decimalValue());
        String report = Files.readString(cut.resolve("report.html"));
        assertTrue(report.contains("<h2>Resource auctions</h2>") && report.contains("compute: price per unit")
                && report.contains("reserved_share"), "the report shows the auction");
    }
}
