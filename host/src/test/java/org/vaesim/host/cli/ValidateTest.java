package org.vaesim.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaesim.host.Fixtures;

/**
 * {@code validate} and {@code run} report every error of a scenario in one pass, and {@code validate} warns about
 * valid set-ups that are likely dead (issue 13, F.3).
 */
class ValidateTest {
    private static final Path NEWCOMER = Path.of("..", "models", "src", "test", "resources", "scenarios",
            "newcomer-two-markets.json");

    /** The newcomer's scenario with mistakes: a misspelt field, a bad fee, and a count of 0 in three cohorts. */
    private static Path mistakes(Path dir) throws Exception {
        String json = Files.readString(NEWCOMER)
                .replace("\"metrics_every\": 10,", "\"metrics_every\": 10, \"steps\": 300,")
                .replace("\"initial_price\": 10.00}", "\"initial_price\": 10.00, \"fee_bps\": 5000}")
                .replace("\"count\": 1000, \"cash\": 2000, \"inventory\": 50}", "\"count\": 0, \"cash\": 2000,"
                        + " \"inventory\": 50}");
        Path file = dir.resolve("three-errors.json");
        Files.writeString(file, json);
        return file;
    }

    private static List<String> lines(String text) {
        return text.lines().toList();
    }

    @Test
    void validateReportsEveryErrorAndExits2(@TempDir Path tmp) throws Exception {
        Path file = mistakes(tmp);
        CliTest.Result r = CliTest.vaesim("validate", file.toString());
        assertEquals(2, r.exit(), r.err());
        assertEquals(List.of(
                "vaesim: " + file + ": $.steps = 300: unknown field; allowed fields: name, description, seed, epochs,"
                        + " metrics_every, checkpoint_every, markets, population, safety, resource_auctions, missions,"
                        + " gateway, events, stages",
                "vaesim: " + file + ": $.markets[1].fee_bps = 5000: must be an integer from 0 to 1000",
                "vaesim: not checked until the errors above are fixed, as they depend on them: $.population,"
                        + " $.safety",
                "vaesim: 2 errors"), lines(r.err()));
        // with the markets right, the cohorts (whose prices lie on their markets' grids) are checked too
        Files.writeString(file, Files.readString(file).replace(", \"fee_bps\": 5000", ""));
        r = CliTest.vaesim("validate", file.toString());
        assertEquals(List.of(
                "vaesim: " + file + ": $.steps = 300: unknown field; allowed fields: name, description, seed, epochs,"
                        + " metrics_every, checkpoint_every, markets, population, safety, resource_auctions, missions,"
                        + " gateway, events, stages",
                "vaesim: " + file + ": $.population[3].count = 0: must be an integer from 1 to 2000000000",
                "vaesim: " + file + ": $.population[6].count = 0: must be an integer from 1 to 2000000000",
                "vaesim: " + file + ": $.population[7].count = 0: must be an integer from 1 to 2000000000",
                "vaesim: not checked until the errors above are fixed, as they depend on them: $.safety",
                "vaesim: 4 errors"), lines(r.err()));
    }

    @Test
    void runReportsEveryErrorToo(@TempDir Path tmp) throws Exception {
        CliTest.Result r = CliTest.vaesim("run", mistakes(tmp).toString(), "--out", tmp.resolve("run").toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("$.steps = 300") && r.err().contains("$.markets[1].fee_bps = 5000")
                && r.err().contains("vaesim: 2 errors"), r.err());
    }

    @Test
    void validateWarnsAboutALikelyDeadSetUpAndExits0() {
        CliTest.Result r = CliTest.vaesim("validate", NEWCOMER.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("valid: scenario newcomer-two-markets"), r.out());
        List<String> err = lines(r.err());
        assertEquals(3, err.size(), r.err());
        assertTrue(err.get(0).startsWith("vaesim: warning: " + NEWCOMER + ": $.markets[0]: market \"gpu\": the ZI"
                + " traders (gpu-buyers, gpu-sellers) value it at 10 to 30 credits, beyond the circuit breaker's band"
                + " of 19 to 21 credits"), err.get(0));
        assertTrue(err.get(1).startsWith("vaesim: warning: " + NEWCOMER + ": $.markets[0]: market \"gpu\": the"
                + " fundamentalists (gpu-value)"), err.get(1));
        assertTrue(err.get(2).startsWith("vaesim: warning: " + NEWCOMER + ": $.markets[1]: market \"files\""),
                err.get(2));
    }

    @Test
    void aShippedScenarioValidatesWithoutWarnings() {
        CliTest.Result r = CliTest.vaesim("validate", Fixtures.config("quickstart.json").toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err());
    }
}
