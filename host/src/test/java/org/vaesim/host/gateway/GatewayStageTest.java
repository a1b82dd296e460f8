package org.vaesim.host.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaesim.host.Fixtures;
import org.vaesim.host.epoch.Engine;
import org.vaesim.host.run.RunDirectory;
import org.vaesim.host.run.RunSession;
import org.vaesim.kernels.Backends;
import org.vaesim.kernels.gateway.Gateway;
import org.vaesim.kernels.gateway.GatewayPlan;
import org.vaesim.kernels.gateway.GatewayStep;
import org.vaesim.kernels.memory.Layout;
import org.vaesim.models.scenario.Scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The gateway through the engine, on economies small enough to work out by hand (docs/permeability.md): the
 * crossings, the caps, the fee, the principal's budget, the offshore supply, the switch and the breaker, with
 * both currencies and the goods conserved after every epoch; and a permeable run resumed from a checkpoint.
 */
class GatewayStageTest {
    private static final long CREDIT = 1_000_000;
    private static final PrintStream SILENT = new PrintStream(OutputStream.nullOutputStream());

    /**
     * Four brokers on a 20.00 compute market that nobody trades (their band of 3000 ticks keeps them out of it),
     * each holding 5 units and {@code cash} credits; an idle cohort of 10 holds 100 credits each, so that the
     * economy has agent currency for the caps to be measured against.
     */
    static Scenario economy(String cash, String gateway, String events) {
        return Fixtures.scenario("""
            { "name": "gw-hand", "seed": 7, "epochs": 3, "metrics_every": 1,
              "markets": [ {"name": "gpu", "resource": "compute", "tick_size": 0.01, "ticks": 4000, "initial_price": 20} ],
              "population": [ {"name": "b", "strategy": "fundamentalist", "market": "gpu", "count": 4, "cash": %s,
                               "inventory": 5, "principal": "fund",
                               "params": {"threshold_ticks": 3000, "max_position": 20}},
                              {"name": "idle", "strategy": "bidder", "market": "gpu", "count": 10, "cash": 100} ],
              "gateway": %s,
              "events": [%s] }
            """.formatted(cash, gateway, events));
    }

    /** The four brokers' inventories (the idle cohort, a later family, follows them). */
    private static int[] inventory(Engine e) {
        return java.util.Arrays.copyOf(e.population().inventory, 4);
    }

    private static long[] cash(Engine e) {
        return java.util.Arrays.copyOf(e.population().cash, 4);
    }

    /**
     * Outside, compute is 21.00 (anchor 2100 ticks, beyond 20.00 plus the 1% fee's 21 ticks): each broker exports
     * min(5, max_units 2), 8 units worth 160 credits at the internal price, but the cap of 100 credits an epoch
     * lets 5/8 cross: 1, 1, 1 and 2 units by cumulative rounding. Epoch 0: 5 x 21 = 105 external credits, of which
     * 1.05 is the fee. The external market's price then falls by its impact, 5 units / (100 x depth 1000) of it:
     * 21 - 0.00105 = 20.99895. Epoch 1: anchor floor(2099.895) = 2099, again 5 units, 5 x 20.99895 = 104.99475;
     * the fee is charged agent by agent, rounded down: three of floor(209989.5) and one of 419979 micro, 1.049946;
     * the price falls by floor(20998950 x 5 / 100000) micro to 20.997901. Epoch 2: the operator has closed the gateway, nothing crosses and the price stays.
     */
    @Test
    void exportsAreCappedChargedAndMoveTheExternalPrice() {
        Scenario s = economy("0", """
            {"fee_bps": 100, "cap_per_epoch": 100, "markets": [{"market": "gpu", "price": 21, "depth": 1000}],
             "brokers": [{"cohort": "b", "max_units": 2}]}""", "{\"epoch\": 2, \"type\": \"gateway_close\"}");
        try (Engine e = Engine.start(s, Backends.JAVA, 2)) {
            GatewayState g = e.stage(GatewayStage.class).state();
            e.step();
            e.verifyConservation();
            assertArrayEquals(new int[] {4, 4, 4, 3}, inventory(e));
            assertEquals(5, g.exported[0]);
            assertEquals(105 * CREDIT - 1_050_000, g.principalMoney[0]);
            assertEquals(1_050_000, g.fees);
            assertEquals(GatewayReaderDefaults.EXTERNAL_MONEY - 105 * CREDIT, g.externalMoney);
            assertEquals(20_998_950, g.price[0]);
            assertEquals(5, g.goodsHeld[0]);
            assertEquals(105 * CREDIT, g.goodsCost[0]);
            assertEquals(5 * 1050, g.exposure(), "5 units bought at 21 now worth 20.99895: 0.00525 lost");
            e.step();
            e.verifyConservation();
            assertArrayEquals(new int[] {3, 3, 3, 1}, inventory(e));
            assertEquals(10, g.exported[0]);
            assertEquals(105 * CREDIT - 1_050_000 + 104_994_750 - 1_049_946, g.principalMoney[0]);
            assertEquals(1_050_000 + 1_049_946, g.fees);
            assertEquals(20_997_901, g.price[0]);
            e.step();
            e.verifyConservation();
            assertArrayEquals(new int[] {3, 3, 3, 1}, inventory(e), "closed: nothing crosses");
            assertFalse(g.open(3));
            assertEquals(1, g.operatorClosures);
            assertEquals(20_997_901, g.price[0], "no flow, no reversion configured: the price stays");
            assertEquals(2, g.activeEpochs);
        }
    }

    /**
     * Brokers with 10 credits each, a cash target of 100 (below 50 they buy the gap, 90 each) and a rate of 2
     * external credits per credit: 4 x (180 + 1.8 fee) = 727.2 to pay, but the principal holds 363.6, so half
     * crosses: 45 credits each for 90 + 0.9. The principal is left with nothing, the external market gains 360,
     * the fee account 3.6, and 180 credits of offshore agent currency come inside.
     */
    @Test
    void currencyIsBoughtWithinThePrincipalsExternalMoney() {
        Scenario s = economy("10", """
            {"fee_bps": 100, "offshore_agent_currency": 1000, "rate": {"initial": 2},
             "markets": [{"market": "gpu"}],
             "brokers": [{"cohort": "b", "external_cash": 90.9, "cash_target": 100}]}""", "");
        try (Engine e = Engine.start(s, Backends.JAVA, 2)) {
            GatewayState g = e.stage(GatewayStage.class).state();
            assertEquals(40 * CREDIT, g.price[0], "the external price defaults to 20.00 at the rate of 2");
            e.step();
            e.verifyConservation();
            assertArrayEquals(new long[] {55 * CREDIT, 55 * CREDIT, 55 * CREDIT, 55 * CREDIT}, cash(e));
            assertEquals(0, g.principalMoney[0]);
            assertEquals(3_600_000, g.fees);
            assertEquals(820 * CREDIT, g.offshore);
            assertEquals(180 * CREDIT, g.acIn);
            assertArrayEquals(new int[] {5, 5, 5, 5}, inventory(e), "no goods cross: the prices agree");
            e.step();
            assertEquals(180 * CREDIT, g.acIn, "55 is within [50, 200]: nothing more to convert");
        }
    }

    /**
     * With only 90 credits offshore, the buy leg is scaled once more, by 90 / 180: a quarter of the 360 requested
     * crosses, 22.5 each for 45 + 0.45; the next epoch the brokers (32.5 each) want more, but none is left.
     */
    @Test
    void theOffshoreSupplyOfAgentCurrencyLimitsPurchases() {
        Scenario s = economy("10", """
            {"fee_bps": 100, "offshore_agent_currency": 90, "rate": {"initial": 2},
             "markets": [{"market": "gpu"}],
             "brokers": [{"cohort": "b", "external_cash": 90.9, "cash_target": 100}]}""", "");
        try (Engine e = Engine.start(s, Backends.JAVA, 2)) {
            GatewayState g = e.stage(GatewayStage.class).state();
            e.step();
            e.verifyConservation();
            assertArrayEquals(new long[] {32_500_000, 32_500_000, 32_500_000, 32_500_000}, cash(e));
            assertEquals(0, g.offshore);
            assertEquals(4 * 90_900_000 - 4 * 45_450_000, g.principalMoney[0]);
            e.step();
            e.verifyConservation();
            assertEquals(90 * CREDIT, g.acIn, "nothing left to buy");
        }
    }

    /**
     * The fractions for two principals: "pa" asks for 300 credits, "pb" for 100. A per-principal cap of 150 halves
     * pa (f = 2^29) and leaves pb whole; then the per-epoch cap of 200 scales both by 200 / (150 + 100) = 0.8:
     * floor(2^29 x 0.8) = 429496729 and floor(2^30 x 0.8) = 858993459. pb's principal can pay for a quarter of its
     * paying legs at that fill: budget floor(2^30 x 2^30 x 10 / (858993459 x 50)).
     */
    @Test
    void fractionsApplyPrincipalCapsThenTheEpochCapThenBudgets() {
        Scenario s = Fixtures.scenario("""
            { "name": "two", "seed": 1, "epochs": 1,
              "markets": [ {"name": "gpu", "resource": "compute", "tick_size": 0.01, "ticks": 4000, "initial_price": 20} ],
              "population": [
                {"name": "a", "strategy": "fundamentalist", "market": "gpu", "count": 3, "principal": "pa"},
                {"name": "b", "strategy": "fundamentalist", "market": "gpu", "count": 2, "principal": "pb",
                 "cash": 100} ],
              "gateway": {"cap_per_epoch": 200, "cap_per_principal": 150, "markets": [{"market": "gpu"}],
                          "brokers": [{"cohort": "a"}, {"cohort": "b"}]} }""");
        GatewayPlan plan = GatewayPlan.of(s, new Layout(s));
        assertEquals(List.of("pa", "pb"), plan.principals());
        long[] requests = new long[2 * Gateway.REQUESTS];
        requests[Gateway.VALUE] = 300 * CREDIT;
        requests[Gateway.REQUESTS + Gateway.VALUE] = 100 * CREDIT;
        requests[Gateway.REQUESTS + Gateway.PAY] = 50 * CREDIT;
        requests[Gateway.REQUESTS + Gateway.BUY_AC] = 7 * CREDIT;
        GatewayStep step = new GatewayStep(2);
        GatewayStage.fractions(plan, requests, new long[] {0, 10 * CREDIT}, 150 * CREDIT, 200 * CREDIT, 1000 * CREDIT,
                step);
        assertEquals(429_496_729L, step.fill[Gateway.EXPORT]);
        assertEquals(429_496_729L, step.fill[Gateway.SELL]);
        assertEquals(429_496_729L, step.fill[Gateway.IMPORT], "pa pays nothing: its budget does not bind");
        assertEquals(858_993_459L, step.fill[Gateway.LEGS + Gateway.EXPORT]);
        long budget = java.math.BigInteger.ONE.shiftLeft(60).multiply(java.math.BigInteger.valueOf(10))
                .divide(java.math.BigInteger.valueOf(858_993_459L * 50)).longValue();
        assertEquals(Gateway.scale(858_993_459L, budget), step.fill[Gateway.LEGS + Gateway.IMPORT]);
        assertEquals(Gateway.scale(Gateway.scale(858_993_459L, budget), Gateway.ONE),
                step.fill[Gateway.LEGS + Gateway.BUY], "1000 offshore is plenty: no supply limit");
    }

    /**
     * The permeable flash crash with the gateway's own circuit breaker at a 3% fall: the gateway closes exactly
     * after the first epoch in which compute is 3% below its running peak, stays closed for 10 epochs (nothing
     * crosses, the flows stand still) and reopens; conservation holds after every epoch.
     */
    @Test
    void theGatewaysBreakerClosesItWhenALinkedMarketFallsTooFar() {
        ObjectNode tree = Fixtures.tree("permeable-flash-crash.json");
        tree.put("epochs", 200);
        ((ObjectNode) tree.get("gateway")).putObject("circuit_breaker").put("drawdown_percent", 3)
                .put("close_epochs", 10);
        Scenario s = Fixtures.scenario(tree);
        try (Engine e = Engine.start(s, Backends.JAVA, 2)) {
            GatewayState g = e.stage(GatewayStage.class).state();
            int tripped = -1;
            long crossedBefore = 0;
            while (!e.finished()) {
                int epoch = e.epoch();
                long before = g.acOut + g.acIn + g.exported[0] + g.imported[0];
                e.step();
                e.verifyConservation();
                long after = g.acOut + g.acIn + g.exported[0] + g.imported[0];
                var m = e.markets();
                boolean fell = (m.peakTick[0] - m.lastTick[0]) * 100L >= 3L * m.peakTick[0];
                if (tripped < 0 && fell) {
                    tripped = epoch;
                    assertEquals(epoch + 11, g.closedUntil, "closed for the 10 epochs after the one that fell");
                    assertEquals(1, g.breakerClosures);
                    crossedBefore = after;
                } else if (tripped >= 0 && epoch <= tripped + 10) {
                    assertEquals(before, after, "nothing crosses while closed (epoch " + epoch + ")");
                }
            }
            assertTrue(tripped > 100, "the crash starts at epoch 100; tripped at " + tripped);
            assertTrue(g.acOut + g.acIn + g.exported[0] + g.imported[0] >= crossedBefore);
            assertTrue(g.breakerClosures >= 1);
        }
    }

    /** Killed brokers stop crossing: their goods and cash stay where they are. */
    @Test
    void killedBrokersDoNotCross() {
        Scenario s = economy("0", """
            {"markets": [{"market": "gpu", "price": 21}], "brokers": [{"cohort": "b", "max_units": 1}]}""",
                "{\"epoch\": 1, \"type\": \"kill\", \"target\": \"cohort\", \"cohort\": \"b\"}");
        try (Engine e = Engine.start(s, Backends.JAVA, 1)) {
            e.step();
            assertArrayEquals(new int[] {4, 4, 4, 4}, inventory(e));
            e.step();
            e.step();
            e.verifyConservation();
            assertArrayEquals(new int[] {4, 4, 4, 4}, inventory(e), "killed at epoch 1");
            assertEquals(4, e.stage(GatewayStage.class).state().exported[0]);
        }
    }

    /** A resource the gateway does not allow stays dormant: its brokers neither cross nor look outside. */
    @Test
    void aDisallowedResourceDoesNotCross() {
        Scenario s = Fixtures.scenario("""
            { "name": "dormant", "seed": 7, "epochs": 3,
              "markets": [ {"name": "gpu", "resource": "compute", "tick_size": 0.01, "ticks": 4000, "initial_price": 20},
                           {"name": "files", "resource": "data", "tick_size": 0.01, "ticks": 4000, "initial_price": 20} ],
              "population": [ {"name": "b", "strategy": "fundamentalist", "market": "gpu", "count": 4, "inventory": 5,
                               "params": {"threshold_ticks": 3000}},
                              {"name": "d", "strategy": "fundamentalist", "market": "files", "count": 1} ],
              "gateway": {"allowed_resources": ["data"], "markets": [{"market": "gpu", "price": 21}],
                          "brokers": [{"cohort": "b"}]} }""");
        try (Engine e = Engine.start(s, Backends.JAVA, 1)) {
            e.step();
            e.step();
            assertEquals(0, e.stage(GatewayStage.class).state().exported[0]);
            assertEquals(0, e.stage(GatewayStage.class).state().activeEpochs);
        }
    }

    /** A permeable run cut at its epoch-200 checkpoint and resumed ends with the uninterrupted run's checksum. */
    @Test
    void aPermeableRunResumesBitIdentically(@TempDir Path tmp) throws Exception {
        ObjectNode tree = Fixtures.tree("permeable-flash-crash.json");
        tree.put("epochs", 300);
        tree.put("checkpoint_every", 100);
        tree.put("metrics_every", 7);
        ((ObjectNode) tree.get("gateway")).putObject("circuit_breaker").put("drawdown_percent", 4)
                .put("close_epochs", 15);
        tree.withArray("events").addObject().put("epoch", 250).put("type", "external_shock").put("market", "compute")
                .put("percent", -10);
        Path file = Fixtures.write(tmp, "scenario.json", tree);
        Scenario s = Fixtures.scenario(tree);
        RunSession.Outcome whole = RunSession.start(s, file, tmp.resolve("whole"), "java", 2, SILENT, true);
        assertTrue(whole.complete());
        RunSession.Outcome first = RunSession.start(s, file, tmp.resolve("cut"), "java", 1, SILENT, true);
        assertEquals(whole.checksum(), first.checksum(), "thread count does not matter");
        Path cut = tmp.resolve("cut");
        Files.delete(cut.resolve("checkpoints").resolve("epoch-000000300.ckpt"));
        Files.delete(cut.resolve("summary.json"));
        RunSession.Outcome resumed = RunSession.resume(cut, null, 2, null, SILENT, true);
        assertTrue(resumed.complete());
        assertEquals(whole.checksum(), resumed.checksum());
        assertEquals(Files.readAllLines(tmp.resolve("whole").resolve("metrics.csv")),
                Files.readAllLines(cut.resolve("metrics.csv")), "gateway columns included");
        JsonNode a = RunDirectory.JSON.readTree(tmp.resolve("whole").resolve("summary.json").toFile()).get("gateway");
        JsonNode b = RunDirectory.JSON.readTree(cut.resolve("summary.json").toFile()).get("gateway");
        assertEquals(a, b, "the gateway block, contagion figures included, survives the resume");
        assertTrue(a.path("flows").path("agent_currency_in").asDouble() > 0, "something crossed");
    }

    /** summary.json's gateway block and its conservation lines, and metrics.csv's gateway columns. */
    @Test
    void theRunReportsFlowsExposureAndConservationInBothCurrencies(@TempDir Path tmp) throws Exception {
        ObjectNode tree = Fixtures.tree("permeable-flash-crash.json");
        tree.put("epochs", 250);
        Path file = Fixtures.write(tmp, "scenario.json", tree);
        RunSession.Outcome run = RunSession.start(Fixtures.scenario(tree), file, tmp.resolve("r"), "java", 2, SILENT,
                true);
        assertTrue(run.complete());
        JsonNode s = RunDirectory.JSON.readTree(tmp.resolve("r").resolve("summary.json").toFile());
        JsonNode c = s.get("conservation");
        assertTrue(c.get("all_conserved").asBoolean(), c.toString());
        assertTrue(c.get("external_money").get("conserved").asBoolean());
        assertEquals(0, c.get("money_initial").decimalValue().add(c.get("offshore_initial").decimalValue())
                .compareTo(c.get("money_final").decimalValue().add(c.get("offshore_final").decimalValue())),
                "agent currency inside and outside adds up to what there was");
        JsonNode g = s.get("gateway");
        JsonNode link = g.get("markets").get(0);
        assertEquals(c.get("goods").get("compute").get("exported").asLong(), link.get("exported").asLong());
        assertTrue(link.get("exported").asLong() > 0, "the crash sends compute out");
        assertTrue(link.get("external_max_drawdown").asDouble() > 0, "and moves the external price");
        assertTrue(g.get("exposure").get("peak_exposure").asDouble() >= g.get("exposure").get("exposure").asDouble());
        List<String> rows = Files.readAllLines(tmp.resolve("r").resolve("metrics.csv"));
        List<String> header = List.of(rows.getFirst().split(","));
        assertTrue(header.containsAll(List.of("gateway.open", "gateway.rate", "gateway.agent_currency_out",
                "gateway.agent_currency_in", "gateway.fees", "gateway.external_pnl", "gateway.exposure",
                "compute.external_price", "compute.exported", "compute.imported")), header.toString());
        String[] last = rows.getLast().split(",", -1);
        assertEquals(link.get("exported").asText(), last[header.indexOf("compute.exported")]);
        List<Double> exposures = new ArrayList<>();
        for (String row : rows.subList(1, rows.size())) {
            exposures.add(Double.parseDouble(row.split(",", -1)[header.indexOf("gateway.exposure")]));
        }
        assertEquals(g.get("exposure").get("peak_exposure").asDouble(),
                exposures.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), 1e-9,
                "metrics every epoch: the peak is the largest row");
    }

    /** The external market's default money, as the reader sets it (10^9 external credits). */
    private static final class GatewayReaderDefaults {
        static final long EXTERNAL_MONEY = 1_000_000_000L * CREDIT;
    }
}
