package org.vaesim.host.epoch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaesim.host.Fixtures;
import org.vaesim.host.io.CheckpointFile;
import org.vaesim.host.io.CheckpointStore;
import org.vaesim.host.io.StateCodec;
import org.vaesim.host.metrics.MetricsRow;
import org.vaesim.host.run.RunDirectory;
import org.vaesim.host.run.RunSession;
import org.vaesim.models.scenario.Scenario;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Allocative efficiency over the periods in which trade was possible, against the traders present (issue 15 item
 * 4). Buyers value the good at 100-150 and sellers' costs are 50-100, so every buyer-seller pair gains from trade:
 * a period's maximum is min(buyers, sellers with goods) units, and ZI-C traders realise nearly all of it (Gode and
 * Sunder 1993).
 */
class AllocativeEfficiencyTest {

    private static String economy(int epochs, int sellerInventory, String extraSellers, String events) {
        return economy(epochs, 500, sellerInventory, extraSellers, events);
    }

    private static String economy(int epochs, int buyers, int sellerInventory, String extraSellers, String events) {
        return """
            { "name": "efficiency", "seed": 5, "epochs": %d, "metrics_every": %d, "checkpoint_every": 25,
              "markets": [ { "name": "m", "resource": "asset", "tick_size": 1, "ticks": 201, "initial_price": 100 } ],
              "population": [
                { "name": "buyers", "strategy": "zi-c", "market": "m", "count": %d, "cash": 1000000,
                  "params": { "side": "buy", "value_min": 100, "value_max": 150, "units": 1, "period": 20 } },
                { "name": "sellers", "strategy": "zi-c", "market": "m", "count": 500, "inventory": %d,
                  "params": { "side": "sell", "value_min": 50, "value_max": 100, "units": 1, "period": 20 } }%s ],
              "events": [%s] }
            """.formatted(epochs, epochs, buyers, sellerInventory, extraSellers, events);
    }

    private static Engine run(Scenario s) {
        Engine engine = Engine.start(s, 2);
        while (!engine.finished()) {
            engine.step();
        }
        return engine;
    }

    /**
     * Sellers hold 2 units each: after two or three 20-epoch periods they have sold out and no trade is possible. The
     * old measure divided by the maximum of every period begun (20 of them), so it fell to about 2/20 of the true
     * figure, as quickstart's compute market fell from 0.69 to 0.22 over 3,000 epochs; periods without goods to sell
     * must not count.
     */
    @Test
    void periodsInWhichSellersHaveSoldOutDoNotCount() {
        try (Engine engine = run(Fixtures.scenario(economy(400, 2, "", "")))) {
            long[] max = MetricsRow.maxSurplus(engine);
            double efficiency = MetricsRow.efficiency(engine, 0, max[0]);
            assertTrue(efficiency >= 0.9 && efficiency <= 1.0, "efficiency " + efficiency);
            long[] acc = engine.markets().efficiency;
            assertEquals(20, acc[PeriodSurplus.PERIODS]);
            assertTrue(acc[PeriodSurplus.COUNTED] >= 2 && acc[PeriodSurplus.COUNTED] <= 6,
                    "periods with goods left: " + acc[PeriodSurplus.COUNTED]);
            // every unit of the 1,000 sold gains, so the realised surplus is most of two periods' maximum
            double oldMeasure = (double) engine.markets().surplus[0] / (20.0 * max[0]);
            assertTrue(oldMeasure < 0.15, "the old measure, over every period begun: " + oldMeasure);
            assertEquals(engine.markets().surplus[0], acc[PeriodSurplus.REALISED], "no trade in a period that does "
                    + "not count, so every unit of realised surplus counts");
        }
    }

    /**
     * 1,000 buyers, 1,000 sellers; half the sellers (principal "b") are killed at epoch 100, the start of the sixth of
     * ten periods: from then on the maximum is that of the sellers present, about 0.62 of the full one (500 units of
     * the highest values instead of 1,000 of all). The old measure kept the maximum of everyone and fell to about
     * 0.95 x (5 + 5 x 0.62) / 10 = 0.77.
     */
    @Test
    void killedTradersLeaveThePeriodsMaximum() {
        String others = """
            , { "name": "sellers-b", "strategy": "zi-c", "market": "m", "count": 500, "inventory": 100,
                "principal": "b",
                "params": { "side": "sell", "value_min": 50, "value_max": 100, "units": 1, "period": 20 } }""";
        String kill = """
            { "epoch": 100, "type": "kill", "target": "principal", "principal": "b" }""";
        try (Engine engine = run(Fixtures.scenario(economy(200, 1000, 100, others, kill)))) {
            long[] max = MetricsRow.maxSurplus(engine);
            double efficiency = MetricsRow.efficiency(engine, 0, max[0]);
            assertTrue(efficiency >= 0.9 && efficiency <= 1.0, "efficiency " + efficiency);
            long[] acc = engine.markets().efficiency;
            assertEquals(10, acc[PeriodSurplus.COUNTED]);
            double shrunk = acc[PeriodSurplus.MAXIMUM] / (10.0 * max[0]);
            assertEquals(0.81, shrunk, 0.03, "five full periods and five of about 0.62");
            double oldMeasure = (double) engine.markets().surplus[0] / (10.0 * max[0]);
            assertTrue(oldMeasure < 0.82, "the old measure, against everyone: " + oldMeasure);
        }
    }

    /** With zero-intelligence traders the only ones with induced values, the ZI-only figures are the market's. */
    @Test
    void ziOnlyEfficiencyIsTheMarketsWhenOnlyZiTradersHaveInducedValues() {
        try (Engine engine = run(Fixtures.scenario(economy(100, 3, "", "")))) {
            long[] acc = engine.markets().efficiency;
            assertEquals(acc[PeriodSurplus.REALISED], acc[PeriodSurplus.REALISED_ZI]);
            assertEquals(acc[PeriodSurplus.MAXIMUM], acc[PeriodSurplus.MAXIMUM_ZI]);
            assertEquals(PeriodSurplus.efficiency(engine.markets(), 0),
                    PeriodSurplus.ziEfficiency(engine.markets(), 0));
        }
    }

    /**
     * The accounts are not part of the state checksum, so a resume must carry them in the checkpoint: checkpoints
     * every 25 epochs fall inside 20-epoch periods, and the resumed run's figures must be the uninterrupted run's.
     */
    @Test
    void aResumedRunMeasuresTheSameEfficiency(@TempDir Path tmp) throws Exception {
        PrintStream silent = new PrintStream(OutputStream.nullOutputStream());
        String json = economy(100, 3, "", "");
        Path file = tmp.resolve("scenario.json");
        Files.writeString(file, json);
        Scenario s = Fixtures.scenario(json);
        RunSession.Outcome whole = RunSession.start(s, file, tmp.resolve("whole"), "java", 2, silent, true);
        RunSession.start(s, file, tmp.resolve("cut"), "java", 2, silent, true);
        Path cut = tmp.resolve("cut");
        Files.delete(cut.resolve("checkpoints").resolve("epoch-000000100.ckpt"));
        RunSession.Outcome resumed = RunSession.resume(cut, null, 1, null, silent, true);
        assertEquals(whole.checksum(), resumed.checksum());
        JsonNode a = RunDirectory.JSON.readTree(tmp.resolve("whole").resolve("summary.json").toFile());
        JsonNode b = RunDirectory.JSON.readTree(cut.resolve("summary.json").toFile());
        for (String f : List.of("efficiency", "zi_efficiency", "efficiency_periods", "efficiency_periods_counted")) {
            assertEquals(a.path("markets").get(0).path(f), b.path("markets").get(0).path(f), f);
        }
        assertTrue(a.path("markets").get(0).path("efficiency").asDouble() > 0.9);
        Scenario again = Fixtures.scenario(json);
        StateCodec.State st = CheckpointStore.load(
                CheckpointFile.verify(cut.resolve("checkpoints").resolve("epoch-000000075.ckpt")), again);
        try (Engine direct = Engine.start(again, 2)) {
            for (int e = 0; e < 75; e++) {
                direct.step();
            }
            assertArrayEquals(direct.markets().efficiency, st.markets().efficiency, "the accounts after epoch 75");
        }
    }

    /** A checkpoint written before the accounts existed (the state alone) cannot be resumed silently wrong. */
    @Test
    void aCheckpointWithoutTheAccountsIsRefusedWithAReason(@TempDir Path tmp) throws IOException {
        Scenario s = Fixtures.scenario(economy(20, 3, "", ""));
        Path file = tmp.resolve("epoch-000000010.ckpt");
        try (Engine engine = Engine.start(s, 1); OutputStream out = Files.newOutputStream(file)) {
            for (int e = 0; e < 10; e++) {
                engine.step();
            }
            StateCodec.write(out, engine);
        }
        IOException e = assertThrows(IOException.class, () -> CheckpointStore.load(CheckpointFile.verify(file), s));
        assertTrue(e.getMessage().contains("earlier vaesim"), e.getMessage());
    }
}
