package org.vaesim.host.epoch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.vaesim.host.Fixtures;
import org.vaesim.host.metrics.WealthHistogram;
import org.vaesim.host.run.RunDirectory;
import org.vaesim.host.run.RunSession;
import org.vaesim.host.run.RunStatus;
import org.vaesim.kernels.memory.Population;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.models.event.EventSpec;
import org.vaesim.models.scenario.ConfigException;
import org.vaesim.models.scenario.Money;
import org.vaesim.models.scenario.Scenario;
import org.vaesim.models.scenario.ScenarioLoader;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Runs at the 64-bit limits: random economies whose money plus wealth at the top price is exactly 2^62
 * micro-credits (the most validation allows) trade and take injections with money and goods conserved exactly
 * and wealth summed exactly; one micro-credit more is refused when the file is read. Economies built past the
 * limits, bypassing validation, fail their run with a clear error instead of reporting wrapped totals.
 */
class NumericLimitsRunTest {
    private static final PrintStream SILENT = new PrintStream(OutputStream.nullOutputStream());
    private static final BigInteger LIMIT = BigInteger.valueOf(Money.MAX_AMOUNT);

    /** A random economy at the limit; {@code extraMicros} more of money to the whale (0: exactly at it). */
    private static String economyAtTheLimit(long seed, long extraMicros) {
        Random r = new Random(seed);
        int ticks = 16 + r.nextInt(2000);
        int sellers = 1 + r.nextInt(40);
        int inventory = 1 + r.nextInt(1000);
        int injectedUnits = 1 + r.nextInt(100);
        int buyers = 1 + r.nextInt(40);
        long units = (long) sellers * (inventory + injectedUnits);
        // a top price between 2^20 micro-credits and what leaves half the limit for money
        double maxBits = Math.log((double) (Money.MAX_AMOUNT / 2) / units) / Math.log(2);
        long top = (long) Math.pow(2, 20 + r.nextDouble() * (maxBits - 20));
        long tickSize = Math.max(1, top / (ticks - 1));
        top = tickSize * (ticks - 1);
        BigInteger money = LIMIT.subtract(BigInteger.valueOf(units).multiply(BigInteger.valueOf(top)));
        long cash = money.multiply(BigInteger.valueOf(20 + r.nextInt(60))).divide(BigInteger.valueOf(100L * buyers))
                .longValueExact();
        long injected = money.subtract(BigInteger.valueOf(cash).multiply(BigInteger.valueOf(buyers)))
                .divide(BigInteger.valueOf(buyers)).longValueExact() - 1;
        long whale = money.subtract(BigInteger.valueOf(cash + injected).multiply(BigInteger.valueOf(buyers)))
                .longValueExact() + extraMicros; // what is left to the limit, at least 1 micro-credit
        int low = 1 + r.nextInt(ticks / 3);
        int high = ticks - 1 - r.nextInt(ticks / 3);
        return """
            { "name": "limits", "seed": %d, "epochs": 12, "metrics_every": 3,
              "markets": [ {"name": "m", "resource": "asset", "tick_size": %s, "ticks": %d, "initial_price": %s,
                            "fee_bps": %d} ],
              "population": [
                {"name": "buyers", "strategy": "zi-c", "market": "m", "count": %d, "cash": %s,
                 "params": {"side": "buy", "value_min": %s, "value_max": %s}},
                {"name": "sellers", "strategy": "zi-c", "market": "m", "count": %d, "inventory": %d,
                 "params": {"side": "sell", "value_min": %s, "value_max": %s}},
                {"name": "whale", "strategy": "fundamentalist", "market": "m", "count": 1} ],
              "events": [
                {"epoch": 2, "type": "inject_cash", "cohort": "buyers", "amount": %s},
                {"epoch": 3, "type": "inject_goods", "cohort": "sellers", "units": %d},
                {"epoch": 4, "type": "inject_cash", "cohort": "whale", "amount": %s},
                {"epoch": 6, "type": "remove_cash", "cohort": "buyers", "amount": %s} ] }
            """.formatted(seed, Money.format(tickSize), ticks, price(ticks / 2, tickSize), r.nextInt(1001),
                buyers, Money.format(cash), price(low, tickSize), price(high, tickSize), sellers, inventory,
                price(low, tickSize), price(high, tickSize), Money.format(injected), injectedUnits,
                Money.format(whale), Money.format(1 + r.nextInt(1_000_000)));
    }

    private static String price(int tick, long tickSize) {
        return Money.format(tick * tickSize);
    }

    /**
     * Exactly at the limit the run conserves money and goods to the micro-credit every epoch (the engine's checks
     * are on in tests), and the device histogram's total wealth is the exact sum over agents; one micro-credit
     * more is refused at the market whose wealth it would overflow.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void anEconomyExactlyAtTheLimitConservesEverythingExactly(long seed) throws ConfigException {
        Scenario s = ScenarioLoader.parse(economyAtTheLimit(seed, 0), "limits.json");
        ConfigException over = assertThrows(ConfigException.class,
                () -> ScenarioLoader.parse(economyAtTheLimit(seed, 1), "limits.json"));
        assertEquals("$.markets[0]", over.jsonPath(), over.getMessage());
        try (Engine engine = Engine.start(s, 2)) {
            while (!engine.finished()) {
                engine.step();
            }
            Accounting a = engine.accounting();
            Population p = engine.population();
            BigInteger expected = BigInteger.valueOf(a.moneyInitial).add(BigInteger.valueOf(a.moneyInjected))
                    .subtract(BigInteger.valueOf(a.moneyRemoved));
            assertEquals(expected.longValueExact(), Totals.money(p, engine.moneyOutsideAgents()));
            assertTrue(engine.markets().totalVolume[0] > 0, "trades settled at the limit");
            long price = s.markets().getFirst().priceOf(engine.markets().lastTick[0]);
            BigInteger wealth = BigInteger.ZERO;
            for (Segment seg : engine.layout().segments()) {
                for (int i = seg.start(); i < seg.end(); i++) {
                    wealth = wealth.add(BigInteger.valueOf(p.cash[i]))
                            .add(BigInteger.valueOf(p.inventory[i]).multiply(BigInteger.valueOf(price)));
                }
            }
            assertTrue(wealth.compareTo(LIMIT) <= 0, "wealth within the limit: " + wealth);
            WealthHistogram h = WealthHistogram.sample(engine);
            assertEquals(wealth.longValueExact(), h.total(), "the histogram's total wealth is exact");
            assertTrue(h.gini().lower() >= 0 && h.gini().upper() <= 1, "a Gini in [0, 1]: " + h.gini());
        }
    }

    /**
     * Before: two injections of 2^62 micro-credits wrapped the money injected and the agent's cash, and the run
     * ended complete with money_conserved true. Built past validation, such a run now fails, saying why.
     */
    @ParameterizedTest
    @CsvSource({"1, 2", "4, 1"})
    void aRunWhoseTotalsLeave64BitsFailsWithAClearError(int whales, int injections, @TempDir Path tmp)
            throws Exception {
        RunSession.Outcome o = runPastTheLimits(whales, injections, tmp);
        assertEquals(RunStatus.FAILED, o.status(), o.error());
        assertTrue(o.error().contains("left 64 bits") || o.error().contains("overflowed 64 bits"), o.error());
        JsonNode summary = RunDirectory.JSON.readTree(tmp.resolve("run").resolve("summary.json").toFile());
        assertEquals("failed", summary.path("status").asText());
        assertFalse(summary.path("conservation").path("money_conserved").asBoolean(true), summary.toString());
    }

    /**
     * The same without the engine's per-epoch checks (off outside tests and benchmarks' debug runs), in a JVM
     * of its own: the check at the end of every session still fails the run.
     */
    @ParameterizedTest
    @CsvSource({"1, 2", "4, 1"})
    void withoutPerEpochChecksTheSessionsEndStillFailsTheRun(int whales, int injections, @TempDir Path tmp)
            throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Dvaesim.checks=false",
                "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
                PastTheLimits.class.getName(), Integer.toString(whales), Integer.toString(injections), tmp.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("log.txt").toFile()).start();
        assertEquals(0, p.waitFor(), Files.readString(tmp.resolve("log.txt")));
        JsonNode summary = RunDirectory.JSON.readTree(tmp.resolve("run").resolve("summary.json").toFile());
        assertEquals("failed", summary.path("status").asText(), summary.toString());
        assertTrue(summary.path("error").asText().contains("overflowed 64 bits")
                || summary.path("error").asText().contains("left 64 bits"), summary.toString());
    }

    /** Runs {@link #runPastTheLimits} in a JVM of its own: arguments whales, injections, directory. */
    public static final class PastTheLimits {
        public static void main(String[] args) throws Exception {
            runPastTheLimits(Integer.parseInt(args[0]), Integer.parseInt(args[1]), Path.of(args[2]));
        }
    }

    /**
     * A run of {@code whales} buyers that get {@code injections} injections of 2^62 micro-credits each, built as
     * a record (validation would refuse it), in {@code tmp/run}.
     */
    static RunSession.Outcome runPastTheLimits(int whales, int injections, Path tmp) throws Exception {
        String json = """
            { "name": "overflow", "seed": 3, "epochs": 6,
              "markets": [ {"name": "m", "resource": "asset", "tick_size": 0.01, "ticks": 1000, "initial_price": 1} ],
              "population": [
                {"name": "whales", "strategy": "zi-c", "market": "m", "count": %d, "cash": 1,
                 "params": {"side": "buy", "value_min": 1, "value_max": 2}},
                {"name": "sellers", "strategy": "zi-c", "market": "m", "count": 10, "inventory": 5,
                 "params": {"side": "sell", "value_min": 1, "value_max": 2}} ] }
            """.formatted(whales);
        Scenario valid = ScenarioLoader.parse(json, "overflow.json");
        List<EventSpec> events = new java.util.ArrayList<>();
        for (int k = 0; k < injections; k++) { // 2^62 micro-credits each: what validation would refuse
            events.add(new EventSpec.InjectCash(1 + k, 0, Money.MAX_AMOUNT));
        }
        Scenario past = new Scenario(valid.name(), valid.seed(), valid.epochs(), valid.metricsEvery(),
                valid.checkpointEvery(), valid.markets(), valid.cohorts(), events, valid.safety(), valid.auctions(),
                valid.missions(), valid.gateway());
        Path file = Files.writeString(tmp.resolve("overflow.json"), json);
        return RunSession.start(past, file, tmp.resolve("run"), "java", 1, SILENT, true, false);
    }

    /** The fixture scenarios stay far inside the limits. */
    @ParameterizedTest
    @ValueSource(strings = {"quickstart.json", "million.json", "mission-economy.json", "permeable-flash-crash.json"})
    void shippedScenariosAreValid(String name) throws Exception {
        assertTrue(ScenarioLoader.load(Fixtures.config(name)).agentCount() > 0);
    }
}
