package org.vaesim.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad input in every {@code stages.*} section, as a user meets it (issue R: clear errors for bad input): missing
 * fields, wrong types, out-of-range values, unknown keys and cohorts that do not exist. {@code vaesim validate} and
 * {@code vaesim run} each exit 2 with one line naming the file, the JSON path, the value and what is allowed, print
 * no stack trace, and {@code run} writes no run directory.
 */
class StageInputsCliTest {
    private static final String SCENARIO = """
        {"name": "bad-stages", "seed": 1, "epochs": 10,
         "markets": [{"name": "m", "resource": "compute", "tick_size": 0.01, "ticks": 2000, "initial_price": 10.00},
                     {"name": "d", "resource": "agent_time", "tick_size": 0.01, "ticks": 2000, "initial_price": 10.00}],
         "population": [
           {"name": "buyers", "strategy": "zi-c", "market": "m", "count": 10, "cash": 100,
            "params": {"side": "buy", "value_min": 9, "value_max": 11}},
           {"name": "sellers", "strategy": "zi-c", "market": "m", "count": 10, "inventory": 10,
            "params": {"side": "sell", "value_min": 9, "value_max": 11}},
           {"name": "clients", "strategy": "bidder", "market": "d", "count": 10, "cash": 100},
           {"name": "providers", "strategy": "bidder", "market": "d", "count": 10, "cash": 100}],
         "stages": {%s}}
        """;
    private static final String SERVICE = "\"name\": \"s\", \"buyers\": \"clients\", \"sellers\": \"providers\","
            + " \"demand\": 0.5, \"value_min\": 5, \"value_max\": 15, \"cost_min\": 5, \"cost_max\": 15";

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // the stages object and unknown sections
        "`\"lotto\": {}`|$.stages.lotto|{}|unknown field; allowed fields: capability, coordination, entrenchment,"
                + " linking",
        "`\"wealth_tax\": 5`|$.stages.wealth_tax|5|must be an object",
        // wealth_tax
        "`\"wealth_tax\": {\"rate\": 0.1}`|$.stages.wealth_tax.cohorts|(missing)|required field",
        "`\"wealth_tax\": {\"cohorts\": [\"nobody\"], \"rate\": 0.1}`|$.stages.wealth_tax.cohorts[0]|\"nobody\""
                + "|must name a cohort, one of \"buyers\", \"sellers\", \"clients\", \"providers\"",
        "`\"wealth_tax\": {\"cohorts\": [\"buyers\"], \"rate\": \"x\"}`|$.stages.wealth_tax.rate|\"x\"|in [0, 1]",
        "`\"wealth_tax\": {\"cohorts\": [\"buyers\"], \"rate\": 0.1, \"every\": 11}`|$.stages.wealth_tax.every|11"
                + "|from 1 to 10",
        "`\"wealth_tax\": {\"cohorts\": [\"buyers\"], \"rate\": 0.1, \"bogus\": 1}`|$.stages.wealth_tax.bogus|1"
                + "|unknown field; allowed fields: cohorts, rate, every",
        // capability
        "`\"capability\": {\"cohorts\": \"buyers\"}`|$.stages.capability.cohorts|\"buyers\"|must be an array",
        "`\"capability\": {\"cohorts\": [\"buyers\"], \"feedback\": 11}`|$.stages.capability.feedback|11|[0, 10]",
        "`\"capability\": {\"cohorts\": [\"buyers\", \"buyers\"]}`|$.stages.capability.cohorts[1]|\"buyers\""
                + "|each cohort once",
        // entrenchment
        "`\"entrenchment\": {\"persistence_lag\": 9}`|$.stages.entrenchment.persistence_lag|9|from 1 to 7",
        "`\"entrenchment\": []`|$.stages.entrenchment|[]|must be an object",
        // relationships
        "`\"relationships\": {\"sellers\": \"sellers\", \"value_min\": 5, \"value_max\": 15}`"
                + "|$.stages.relationships.buyers|(missing)|must name a cohort of the population",
        "`\"relationships\": {\"buyers\": \"buyers\", \"sellers\": \"clients\", \"value_min\": 5, \"value_max\": 15}`"
                + "|$.stages.relationships.sellers|\"clients\"|market m",
        "`\"relationships\": {\"buyers\": \"buyers\", \"sellers\": \"sellers\", \"value_min\": 5, \"value_max\": 20}`"
                + "|$.stages.relationships.value_max|20|at most 19.99 credits",
        // coordination
        "`\"coordination\": {\"protocol\": \"telepathy\", \"services\": [{" + "s" + "}]}`"
                + "|$.stages.coordination.protocol|\"telepathy\""
                + "|must be one of \"bilateral\", \"auction\", \"mission\"",
        "`\"coordination\": {\"protocol\": \"bilateral\", \"services\": []}`|$.stages.coordination.services|[]"
                + "|must be an array of 1 to 64 elements",
        "`\"coordination\": {\"protocol\": \"bilateral\", \"services\": [{S, \"buyers\": \"nobody\"}]}`"
                + "|$.stages.coordination.services[0].buyers|(duplicate key|each field may appear only once",
        "`\"coordination\": {\"protocol\": \"auction\", \"services\": [{S, \"dormant\": {\"open_below\": 1}}]}`"
                + "|$.stages.coordination.services[0].dormant|{\"open_below\":1}|only with protocol \"bilateral\"",
        // linking
        "`\"linking\": {\"bogus\": 1}`|$.stages.linking.bogus|1|unknown field; allowed fields: width_ticks",
    })
    void aBadStageSectionIsExit2NamingFilePathValueAndWhatIsAllowed(String stages, String path, String bad,
                                                                    String allowed, @TempDir Path tmp)
            throws Exception {
        Path file = tmp.resolve("bad-stages.json");
        String section = stages.replace("{" + "s" + "}", "{" + SERVICE + "}").replace("{S,", "{" + SERVICE + ",");
        Files.writeString(file, SCENARIO.formatted(section));
        String line = "vaesim: " + file + ": " + path + " = " + bad;
        CliTest.Result v = CliTest.vaesim("validate", file.toString());
        assertEquals(2, v.exit(), v.err());
        assertTrue(v.err().contains(line) && v.err().contains(allowed), v.err());
        assertFalse(v.err().contains("Exception") || v.err().contains("\tat "), v.err());
        Path out = tmp.resolve("run");
        CliTest.Result r = CliTest.vaesim("run", file.toString(), "--out", out.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains(line) && r.err().contains(allowed), r.err());
        assertFalse(Files.exists(out.resolve("summary.json")), "nothing is run");
    }
}
