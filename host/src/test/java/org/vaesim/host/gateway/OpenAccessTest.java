package org.vaesim.host.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaesim.host.Fixtures;
import org.vaesim.host.epoch.Engine;
import org.vaesim.host.run.RunDirectory;
import org.vaesim.host.run.RunSession;
import org.vaesim.kernels.Backends;
import org.vaesim.kernels.gateway.Gateway;
import org.vaesim.kernels.rng.Philox;
import org.vaesim.kernels.rng.Streams;
import org.vaesim.models.scenario.Scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Open access through the engine (docs/permeability.md#open-access): ordinary agents who cross on their own when the
 * price gap beats their own threshold, worked out by hand, with every gateway control binding on their crossings,
 * both currencies and the goods conserved after every epoch, and a run resumed from a checkpoint.
 */
class OpenAccessTest {
    private static final long CREDIT = 1_000_000;
    private static final PrintStream SILENT = new PrintStream(OutputStream.nullOutputStream());

    /**
     * Eight ordinary agents (bidders, who never trade in the market, so its last price stays 20.00) each holding 5
     * units and 100 credits, and compute outside at 21.00 with a 1% fee: a gap of 100 ticks, a band of 21. With seed
     * 7 and thresholds on [60, 99] ticks, the agents draw 83, 96, 88, 93, 91, 61, 61, 79: an agent crosses when
     * 21 + its threshold < 100, so agents 5 and 6 (61) do and agent 7 (79, a gap of exactly 21 + 79) does not.
     */
    static Scenario economy(String gatewayExtra, String scope, String events) {
        return Fixtures.scenario("""
            { "name": "oa-hand", "seed": 7, "epochs": 3, "metrics_every": 1,
              "markets": [ {"name": "gpu", "resource": "compute", "tick_size": 0.01, "ticks": 4000,
                            "initial_price": 20} ],
              "population": [ {"name": "t", "strategy": "bidder", "market": "gpu", "count": 8, "cash": 100,
                               "inventory": 5 %s} ],
              "gateway": {"fee_bps": 100,
                          "markets": [{"market": "gpu", "price": 21, "depth": 1000}],
                          "open_access": {"threshold_ticks": {"min": 60, "max": 99}, "max_units": 2} %s},
              "events": [%s] }
            """.formatted(scope, gatewayExtra, events));
    }

    /** The economy with 1000 credits offshore and {@code gatewayExtra} (", field: value" pairs) in the gateway. */
    static Scenario economy(String gatewayExtra) {
        return economy(OFFSHORE + gatewayExtra, "", "");
    }

    private static final String OFFSHORE = ", \"offshore_agent_currency\": 1000";

    @Test
    void theThresholdsAreTheAgentsOwnDrawsForTheSeed() {
        long key = Philox.key(7, Streams.GATEWAY);
        Gateway.Crossers rule = new Gateway.Crossers(60, 99, Philox.keyLo(key), Philox.keyHi(key));
        int[] scratch = Philox.agentWordScratch();
        int[] drawn = new int[8];
        for (int i = 0; i < 8; i++) {
            drawn[i] = rule.threshold(i, scratch);
        }
        assertArrayEquals(new int[] {83, 96, 88, 93, 91, 61, 61, 79}, drawn);
    }

    /**
     * Epoch 0: agents 5 and 6 export min(5, 2) = 2 units each at u = 21 credits and receive 42 - 0.42 = 41.58
     * credits each from the offshore agent currency (1000 - 83.16 = 916.84 left). The external market pays 84 EM for
     * the 4 units, the fee account takes 0.84 EM, and 83.16 EM buy the agents' credits: the external market is 0.84
     * EM down in money. Its price falls by 4 / (100 x 1000): 21 - 0.00084 = 20.99916, so the holders' 4 units
     * bought at 84 are worth 83.99664: an exposure of 0.00336 EM, which is also the external market's loss counting
     * every party (-0.84 - 83.16 + 83.99664), while the fee account gains 0.84.
     */
    @Test
    void exactlyTheAgentsWhoseThresholdTheGapBeatsCrossAndSettleInAgentCurrency() {
        try (Engine e = Engine.start(economy(""), Backends.JAVA, 2)) {
            GatewayStage stage = e.stage(GatewayStage.class);
            GatewayState g = stage.state();
            long em0 = g.externalMoney;
            e.step();
            e.verifyConservation();
            assertArrayEquals(new int[] {5, 5, 5, 5, 5, 3, 3, 5}, e.population().inventory);
            long c = 100 * CREDIT;
            assertArrayEquals(new long[] {c, c, c, c, c, c + 41_580_000, c + 41_580_000, c}, e.population().cash);
            assertEquals(4, g.exported[0]);
            assertEquals(4, g.openExported[0]);
            assertEquals(2, g.openCrossings);
            assertEquals(83_160_000, g.openAcReceived);
            assertEquals(840_000, g.fees);
            assertEquals(840_000, g.openFees);
            assertEquals(1000 * CREDIT - 83_160_000, g.offshore);
            assertEquals(em0 - 840_000, g.externalMoney, "84 EM paid for the goods, 83.16 EM back for the credits");
            assertEquals(0, g.principalMoney[0], "the agents' principal holds no external money");
            assertEquals(20_999_160, g.price[0]);
            assertEquals(3_360, g.exposure());
            ExternalParties parties = ExternalParties.of(stage, e);
            assertEquals(-3_360, parties.marketPnl());
            assertEquals(840_000, parties.fees());
            assertEquals(3_360, parties.exposure(), "every party's losses: the external market's alone");
            // epoch 1: anchor floor(2099.916) = 2099, band 21: a threshold below 78 crosses, as 61 does
            e.step();
            e.verifyConservation();
            assertArrayEquals(new int[] {5, 5, 5, 5, 5, 1, 1, 5}, e.population().inventory);
        }
    }

    /** The caps count open-access crossings at the internal price: 20 credits an epoch lets 1 unit of 4 cross. */
    @Test
    void theCapsBindOnOpenAccessCrossings() {
        for (String cap : new String[] {", \"cap_per_epoch\": 20", ", \"cap_per_principal\": 20"}) {
            try (Engine e = Engine.start(economy(cap), Backends.JAVA, 1)) {
                e.step();
                e.verifyConservation();
                // fraction 20 / 80: floor(2 / 4) = 0 for agent 5, floor(4 / 4) - 0 = 1 for agent 6
                assertArrayEquals(new int[] {5, 5, 5, 5, 5, 5, 4, 5}, e.population().inventory, cap);
                assertEquals(1, e.stage(GatewayStage.class).state().openExported[0], cap);
            }
        }
    }

    /**
     * Open-access agents of a broker's principal share its cap. The brokers come first in the population (agents
     * 0-3), so the ordinary agents are 4-11, with thresholds 91, 61, 61, 79, 63, 62, 64, 74: six of them (below 79)
     * want 2 units out, 240 credits at 20.00, beside the brokers' 8 units (160 credits). A cap of 100 credits per
     * principal lets 1/4 of each cross: floor(8 / 4) = 2 broker units (agents 1 and 3, by cumulative rounding) and
     * floor(12 / 4) = 3 of the agents', 100 credits in all. The principal receives the brokers' 42 external credits
     * less 0.42 of fees; the agents' crossings leave its external money as it was.
     */
    @Test
    void openAccessAgentsOfABrokersPrincipalShareItsCap() {
        Scenario s = Fixtures.scenario("""
            { "name": "oa-shared", "seed": 7, "epochs": 1,
              "markets": [ {"name": "gpu", "resource": "compute", "tick_size": 0.01, "ticks": 4000,
                            "initial_price": 20} ],
              "population": [ {"name": "t", "strategy": "bidder", "market": "gpu", "count": 8, "cash": 100,
                               "inventory": 5, "principal": "fund"},
                              {"name": "b", "strategy": "fundamentalist", "market": "gpu", "count": 4,
                               "inventory": 5, "principal": "fund",
                               "params": {"threshold_ticks": 3000, "max_position": 20}} ],
              "gateway": {"fee_bps": 100, "offshore_agent_currency": 1000, "cap_per_principal": 100,
                          "markets": [{"market": "gpu", "price": 21, "depth": 1000}],
                          "brokers": [{"cohort": "b", "max_units": 2}],
                          "open_access": {"cohorts": ["t"], "threshold_ticks": {"min": 60, "max": 99},
                                          "max_units": 2}} }""");
        try (Engine e = Engine.start(s, Backends.JAVA, 1)) {
            GatewayStage stage = e.stage(GatewayStage.class);
            assertEquals(java.util.List.of("fund"), stage.plan().principals());
            e.step();
            e.verifyConservation();
            GatewayState g = stage.state();
            assertEquals(5, g.exported[0], "100 credits of 20.00 units");
            assertEquals(3, g.openExported[0]);
            assertArrayEquals(new int[] {5, 4, 5, 4}, java.util.Arrays.copyOf(e.population().inventory, 4));
            assertEquals(42 * CREDIT - 420_000, g.principalMoney[0], "the brokers' 2 units, less fees");
        }
    }

    /**
     * The exports' agent currency comes out of the offshore supply: with 30 credits offshore the 84 credits the
     * exports could draw get a fraction 30/84, floor(4 x 30/84) = 1 unit crosses (agent 6) for 20.79 credits.
     */
    @Test
    void theOffshoreSupplyLimitsOpenAccessExports() {
        try (Engine e = Engine.start(economy(", \"offshore_agent_currency\": 30", "", ""), Backends.JAVA, 1)) {
            GatewayState g = e.stage(GatewayStage.class).state();
            e.step();
            e.verifyConservation();
            assertArrayEquals(new int[] {5, 5, 5, 5, 5, 5, 4, 5}, e.population().inventory);
            assertEquals(30 * CREDIT - 20_790_000, g.offshore);
        }
    }

    /** A kill switch stops a killed agent from crossing; the operator's switch stops everyone. */
    @Test
    void killedAgentsAndAClosedGatewayDoNotCross() {
        String kill = "{\"epoch\": 1, \"type\": \"kill\", \"target\": \"agent\", \"agent\": 5}";
        try (Engine e = Engine.start(economy(OFFSHORE, "", kill), Backends.JAVA, 1)) {
            e.step();
            e.step();
            e.verifyConservation();
            assertArrayEquals(new int[] {5, 5, 5, 5, 5, 3, 1, 5}, e.population().inventory, "agent 5 killed at 1");
        }
        String close = "{\"epoch\": 1, \"type\": \"gateway_close\"}";
        try (Engine e = Engine.start(economy(OFFSHORE, "", close), Backends.JAVA, 1)) {
            e.step();
            e.step();
            e.step();
            e.verifyConservation();
            assertArrayEquals(new int[] {5, 5, 5, 5, 5, 3, 3, 5}, e.population().inventory, "closed from epoch 1");
        }
        try (Engine e = Engine.start(economy(", \"open\": false"), Backends.JAVA, 1)) {
            e.step();
            assertEquals(0, e.stage(GatewayStage.class).state().openExported[0], "never opened");
        }
    }

    /** A scope that does not authorize the agents' market keeps them inside, counted as out of scope. */
    @Test
    void agentsTheirScopeDoesNotAuthorizeDoNotCross() {
        try (Engine e = Engine.start(economy(OFFSHORE, ", \"scope\": {\"resources\": [\"data\"]}", ""),
                Backends.JAVA, 1)) {
            e.step();
            e.verifyConservation();
            assertArrayEquals(new int[] {5, 5, 5, 5, 5, 5, 5, 5}, e.population().inventory);
            assertEquals(0, e.stage(GatewayStage.class).state().openCrossings);
        }
        // a largest order of 1 unit caps each agent's leg below its max_units of 2
        try (Engine e = Engine.start(economy(OFFSHORE, ", \"scope\": {\"max_order_qty\": 1}", ""),
                Backends.JAVA, 1)) {
            e.step();
            assertArrayEquals(new int[] {5, 5, 5, 5, 5, 4, 4, 5}, e.population().inventory);
        }
    }

    /**
     * The currency regime binds: the agents bought 83.16 credits in through the external market, so with a floating
     * rate of depth 20 credits it rises by 83.16 / (100 x 20) = 4.158%, to 1.04158; pegged (no depth) it stays 1.
     */
    @Test
    void openAccessCurrencyFlowsMoveAFloatingRate() {
        try (Engine e = Engine.start(economy(", \"rate\": {\"depth\": 20}"), Backends.JAVA, 1)) {
            e.step();
            assertEquals(1_041_580, e.stage(GatewayStage.class).state().rate);
        }
        try (Engine e = Engine.start(economy(""), Backends.JAVA, 1)) {
            e.step();
            assertEquals(CREDIT, e.stage(GatewayStage.class).state().rate);
        }
    }

    /** The permeable flash crash with every non-broker agent under open access (thresholds 20-200, 2 units). */
    static ObjectNode flashCrash(int epochs) {
        ObjectNode tree = Fixtures.tree("permeable-flash-crash.json");
        tree.put("epochs", epochs);
        ObjectNode open = ((ObjectNode) tree.get("gateway")).putObject("open_access").put("max_units", 2);
        open.putObject("threshold_ticks").put("min", 20).put("max", 200);
        return tree;
    }

    /**
     * The gateway's breaker binds on open access: after the first epoch compute is 3% below its peak the gateway
     * closes for 10 epochs and the open-access flows stand still; conservation holds after every epoch.
     */
    @Test
    void theGatewaysBreakerStopsOpenAccess() {
        ObjectNode tree = flashCrash(160);
        ((ObjectNode) tree.get("gateway")).putObject("circuit_breaker").put("drawdown_percent", 3)
                .put("close_epochs", 10);
        try (Engine e = Engine.start(Fixtures.scenario(tree), Backends.JAVA, 2)) {
            GatewayState g = e.stage(GatewayStage.class).state();
            int tripped = -1;
            while (!e.finished()) {
                int epoch = e.epoch();
                long before = g.openExported[0] + g.openImported[0] + g.openCrossings;
                e.step();
                e.verifyConservation();
                long after = g.openExported[0] + g.openImported[0] + g.openCrossings;
                if (tripped < 0 && g.breakerClosures > 0) {
                    tripped = epoch;
                } else if (tripped >= 0 && epoch <= tripped + 10) {
                    assertEquals(before, after, "nothing crosses while closed (epoch " + epoch + ")");
                }
            }
            assertTrue(tripped > 100, "tripped at " + tripped);
            assertTrue(g.openCrossings > 0, "ordinary agents crossed before");
        }
    }

    /** A run with open access cut at a checkpoint and resumed ends as the uninterrupted run, summary included. */
    @Test
    void anOpenAccessRunResumesBitIdentically(@TempDir Path tmp) throws Exception {
        ObjectNode tree = flashCrash(240);
        tree.put("checkpoint_every", 120);
        tree.put("metrics_every", 7);
        Path file = Fixtures.write(tmp, "scenario.json", tree);
        Scenario s = Fixtures.scenario(tree);
        RunSession.Outcome whole = RunSession.start(s, file, tmp.resolve("whole"), "java", 2, SILENT, true);
        assertTrue(whole.complete());
        RunSession.Outcome cut = RunSession.start(s, file, tmp.resolve("cut"), "java", 1, SILENT, true);
        assertEquals(whole.checksum(), cut.checksum());
        Path dir = tmp.resolve("cut");
        Files.delete(dir.resolve("checkpoints").resolve("epoch-000000240.ckpt"));
        Files.delete(dir.resolve("summary.json"));
        RunSession.Outcome resumed = RunSession.resume(dir, null, 2, null, SILENT, true);
        assertEquals(whole.checksum(), resumed.checksum());
        JsonNode a = RunDirectory.JSON.readTree(tmp.resolve("whole").resolve("summary.json").toFile());
        JsonNode b = RunDirectory.JSON.readTree(dir.resolve("summary.json").toFile());
        assertEquals(a.get("gateway"), b.get("gateway"));
        JsonNode open = a.get("gateway").get("open_access");
        assertTrue(open.get("crossings").asLong() > 0, open.toString());
        long all = a.get("gateway").get("markets").get(0).get("exported").asLong();
        long byOpenAccess = open.get("markets").get(0).get("exported").asLong();
        assertTrue(byOpenAccess > 0 && byOpenAccess <= all, byOpenAccess + " of " + all + " units exported");
        assertTrue(a.get("conservation").get("all_conserved").asBoolean());
        String report = Files.readString(tmp.resolve("whole").resolve("report.html"));
        assertTrue(report.contains(open.get("crossings").asLong() + " crossings by agents of"), "report.html says so");
    }
}
