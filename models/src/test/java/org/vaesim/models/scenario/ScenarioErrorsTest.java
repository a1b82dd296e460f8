package org.vaesim.models.scenario;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each bad input gives one {@link ConfigException} with the exact path and bad value, and a message naming
 * the source, the value and what is allowed. Most cases edit one snippet of {@link #BASE}, a valid document.
 */
class ScenarioErrorsTest {
    static final String SOURCE = "configs/x.json";

    static final String BASE = """
            {
              "name": "base",
              "seed": 7,
              "epochs": 100,
              "markets": [
                {"name": "compute", "resource": "compute", "tick_size": 0.01, "ticks": 1024, "initial_price": 5.00},
                {"name": "data", "resource": "data", "tick_size": 0.5, "ticks": 64, "initial_price": 10}
              ],
              "population": [
                {"name": "mm", "strategy": "market-maker", "market": "compute", "count": 10, "cash": 1000},
                {"name": "buyers", "strategy": "zi-c", "market": "compute", "count": 100,
                 "params": {"side": "buy", "value_min": 4.00, "value_max": 6.00}},
                {"name": "fund", "strategy": "fundamentalist", "market": "data", "count": 50, "params": {"max_qty": 5}},
                {"name": "exec", "strategy": "execution", "market": "data", "count": 1,
                 "params": {"side": "sell", "target_qty": 1000, "participation": 0.2}}
              ],
              "events": [
                {"epoch": 50, "type": "inject_cash", "cohort": "fund", "amount": 10},
                {"epoch": 60, "type": "shift_fundamental", "market": "data", "percent": 5}
              ]
            }
            """;

    @Test
    void baseDocumentIsValid() {
        assertDoesNotThrow(() -> ScenarioLoader.parse(BASE, SOURCE));
    }

    /** what, snippet of BASE, replacement, expected path, expected bad value, part of the allowed text. */
    static Stream<Arguments> editsOfBase() {
        return Stream.of(
                // unknown fields, at every level
                edit("unknown top-level field", "\"seed\": 7,", "\"seed\": 7, \"colour\": \"red\",",
                        "$.colour", "\"red\"", "unknown field; allowed fields: name, description, seed, epochs,"
                                + " metrics_every, checkpoint_every, markets, population, safety, resource_auctions,"
                                + " missions, gateway, events"),
                edit("unknown field with an odd name", "\"seed\": 7,", "\"seed\": 7, \"my field\": 1,",
                        "$[\"my field\"]", "1", "unknown field"),
                edit("unknown market field", "\"ticks\": 1024,", "\"ticks\": 1024, \"lot_size\": 1,",
                        "$.markets[0].lot_size", "1",
                        "unknown field; allowed fields: name, resource, tick_size, ticks, initial_price, fundamental, fee_bps,"
                                + " sandbox"),
                edit("unknown cohort field", "\"count\": 50,", "\"count\": 50, \"size\": 3,",
                        "$.population[2].size", "3",
                        "unknown field; allowed fields: name, strategy, market, count, cash, inventory, principal, scope, arrival, params"),
                edit("unknown params field", "{\"max_qty\": 5}", "{\"max_qty\": 5, \"greed\": 0.90}",
                        "$.population[2].params.greed", "0.90", "unknown field; allowed fields: dispersion_ticks,"
                                + " threshold_ticks, reaction, max_qty, activity, max_position, max_short"),
                edit("params field of another family", "\"participation\": 0.2}", "\"participation\": 0.2, \"units\": 2}",
                        "$.population[3].params.units", "2", "allowed fields: side, target_qty, participation,"
                                + " start_epoch, limit_price, max_order"),
                edit("unknown event field", "\"amount\": 10}", "\"amount\": 10, \"market\": \"data\"}",
                        "$.events[0].market", "\"data\"", "unknown field; allowed fields: epoch, type, cohort, amount"),
                // wrong JSON types
                edit("string for an integer", "\"epochs\": 100", "\"epochs\": \"100\"",
                        "$.epochs", "\"100\"", "must be an integer from 1 to 1000000000"),
                edit("boolean for the seed", "\"seed\": 7", "\"seed\": true",
                        "$.seed", "true", "must be a signed 64-bit integer"),
                edit("number for a name", "\"name\": \"base\"", "\"name\": 5",
                        "$.name", "5", "must be a name of 1 to 64 characters from A-Z a-z 0-9 . _ -"),
                edit("number for a description", "\"name\": \"base\",", "\"name\": \"base\", \"description\": 5,",
                        "$.description", "5", "must be a string"),
                edit("array for params", "{\"max_qty\": 5}", "[5]",
                        "$.population[2].params", "[5]", "must be an object"),
                edit("string for a price", "\"initial_price\": 10}", "\"initial_price\": \"10\"}",
                        "$.markets[1].initial_price", "\"10\"", "must be a price from 0.5 to 31.5 credits"),
                // integers out of range
                edit("negative count", "\"count\": 50", "\"count\": -5",
                        "$.population[2].count", "-5", "must be an integer from 1 to 2000000000"),
                edit("count 0", "\"count\": 10,", "\"count\": 0,",
                        "$.population[0].count", "0", "must be an integer from 1 to 2000000000"),
                edit("fractional count", "\"count\": 10,", "\"count\": 1.5,",
                        "$.population[0].count", "1.5", "must be an integer from 1 to 2000000000"),
                edit("count above the limit", "\"count\": 10,", "\"count\": 2000000001,",
                        "$.population[0].count", "2000000001", "must be an integer from 1 to 2000000000"),
                edit("seed beyond 64 bits", "\"seed\": 7", "\"seed\": 9223372036854775808",
                        "$.seed", "9223372036854775808", "must be a signed 64-bit integer"),
                edit("too few ticks", "\"ticks\": 64", "\"ticks\": 15",
                        "$.markets[1].ticks", "15", "must be an integer from 16 to 65536"),
                edit("astronomical ticks", "\"ticks\": 64", "\"ticks\": 1e999999999",
                        "$.markets[1].ticks", "1E+999999999", "must be an integer from 16 to 65536"),
                edit("vanishing cash", "\"cash\": 1000", "\"cash\": 1e-999999999",
                        "$.population[0].cash", "1E-999999999", "must be a non-negative amount of credits"),
                edit("astronomical price", "\"value_max\": 6.00", "\"value_max\": 1e999999999",
                        "$.population[1].params.value_max", "1E+999999999", "outside the price grid"),
                edit("astronomical fraction", "\"participation\": 0.2", "\"participation\": 1e999999999",
                        "$.population[3].params.participation", "1E+999999999", "must be a finite number in (0, 1]"),
                edit("fee too high", "\"ticks\": 64,", "\"ticks\": 64, \"fee_bps\": 1001,",
                        "$.markets[1].fee_bps", "1001", "must be an integer from 0 to 1000"),
                edit("sandbox not a name", "\"ticks\": 64,", "\"ticks\": 64, \"sandbox\": \"lab one\",",
                        "$.markets[1].sandbox", "\"lab one\"", "must be a name of 1 to 64 characters"),
                edit("event epoch = epochs", "\"epoch\": 60", "\"epoch\": 100",
                        "$.events[1].epoch", "100", "must be an integer from 0 to 99"),
                edit("negative event epoch", "\"epoch\": 50", "\"epoch\": -1",
                        "$.events[0].epoch", "-1", "must be an integer from 0 to 99"),
                edit("zero units", "\"amount\": 10}", "\"amount\": 10},\n"
                                + "    {\"epoch\": 1, \"type\": \"remove_goods\", \"cohort\": \"mm\", \"units\": 0}",
                        "$.events[1].units", "0", "must be an integer from 1 to 1000000000"),
                // money
                edit("negative tick size", "\"tick_size\": 0.01", "\"tick_size\": -0.01",
                        "$.markets[0].tick_size", "-0.01", "must be a positive amount of credits with at most 6 decimals"),
                edit("tick size below a micro-credit", "\"tick_size\": 0.01", "\"tick_size\": 0.0000001",
                        "$.markets[0].tick_size", "0.0000001",
                        "must be a positive amount of credits with at most 6 decimals"),
                edit("tick size too large for the grid", "\"tick_size\": 0.5", "\"tick_size\": 100000000000",
                        "$.markets[1].tick_size", "100000000000", "too large for 64 ticks: the top price,"
                                + " (ticks - 1) x tick_size, must be at most 4611686018427.387904 credits"),
                edit("negative cash", "\"cash\": 1000", "\"cash\": -1",
                        "$.population[0].cash", "-1", "must be a non-negative amount of credits with at most 6 decimals"),
                edit("cash beyond 2^62 micro-credits", "\"cash\": 1000", "\"cash\": 5000000000000",
                        "$.population[0].cash", "5000000000000", "must be at most 4611686018427.387904 credits"),
                edit("zero event amount", "\"amount\": 10", "\"amount\": 0",
                        "$.events[0].amount", "0", "must be a positive amount of credits"),
                // prices and the tick grid
                edit("initial price off the tick grid", "\"initial_price\": 5.00", "\"initial_price\": 5.005",
                        "$.markets[0].initial_price", "5.005", "off the tick grid: must be a multiple of the tick size"
                                + " 0.01; the nearest grid prices are 5.00 and 5.01"),
                edit("fundamental off the tick grid", "\"initial_price\": 10}", "\"initial_price\": 10, \"fundamental\": 7.25}",
                        "$.markets[1].fundamental", "7.25", "the nearest grid prices are 7.0 and 7.5"),
                edit("value off the tick grid", "\"value_min\": 4.00", "\"value_min\": 4.001",
                        "$.population[1].params.value_min", "4.001", "the nearest grid prices are 4.00 and 4.01"),
                edit("limit price off the tick grid", "\"participation\": 0.2}",
                        "\"participation\": 0.2, \"limit_price\": 3.3}",
                        "$.population[3].params.limit_price", "3.3", "the nearest grid prices are 3.0 and 3.5"),
                edit("price above the grid", "\"value_max\": 6.00", "\"value_max\": 10.24",
                        "$.population[1].params.value_max", "10.24", "outside the price grid: must be from 0.01 to"
                                + " 10.23 credits (ticks 1 to 1023 of tick size 0.01)"),
                edit("price zero", "\"initial_price\": 10}", "\"initial_price\": 0}",
                        "$.markets[1].initial_price", "0", "outside the price grid: must be from 0.5 to 31.5 credits"),
                edit("value_min above value_max", "\"value_min\": 4.00", "\"value_min\": 6.50",
                        "$.population[1].params.value_max", "6.00", "must be at least value_min (6.50)"),
                // the heterogeneous-belief families
                edit("noise traders' tail at 1 (no finite mean)", "\"strategy\": \"fundamentalist\", \"market\": \"data\", \"count\": 50, \"params\": {\"max_qty\": 5}",
                        "\"strategy\": \"noise\", \"market\": \"data\", \"count\": 50, \"params\": {\"tail\": 1}",
                        "$.population[2].params.tail", "1", "must be a finite number in (1, 10]"),
                edit("order-driven traders without any weight", "\"strategy\": \"fundamentalist\", \"market\": \"data\", \"count\": 50, \"params\": {\"max_qty\": 5}",
                        "\"strategy\": \"order-driven\", \"market\": \"data\", \"count\": 50, \"params\": "
                                + "{\"fundamental_weight\": 0, \"chartist_weight\": 0, \"noise_weight\": 0}",
                        "$.population[2].params.noise_weight", "0", "fundamental_weight, chartist_weight and"
                                + " noise_weight are all 0: at least one must be positive"),
                edit("switching traders who never forget", "\"strategy\": \"fundamentalist\", \"market\": \"data\", \"count\": 50, \"params\": {\"max_qty\": 5}",
                        "\"strategy\": \"switching\", \"market\": \"data\", \"count\": 50, \"params\": {\"memory\": 1}",
                        "$.population[2].params.memory", "1", "must be a finite number in [0, 1)"),
                // listed induced values (Smith 1962 schedules)
                edit("listed values beside a drawn range", "\"value_max\": 6.00", "\"value_max\": 6.00, \"values\": [5.00]",
                        "$.population[1].params.value_min", "4.00", "give either \"values\" (listed) or value_min"
                                + " and value_max (drawn), not both"),
                edit("listed values that do not divide the count", "\"value_min\": 4.00, \"value_max\": 6.00",
                        "\"values\": [4.00, 5.00, 6.00]", "$.population[1].params.values", "3 values for 100 agents",
                        "the cohort's count must be a multiple of the number of values (the k-th agent gets"
                                + " values[k mod 3])"),
                edit("listed value off the tick grid", "\"value_min\": 4.00, \"value_max\": 6.00",
                        "\"values\": [4.00, 4.005]", "$.population[1].params.values[1]", "4.005",
                        "the nearest grid prices are 4.00 and 4.01"),
                edit("no listed values", "\"value_min\": 4.00, \"value_max\": 6.00", "\"values\": []",
                        "$.population[1].params.values", "[]", "must be an array of 1 to 1000000 elements"),
                // NaN and infinities
                edit("NaN integer", "\"epochs\": 100", "\"epochs\": NaN",
                        "$.epochs", "NaN", "must be an integer from 1 to 1000000000"),
                edit("NaN fraction", "\"participation\": 0.2", "\"participation\": NaN",
                        "$.population[3].params.participation", "NaN", "must be a finite number in (0, 1]"),
                edit("Infinity cash", "\"cash\": 1000", "\"cash\": Infinity",
                        "$.population[0].cash", "Infinity", "must be a non-negative amount of credits"),
                edit("-Infinity percent", "\"percent\": 5", "\"percent\": -Infinity",
                        "$.events[1].percent", "-Infinity", "must be a finite number in (-100, 1000]"),
                // other real ranges
                edit("percent -100", "\"percent\": 5", "\"percent\": -100",
                        "$.events[1].percent", "-100", "must be a finite number in (-100, 1000]"),
                edit("zero activity", "{\"max_qty\": 5}", "{\"activity\": 0}",
                        "$.population[2].params.activity", "0", "must be a finite number in (0, 1]"),
                edit("negative reaction", "{\"max_qty\": 5}", "{\"reaction\": -0.1}",
                        "$.population[2].params.reaction", "-0.1", "must be a finite number >= 0"),
                // names and references
                edit("unknown strategy", "\"strategy\": \"fundamentalist\"", "\"strategy\": \"value-investor\"",
                        "$.population[2].strategy", "\"value-investor\"", "must be one of \"zi-c\", \"zi-u\","
                                + " \"fundamentalist\", \"chartist\", \"market-maker\", \"hft\", \"execution\""),
                edit("unknown resource", "\"resource\": \"data\"", "\"resource\": \"energy\"",
                        "$.markets[1].resource", "\"energy\"",
                        "must be one of \"compute\", \"data\", \"agent_time\", \"asset\""),
                edit("unknown side", "\"side\": \"buy\"", "\"side\": \"BUY\"",
                        "$.population[1].params.side", "\"BUY\"", "must be one of \"buy\", \"sell\""),
                edit("unknown event type", "\"type\": \"inject_cash\"", "\"type\": \"airdrop\"",
                        "$.events[0].type", "\"airdrop\"", "must be one of \"shift_fundamental\", \"inject_cash\","
                                + " \"remove_cash\", \"inject_goods\", \"remove_goods\""),
                edit("unknown market name", "\"market\": \"data\", \"count\": 50", "\"market\": \"dta\", \"count\": 50",
                        "$.population[2].market", "\"dta\"", "must name a market, one of \"compute\", \"data\""),
                edit("unknown market in an event", "\"market\": \"data\", \"percent\"",
                        "\"market\": \"gpu\", \"percent\"",
                        "$.events[1].market", "\"gpu\"", "must name a market, one of \"compute\", \"data\""),
                edit("unknown cohort name in an event", "\"cohort\": \"fund\"", "\"cohort\": \"funds\"",
                        "$.events[0].cohort", "\"funds\"",
                        "must name a cohort, one of \"mm\", \"buyers\", \"fund\", \"exec\""),
                edit("bad scenario name", "\"name\": \"base\"", "\"name\": \"my economy\"",
                        "$.name", "\"my economy\"", "must be a name of 1 to 64 characters"),
                edit("duplicate market name", "{\"name\": \"data\", \"resource\"", "{\"name\": \"compute\", \"resource\"",
                        "$.markets[1].name", "\"compute\"", "must be unique; already used by $.markets[0]"),
                edit("duplicate cohort name", "{\"name\": \"fund\",", "{\"name\": \"mm\",",
                        "$.population[2].name", "\"mm\"", "must be unique; already used by $.population[0]"),
                // missing fields
                edit("missing top-level field", "\"name\": \"base\",", "",
                        "$.name", "(missing)", "required field; must be a name"),
                edit("missing market field", "\"ticks\": 1024, ", "",
                        "$.markets[0].ticks", "(missing)", "required field; must be an integer from 16 to 65536"),
                edit("missing params field", "\"side\": \"sell\", ", "",
                        "$.population[3].params.side", "(missing)", "required field; must be one of \"buy\", \"sell\""),
                edit("missing params object", ",\n     \"params\": {\"side\": \"sell\", \"target_qty\": 1000, \"participation\": 0.2}", "",
                        "$.population[3].params.side", "(missing)", "required field"),
                edit("null for a required field", "\"seed\": 7", "\"seed\": null",
                        "$.seed", "null", "required field; must be a signed 64-bit integer"),
                // duplicate JSON keys
                edit("duplicate top-level key", "\"seed\": 7,", "\"seed\": 7, \"seed\": 8,",
                        "$.seed", "(duplicate key at line 3, column 20)", "each field may appear only once per object"),
                edit("duplicate nested key", "{\"max_qty\": 5}", "{\"max_qty\": 5, \"max_qty\": 6}",
                        "$.population[2].params.max_qty", "(duplicate key at line 13, column 117)",
                        "each field may appear only once per object"),
                // population-wide limits
                edit("order book overflow", "\"count\": 10, \"cash\": 1000", "\"count\": 110000000, \"cash\": 1000",
                        "$.population", "2200000100 units of order quantity on market \"compute\"",
                        "per market, the sum over its cohorts of count x largest order quantity (x 2 for market-maker"
                                + " and hft) must be at most 2147483647"),
                edit("too many agents", "\"count\": 100,", "\"count\": 1999999999,",
                        "$.population", "2000000060 agents", "the total agent count must be at most 2000000000"),
                edit("total cash overflow", "\"count\": 10, \"cash\": 1000", "\"count\": 10, \"cash\": 4611686018427",
                        "$.population", "46116860184270000000 micro-credits of initial cash",
                        "the total initial cash of all agents must be at most 4611686018427.387904 credits"));
    }

    private static Arguments edit(String what, String snippet, String replacement, String path, String badValue,
                                  String allowed) {
        return Arguments.argumentSet(what, snippet, replacement, path, badValue, allowed);
    }

    @ParameterizedTest
    @MethodSource("editsOfBase")
    void rejectsEditOfBase(String snippet, String replacement, String path, String badValue, String allowed) {
        assertEquals(1, BASE.split(Pattern.quote(snippet), -1).length - 1,
                "snippet occurs exactly once: " + snippet);
        assertRejected(BASE.replace(snippet, replacement), path, badValue, allowed);
    }

    /** The document as a whole: malformed JSON, wrong root, empty or oversized arrays. */
    static Stream<Arguments> wholeDocuments() {
        String markets = "\"markets\": [{\"name\": \"m\", \"resource\": \"asset\", \"tick_size\": 1, \"ticks\": 16,"
                + " \"initial_price\": 8}]";
        String population = "\"population\": [{\"name\": \"f\", \"strategy\": \"fundamentalist\", \"market\": \"m\","
                + " \"count\": 1}]";
        String head = "{\"name\": \"doc\", \"seed\": 1, \"epochs\": 10, ";
        String manyMarkets = Stream.iterate(0, i -> i + 1).limit(257)
                .map(i -> "{\"name\": \"m" + i + "\", \"resource\": \"asset\", \"tick_size\": 1, \"ticks\": 16,"
                        + " \"initial_price\": 8}")
                .reduce((a, b) -> a + ", " + b).orElseThrow();
        return Stream.of(
                Arguments.argumentSet("missing comma", "{\n  \"name\": \"x\",\n  \"seed\": 1\n  \"epochs\": 5\n}",
                        "line 4, column 3", "'\"'", "malformed JSON: was expecting comma to separate Object entries"),
                Arguments.argumentSet("trailing comma", "{\"name\": \"x\",\n}",
                        "line 2, column 1", "'}'", "malformed JSON: was expecting double-quote to start field name"),
                Arguments.argumentSet("unterminated object", "{\"name\": \"x\"",
                        "line 1, column 13", "end of input", "malformed JSON: expected close marker for Object"
                                + " (start marker at line 1, column 1)"),
                Arguments.argumentSet("misspelt literal", "{\"name\": tru}",
                        "line 1, column 10", "'tru'", "malformed JSON: was expecting (JSON String, Number, Array,"
                                + " Object or token 'null', 'true' or 'false')"),
                Arguments.argumentSet("comment", "// scenario\n{}",
                        "line 1, column 1", "'/'", "malformed JSON: comments are not allowed in JSON"),
                Arguments.argumentSet("leading zero", "{\"seed\": 01}",
                        "line 1, column 11", "malformed JSON", "Invalid numeric value: Leading zeroes not allowed"),
                Arguments.argumentSet("content after the object", "{} {}",
                        "line 1, column 4", "'{'", "malformed JSON: unexpected content after the top-level value"),
                Arguments.argumentSet("empty document", "  \n",
                        "$", "(empty document)", "must be a JSON object"),
                Arguments.argumentSet("array at the root", "[1, 2]",
                        "$", "[1,2]", "must be an object"),
                Arguments.argumentSet("no markets", head + "\"markets\": [], " + population + "}",
                        "$.markets", "[]", "must be an array of 1 to 256 elements"),
                Arguments.argumentSet("257 markets", head + "\"markets\": [" + manyMarkets + "], " + population + "}",
                        "$.markets", "(an array of 257 elements)", "must be an array of 1 to 256 elements"),
                Arguments.argumentSet("no population", head + markets + ", \"population\": []}",
                        "$.population", "[]", "must be an array of at least 1 element(s)"),
                Arguments.argumentSet("events not an array", head + markets + ", " + population + ", \"events\": {}}",
                        "$.events", "{}", "must be an array"),
                Arguments.argumentSet("cohort not an object", head + markets + ", \"population\": [7]}",
                        "$.population[0]", "7", "must be an object"));
    }

    @ParameterizedTest
    @MethodSource("wholeDocuments")
    void rejectsDocument(String json, String path, String badValue, String allowed) {
        assertRejected(json, path, badValue, allowed);
    }

    @Test
    void messageHasTheDocumentedFormat() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ScenarioLoader.parse(BASE.replace("\"tick_size\": 0.01", "\"tick_size\": -0.01"), SOURCE));
        assertEquals("configs/x.json: $.markets[0].tick_size = -0.01: must be a positive amount of credits with at"
                + " most 6 decimals", e.getMessage());
    }

    @Test
    void firstErrorInDocumentOrderWins() {
        String twoErrors = BASE.replace("\"count\": 10,", "\"count\": 0,").replace("\"count\": 50", "\"count\": -5");
        assertRejected(twoErrors, "$.population[0].count", "0", "must be an integer from 1 to 2000000000");
    }

    private static void assertRejected(String json, String path, String badValue, String allowed) {
        ConfigException e = assertThrows(ConfigException.class, () -> ScenarioLoader.parse(json, SOURCE));
        assertEquals(path, e.jsonPath(), e::getMessage);
        assertEquals(badValue, e.badValue(), e::getMessage);
        assertTrue(e.allowed().contains(allowed), () -> "allowed text lacks '" + allowed + "': " + e.getMessage());
        assertEquals(SOURCE + ": " + path + " = " + badValue + ": " + e.allowed(), e.getMessage());
        assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("jackson")
                || e.getMessage().contains("Source:"), e::getMessage);
    }
}
