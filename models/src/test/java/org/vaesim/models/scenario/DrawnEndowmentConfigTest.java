package org.vaesim.models.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vaesim.models.population.CohortSpec;
import org.vaesim.models.population.Distribution;

/** A cohort's cash or inventory written as a distribution (docs/config-reference.md#drawn-endowments). */
class DrawnEndowmentConfigTest {
    private static Scenario market(String cash, String inventory) throws ConfigException {
        return ScenarioLoader.parse("""
            { "name": "zi", "seed": 1, "epochs": 10,
              "markets": [ {"name": "m", "resource": "compute", "tick_size": 0.01, "ticks": 1000, "initial_price": 5} ],
              "population": [
                {"name": "buyers", "strategy": "zi-c", "market": "m", "count": 10, "cash": %s,
                 "params": {"side": "buy", "value_min": 4, "value_max": 6}},
                {"name": "sellers", "strategy": "zi-c", "market": "m", "count": 10, "inventory": %s,
                 "params": {"side": "sell", "value_min": 4, "value_max": 6}} ] }
            """.formatted(cash, inventory), "zi.json");
    }

    @Test
    void readsDistributionsInTheFieldsUnitsWithTheMinimumAsTheSureAmount() throws ConfigException {
        Scenario s = market("{\"dist\": \"lognormal\", \"median\": 20.5, \"sigma\": 0.5, \"min\": 2}",
                "{\"dist\": \"uniform\", \"min\": 3, \"max\": 9}");
        CohortSpec buyers = s.cohorts().get(0);
        assertEquals(new Distribution(Distribution.Kind.LOGNORMAL, 2_000_000, (long) Math.floor(20.5e6
                * StrictMath.exp(3)), 20.5e6, 0.5), buyers.draws().cash());
        assertNull(buyers.draws().inventory());
        assertEquals(2_000_000, buyers.cash(), "what every buyer surely has");
        assertEquals(buyers.draws().cash().max(), buyers.maxCash());
        CohortSpec sellers = s.cohorts().get(1);
        assertEquals(new Distribution(Distribution.Kind.UNIFORM, 3, 9, Double.NaN, Double.NaN),
                sellers.draws().inventory());
        assertEquals(3, sellers.inventory());
        assertNull(market("100", "10").cohorts().get(0).draws(), "fixed amounts draw nothing");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "{\"dist\": \"pareto\", \"min\": 1, \"max\": 2}; $.population[0].cash.dist; must be one of",
        "{\"dist\": \"uniform\", \"min\": 5, \"max\": 2}; $.population[0].cash.max; must be at least min",
        "{\"dist\": \"uniform\", \"min\": 0.0000001, \"max\": 2}; $.population[0].cash.min; at most 6 decimals",
        "{\"dist\": \"uniform\", \"min\": 1, \"max\": 2, \"sigma\": 1}; $.population[0].cash.sigma; unknown field",
        "{\"dist\": \"uniform\", \"max\": 2}; $.population[0].cash.min; (missing)",
        "{\"dist\": \"lognormal\", \"median\": 10, \"sigma\": 0}; $.population[0].cash.sigma; 5",
        "{\"dist\": \"lognormal\", \"median\": 10, \"sigma\": 1, \"max\": 5}; $.population[0].cash.median;"
            + " between min and max",
        "{\"dist\": \"lognormal\", \"median\": 10, \"sigma\": 1, \"mean\": 5}; $.population[0].cash.mean;"
            + " unknown field",
    })
    void refusesBadDistributionsNamingThePath(String cash, String path, String message) {
        ConfigException e = assertThrows(ConfigException.class, () -> market(cash, "10"));
        assertEquals(path, e.errors().getFirst().jsonPath(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "{\"from_epoch\": 2, \"until_epoch\": 5, \"per_epoch\": 3}; $.population[1].arrival.per_epoch;"
            + " one of per_epoch (fixed batches) and until_epoch",
        "{\"from_epoch\": 4, \"until_epoch\": 3}; $.population[1].arrival.until_epoch; from 4 to 9",
        "{\"from_epoch\": 4, \"until_epoch\": 10}; $.population[1].arrival.until_epoch; from 4 to 9",
    })
    void refusesBadDrawnArrivals(String arrival, String path, String message) {
        ConfigException e = assertThrows(ConfigException.class, () -> ScenarioLoader.parse("""
            { "name": "zi", "seed": 1, "epochs": 10,
              "markets": [ {"name": "m", "resource": "compute", "tick_size": 0.01, "ticks": 1000, "initial_price": 5} ],
              "population": [
                {"name": "buyers", "strategy": "zi-c", "market": "m", "count": 10, "cash": 5,
                 "params": {"side": "buy", "value_min": 4, "value_max": 6}},
                {"name": "sellers", "strategy": "zi-c", "market": "m", "count": 10, "inventory": 5, "arrival": %s,
                 "params": {"side": "sell", "value_min": 4, "value_max": 6}} ] }
            """.formatted(arrival), "zi.json"));
        assertEquals(path, e.errors().getFirst().jsonPath(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void readsDrawnArrivals() throws ConfigException {
        CohortSpec.Arrival a = ScenarioLoader.parse("""
            { "name": "zi", "seed": 1, "epochs": 10,
              "markets": [ {"name": "m", "resource": "compute", "tick_size": 0.01, "ticks": 1000, "initial_price": 5} ],
              "population": [
                {"name": "buyers", "strategy": "zi-c", "market": "m", "count": 10, "cash": 5,
                 "params": {"side": "buy", "value_min": 4, "value_max": 6}},
                {"name": "sellers", "strategy": "zi-c", "market": "m", "count": 10, "inventory": 5,
                 "arrival": {"from_epoch": 3, "until_epoch": 7},
                 "params": {"side": "sell", "value_min": 4, "value_max": 6}} ] }
            """, "zi.json").cohorts().get(1).arrival();
        assertTrue(a.drawn());
        assertEquals(7, a.lastEpoch(10));
        assertEquals(3, a.fromEpoch());
    }

    /**
     * The gateway bounds its offshore currency by 2^62 micro-credits less what the agents can hold: with drawn cash,
     * the most they can draw. 100 agents drawing up to 23,058,430,092.136939 credits can hold 2^61 - 52 micro-credits
     * (plus 10 x 20 credits), so 2^61 offshore is too much; the minimum (0) would have let it through.
     */
    @Test
    void theGatewayBoundsOffshoreCurrencyByTheMostTheAgentsCanDraw() {
        ConfigException e = assertThrows(ConfigException.class, () -> ScenarioLoader.parse("""
            { "name": "gw", "seed": 1, "epochs": 50,
              "markets": [
                {"name": "gpu", "resource": "compute", "tick_size": 0.01, "ticks": 4000, "initial_price": 20} ],
              "population": [
                {"name": "value", "strategy": "fundamentalist", "market": "gpu", "count": 100,
                 "cash": {"dist": "uniform", "min": 0, "max": 23058430092.136939}},
                {"name": "hft", "strategy": "hft", "market": "gpu", "count": 10, "cash": 20},
                {"name": "offshore", "strategy": "fundamentalist", "market": "gpu", "count": 4, "principal": "fund"} ],
              "gateway": { "offshore_agent_currency": 2305843009213.693952,
                "rate": {"initial": 1.25, "volatility_bps": 3, "reversion": 0.02, "depth": 5000},
                "markets": [ {"market": "gpu", "volatility_bps": 2, "reversion": 0.1, "depth": 300} ],
                "brokers": [ {"cohort": "offshore", "external_cash": 1000, "cash_target": 40, "max_units": 5} ] } }
            """, "gw.json"));
        assertEquals("$.gateway.offshore_agent_currency", e.errors().getFirst().jsonPath(), e.getMessage());
    }

    /** The totals check takes the most a draw can give: 10 agents x 2^62 / 4 micro-credits is too much money. */
    @Test
    void checksTotalsAgainstTheLargestDraw() {
        ConfigException e = assertThrows(ConfigException.class, () -> market("{\"dist\": \"uniform\", \"min\": 0,"
                + " \"max\": 1152921504606}", "10"));
        assertTrue(e.getMessage().contains("initial cash"), e.getMessage());
    }
}
