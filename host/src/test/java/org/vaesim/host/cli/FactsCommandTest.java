package org.vaesim.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaesim.host.Fixtures;
import org.vaesim.host.run.RunDirectory;
import org.vaesim.host.run.RunSession;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code vaesim facts} as a user runs it (docs/facts.md): the table, the JSON, and clear errors for bad input. */
class FactsCommandTest {
    @TempDir
    static Path tmp;
    static Path run;

    /** A ZI market (m) and a market nobody trades in (idle), 300 epochs with a metrics row per epoch. */
    @BeforeAll
    static void runASmallEconomy() throws Exception {
        String json = """
            { "name": "facts", "seed": 3, "epochs": 300, "metrics_every": 1,
              "markets": [ { "name": "m", "resource": "asset", "tick_size": 0.01, "ticks": 400, "initial_price": 2 },
                           { "name": "idle", "resource": "data", "tick_size": 0.01, "ticks": 400, "initial_price": 1 } ],
              "population": [
                { "name": "b", "strategy": "zi-c", "market": "m", "count": 200, "cash": 1000,
                  "params": { "side": "buy", "value_min": 1.00, "value_max": 3.00, "units": 1, "period": 5 } },
                { "name": "s", "strategy": "zi-c", "market": "m", "count": 200, "inventory": 100,
                  "params": { "side": "sell", "value_min": 1.00, "value_max": 3.00, "units": 1, "period": 5 } } ] }
            """;
        Path file = tmp.resolve("s.json");
        Files.writeString(file, json);
        run = tmp.resolve("run");
        assertTrue(RunSession.start(Fixtures.scenario(json), file, run, "java", 2,
                new PrintStream(OutputStream.nullOutputStream()), true).complete());
    }

    @Test
    void printsEachMarketsFactsBesideTheirReferences() {
        CliTest.Result r = CliTest.vaesim("facts", run.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("market m: 270 returns of 1 epoch, epochs 30-300"), r.out());
        assertTrue(r.out().contains("heavy right tail (Hill, k = 7)") && r.out().contains("2 < alpha < 5"), r.out());
        assertTrue(r.out().contains("market idle: 270 returns") && r.out().contains("100.0% of the returns are 0"),
                "a market that never trades is reported, with its warning: " + r.out());
        assertTrue(r.out().contains("Hill plot, right tail"), r.out());
    }

    @Test
    void jsonIsSummaryJsonsFactsBlockAndFromMovesTheBurnIn() throws Exception {
        CliTest.Result r = CliTest.vaesim("facts", run.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode printed = RunDirectory.JSON.readTree(r.out());
        JsonNode summary = RunDirectory.JSON.readTree(run.resolve("summary.json").toFile()).path("facts");
        assertEquals(summary, printed, "the command and the summary compute the same block");
        CliTest.Result late = CliTest.vaesim("facts", run.toString(), "--json", "--market", "m", "--from", "100");
        JsonNode m = RunDirectory.JSON.readTree(late.out());
        assertEquals(1, m.size());
        assertEquals(100, m.get(0).path("from_epoch").asInt());
        assertEquals(200, m.get(0).path("returns").asInt());
    }

    @Test
    void badInputIsAClearErrorWithExitCode2() throws Exception {
        CliTest.Result market = CliTest.vaesim("facts", run.toString(), "--market", "nope");
        assertEquals(2, market.exit());
        assertTrue(market.err().contains("--market = 'nope': must be one of the run's markets [m, idle]"),
                market.err());
        CliTest.Result from = CliTest.vaesim("facts", run.toString(), "--from", "300");
        assertEquals(2, from.exit());
        assertTrue(from.err().contains("--from = 300: must be at least 0 and before the last epoch recorded, 300"),
                from.err());
        CliTest.Result few = CliTest.vaesim("facts", run.toString(), "--from", "280", "--market", "m");
        assertEquals(2, few.exit());
        assertTrue(few.out().contains("market m has 20 returns after epoch 280; the facts need at least 30"),
                few.out());
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        CliTest.Result none = CliTest.vaesim("facts", empty.toString());
        assertEquals(2, none.exit());
        assertTrue(none.err().contains("metrics.csv = (missing)"), none.err());
        Files.writeString(empty.resolve("metrics.csv"), "this,is,not\n1,2,3\n");
        CliTest.Result garbage = CliTest.vaesim("facts", empty.toString());
        assertEquals(2, garbage.exit());
        assertTrue(garbage.err().contains("not 'epoch': not a metrics.csv"), garbage.err());
        assertFalse(garbage.err().contains("Exception"), "no stack trace: " + garbage.err());
    }

    @Test
    void helpNamesEveryOption() {
        CliTest.Result r = CliTest.vaesim("facts", "--help");
        assertEquals(0, r.exit());
        for (String option : new String[] {"RUN_DIR", "--market", "--from", "--json", "Cont 2001", "10% of the epochs"}) {
            assertTrue(r.out().contains(option), option + " in " + r.out());
        }
        assertFalse(r.err().contains("WARN"), "a description picocli can format: " + r.err());
        assertTrue(CliTest.vaesim("--help").out().contains("facts"), "listed among the commands");
    }
}
