package org.vaesim.models.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vaesim.models.strategy.FundamentalistParams;
import org.vaesim.models.strategy.HftParams;

/** The flash crash's parameters (docs/experiments/flash-crash.md): HFT dip_qty, value investors' withdrawal. */
class CrashParamsTest {
    private static final String SOURCE = "configs/c.json";
    private static final String BASE = """
            {
              "name": "c", "seed": 1, "epochs": 50,
              "markets": [ {"name": "m", "resource": "asset", "tick_size": 0.01, "ticks": 4000, "initial_price": 20} ],
              "population": [
                {"name": "v", "strategy": "fundamentalist", "market": "m", "count": 10, "cash": 100, "inventory": 5,
                 "params": {"activity": 0.2, "withdrawal_volatility": 0.5, "volatility_epochs": 8}},
                {"name": "h", "strategy": "hft", "market": "m", "count": 10, "cash": 100,
                 "params": {"quote_qty": 2, "max_inventory": 20, "aggression_ticks": 3, "dip_qty": 1000}} ]
            }
            """;

    @Test
    void readsDipQtyAndWithdrawal() throws ConfigException {
        Scenario s = ScenarioLoader.parse(BASE, SOURCE);
        FundamentalistParams f = (FundamentalistParams) s.cohorts().get(0).params();
        assertEquals(0.5, f.withdrawalVolatility());
        assertEquals(8, f.volatilityEpochs());
        assertEquals(new HftParams(2, 20, 3, 1000), s.cohorts().get(1).params());
        // the gate's largest order covers the dip bid
        assertEquals(1000, s.cohorts().get(1).params().maxOrderQty());
    }

    @Test
    void withoutTheNewFieldsTheyBehaveAsBefore() throws ConfigException {
        Scenario s = ScenarioLoader.parse(BASE.replace(", \"withdrawal_volatility\": 0.5, \"volatility_epochs\": 8", "")
                .replace(", \"dip_qty\": 1000", ""), SOURCE);
        FundamentalistParams f = (FundamentalistParams) s.cohorts().get(0).params();
        assertFalse(f.withdraws());
        assertEquals(0.2, f.activity(5.0)); // no withdrawal, however volatile
        assertEquals(new HftParams(2, 20, 3), s.cohorts().get(1).params());
        assertEquals(2, ((HftParams) s.cohorts().get(1).params()).dipQty());
    }

    @Test
    void activityHalvesAtTheWithdrawalVolatility() {
        FundamentalistParams f = new FundamentalistParams(0, 1, 0.1, 10, 0.2, 0, 0, 0.5, 10);
        assertTrue(f.withdraws());
        assertEquals(0.2, f.activity(0));
        assertEquals(0.1, f.activity(0.5));
        assertEquals(0.05, f.activity(1.5)); // 0.2 / (1 + 3)
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"withdrawal_volatility\": 0.5|\"withdrawal_volatility\": 0|$.population[0].params.withdrawal_volatility|0|(0, 100]",
        "\"withdrawal_volatility\": 0.5|\"withdrawal_volatility\": -1|$.population[0].params.withdrawal_volatility|-1|(0, 100]",
        "\"volatility_epochs\": 8|\"volatility_epochs\": 1001|$.population[0].params.volatility_epochs|1001|from 1 to 1000",
        "\"dip_qty\": 1000|\"dip_qty\": 0|$.population[1].params.dip_qty|0|from 1 to 1000000",
    })
    void rejectsBadValues(String snippet, String replacement, String path, String bad, String allowed) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ScenarioLoader.parse(BASE.replace(snippet, replacement), SOURCE));
        assertTrue(e.getMessage().contains(path), e.getMessage());
        assertTrue(e.getMessage().contains(bad), e.getMessage());
        assertTrue(e.getMessage().contains(allowed), e.getMessage());
    }
}
