package org.vaesim.models.scenario;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Numbers at and beyond what a scenario can hold: exponents no BigDecimal holds, documents past the JSON
 * reader's limits, and economies whose money, goods or wealth would leave 64 bits over the run. Each is one
 * ConfigException naming the file, the JSON path and what is allowed, never another exception.
 */
class NumericLimitsTest {
    private static final String SOURCE = "configs/n.json";
    /** 2^62 micro-credits in credits: the most money a scenario may hold. */
    private static final String MAX_CREDITS = "4611686018427.387904";

    /**
     * Two fundamentalist cohorts of 2 agents (no short selling): "buyers" with cash, "sellers" with 1000 units
     * each; %s are the market's grid, the buyers' cash and the events.
     */
    private static String doc(String cash, String market, String events) {
        return """
            { "name": "n", "seed": 1, "epochs": 10,
              "markets": [ {"name": "m", "resource": "asset", %s} ],
              "population": [
                {"name": "buyers", "strategy": "fundamentalist", "market": "m", "count": 2, "cash": %s},
                {"name": "sellers", "strategy": "fundamentalist", "market": "m", "count": 2, "inventory": 1000} ],
              "events": [ %s ] }
            """.formatted(market, cash, events);
    }

    private static final String MARKET = "\"tick_size\": 0.01, \"ticks\": 1000, \"initial_price\": 1";

    private static ConfigException rejected(String json) {
        ConfigException e = assertThrows(ConfigException.class, () -> ScenarioLoader.parse(json, SOURCE));
        assertEquals(SOURCE, e.source());
        return e;
    }

    @Test
    void theBaseDocumentIsValid() {
        assertDoesNotThrow(() -> ScenarioLoader.parse(doc("10", MARKET, ""), SOURCE));
    }

    /** Before: a NumberFormatException with Jackson's text and exit 1. */
    @Test
    void anExponentNoDecimalCanHoldIsAnErrorAtItsPath() {
        ConfigException e = rejected(doc("10", MARKET, "").replace("\"epochs\": 10", "\"epochs\": 1e-2147483648"));
        assertEquals("$.epochs", e.jsonPath());
        assertEquals("1e-2147483648", e.badValue());
        assertEquals("a number out of range: numbers must have an exponent from -1000000000 to 1000000000",
                e.allowed());
    }

    /**
     * Before: an ArithmeticException ("Overflow") from moving the decimal point of 1E+2147483647, and a 40 MB
     * integer built for 1e100000000.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1e2147483647|must be at most 4611686018427.387904 credits (2^62 micro-credits)",
        "1.5e1000000001|must be at most 4611686018427.387904 credits (2^62 micro-credits)",
        "1e100000000|must be at most 4611686018427.387904 credits (2^62 micro-credits)",
        "-1e2147483647|must be a non-negative amount of credits with at most 6 decimals",
        "1e-2147483647|must be a non-negative amount of credits with at most 6 decimals",
    })
    void aHugeExponentInAnAmountIsOutOfItsRange(String amount, String allowed) {
        ConfigException e = rejected(doc(amount, MARKET, ""));
        assertEquals("$.population[0].cash", e.jsonPath());
        assertEquals(allowed, e.allowed());
    }

    /**
     * Before: 1e-400 in a rate whose 0 means "off" read as 0.0, so {@code self_trade_share: 1e-400} was valid and
     * silently switched the self-trading rule off (found by an adversarial review). A non-zero number too small for
     * a double is an error at its path, like one too large.
     */
    @ParameterizedTest
    @CsvSource({"1e-400", "-1e-400", "4.9e-325"})
    void aNonZeroNumberThatWouldReadAsZeroIsRefused(String share) {
        String linking = "\"stages\": {\"linking\": {\"self_trade_share\": " + share + "}}, \"events\"";
        ConfigException e = rejected(doc("10", MARKET, "").replace("\"events\"", linking));
        assertEquals("$.stages.linking.self_trade_share", e.jsonPath());
        assertEquals("must be a finite number in [0, 1]; a non-zero number this close to 0 would read as 0 "
                + "(write 0 for 0)", e.allowed());
    }

    @Test
    void zeroWrittenAsZeroStillMeansOff() {
        String linking = "\"stages\": {\"linking\": {\"self_trade_share\": 0e-400}}, \"events\"";
        assertDoesNotThrow(() -> ScenarioLoader.parse(doc("10", MARKET, "").replace("\"events\"", linking), SOURCE));
    }

    /** Before: "Document nesting depth (1001) exceeds ... `StreamReadConstraints.getMaxNestingDepth()`". */
    @Test
    void tooDeepANestingIsPlacedWithoutTheParsersInternals() {
        String deep = "[".repeat(1200) + "]".repeat(1200);
        ConfigException e = rejected(doc("10", MARKET, "").replace("\"epochs\": 10", "\"epochs\": " + deep));
        assertTrue(e.jsonPath().startsWith("line 1, column "), e.getMessage());
        assertEquals("(nested more than 1000 levels deep)", e.badValue());
        assertEquals("arrays and objects may nest at most 1000 levels deep", e.allowed());
    }

    @Test
    void tooLongANumberOrNameIsPlacedByItsPath() {
        ConfigException number = rejected(doc("1" + "0".repeat(1000), MARKET, ""));
        assertEquals("$.population[0].cash", number.jsonPath());
        assertEquals("numbers may have at most 1000 characters", number.allowed());
        ConfigException name = rejected(doc("10", MARKET + ", \"" + "x".repeat(50_001) + "\": 1", ""));
        assertEquals("$.markets[0]", name.jsonPath());
        assertEquals("field names may have at most 50000 characters", name.allowed());
        for (ConfigException e : new ConfigException[] {number, name}) {
            assertFalse(e.getMessage().contains("StreamReadConstraints"), e.getMessage());
        }
    }

    /** Before: "allowed: a band of at least 100.0%" while bands are at most 50%. */
    @Test
    void aBandNoTickCanReachSaysWhatToChangeInstead() {
        String oneTick = "\"tick_size\": 1, \"ticks\": 1000, \"initial_price\": 1";
        ConfigException e = rejected(doc("10", oneTick, "").replace("\"events\"",
                "\"safety\": {\"circuit_breaker\": {\"band_percent\": 50}}, \"events\""));
        assertEquals("$.safety.circuit_breaker.band_percent", e.jsonPath());
        assertFalse(e.allowed().contains("at least 100"), e.allowed());
        assertTrue(e.allowed().contains("bands are at most 50.0%; open the market at tick 2 or above"), e.allowed());
        String threeTicks = "\"tick_size\": 1, \"ticks\": 1000, \"initial_price\": 3";
        ConfigException narrow = rejected(doc("10", threeTicks, "").replace("\"events\"",
                "\"safety\": {\"circuit_breaker\": {\"band_percent\": 10}}, \"events\""));
        assertTrue(narrow.allowed().endsWith("allowed: a band of at least 33.333333333333336% (and at most 50.0%)"
                + " for this market"), narrow.allowed());
    }

    /**
     * Before: both injections were accepted, the money injected wrapped to a negative total and the buyers' cash
     * to zero, and conservation still said true. Now the injection that takes the run's money past 2^62 is named.
     */
    @Test
    void injectionsThatTakeTheMoneyPast2To62AreRefused() {
        String half = "2305843009213.693952"; // 2^61 micro-credits: 2 buyers x 2^61 = 2^62, the most allowed
        String first = "{\"epoch\": 1, \"type\": \"inject_cash\", \"cohort\": \"buyers\", \"amount\": " + half + "}";
        // the sellers hold no goods here: money alone reaches the limit
        String noGoods = doc("0", MARKET, "%s").replace("\"inventory\": 1000", "\"inventory\": 0");
        assertDoesNotThrow(() -> ScenarioLoader.parse(noGoods.formatted(first), SOURCE));
        ConfigException e = rejected(noGoods.formatted(first + ", {\"epoch\": 2, \"type\": \"inject_cash\","
                + " \"cohort\": \"buyers\", \"amount\": 0.000001}"));
        assertEquals("$.events[1].amount", e.jsonPath());
        assertEquals("0.000001 (the economy's money reaches 4611686018427.387906 credits)", e.badValue());
        assertTrue(e.allowed().startsWith("the economy's money over the whole run"), e.allowed());
        assertTrue(e.allowed().endsWith("must be at most " + MAX_CREDITS + " credits (2^62 micro-credits)"));
    }

    /** Before: inventory, a 32-bit count per agent, wrapped to a negative holding. */
    @Test
    void goodsInjectedPastA32BitHoldingAreRefused() {
        String twice = "{\"epoch\": 1, \"type\": \"inject_goods\", \"cohort\": \"sellers\", \"units\": 1000000000},"
                + " {\"epoch\": 2, \"type\": \"inject_goods\", \"cohort\": \"sellers\", \"units\": 1000000000},";
        String upTo = "{\"epoch\": 3, \"type\": \"inject_goods\", \"cohort\": \"sellers\", \"units\": %d}";
        // 1000 + 2 x 10^9 + 147482647 = 2147483647, the largest holding
        assertDoesNotThrow(() -> ScenarioLoader.parse(doc("10", MARKET, twice + upTo.formatted(147_482_647)), SOURCE));
        ConfigException e = rejected(doc("10", MARKET, twice + upTo.formatted(147_482_648)));
        assertEquals("$.events[2].units", e.jsonPath());
        assertEquals("147482648 (each agent of cohort \"sellers\" would hold 2147483648 units)", e.badValue());
    }

    /**
     * Before: 1000 units at a legal top price made wealth (cash + units x price) wrap: a negative mean wealth and
     * a Gini of -0.30. Now the market whose top price lets wealth leave 2^62 is named.
     */
    @Test
    void wealthAtTheTopPriceBeyond2To62IsRefused() {
        // 15 ticks of floor(2^62 / 15) micro-credits: a top price just under 2^62 micro-credits, for 2000 units
        String market = "\"tick_size\": 307445734561.825860, \"ticks\": 16, \"initial_price\": 307445734561.825860";
        assertDoesNotThrow(() -> ScenarioLoader.parse(doc("0", market, "").replace("\"inventory\": 1000",
                "\"inventory\": 1").replace("\"count\": 2, \"inventory\"", "\"count\": 1, \"inventory\""),
                SOURCE), "1 unit at the top price fits");
        ConfigException e = rejected(doc("0", market, ""));
        assertEquals("$.markets[0]", e.jsonPath());
        assertTrue(e.badValue().startsWith("2000 units at a top price of 4611686018427.3879 credits"), e.badValue());
        assertTrue(e.allowed().contains("must be at most " + MAX_CREDITS + " credits (2^62 micro-credits)"));
    }

    @Test
    void aMissionBudgetFromOutsideCountsTowardTheMoney() {
        String mission = """
            "missions": [ {"name": "big", "tick_size": 1, "ticks": 16, "sponsor": {"type": "external"},
              "tasks": 1, "reserve_price": 1, "budget": %s,
              "bidders": [ {"cohort": "sellers", "cost_min": 1, "cost_max": 2, "capability_min": 0.5,
                            "capability_max": 0.6} ] } ],
            "events\"""".formatted(MAX_CREDITS);
        ConfigException e = rejected(doc("1", MARKET, "").replace("\"events\"", mission));
        assertEquals("$.missions[0]", e.jsonPath());
        assertTrue(e.badValue().startsWith("4611686018429.387904 credits"), e.badValue());
    }
}
