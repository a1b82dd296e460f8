package org.vaesim.host.capability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaesim.host.Fixtures;
import org.vaesim.host.auction.AuctionStage;
import org.vaesim.host.epoch.Engine;
import org.vaesim.host.metrics.MetricsRow;
import org.vaesim.host.run.RunDirectory;
import org.vaesim.host.run.RunSession;
import org.vaesim.kernels.Backends;
import org.vaesim.kernels.memory.AuctionColumns;
import org.vaesim.models.capability.EntrenchmentSpec;
import org.vaesim.models.scenario.Scenario;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The entrenchment metrics: hand-computed deciles, shares and persistences, the persistence over one metrics
 * epoch against the mobility matrix's top row, the early winners against the units won, and a resumed run that
 * reports what an uninterrupted one does.
 */
class EntrenchmentTest {
    private static final PrintStream SILENT = new PrintStream(OutputStream.nullOutputStream());

    @Test
    void theTopDecileByMidRankIsTheTopTenthAndTiesShareOneDecile() {
        long[] ramp = new long[20];
        for (int i = 0; i < 20; i++) {
            ramp[i] = i + 1;
        }
        // agent with value v has C = v - 1 below, c = 1: decile floor(10 (v - 1/2) / 20) = 9 for v = 19, 20
        byte[] top = Entrenchment.topDecile(ramp);
        for (int i = 0; i < 20; i++) {
            assertEquals(i >= 18 ? 1 : 0, top[i], "agent " + i);
        }
        // 18 zeros and two 7s: the 7s sit at mid-rank 19 of 20 -> decile 9; zeros are never winners
        long[] pair = new long[20];
        pair[3] = 7;
        pair[11] = 7;
        byte[] p = Entrenchment.topDecile(pair);
        assertEquals(1, p[3]);
        assertEquals(1, p[11]);
        assertEquals(2, sum(p));
        // half at 0, half at 5: the 5s' middle is rank 15 of 20 -> decile 7, not 9
        long[] halves = new long[20];
        for (int i = 10; i < 20; i++) {
            halves[i] = 5;
        }
        assertEquals(0, sum(Entrenchment.topDecile(halves)));
    }

    @Test
    void persistenceComparesTheTopDecileKMetricsEpochsApart() {
        Entrenchment lag1 = new Entrenchment(new EntrenchmentSpec(1, 5), List.of(), 10);
        Entrenchment lag2 = new Entrenchment(new EntrenchmentSpec(2, 5), List.of(), 10);
        AuctionColumns none = new AuctionColumns(new int[0]);
        byte[][] deciles = {top(0, 1), top(1, 2), top(0)};
        // lag 1: {0,1} -> {1,2}: 1 of 2 stayed; {1,2} -> {0}: none of 2
        // lag 2: {0,1} -> {0}: 1 of 2
        double[] want1 = {Double.NaN, 0.5, 0.0};
        double[] want2 = {Double.NaN, Double.NaN, 0.5};
        for (int s = 0; s < deciles.length; s++) {
            Entrenchment.Row r1 = lag1.sample(deciles[s], none);
            Entrenchment.Row r2 = lag2.sample(deciles[s], none);
            assertEquals(want1[s], r1.persistence(), 0, "lag 1, sample " + s);
            assertEquals(want2[s], r2.persistence(), 0, "lag 2, sample " + s);
            assertTrue(Double.isNaN(r1.earlyWinnerShare()), "no early winners without compute auctions");
            assertTrue(Double.isNaN(r1.computeHhi()));
        }
        assertEquals(0.25, lag1.meanPersistence(), 0);
        assertEquals(0.5, lag2.meanPersistence(), 0);
        assertEquals(1, lag2.last().topAgents());
    }

    /** Deciles of 10 agents: the listed ones in decile 9, the others in 4. */
    private static byte[] top(int... agents) {
        byte[] d = new byte[10];
        java.util.Arrays.fill(d, (byte) 4);
        for (int a : agents) {
            d[a] = 9;
        }
        return d;
    }

    private static int sum(byte[] b) {
        int s = 0;
        for (byte x : b) {
            s += x;
        }
        return s;
    }

    /**
     * Five principals bid for compute every epoch; two of them are rich, one is held to a low spend limit, and the
     * ZI cohorts trade goods so wealth moves between metrics epochs.
     */
    static String scenario(int earlyEpochs, int lag) {
        return """
            { "name": "entrench", "seed": 11, "epochs": 30, "metrics_every": 3, "checkpoint_every": 9,
              "markets": [ {"name": "gpu", "resource": "compute", "tick_size": 0.01, "ticks": 1000,
                            "initial_price": 3.00, "fee_bps": 30} ],
              "population": [
                {"name": "buyers", "strategy": "zi-c", "market": "gpu", "count": 600, "cash": 400,
                 "params": {"side": "buy", "value_min": 2.00, "value_max": 4.00, "units": 2, "period": 4}},
                {"name": "sellers", "strategy": "zi-c", "market": "gpu", "count": 600, "inventory": 20,
                 "params": {"side": "sell", "value_min": 2.00, "value_max": 4.00, "units": 2, "period": 4}},
                {"name": "cloud", "strategy": "bidder", "market": "gpu", "count": 500, "cash": 5000},
                {"name": "lab", "strategy": "bidder", "market": "gpu", "count": 400, "cash": 2000},
                {"name": "poor", "strategy": "bidder", "market": "gpu", "count": 300, "cash": 300,
                 "scope": {"spend_limit": 1.5}} ],
              "resource_auctions": [ {"name": "compute", "resource": "compute", "tick_size": 0.01, "ticks": 1200,
                "reserve_price": 0.10, "supply": 900, "every": 1, "mechanism": {"type": "uniform_price"},
                "bidders": [
                  {"cohort": "cloud", "value_min": 1.00, "value_max": 9.00, "max_units": 3, "decay": 0.8},
                  {"cohort": "lab", "value_min": 0.50, "value_max": 7.00, "max_units": 2, "decay": 0.6},
                  {"cohort": "poor", "value_min": 1.00, "value_max": 9.00, "max_units": 2, "decay": 0.9},
                  {"cohort": "buyers", "value_min": 0.50, "value_max": 3.00, "max_units": 1} ] } ],
              "stages": {"entrenchment": {"persistence_lag": %d, "early_epochs": %d}} }
            """.formatted(lag, earlyEpochs);
    }

    @Test
    void persistenceOverOneMetricsEpochIsTheMobilityMatrixsTopRowDiagonal() {
        Scenario s = Fixtures.scenario(scenario(6, 1));
        try (Engine engine = Engine.start(s, Backends.JAVA, 2)) {
            int checked = 0;
            while (!engine.finished()) {
                engine.step();
                if (engine.epoch() % s.metricsEvery() != 0) {
                    continue;
                }
                MetricsRow row = MetricsRow.sample(engine, new long[] {-1}); // the stage samples after the row
                Entrenchment.Row en = engine.stage(EntrenchmentStage.class).entrenchment().last();
                assertNotNull(en);
                if (row.mobility() == null) {
                    assertTrue(Double.isNaN(en.persistence()), "nothing to compare at the first metrics epoch");
                    continue;
                }
                long rowTotal = 0;
                for (int j = 0; j < 10; j++) {
                    rowTotal += row.mobility().count(9, j);
                }
                long nowTop = 0;
                for (int i = 0; i < 10; i++) {
                    nowTop += row.mobility().count(i, 9);
                }
                assertEquals(nowTop, en.topAgents(), "agents in the top decile now");
                if (rowTotal > 0) {
                    assertEquals((double) row.mobility().count(9, 9) / rowTotal, en.persistence(), 0,
                            "epoch " + engine.epoch());
                    checked++;
                }
            }
            assertTrue(checked >= 5, "compared at " + checked + " metrics epochs");
        }
    }

    @Test
    void earlyWinnersAreTheTopTenthOfComputeWonByEpochN() {
        Scenario s = Fixtures.scenario(scenario(6, 2));
        try (Engine engine = Engine.start(s, Backends.JAVA, 2)) {
            for (int e = 0; e < 6; e++) {
                engine.step();
            }
            Entrenchment en = engine.stage(EntrenchmentStage.class).entrenchment();
            assertTrue(en.earlyTaken());
            long[] won = en.computeWon(engine.stage(AuctionStage.class).columns(), engine.population().size);
            long minEarly = Long.MAX_VALUE;
            long maxOther = 0;
            long winners = 0;
            long positive = 0;
            for (int i = 0; i < won.length; i++) {
                positive += won[i] > 0 ? 1 : 0;
                if (en.early()[i] == 1) {
                    winners++;
                    minEarly = Math.min(minEarly, won[i]);
                } else {
                    maxOther = Math.max(maxOther, won[i]);
                }
            }
            assertEquals(winners, en.earlyWinners());
            assertTrue(positive > won.length / 10, "enough agents won something: " + positive);
            assertTrue(minEarly > maxOther, "every early winner won more than every other agent: " + minEarly
                    + " vs " + maxOther);
            // the tied group at the boundary is in or out as a whole, so the count is near, not at, a tenth
            assertTrue(winners > 0 && winners <= won.length / 5, winners + " early winners of " + won.length);
            long total = 0;
            for (long w : won) {
                total += w;
            }
            assertEquals(6 * 900, total, "every unit of the six rounds was sold and counted once");
        }
    }

    @Test
    void aResumedRunReportsTheUninterruptedRunsEntrenchment(@TempDir Path tmp) throws Exception {
        String json = scenario(6, 2);
        Path file = tmp.resolve("e.json");
        Files.writeString(file, json);
        Scenario s = Fixtures.scenario(json);
        RunSession.Outcome whole = RunSession.start(s, file, tmp.resolve("whole"), "java", 2, SILENT, true);
        Path cut = tmp.resolve("cut");
        RunSession.start(s, file, cut, "java", 1, SILENT, true);
        // back to epoch 27: after the early winners were taken, with persistence history to carry
        Files.delete(cut.resolve("checkpoints").resolve("epoch-000000030.ckpt"));
        Files.delete(cut.resolve("summary.json"));
        RunSession.Outcome resumed = RunSession.resume(cut, null, 2, null, SILENT, true);
        assertEquals(whole.checksum(), resumed.checksum());
        assertEquals(Files.readAllLines(tmp.resolve("whole").resolve("metrics.csv")),
                Files.readAllLines(cut.resolve("metrics.csv")));
        List<String> rows = Files.readAllLines(tmp.resolve("whole").resolve(EntrenchmentStage.FILE));
        assertEquals(rows, Files.readAllLines(cut.resolve(EntrenchmentStage.FILE)));
        assertEquals("epoch,top10_agents,top10_persistence,early_winner_share,compute_hhi,capability_gini",
                rows.getFirst());
        assertEquals(11, rows.size(), "a row per metrics epoch: " + rows);
        JsonNode w = RunDirectory.JSON.readTree(tmp.resolve("whole").resolve("summary.json").toFile())
                .get("entrenchment");
        JsonNode r = RunDirectory.JSON.readTree(cut.resolve("summary.json").toFile()).get("entrenchment");
        assertEquals(w, r);
        assertTrue(w.get("early_winners").asLong() > 0);
        assertTrue(w.get("compute_hhi").asDouble() > 1.0 / 4 && w.get("compute_hhi").asDouble() < 1, w.toString());
        assertEquals(10, w.get("metrics_epochs").asLong());
        String report = Files.readString(cut.resolve("report.html"));
        assertTrue(report.contains("<h2>Entrenchment</h2>") && report.contains("top-decile persistence"));
    }
}
