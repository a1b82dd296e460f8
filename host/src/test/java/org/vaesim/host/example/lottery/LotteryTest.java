package org.vaesim.host.example.lottery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vaesim.host.Fixtures;
import org.vaesim.host.Require;
import org.vaesim.host.epoch.Engine;
import org.vaesim.host.io.StateDigest;
import org.vaesim.host.report.HtmlReport;
import org.vaesim.host.run.RunDirectory;
import org.vaesim.host.run.RunSession;
import org.vaesim.host.stage.Section;
import org.vaesim.kernels.memory.Population;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.models.scenario.ConfigException;
import org.vaesim.models.scenario.ScenarioLoader;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The worked example of docs/extending.md runs: a mechanism added as a stage in this test source set, with no edit
 * to the engine, the backends, the checkpoint codec, the summary or the report, conserves money to the micro-credit,
 * agrees across backends and across a resume, and shows up in summary.json, report.html and its own CSV.
 */
class LotteryTest {
    private static final PrintStream SILENT = new PrintStream(OutputStream.nullOutputStream());
    private static final long CREDIT = 1_000_000L;

    /**
     * Ten players with 100 credits each, four poor ones with a quarter credit, traders beside them; 20 epochs; the
     * lottery section {@code lottery}, or none when null.
     */
    static String scenario(String lottery) {
        return """
            { "name": "lottery", "seed": 11, "epochs": 20, "checkpoint_every": 10,
              "markets": [ { "name": "a", "resource": "compute", "tick_size": 0.01, "ticks": 400, "initial_price": 2.00,
                           "fee_bps": 25 } ],
              "population": [
                { "name": "zi", "strategy": "zi-c", "market": "a", "count": 200, "cash": 50,
                  "params": { "side": "buy", "value_min": 1.00, "value_max": 3.00, "units": 2, "period": 3 } },
                { "name": "sellers", "strategy": "zi-c", "market": "a", "count": 200, "inventory": 10,
                  "params": { "side": "sell", "value_min": 1.00, "value_max": 3.00, "units": 2, "period": 3 } },
                { "name": "players", "strategy": "bidder", "market": "a", "count": 10, "cash": 100 },
                { "name": "poor", "strategy": "bidder", "market": "a", "count": 4, "cash": 0.25 } ]%s }
            """.formatted(lottery == null ? "" : ", \"stages\": { \"lottery\": " + lottery + " }");
    }

    @Test
    void everyWinnerGetsTheWholePotAndMoneyIsConservedExactly() {
        // four draws (epochs 5, 10, 15, 20) of 10 tickets of 1 credit: each player ends with 100 - 4 + 10 x wins
        try (Engine e = Engine.start(Fixtures.scenario(scenario("{ \"cohort\": \"players\", \"ticket\": 1, "
                + "\"every\": 5 }")), 2)) {
            Segment players = e.layout().segments().get(e.scenario().cohorts().stream().map(c -> c.name()).toList()
                    .indexOf("players"));
            LotteryStage lottery = e.stage(LotteryStage.class);
            int[] wins = new int[players.size()];
            while (!e.finished()) {
                long before = lottery.draws();
                e.step();
                if (lottery.draws() > before) {
                    wins[lottery.lastWinner() - players.start()]++;
                }
            }
            assertEquals(4, lottery.draws());
            assertEquals(40 * CREDIT, lottery.paidOut(), "four pots of ten 1-credit tickets");
            Population p = e.population();
            for (int i = 0; i < players.size(); i++) {
                assertEquals((100 - 4 + 10L * wins[i]) * CREDIT, p.cash[players.start() + i], "player " + i);
            }
            e.verifyConservation();
        }
    }

    @Test
    void aPlayerWithLessThanATicketPaysWhatItHas() {
        // four agents with 0.25 credits and a 1-credit ticket: the first pot is 1 credit, and from then on the
        // holder of that credit pays it back in and the others have nothing: every pot is exactly 1 credit
        try (Engine e = Engine.start(Fixtures.scenario(scenario("{ \"cohort\": \"poor\", \"ticket\": 1 }")), 1)) {
            LotteryStage lottery = e.stage(LotteryStage.class);
            while (!e.finished()) {
                e.step();
            }
            assertEquals(20, lottery.draws());
            assertEquals(20 * CREDIT, lottery.paidOut());
            e.verifyConservation();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"opencl", "cuda"})
    void theDevicesDrawTheSameWinnersAsJava(String device) {
        Require.backend(device);
        String json = scenario("{ \"cohort\": \"players\", \"ticket\": 1, \"every\": 3 }");
        String java;
        try (Engine e = Engine.start(Fixtures.scenario(json), "java", 2)) {
            while (!e.finished()) {
                e.step();
            }
            java = StateDigest.of(e);
        }
        try (Engine e = Engine.start(Fixtures.scenario(json), device, 0)) {
            while (!e.finished()) {
                e.step();
            }
            assertEquals(java, StateDigest.of(e));
        }
    }

    @Test
    void aResumedRunEndsWhereTheUninterruptedOneDoesWithItsSummaryReportAndCsv(@TempDir Path tmp) throws Exception {
        String json = scenario("{ \"cohort\": \"players\", \"ticket\": 2.5, \"every\": 4 }");
        Path file = tmp.resolve("lottery.json");
        Files.writeString(file, json);
        RunSession.Outcome whole = RunSession.start(Fixtures.scenario(json), file, tmp.resolve("whole"), "java", 2,
                SILENT, true, false);
        Path cut = tmp.resolve("cut");
        RunSession.start(Fixtures.scenario(json), file, cut, "java", 1, SILENT, true, false);
        Files.delete(cut.resolve("checkpoints").resolve("epoch-000000020.ckpt")); // died after epoch 10
        Files.delete(cut.resolve("summary.json"));
        RunSession.Outcome resumed = RunSession.resume(cut, null, 2, null, SILENT, true, false);
        assertEquals(whole.checksum(), resumed.checksum(), "the lottery's section carried the run across");
        List<String> rows = Files.readAllLines(tmp.resolve("whole").resolve(LotteryStage.FILE));
        assertEquals(rows, Files.readAllLines(cut.resolve(LotteryStage.FILE)), "lottery.csv, no row doubled");
        assertEquals(List.of("epoch,winner,pot"), rows.subList(0, 1));
        assertEquals(6, rows.size(), "header and the draws of epochs 4, 8, 12, 16, 20");
        for (String row : rows.subList(1, rows.size())) {
            assertTrue(row.endsWith(",25"), "ten tickets of 2.5 credits: " + row);
        }
        JsonNode s = RunDirectory.JSON.readTree(cut.resolve("summary.json").toFile());
        assertEquals(5, s.path("lottery").path("draws").asInt());
        assertEquals("125", s.path("lottery").path("paid_out").asText());
        assertTrue(s.path("conservation").path("lottery").path("conserved").asBoolean());
        assertTrue(s.path("conservation").path("all_conserved").asBoolean());
        String html = Files.readString(HtmlReport.write(cut, null));
        assertTrue(html.contains("<h2>Lottery</h2>"), "the report has the lottery's section");
    }

    @Test
    void aBadLotterySectionNamesTheFilePathValueAndWhatIsAllowed() {
        ConfigException cohort = assertThrows(ConfigException.class, () -> ScenarioLoader.parse(
                scenario("{ \"cohort\": \"nobody\", \"ticket\": 1 }"), "l.json"));
        assertTrue(cohort.getMessage().contains("l.json") && cohort.getMessage().contains("stages.lottery.cohort")
                && cohort.getMessage().contains("nobody") && cohort.getMessage().contains("players"),
                cohort.getMessage());
        ConfigException ticket = assertThrows(ConfigException.class, () -> ScenarioLoader.parse(
                scenario("{ \"cohort\": \"players\", \"ticket\": -1 }"), "l.json"));
        assertTrue(ticket.getMessage().contains("stages.lottery.ticket"), ticket.getMessage());
        ConfigException field = assertThrows(ConfigException.class, () -> ScenarioLoader.parse(
                scenario("{ \"cohort\": \"players\", \"ticket\": 1, \"odds\": 2 }"), "l.json"));
        assertTrue(field.getMessage().contains("odds"), field.getMessage());
        ConfigException stage = assertThrows(ConfigException.class, () -> ScenarioLoader.parse(
                scenario("{}").replace("\"lottery\"", "\"raffle\""), "l.json"));
        assertTrue(stage.getMessage().contains("raffle") && stage.getMessage().contains("lottery"),
                stage.getMessage());
    }

    @Test
    void anEconomyWithoutALotteryWritesNoLotteryBytesAndDrawsNothing() {
        try (Engine e = Engine.start(Fixtures.scenario(scenario(null)), 1)) {
            long cash = e.population().cash[e.population().size - 1];
            e.step();
            LotteryStage lottery = e.stage(LotteryStage.class);
            assertFalse(lottery.kind().usedBy(e.scenario()));
            assertEquals(0, Section.of(lottery).bytes().length, "the state checksum of such an economy is unchanged");
            assertEquals(0, lottery.draws());
            assertEquals(cash, e.population().cash[e.population().size - 1]);
        }
    }
}
