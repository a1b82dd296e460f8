package org.vaesim.models.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vaesim.models.market.AuctionSpec;
import org.vaesim.models.market.ResourceType;
import org.vaesim.models.strategy.BidderParams;

/** resource_auctions: what each mechanism parses to, and each bad input's file, path and allowed values. */
class AuctionConfigTest {
    private static final String SOURCE = "configs/fair.json";

    /** Two principals: "big" with 600 agents, "tiny" with 40 (cohorts t1 and t2 share it). */
    private static String doc(String mechanism) {
        return doc(mechanism, "");
    }

    private static String doc(String mechanism, String extraAuctionFields) {
        return """
            { "name": "fair", "seed": 1, "epochs": 20,
              "markets": [ {"name": "m", "resource": "compute", "tick_size": 0.01, "ticks": 1000, "initial_price": 1} ],
              "population": [
                {"name": "big", "strategy": "bidder", "market": "m", "count": 600, "cash": 100},
                {"name": "t1", "strategy": "bidder", "market": "m", "count": 25, "cash": 2, "principal": "tiny"},
                {"name": "t2", "strategy": "zi-c", "market": "m", "count": 15, "cash": 2, "principal": "tiny",
                 "params": {"side": "buy", "value_min": 1, "value_max": 2}} ],
              "resource_auctions": [
                {"name": "gpu", "resource": "compute", "tick_size": 0.05, "ticks": 200, "reserve_price": 0.50,
                 "supply": 300, "every": 2, "start_epoch": 1, "small_principal_agents": 100%s,
                 "mechanism": %s,
                 "bidders": [ {"cohort": "big", "value_min": 1.00, "value_max": 5.00, "max_units": 3, "decay": 0.5},
                              {"cohort": "t1", "value_min": 0.50, "value_max": 4.00},
                              {"cohort": "t2", "value_min": 2.00, "value_max": 2.00, "max_units": 2} ] } ] }
            """.formatted(extraAuctionFields == null ? "" : extraAuctionFields, mechanism);
    }

    private static AuctionSpec parse(String json) throws ConfigException {
        return ScenarioLoader.parse(json, SOURCE).auctions().getFirst();
    }

    @Test
    void parsesTheAuctionAndItsBiddersOnTheAuctionsOwnGrid() throws ConfigException {
        var scenario = ScenarioLoader.parse(doc("{\"type\": \"uniform_price\"}"), SOURCE);
        AuctionSpec a = scenario.auctions().getFirst();
        assertEquals("gpu", a.name());
        assertEquals(ResourceType.COMPUTE, a.resource());
        assertEquals(50_000, a.tickSize());
        assertEquals(10, a.reserveTick(), "0.50 / 0.05");
        assertEquals(300, a.supply());
        assertEquals(100, a.smallPrincipalAgents());
        assertInstanceOf(AuctionSpec.UniformPrice.class, a.mechanism());
        // sorted cohorts: zi-c first (t2), then the bidders (big, t1)
        assertEquals(List.of(new AuctionSpec.Bidder(1, 20, 100, 3, 500, 0),
                new AuctionSpec.Bidder(2, 10, 80, 1, 1000, 0), new AuctionSpec.Bidder(0, 40, 40, 2, 1000, 0)),
                a.bidders());
        assertInstanceOf(BidderParams.class, scenario.cohorts().get(1).params());
        assertTrue(!a.runsAt(0) && a.runsAt(1) && !a.runsAt(2) && a.runsAt(3), "every 2 epochs from epoch 1");
    }

    @Test
    void sharesOfSupplyAreExactWholeUnits() throws ConfigException {
        // 0.29 x 300 = 87 exactly; a binary double would give 86.99999999999999
        var cap = (AuctionSpec.PrincipalCap) parse(doc("{\"type\": \"principal_cap\", \"max_share\": 0.29}")).mechanism();
        assertEquals(new AuctionSpec.PrincipalCap(290_000, 87), cap);
        var reserved = (AuctionSpec.ReservedShare) parse(doc("{\"type\": \"reserved_share\", \"share\": 0.333333}"))
                .mechanism();
        assertEquals(new AuctionSpec.ReservedShare(333_333, 99), reserved);
        var equal = (AuctionSpec.EqualEndowment) parse(doc("{\"type\": \"equal_endowment\", \"budget\": 12.5}"))
                .mechanism();
        assertEquals(12_500_000, equal.budget());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // budgets that do not cover reserves
        "{\"type\": \"equal_endowment\", \"budget\": 0.45}||$.resource_auctions[0].mechanism.budget|0.45"
                + "|does not cover the reserve price of one unit (0.5 tokens)",
        // tokens beyond 64 bits: 1e9 tokens x 640 bidders x 10 rounds (tokens_issued used to wrap negative)
        "{\"type\": \"equal_endowment\", \"budget\": 1000000000}||$.resource_auctions[0].mechanism.budget"
                + "|1000000000|issues 1000000000 tokens to each of 640 bidders in each of 10 rounds",
        // mechanism parameters out of range
        "{\"type\": \"principal_cap\", \"max_share\": 1}||$.resource_auctions[0].mechanism.max_share|1|in (0, 1)",
        "{\"type\": \"principal_cap\", \"max_share\": 0.001}||$.resource_auctions[0].mechanism.max_share|0.001"
                + "|= 0 of the 300 units",
        "{\"type\": \"reserved_share\", \"share\": 0.1234567}||$.resource_auctions[0].mechanism.share|0.1234567"
                + "|at most 6 decimals",
        "{\"type\": \"reserved_share\", \"share\": 0.2, \"budget\": 3}||$.resource_auctions[0].mechanism.budget|3"
                + "|unknown field; allowed fields: type, share",
        "{\"type\": \"vickrey\"}||$.resource_auctions[0].mechanism.type|\"vickrey\"|must be one of \"uniform_price\","
                + " \"principal_cap\", \"reserved_share\", \"equal_endowment\"",
        "\"uniform_price\"||$.resource_auctions[0].mechanism|\"uniform_price\"|must be an object",
        // auction fields
        "{\"type\": \"uniform_price\"}|, \"supply\": 0|$.resource_auctions[0].supply|(duplicate key"
                + "|each field may appear only once per object",
        "{\"type\": \"uniform_price\"}|, \"colour\": 1|$.resource_auctions[0].colour|1|unknown field; allowed fields:"
                + " name, resource, tick_size, ticks, reserve_price, supply, every, start_epoch,"
                + " small_principal_agents, mechanism, bidders",
    })
    void rejectsBadMechanismsNamingFilePathAndWhatIsAllowed(String mechanism, String extra, String path, String bad,
                                                            String allowed) {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(doc(mechanism, extra)));
        assertEquals(SOURCE, e.source());
        assertEquals(path, e.jsonPath(), e.getMessage());
        assertTrue(e.badValue().startsWith(bad), e.getMessage());
        assertTrue(e.allowed().contains(allowed), e.getMessage());
        assertTrue(e.getMessage().startsWith(SOURCE + ": " + path + " = "), e.getMessage());
    }

    /** Edits of the valid document: what is replaced, by what, and the error expected. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"resource\": \"compute\", \"tick_size\": 0.05|\"resource\": \"asset\", \"tick_size\": 0.05"
                + "|$.resource_auctions[0].resource|\"asset\"|must be one of \"compute\", \"data\", \"agent_time\"",
        "\"reserve_price\": 0.50|\"reserve_price\": 0.52|$.resource_auctions[0].reserve_price|0.52|off the tick grid",
        "\"supply\": 300|\"supply\": 0|$.resource_auctions[0].supply|0|from 1 to 2147483647",
        "\"start_epoch\": 1|\"start_epoch\": 20|$.resource_auctions[0].start_epoch|20|from 0 to 19",
        "{\"cohort\": \"t1\"|{\"cohort\": \"t9\"|$.resource_auctions[0].bidders[1].cohort|\"t9\""
                + "|must name a cohort, one of \"big\", \"t1\", \"t2\"",
        "{\"cohort\": \"t1\"|{\"cohort\": \"big\"|$.resource_auctions[0].bidders[1].cohort|\"big\""
                + "|already bids in this auction at $.resource_auctions[0].bidders[0]",
        "\"value_min\": 0.50, \"value_max\": 4.00|\"value_min\": 0.50, \"value_max\": 0.45"
                + "|$.resource_auctions[0].bidders[1].value_max|0.45|must be at least value_min (0.50)",
        "\"value_min\": 0.50, \"value_max\": 4.00|\"value_min\": 0.05, \"value_max\": 0.45"
                + "|$.resource_auctions[0].bidders[1].value_max|0.45|below the reserve price 0.5",
        "\"max_units\": 3, \"decay\": 0.5|\"max_units\": 1001, \"decay\": 0.5"
                + "|$.resource_auctions[0].bidders[0].max_units|1001|from 1 to 1000",
        "\"max_units\": 3, \"decay\": 0.5|\"max_units\": 3, \"decay\": 0"
                + "|$.resource_auctions[0].bidders[0].decay|0|in (0, 1] with at most 3 decimals",
        "\"max_units\": 3, \"decay\": 0.5|\"max_units\": 3, \"decay\": 0.6666"
                + "|$.resource_auctions[0].bidders[0].decay|0.6666|at most 3 decimals",
        // budgets that do not cover reserves, in credits: t1's agents start with 2 credits
        "\"reserve_price\": 0.50|\"reserve_price\": 2.05|$.resource_auctions[0].bidders[1].cohort|\"t1\""
                + "|cohort \"t1\" starts with 2 credits per agent, less than the reserve price 2.05",
        "\"count\": 600, \"cash\": 100}|\"count\": 600, \"cash\": 100, \"scope\": {\"spend_limit\": 0.45}}"
                + "|$.resource_auctions[0].bidders[0].cohort|\"big\"|may spend at most 0.45 credits per epoch"
                + " (scope.spend_limit), less than the reserve price 0.5",
    })
    void rejectsBadAuctionFieldsNamingFilePathAndWhatIsAllowed(String snippet, String replacement, String path,
                                                               String bad, String allowed) {
        String json = doc("{\"type\": \"uniform_price\"}");
        assertTrue(json.contains(snippet), snippet);
        ConfigException e = assertThrows(ConfigException.class, () -> parse(json.replace(snippet, replacement)));
        assertEquals(path, e.jsonPath(), e.getMessage());
        assertEquals(bad, e.badValue(), e.getMessage());
        assertTrue(e.allowed().contains(allowed), e.getMessage());
    }

    @Test
    void reservedShareNeedsASmallPrincipalThreshold() {
        String json = doc("{\"type\": \"reserved_share\", \"share\": 0.2}").replace(", \"small_principal_agents\": 100",
                "");
        ConfigException e = assertThrows(ConfigException.class, () -> parse(json));
        assertEquals("$.resource_auctions[0].small_principal_agents", e.jsonPath());
        assertEquals("(missing)", e.badValue());
        assertTrue(e.allowed().contains("required by the reserved_share mechanism"), e.getMessage());
    }

    @Test
    void reservedShareNeedsASmallPrincipalAmongTheBidders() {
        // tiny deploys 40 agents in all: with a threshold of 39 nobody is small
        String json = doc("{\"type\": \"reserved_share\", \"share\": 0.2}").replace("\"small_principal_agents\": 100",
                "\"small_principal_agents\": 39");
        ConfigException e = assertThrows(ConfigException.class, () -> parse(json));
        assertEquals("$.resource_auctions[0].bidders", e.jsonPath());
        assertTrue(e.allowed().contains("at least one bidder cohort whose principal deploys at most"), e.getMessage());
        String ok = json.replace("\"small_principal_agents\": 39", "\"small_principal_agents\": 40");
        assertEquals(40, assertDoesNotThrowParse(ok).smallPrincipalAgents(), "40 agents is small with a threshold of 40");
    }

    @Test
    void demandBeyondTheIntegerRangeIsRejected() {
        String json = doc("{\"type\": \"uniform_price\"}").replace("\"count\": 600", "\"count\": 2500000")
                .replace("\"max_units\": 3", "\"max_units\": 1000");
        ConfigException e = assertThrows(ConfigException.class, () -> parse(json));
        assertEquals("$.resource_auctions[0].bidders", e.jsonPath());
        assertEquals("2500000055 units of demand", e.badValue());
    }

    /** Budget x 640 bidders x 10 rounds (epochs 1, 3, ..., 19) may reach 2^62 micro-tokens, not one more. */
    @Test
    void theTokensOfTheWholeRunFit62Bits() throws ConfigException {
        long most = (1L << 62) / 6400; // 720575940379279 micro-tokens
        String fits = doc("{\"type\": \"equal_endowment\", \"budget\": 720575940.379279}");
        assertEquals(most, ((AuctionSpec.EqualEndowment) parse(fits).mechanism()).budget());
        ConfigException e = assertThrows(ConfigException.class, () -> parse(doc(
                "{\"type\": \"equal_endowment\", \"budget\": 720575940.37928}")));
        assertEquals("$.resource_auctions[0].mechanism.budget", e.jsonPath());
        assertTrue(e.allowed().contains("at most 4611686018427.387904 tokens"), e.getMessage());
    }

    @Test
    void tokenAuctionsDoNotAskForCashOrValuesAboveTheReserve() throws ConfigException {
        // in an equal-endowment auction the reserve is a token price: cash and values below it do not matter
        String json = doc("{\"type\": \"equal_endowment\", \"budget\": 10}").replace("\"reserve_price\": 0.50",
                "\"reserve_price\": 5.00");
        assertEquals(100, parse(json).reserveTick());
    }

    @Test
    void scenarioBuilderAddsAuctions() {
        var s = ScenarioBuilder.named("b").seed(1).epochs(3)
                .market("m", ResourceType.COMPUTE, "0.01", 100, "0.50")
                .cohort(java.util.Map.of("name", "x", "strategy", "bidder", "market", "m", "count", 4, "cash", 1))
                .auction(java.util.Map.of("name", "a", "resource", "data", "tick_size", 0.01, "ticks", 100,
                        "supply", 3, "mechanism", java.util.Map.of("type", "uniform_price"),
                        "bidders", List.of(java.util.Map.of("cohort", "x", "value_min", 0.1, "value_max", 0.2))))
                .build();
        assertEquals(ResourceType.DATA, s.auctions().getFirst().resource());
    }

    private static AuctionSpec assertDoesNotThrowParse(String json) {
        try {
            return parse(json);
        } catch (ConfigException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
