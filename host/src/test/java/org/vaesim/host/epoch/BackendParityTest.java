package org.vaesim.host.epoch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vaesim.host.Fixtures;
import org.vaesim.host.Require;
import org.vaesim.host.io.StateDigest;
import org.vaesim.host.metrics.Mobility;
import org.vaesim.host.metrics.WealthHistogram;
import org.vaesim.host.safety.SafetyState;
import org.vaesim.host.stage.Section;
import org.vaesim.host.stage.Stages;
import org.vaesim.kernels.Backends;
import org.vaesim.kernels.gate.RejectReason;
import org.vaesim.kernels.memory.Population;
import org.vaesim.kernels.device.DeviceBackend;
import org.vaesim.models.scenario.Scenario;

/**
 * The same scenario and seed on the java backend and on each device backend (opencl, cuda) give bit-identical
 * state after every epoch: each case compares the full state digest, the wealth histogram, the transition matrix
 * and the decile column after each one. A device backend that cannot run here is skipped, unless its switch is set
 * ({@link Require}): VAESIM_REQUIRE_OPENCL=1 (set by .ci/run, which installs PoCL) or VAESIM_REQUIRE_CUDA=1 (for a
 * GPU machine, bench/gpu/run-on-gpu.sh), in which case a missing device fails the build instead of passing it
 * silently.
 */
@ParameterizedClass(name = "{0}")
@ValueSource(strings = {Backends.OPENCL, Backends.CUDA})
class BackendParityTest {
    private final String device;

    BackendParityTest(String device) {
        this.device = device;
    }

    @BeforeEach
    void needsTheDevice() {
        Require.backend(device);
    }

    /** The java engine's safety state and markets after a lockstep run (the device's are identical). */
    record Outcome(SafetyState safety, MarketState markets) {
    }

    /**
     * Runs java and {@code device} in lockstep and compares the full state digest after every epoch, after the two
     * metrics passes, whose histogram and transitions must agree too.
     */
    static Outcome assertLockstep(Scenario s, String device) {
        try (Engine java = Engine.start(s, Backends.JAVA, 2); Engine cl = Engine.start(s, device, 0)) {
            while (!java.finished()) {
                java.step();
                cl.step();
                assertSameMetrics(java, cl);
                String a = StateDigest.of(java);
                String b = StateDigest.of(cl);
                if (!a.equals(b)) {
                    fail("java and " + device + " differ after epoch " + java.epoch() + ": "
                            + firstDifference(java, cl));
                }
            }
            return new Outcome(java.safety(), java.markets());
        }
    }

    /** Both metrics passes on both engines: the same histogram, cash total, transitions and stored deciles. */
    private static void assertSameMetrics(Engine java, Engine cl) {
        WealthHistogram a = WealthHistogram.sample(java);
        WealthHistogram b = WealthHistogram.sample(cl);
        assertArrayEquals(a.slots(), b.slots(), "wealth histogram after epoch " + java.epoch());
        assertEquals(a.cash(), b.cash(), "cash total");
        Mobility ma = Mobility.sample(java, a);
        Mobility mb = Mobility.sample(cl, b);
        assertEquals(ma == null, mb == null, "mobility present on both or neither");
        if (ma != null) {
            assertArrayEquals(ma.transitions(), mb.transitions(), "transitions after epoch " + java.epoch());
        }
        assertArrayEquals(java.population().decile, cl.population().decile, "deciles");
        // the efficiency accounts (from the device's period schedules) are not in the state digest
        assertArrayEquals(java.markets().efficiency, cl.markets().efficiency, "efficiency accounts");
    }

    private static String firstDifference(Engine a, Engine b) {
        Population p = a.population();
        Population q = b.population();
        String[] names = {"cash", "inventory", "trait", "quota", "bidTick", "bidQty", "askTick", "askQty"};
        Object[][] columns = {{p.cash, q.cash}, {p.inventory, q.inventory}, {p.trait, q.trait}, {p.quota, q.quota},
            {p.bidTick, q.bidTick}, {p.bidQty, q.bidQty}, {p.askTick, q.askTick}, {p.askQty, q.askQty}};
        for (int c = 0; c < names.length; c++) {
            for (int i = 0; i < p.size; i++) {
                long x = columns[c][0] instanceof long[] l ? l[i] : ((int[]) columns[c][0])[i];
                long y = columns[c][1] instanceof long[] l ? l[i] : ((int[]) columns[c][1])[i];
                if (x != y) {
                    return names[c] + "[" + i + "]: java " + x + ", " + b.backend().name() + " " + y;
                }
            }
        }
        return "the populations agree; the market state differs";
    }

    @Test
    void quickstartIsBitIdentical() {
        assertLockstep(Fixtures.scenario(Fixtures.tree("quickstart.json")).withEpochs(60), device);
    }

    @Test
    void flashCrashIsBitIdentical() {
        assertLockstep(Fixtures.scenario(Fixtures.tree("flash-crash.json")).withEpochs(260), device);
    }

    /**
     * The 2010 crash: HFTs that bid up to their limit after a fall (dip_qty), value investors whose activity falls
     * with realised volatility, a per-market breaker band and the volatility pause, through the crash (epoch 100 on).
     */
    @Test
    void flashCrash2010IsBitIdentical() {
        assertLockstep(Fixtures.scenario(Fixtures.tree("flash-crash-2010-both.json")).withEpochs(220), device);
    }

    /**
     * The gateway (docs/permeability.md): brokers exporting, importing and converting under caps, a fee, the
     * principals' external money and the offshore supply, with the external market's prices moving by impact. The
     * state digest covers the gateway's section, so its ledgers, positions and contagion sums must agree too.
     */
    @Test
    void permeableFlashCrashIsBitIdentical() {
        Scenario s = Fixtures.scenario(Fixtures.tree("permeable-flash-crash.json")).withEpochs(260);
        Outcome o = assertLockstep(s, device);
        assertTrue(o.markets().totalVolume[0] > 0);
    }

    /**
     * Open access (docs/permeability.md#open-access): every non-broker agent of the flash crash crosses on its own
     * when the gap beats its threshold (drawn in the kernel), beside the brokers, under the cap and a floating rate.
     */
    @Test
    void openAccessIsBitIdentical() {
        var tree = Fixtures.tree("permeable-flash-crash.json");
        tree.put("epochs", 220);
        var open = ((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("gateway")).putObject("open_access")
                .put("max_units", 2);
        open.putObject("threshold_ticks").put("min", 20).put("max", 200);
        Scenario s = Fixtures.scenario(tree);
        assertLockstep(s, device);
        try (Engine java = Engine.start(s, Backends.JAVA, 2)) {
            while (!java.finished()) {
                java.step();
            }
            assertTrue(java.stage(org.vaesim.host.gateway.GatewayStage.class).state().openCrossings > 100,
                    "ordinary agents crossed");
        }
    }

    /**
     * A permeable quadrant with every gateway control at work, checked after every epoch: the gateway's circuit
     * breaker, the operator closing and reopening it, a shock to the external price and one to the rate, beside the
     * safety layer, arrivals and a resource auction.
     */
    @Test
    void gatewayWithEveryControlIsBitIdentical() {
        var tree = Fixtures.tree("quadrants/intentional-permeable.json");
        tree.put("epochs", 220);
        var events = tree.withArray("events");
        events.addObject().put("epoch", 150).put("type", "external_shock").put("market", "compute").put("percent", -15);
        events.addObject().put("epoch", 160).put("type", "rate_shock").put("percent", 10);
        events.addObject().put("epoch", 190).put("type", "gateway_close");
        events.addObject().put("epoch", 200).put("type", "gateway_open");
        assertLockstep(Fixtures.scenario(tree), device);
    }

    /**
     * Every family, fees, short sales, position limits, circuit breakers, volatility pauses, a sandbox, kill
     * switches and every kind of event, checked after every epoch.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void everyFamilyAndEventIsBitIdentical(long seed) {
        String json = """
            { "name": "parity", "seed": %d, "epochs": 60,
              "markets": [
                { "name": "a", "resource": "compute", "tick_size": 0.01, "ticks": 400, "initial_price": 2.00, "fee_bps": 25 },
                { "name": "b", "resource": "data", "tick_size": 0.05, "ticks": 100, "initial_price": 2.50, "fee_bps": 0,
                  "sandbox": "lab" } ],
              "population": [
                { "name": "zc-b", "strategy": "zi-c", "market": "a", "count": 700, "cash": 50,
                  "params": { "side": "buy", "value_min": 1.00, "value_max": 3.00, "units": 2, "period": 7 } },
                { "name": "zc-s", "strategy": "zi-c", "market": "a", "count": 700, "inventory": 30,
                  "params": { "side": "sell", "value_min": 1.00, "value_max": 3.00, "units": 2, "period": 7 } },
                { "name": "zu-b", "strategy": "zi-u", "market": "b", "count": 300, "cash": 3,
                  "params": { "side": "buy", "value_min": 1.00, "value_max": 4.00, "period": 5 } },
                { "name": "zu-s", "strategy": "zi-u", "market": "b", "count": 300, "inventory": 2,
                  "params": { "side": "sell", "value_min": 1.00, "value_max": 4.00, "period": 5 } },
                { "name": "od", "strategy": "order-driven", "market": "a", "count": 500, "cash": 40, "inventory": 20,
                  "params": { "activity": 0.7, "chartist_weight": 2, "noise_sigma": 0.04, "horizons": 8,
                              "reversion_epochs": 10, "spread": 0.02, "qty": 2, "max_short": 5 } },
                { "name": "sw", "strategy": "switching", "market": "b", "count": 400, "cash": 20, "inventory": 10,
                  "params": { "activity": 0.8, "fundamental_reaction": 0.05, "chartist_reaction": 0.3,
                              "fundamental_noise": 0.01, "chartist_noise": 0.05, "common_noise": 0.5,
                              "performance": 50, "misalignment": 20, "qty": 2, "max_short": 3 } },
                { "name": "nz", "strategy": "noise", "market": "a", "count": 300, "cash": 40, "inventory": 20,
                  "params": { "activity": 0.3, "size_min": 2, "tail": 1.8, "max_qty": 40, "reach_ticks": 6,
                              "max_position": 60, "max_short": 10 } },
                { "name": "tr-b", "strategy": "truthful", "market": "a", "count": 90, "cash": 30,
                  "params": { "side": "buy", "values": [2.40, 2.00, 1.60], "units": 2, "period": 4 } },
                { "name": "tr-s", "strategy": "truthful", "market": "b", "count": 40, "inventory": 20,
                  "params": { "side": "sell", "value_min": 1.00, "value_max": 4.00, "period": 3 } },
                { "name": "f", "strategy": "fundamentalist", "market": "a", "count": 900, "cash": 40, "inventory": 5,
                  "principal": "fund-house", "scope": { "max_order_qty": 5, "spend_limit": 9, "max_position": 15,
                                                        "orders_per_epoch": 0.7, "burst": 2 },
                  "params": { "dispersion_ticks": 30, "threshold_ticks": 3, "reaction": 0.3, "max_qty": 7,
                              "activity": 0.4, "max_position": 20, "max_short": 4 } },
                { "name": "c", "strategy": "chartist", "market": "b", "count": 400, "cash": 20, "inventory": 3,
                  "params": { "lookback": 2, "threshold_ticks": 0, "aggression_ticks": 2, "qty": 2, "activity": 0.5,
                              "max_position": 10, "max_short": 3 } },
                { "name": "mm", "strategy": "market-maker", "market": "a", "count": 37, "cash": 500, "inventory": 40,
                  "params": { "half_spread_ticks": 2, "quote_qty": 9, "max_inventory": 60, "skew_ticks": 3 } },
                { "name": "h", "strategy": "hft", "market": "b", "count": 211, "cash": 30,
                  "params": { "quote_qty": 3, "max_inventory": 5, "aggression_ticks": 1 } },
                { "name": "x", "strategy": "execution", "market": "a", "count": 3, "inventory": 400,
                  "params": { "side": "sell", "target_qty": 350, "participation": 0.2, "start_epoch": 10 } },
                { "name": "k1", "strategy": "kinetic", "market": "a", "count": 501, "cash": 77,
                  "params": { "model": "saving", "lambda": 0.8, "lambda_distribution": "uniform", "tax": 0.03 } },
                { "name": "k2", "strategy": "kinetic", "market": "b", "count": 300, "cash": 5,
                  "params": { "model": "yard_sale", "beta": 0.3 } },
                { "name": "k3", "strategy": "kinetic", "market": "b", "count": 64, "cash": 1,
                  "params": { "model": "random", "tax": 0.5 } },
                { "name": "bad", "strategy": "manipulator", "market": "a", "count": 40, "cash": 200, "inventory": 300,
                  "principal": "shady", "scope": { "max_order_qty": 60 },
                  "params": { "qty": 50, "wash_ticks": 3, "activity": 0.8 } },
                { "name": "worse", "strategy": "manipulator", "market": "b", "count": 20, "cash": 100, "inventory": 100,
                  "principal": "shadier", "scope": { "max_order_qty": 10 },
                  "params": { "qty": 20, "wash_ticks": 2 } },
                { "name": "neg", "strategy": "negotiation", "market": "a", "count": 333, "cash": 3,
                  "params": { "value_min": 1.00, "value_max": 3.00, "tiers": 4, "spread": 0.7 } },
                { "name": "late", "strategy": "fundamentalist", "market": "a", "count": 300, "cash": 40, "inventory": 5,
                  "principal": "newcomers", "arrival": { "from_epoch": 4, "per_epoch": 70, "declared_capability": 0.9 },
                  "params": { "dispersion_ticks": 30, "threshold_ticks": 3, "reaction": 0.3, "max_qty": 7,
                              "activity": 0.4, "max_position": 20, "max_short": 4 } },
                { "name": "later", "strategy": "market-maker", "market": "a", "count": 100, "cash": 500, "inventory": 40,
                  "principal": "mm", "arrival": { "from_epoch": 20, "per_epoch": 50, "declared_capability": 0.9 },
                  "params": { "half_spread_ticks": 3, "quote_qty": 2, "max_inventory": 60, "skew_ticks": 3 } },
                { "name": "unknown", "strategy": "hft", "market": "b", "count": 50, "cash": 30,
                  "arrival": { "from_epoch": 6 },
                  "params": { "quote_qty": 3, "max_inventory": 5, "aggression_ticks": 1 } },
                { "name": "y", "strategy": "execution", "market": "b", "count": 2, "cash": 1000,
                  "params": { "side": "buy", "target_qty": 90, "participation": 0.5, "start_epoch": 5,
                              "limit_price": 3.00, "max_order": 7 } } ],
              "safety": { "circuit_breaker": { "band_percent": 4, "reference_epochs": 3, "halt_epochs": 2 },
                          "market_wide": { "levels_percent": [30], "halt_epochs": [3] },
                          "volatility_pause": { "move_percent": 2, "lookback_epochs": 3, "pause_epochs": 2 },
                          "kill_rules": [ { "when": "breaker_trips", "count": 2, "target": "cohort", "cohort": "h" },
                                          { "when": "rejections", "count": 15 },
                                          { "when": "order_to_trade", "ratio": 6, "epochs": 2, "min_orders": 20 },
                                          { "when": "loss", "percent": 0.3 } ],
                          "reputation": { "initial": 0.9, "gain": 0.05, "loss": 0.3 },
                          "principal_limits": [ { "principal": "zc-b", "orders_per_epoch": 150.5, "burst": 300 },
                                                { "principal": "newcomers", "orders_per_epoch": 20 } ],
                          "probation": { "below_reputation": 0.7, "max_order_qty": 2, "spend_limit": 3 },
                          "entry": { "min_capability": 0.5, "min_principal_reputation": 0.4,
                                     "max_agents_per_principal": 1100, "initial_reputation": 0.6 } },
              "events": [
                { "epoch": 8, "type": "kill", "target": "agent", "agent": 1500 },
                { "epoch": 9, "type": "kill", "target": "family", "family": "chartist" },
                { "epoch": 12, "type": "shift_fundamental", "market": "a", "percent": -15 },
                { "epoch": 20, "type": "inject_cash", "cohort": "zu-b", "amount": 2.5 },
                { "epoch": 25, "type": "remove_cash", "cohort": "f", "amount": 30 },
                { "epoch": 30, "type": "inject_goods", "cohort": "zu-s", "units": 2 },
                { "epoch": 35, "type": "remove_goods", "cohort": "c", "units": 2 } ] }
            """.formatted(seed);
        Scenario scenario = Fixtures.scenario(json);
        Outcome outcome = assertLockstep(scenario, device);
        SafetyState safety = outcome.safety();
        int principals = scenario.principals().size();
        for (int rule = 2; rule <= 3; rule++) {
            int r = rule;
            assertTrue(IntStream.range(0, principals).anyMatch(p -> safety.principalRules[r * principals + p]
                    == SafetyState.FIRED), "kill rule " + rule + " (order-to-trade, loss) fired");
        }
        assertTrue(safety.totalTrips() > 0, "the breakers tripped");
        long principalRateLimited = 0;
        for (int m = 0; m < scenario.markets().size(); m++) {
            principalRateLimited += outcome.markets().rejects[m * RejectReason.COUNT
                    + RejectReason.PRINCIPAL_RATE_LIMIT.ordinal()];
        }
        assertTrue(principalRateLimited > 0, "a principal's rate limit dropped orders");
        assertTrue(safety.admitted > 0 && safety.totalRefused() > 0, "arrivals were admitted and refused: "
                + safety.admitted + ", " + safety.totalRefused());
        assertTrue(safety.totalPauses() > 0, "sudden moves paused a market");
        assertTrue(safety.killed > 400, "kill events and the kill rule stopped agents: " + safety.killed);
    }

    /**
     * A rate-limited principal whose 150,000 market makers span three of the java backend's chunks: the chunks
     * rank their orders in parallel from per-chunk cursors and must agree with the device's single ranking.
     */
    @Test
    void aPrincipalLimitAcrossChunksIsBitIdentical() {
        Scenario s = Fixtures.scenario("""
            { "name": "wide-limit", "seed": 8, "epochs": 6,
              "markets": [ { "name": "m", "resource": "compute", "tick_size": 0.01, "ticks": 2000, "initial_price": 10.00 } ],
              "population": [
                { "name": "zi", "strategy": "zi-c", "market": "m", "count": 5000, "cash": 1000,
                  "params": { "side": "buy", "value_min": 8.00, "value_max": 12.00 } },
                { "name": "quotes", "strategy": "market-maker", "market": "m", "count": 150000, "cash": 1000,
                  "inventory": 50, "principal": "desk",
                  "params": { "half_spread_ticks": 20, "quote_qty": 1, "max_inventory": 100 } } ],
              "safety": { "principal_limits": [ { "principal": "desk", "orders_per_epoch": 70001, "burst": 70001 } ] } }
            """);
        Outcome outcome = assertLockstep(s, device);
        long limited = outcome.markets().rejects[RejectReason.PRINCIPAL_RATE_LIMIT.ordinal()];
        assertEquals(6 * (300_000L - 70_001), limited, "each epoch 300,000 quotes, 70,001 allowed");
    }

    /**
     * Device residency: an epoch moves only the reference price, breaker band and halt flag in (16 bytes per
     * market) and the clearing with its breach flag (64), rejections by reason (8 x 8 = 64) and totals (16) out:
     * 160 bytes per market, plus each cohort's rejection count, its four trading flows and its realised surplus
     * (48 bytes per cohort), whatever the population. A trading period's schedules come back at its start, outside
     * the epoch.
     */
    @Test
    void anEpochMovesOnly160BytesPerMarketAnd48PerCohortBetweenHostAndDevice() {
        Scenario s = Fixtures.scenario(Fixtures.tree("quickstart.json")).withEpochs(20);
        try (Engine cl = Engine.start(s, device, 0)) {
            DeviceBackend backend = (DeviceBackend) cl.backend();
            for (int e = 0; e < 10; e++) {
                cl.step();
                assertEquals(160L * s.markets().size() + 48L * s.cohorts().size(), backend.lastEpochBytes());
            }
        }
    }

    /**
     * A metrics epoch moves the histogram (7,424 buckets x 4 longs = 237,568 bytes) and the cash total (8) out,
     * the nine decile thresholds (36) in and the 10 x 10 transition matrix (800) out: 238,412 bytes, whatever
     * the population (docs/inequality.md). Before, the host copied the population (49 bytes per agent today).
     */
    @Test
    void aMetricsEpochMoves238412BytesWhateverThePopulation() {
        java.util.Set<Integer> sizes = new java.util.HashSet<>();
        for (String config : new String[] {"quickstart.json", "flash-crash.json"}) {
            Scenario s = Fixtures.scenario(Fixtures.tree(config)).withEpochs(10);
            try (Engine cl = Engine.start(s, device, 0)) {
                sizes.add(cl.population().size);
                DeviceBackend backend = (DeviceBackend) cl.backend();
                while (!cl.finished()) {
                    cl.step();
                }
                long before = backend.transferredBytes();
                WealthHistogram h = WealthHistogram.sample(cl);
                Mobility.sample(cl, h);
                assertEquals(7424L * 4 * 8 + 8 + 9 * 4 + 100 * 8, backend.transferredBytes() - before);
                assertEquals(238_412L, backend.transferredBytes() - before);
            }
        }
        assertEquals(2, sizes.size(), "two population sizes");
    }

    @Test
    void aCheckpointFromJavaResumesOnTheDeviceToTheSameState() throws IOException {
        Scenario s = Fixtures.scenario(Fixtures.tree("quickstart.json")).withEpochs(40);
        String uninterrupted;
        try (Engine java = Engine.start(s, Backends.JAVA, 2)) {
            while (!java.finished()) {
                java.step();
            }
            uninterrupted = StateDigest.of(java);
        }
        try (Engine first = Engine.start(s, Backends.JAVA, 1)) {
            for (int e = 0; e < 20; e++) {
                first.step();
            }
            try (Engine rest = Engine.restore(s, device, 0, first.population(), first.markets(),
                    first.accounting(), first.safety(), Stages.epochNames(), Stages.sections(first.stages()).stream()
                            .collect(Collectors.toMap(Section::name, x -> x)), first.epoch())) {
                while (!rest.finished()) {
                    rest.step();
                }
                assertEquals(uninterrupted, StateDigest.of(rest));
            }
        }
    }
}
