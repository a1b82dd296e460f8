package org.vaesim.host.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.vaesim.host.epoch.Engine;
import org.vaesim.kernels.Backends;
import org.vaesim.models.scenario.Scenario;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The P&amp;L of every party outside the sandbox (docs/permeability.md#every-external-party), on economies worked
 * out by hand: the external market, the broker principal (an offshore fund) and the fee account, on
 * {@link GatewayStageTest}'s economy: four brokers of principal "fund" on a 20.00 compute market nobody trades,
 * each with 5 units, and an idle cohort.
 */
class ExternalPartiesTest {
    private static final long CREDIT = 1_000_000;

    /**
     * Outside, compute is 21.00: 5 of the brokers' 20 units cross (cap 100 credits), for 105 external credits less
     * a 1.05 fee, and the external price falls to 20.99895. The external market paid 105 for 5 units now worth
     * 104.99475: -0.00525. The fund received 103.95 and gave up 5 units worth 20.00 each inside at a rate of 1:
     * +3.95. The fee account holds 1.05. Together +4.99475 = 5 x (20.99895 - 20.00): what the units gained by
     * leaving. Only the external market lost.
     */
    @Test
    void anExportGainsTheFundAndCostsTheExternalMarketItsImpact() {
        Scenario s = GatewayStageTest.economy("0", """
            {"fee_bps": 100, "cap_per_epoch": 100, "markets": [{"market": "gpu", "price": 21, "depth": 1000}],
             "brokers": [{"cohort": "b", "max_units": 2}]}""", "{\"epoch\": 1, \"type\": \"gateway_close\"}");
        try (Engine e = Engine.start(s, Backends.JAVA, 2)) {
            GatewayStage stage = e.stage(GatewayStage.class);
            e.step();
            ExternalParties p = ExternalParties.of(stage, e);
            assertEquals(-5_250, p.marketPnl());
            assertArrayEquals(new long[] {3_950_000}, p.principalPnl());
            assertEquals(1_050_000, p.fees());
            assertEquals(5_250, p.exposure(), "the fund's gain is not netted against the market's loss");
            assertEquals(4_994_750, p.total());
            assertEquals(stage.state().exposure(), p.exposure(), "here the holders' view sees the same loss");
        }
    }

    /**
     * The brokers (10 credits each, target 100) buy 45 credits each at a rate of 2 with the fund's 363.6 external
     * credits (360 and a 3.6 fee), from the 1,000 credits offshore. Then the agent
     * currency halves against external money (rate 2 -> 1) and so does compute's external price (40 -> 20), so no
     * goods cross. The fund: external money 363.6 -> 0; inside 4 x (55 credits + 5 units x 20.00) = 620 credits,
     * worth 620 now against 4 x (10 + 100) = 440 credits worth 880 at the start: -363.6 - 260 = -623.6. The
     * external market: +360 external credits for 180 credits; it holds 820 credits worth 820 against 1,000 worth
     * 2,000 at the start: 360 - 1180 = -820. The fee account: +3.6. The holders' view counts none of it (they
     * bought nothing from the sandbox), so its exposure is 0; every party's exposure is 1,443.6.
     */
    @Test
    void aFallingAgentCurrencyCostsTheFundAndTheOffshoreHolders() throws Exception {
        Scenario s = GatewayStageTest.economy("10", """
            {"fee_bps": 100, "offshore_agent_currency": 1000, "rate": {"initial": 2},
             "markets": [{"market": "gpu"}],
             "brokers": [{"cohort": "b", "external_cash": 90.9, "cash_target": 100}]}""", """
            {"epoch": 1, "type": "rate_shock", "percent": -50},
            {"epoch": 1, "type": "external_shock", "market": "gpu", "percent": -50}""");
        try (Engine e = Engine.start(s, Backends.JAVA, 2)) {
            GatewayStage stage = e.stage(GatewayStage.class);
            e.step();
            e.step();
            e.verifyConservation();
            GatewayState g = stage.state();
            assertEquals(1_000_000, g.rate);
            assertEquals(180 * CREDIT, g.acIn, "the brokers bought once, before the shock");
            ExternalParties p = ExternalParties.of(stage, e);
            assertEquals(-820 * CREDIT, p.marketPnl());
            assertArrayEquals(new long[] {-623_600_000}, p.principalPnl());
            assertEquals(3_600_000, p.fees());
            assertEquals(0, g.exposure(), "the holders' view: nothing bought from the sandbox, nothing lost");
            assertEquals(1_443_600_000, p.exposure());
            assertEquals(-1_440 * CREDIT, p.total());
            JsonNode exposure = GatewaySummary.of(stage, e).get("exposure");
            assertEquals(1443.6, exposure.get("all_parties").asDouble(), 1e-9);
            assertEquals(-1440, exposure.get("external_side_pnl").asDouble(), 1e-9);
            JsonNode parties = exposure.get("parties");
            assertEquals("external market", parties.get(0).get("party").asText());
            assertEquals(820, parties.get(0).get("loss").asDouble(), 1e-9);
            assertEquals("fund", parties.get(1).get("party").asText());
            assertEquals("broker_principal", parties.get(1).get("kind").asText());
            assertEquals(-623.6, parties.get(1).get("pnl").asDouble(), 1e-9);
            assertEquals(3.6, parties.get(2).get("pnl").asDouble(), 1e-9);
            assertEquals(0, parties.get(2).get("loss").asDouble(), 1e-9);
        }
    }
}
