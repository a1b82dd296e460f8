package org.vaesim.bench;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.vaesim.models.scenario.ConfigException;
import org.vaesim.models.scenario.Scenario;
import org.vaesim.models.scenario.ScenarioLoader;

/**
 * The standard benchmark economy for N agents: four markets (compute, data, agent_time, asset; tick 0.01
 * credits, 2000 ticks, opening at 10.00) and, on each market, the same mix of strategies in fixed fractions:
 *
 * <pre>
 *   ZI-C buyers 20 %, ZI-C sellers 20 %   (Gode-Sunder, values/costs uniform in 5.00..15.00)
 *   ZI-U buyers  5 %, ZI-U sellers  5 %
 *   fundamentalists  25 % (the rounding remainder lands here)
 *   chartists        10 %
 *   market makers     5 %
 *   HFTs             10 %
 *   execution algo    1 agent (sells on compute and agent_time, buys on data and asset)
 * </pre>
 *
 * Endowments are large enough that the gate accepts nearly every order early in a run (what it still rejects
 * is counted by the engine and is part of the work). The economy is not stationary: over a long run traders run
 * out of goods and money, and the gate's rejections grow several-fold (docs/bench.md). The scenario is built as
 * JSON and parsed by {@link ScenarioLoader}, so it is validated like any scenario file; {@link #json} gives the
 * text for {@code vaesim run}.
 *
 * <p>{@link Economy#HETEROGENEOUS} is the same economy with its prices formed as in the quickstart's asset market
 * (docs/experiments/stylized-facts.md): on each market the fundamentalists' and chartists' 35 % become switching
 * traders 20 %, order-driven traders 4 %, heavy-tailed noise traders 2 %, fundamentalists 6 % and chartists 3 %, on a
 * grid of 4000 ticks of 0.005 (the distances in ticks doubled with it); the other cohorts, the endowments and the
 * seed are unchanged. The bench measures what it costs per agent-epoch against the standard economy
 * ({@code vaesim bench --heterogeneous}).
 *
 * <p>{@link #jsonWithSafety} is the same economy under the full safety layer (docs/safety.md), configured so
 * that every mechanism is evaluated every epoch but hardly changes the dynamics:
 * <ul>
 *   <li>circuit breakers on every market with a {@value #BREAKER_BAND_PERCENT} % band around the mean price of
 *       the last 5 epochs (5-epoch halts), market-wide halts at 7, 13 and 20 % index drops, a volatility pause
 *       after a move of more than 20 % over 5 epochs, and a kill rule that stops the HFTs after
 *       {@value #KILL_AFTER_TRIPS} breaker trips; order-to-trade (ratio 10^6 over 3 epochs) and loss (90 %) kill
 *       rules, judged every epoch, that never fire;</li>
 *   <li>reputation on every agent, updated by the gate every epoch, with probation below 0.3 (largest order
 *       1000, which never binds), and a principal rate limit on {@code principal-0} of three orders per agent
 *       of that principal per epoch, so its orders are ranked every epoch; entry checks are left out, as they
 *       run only in epochs with arrivals and the economy has none;</li>
 *   <li>every cohort deployed by one of {@value #PRINCIPALS} principals ({@code principal-0} ..), round robin
 *       over the cohorts;</li>
 *   <li>every cohort under a scope ten times its strategy's own limits: the largest order, and the long position
 *       (ZI traders, which have no limit of their own: 100 000 units; execution algorithms: twice their target
 *       plus 1000), and a spend limit of ten largest orders at the top of the price grid, so scope checks never
 *       bind;</li>
 *   <li>every cohort rate-limited: one-sided families 1.5 orders per epoch (burst 3), market makers and HFTs,
 *       which quote both sides, 2.5 (burst 5); these never bind. Only the ZI-U noise traders get a tighter
 *       0.75 orders per epoch (burst 2), which binds now and then, so the limiter's reject path runs too.</li>
 * </ul>
 */
public final class BenchScenario {
    /** The benchmark's fixed seed. */
    public static final long SEED = 20_250_911L;
    /** Smallest population for which every cohort of every market has at least one agent. */
    public static final int MIN_AGENTS = 400;

    static final String[] MARKETS = {"compute", "data", "agent_time", "asset"};
    /** Fundamental value per market, in ticks of 0.01 (the markets open at 10.00). */
    private static final int[] FUNDAMENTAL_TICKS = {1000, 1050, 950, 1000};
    private static final int TICKS = 2000;
    private static final int INITIAL_TICK = 1000;
    private static final int FEE_BPS = 2;
    /** Safety variant: the circuit breakers' band, percent either side of the reference price. */
    static final int BREAKER_BAND_PERCENT = 20;
    /** Safety variant: breaker trips (all markets together) after which the kill rule stops the HFTs. */
    static final int KILL_AFTER_TRIPS = 10;
    /** Safety variant: principals, shared round robin by the cohorts. */
    static final int PRINCIPALS = 5;
    /** Top of the price grid in credits (tick 1999 of 0.01), for spend limits that cannot bind. */
    private static final int TOP_PRICE_CREDITS = 20;

    /** Which price formation the economy's markets have (see the class comment). */
    public enum Economy {
        /** ZI, fundamentalist, chartist, market-maker, HFT and execution cohorts on a grid of 2000 ticks of 0.01. */
        STANDARD,
        /** Switching, order-driven and noise traders beside them, on a grid of 4000 ticks of 0.005. */
        HETEROGENEOUS
    }

    private BenchScenario() {
    }

    /** The standard economy with {@code agents} agents, validated, runnable for {@code epochs} epochs. */
    public static Scenario build(int agents, int epochs) {
        return build(agents, epochs, false);
    }

    /** The standard economy under the full safety layer ({@link #jsonWithSafety}), validated. */
    public static Scenario buildWithSafety(int agents, int epochs) {
        return build(agents, epochs, true);
    }

    /** The standard economy, with the safety layer or without. */
    public static Scenario build(int agents, int epochs, boolean safety) {
        return build(agents, epochs, safety, Economy.STANDARD);
    }

    /** The economy with the given price formation, with the safety layer or without. */
    public static Scenario build(int agents, int epochs, boolean safety, Economy economy) {
        try {
            return ScenarioLoader.parse(json(agents, epochs, safety, economy), name(agents, safety, economy));
        } catch (ConfigException e) {
            throw new IllegalStateException("the built-in bench scenario is invalid: " + e.getMessage(), e);
        }
    }

    /** The scenario as a JSON document (the format of docs/config-reference.md). */
    public static String json(int agents, int epochs) {
        return json(agents, epochs, false);
    }

    /**
     * The same economy as {@link #json} under the full safety layer (see the class comment): breakers, market-wide
     * halts, a kill rule, principals, scopes and rate limits on every cohort.
     */
    public static String jsonWithSafety(int agents, int epochs) {
        return json(agents, epochs, true);
    }

    /** The economy with heterogeneous beliefs (see the class comment) as a JSON document, without safety layer. */
    public static String jsonHeterogeneous(int agents, int epochs) {
        return json(agents, epochs, false, Economy.HETEROGENEOUS);
    }

    private static String name(int agents, boolean safety, Economy economy) {
        return (safety ? "bench-safety-" : "bench-") + (economy == Economy.HETEROGENEOUS ? "heterogeneous-" : "")
                + agents;
    }

    private static String json(int agents, int epochs, boolean safety) {
        return json(agents, epochs, safety, Economy.STANDARD);
    }

    private static String json(int agents, int epochs, boolean safety, Economy economy) {
        if (agents < MIN_AGENTS) {
            throw new IllegalArgumentException("the bench scenario needs at least " + MIN_AGENTS + " agents, got "
                    + agents);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        StringBuilder j = new StringBuilder(8192);
        boolean heterogeneous = economy == Economy.HETEROGENEOUS;
        // the heterogeneous economy's grid is twice as fine: every price in ticks and every distance doubles
        int scale = heterogeneous ? 2 : 1;
        j.append("{\n  \"name\": \"").append(name(agents, safety, economy)).append("\",\n");
        j.append("  \"description\": \"vaesim bench standard economy: 4 markets, mixed strategies")
                .append(heterogeneous ? ", heterogeneous beliefs" : "")
                .append(safety ? ", full safety layer" : "").append("\",\n");
        j.append("  \"seed\": ").append(SEED).append(",\n");
        j.append("  \"epochs\": ").append(epochs).append(",\n");
        j.append("  \"metrics_every\": ").append(Math.max(1, epochs)).append(",\n");
        j.append("  \"markets\": [\n");
        for (int m = 0; m < MARKETS.length; m++) {
            j.append("    {\"name\": \"").append(MARKETS[m]).append("\", \"resource\": \"").append(MARKETS[m])
                    .append("\", \"tick_size\": ").append(heterogeneous ? "0.005" : "0.01").append(", \"ticks\": ")
                    .append(TICKS * scale)
                    .append(", \"initial_price\": ").append(price(INITIAL_TICK))
                    .append(", \"fundamental\": ").append(price(FUNDAMENTAL_TICKS[m]))
                    .append(", \"fee_bps\": ").append(FEE_BPS).append('}')
                    .append(m + 1 < MARKETS.length ? ",\n" : "\n");
        }
        j.append("  ],\n  \"population\": [\n");
        List<String> cohorts = new ArrayList<>();
        for (int m = 0; m < MARKETS.length; m++) {
            int perMarket = agents / MARKETS.length + (m < agents % MARKETS.length ? 1 : 0);
            cohorts.addAll(heterogeneous ? heterogeneousCohorts(MARKETS[m], m, perMarket, safety, cohorts.size())
                    : cohorts(MARKETS[m], m, perMarket, safety, cohorts.size()));
        }
        j.append(String.join(",\n", cohorts));
        j.append("\n  ]");
        if (safety) {
            j.append(",\n  \"safety\": {\n");
            j.append("    \"circuit_breaker\": {\"band_percent\": ").append(BREAKER_BAND_PERCENT)
                    .append(", \"reference_epochs\": 5, \"halt_epochs\": 5},\n");
            j.append("    \"market_wide\": {\"levels_percent\": [7, 13, 20], \"halt_epochs\": [5, 10, 0]},\n");
            j.append("    \"volatility_pause\": {\"move_percent\": 20, \"lookback_epochs\": 5, \"pause_epochs\": 5},\n");
            j.append("    \"kill_rules\": [{\"when\": \"breaker_trips\", \"count\": ").append(KILL_AFTER_TRIPS)
                    .append(", \"target\": \"family\", \"family\": \"hft\"},\n");
            j.append("      {\"when\": \"order_to_trade\", \"ratio\": 1000000, \"epochs\": 3},\n");
            j.append("      {\"when\": \"loss\", \"percent\": 90}],\n");
            j.append("    \"reputation\": {\"gain\": 0.02, \"loss\": 0.25},\n");
            j.append("    \"probation\": {\"below_reputation\": 0.3, \"max_order_qty\": 1000},\n");
            // a bucket of about three orders per agent of principal-0 each epoch: it is ranked every epoch,
            // and binds only if that principal's agents all quote both sides at once
            j.append("    \"principal_limits\": [{\"principal\": \"principal-0\", \"orders_per_epoch\": ")
                    .append(Math.max(1, 3 * agents / PRINCIPALS)).append("}]\n");
            j.append("  }");
        }
        j.append("\n}\n");
        return j.toString();
    }

    /** Agents of each family on one market of {@code n} agents; the counts add up to {@code n}. */
    static int[] split(int n) {
        int rest = n - 1; // one execution algorithm
        int ziCBuy = rest * 20 / 100;
        int ziCSell = rest * 20 / 100;
        int ziUBuy = rest * 5 / 100;
        int ziUSell = rest * 5 / 100;
        int chartist = rest * 10 / 100;
        int maker = rest * 5 / 100;
        int hft = rest * 10 / 100;
        int fundamentalist = rest - ziCBuy - ziCSell - ziUBuy - ziUSell - chartist - maker - hft;
        return new int[] {ziCBuy, ziCSell, ziUBuy, ziUSell, fundamentalist, chartist, maker, hft, 1};
    }

    /**
     * As {@link #split} for the heterogeneous economy: the fundamentalists' and chartists' 35 % become switching
     * 20 %, order-driven 4 %, noise 2 %, chartists 3 % and fundamentalists 6 % (the remainder); indices 9, 10, 11
     * are the switching, order-driven and noise traders.
     */
    static int[] splitHeterogeneous(int n) {
        int[] c = split(n);
        int rest = n - 1;
        int switching = rest * 20 / 100;
        int orderDriven = rest * 4 / 100;
        int noise = rest * 2 / 100;
        int chartist = rest * 3 / 100;
        int fundamentalist = c[4] + c[5] - switching - orderDriven - noise - chartist;
        return new int[] {c[0], c[1], c[2], c[3], fundamentalist, chartist, c[6], c[7], c[8], switching, orderDriven,
            noise};
    }

    /**
     * The cohorts of market {@code m}, {@code n} agents; with {@code safety}, each with a principal (round robin
     * from the {@code first}-th cohort of the scenario on) and a scope (see the class comment).
     */
    private static List<String> cohorts(String market, int m, int n, boolean safety, int first) {
        return cohorts(market, m, n, safety, first, Economy.STANDARD);
    }

    /** The cohorts of market {@code m} in the heterogeneous economy (see the class comment). */
    private static List<String> heterogeneousCohorts(String market, int m, int n, boolean safety, int first) {
        return cohorts(market, m, n, safety, first, Economy.HETEROGENEOUS);
    }

    private static List<String> cohorts(String market, int m, int n, boolean safety, int first, Economy economy) {
        boolean heterogeneous = economy == Economy.HETEROGENEOUS;
        int[] c = heterogeneous ? splitHeterogeneous(n) : split(n);
        int x = heterogeneous ? 2 : 1; // distances in ticks on the heterogeneous economy's twice finer grid
        boolean execSells = m % 2 == 0;
        int target = Math.max(100, n / 10);
        // Safety variant: s.next(largest order, own position limit, rate limit) is each cohort's identity.
        Scoping s = new Scoping(safety, first);
        List<String> out = new ArrayList<>();
        out.add(cohort(market + "-zic-buy", "zi-c", market, c[0], 1000, 0,
                "\"side\": \"buy\", \"value_min\": 5.00, \"value_max\": 15.00, \"units\": 2, \"period\": 5",
                s.next(1, 10_000, ONE_SIDED)));
        out.add(cohort(market + "-zic-sell", "zi-c", market, c[1], 100, 1000,
                "\"side\": \"sell\", \"value_min\": 5.00, \"value_max\": 15.00, \"units\": 2, \"period\": 5",
                s.next(1, 10_000, ONE_SIDED)));
        out.add(cohort(market + "-ziu-buy", "zi-u", market, c[2], 1000, 0,
                "\"side\": \"buy\", \"value_min\": 5.00, \"value_max\": 15.00, \"units\": 1, \"period\": 5",
                s.next(1, 10_000, NOISE)));
        out.add(cohort(market + "-ziu-sell", "zi-u", market, c[3], 100, 1000,
                "\"side\": \"sell\", \"value_min\": 5.00, \"value_max\": 15.00, \"units\": 1, \"period\": 5",
                s.next(1, 10_000, NOISE)));
        out.add(cohort(market + "-fundamentalists", "fundamentalist", market, c[4], 20_000, 200,
                "\"dispersion_ticks\": " + 100 * x + ", \"threshold_ticks\": " + 5 * x + ", \"reaction\": 0.2,"
                        + " \"max_qty\": 10, \"activity\": 0.5, \"max_position\": 1000, \"max_short\": 200",
                s.next(10, 1000, ONE_SIDED)));
        out.add(cohort(market + "-chartists", "chartist", market, c[5], 10_000, 100,
                "\"lookback\": 10, \"threshold_ticks\": " + 2 * x + ", \"aggression_ticks\": " + 3 * x
                        + ", \"qty\": 2, \"activity\": 0.3, \"max_position\": 500, \"max_short\": 100",
                s.next(2, 500, ONE_SIDED)));
        if (heterogeneous) { // the calibration of the quickstart's asset market (docs/experiments/stylized-facts.md)
            out.add(cohort(market + "-switching", "switching", market, c[9], 20_000, 200,
                    "\"activity\": 0.5, \"max_position\": 1000", s.next(1, 1000, ONE_SIDED)));
            out.add(cohort(market + "-order-driven", "order-driven", market, c[10], 20_000, 200,
                    "\"activity\": 0.5, \"chartist_weight\": 0.1, \"noise_sigma\": 0.02, \"reversion_epochs\": 64,"
                            + " \"spread\": 0.005, \"max_position\": 1000", s.next(1, 1000, ONE_SIDED)));
            out.add(cohort(market + "-noise", "noise", market, c[11], 20_000, 200,
                    "\"activity\": 0.02, \"tail\": 2.5, \"max_qty\": 500, \"reach_ticks\": 50,"
                            + " \"max_position\": 1000", s.next(500, 1000, ONE_SIDED)));
        }
        out.add(cohort(market + "-market-makers", "market-maker", market, c[6], 100_000, 0,
                "\"half_spread_ticks\": " + 4 * x + ", \"quote_qty\": 10, \"max_inventory\": 500, \"skew_ticks\": "
                        + 3 * x, s.next(10, 500, TWO_SIDED)));
        out.add(cohort(market + "-hft", "hft", market, c[7], 10_000, 0,
                "\"quote_qty\": 2, \"max_inventory\": 20, \"aggression_ticks\": " + 2 * x,
                s.next(20, 20, TWO_SIDED)));
        // The execution algorithm works a large parent order with a limit: 5 % of the last volume per epoch.
        long execCash = execSells ? 1000 : (long) target * 12;
        int execInventory = execSells ? target : 0;
        out.add(cohort(market + "-execution", "execution", market, c[8], execCash, execInventory,
                "\"side\": \"" + (execSells ? "sell" : "buy") + "\", \"target_qty\": " + target
                        + ", \"participation\": 0.05, \"start_epoch\": 10, \"limit_price\": "
                        + (execSells ? "9.00" : "11.00") + ", \"max_order\": 10000",
                s.next(10_000, target / 5 + 100, ONE_SIDED)));
        return out;
    }

    /** Rate limits of the safety variant: orders per epoch and burst. */
    private static final String ONE_SIDED = "\"orders_per_epoch\": 1.5, \"burst\": 3";
    private static final String TWO_SIDED = "\"orders_per_epoch\": 2.5, \"burst\": 5";
    private static final String NOISE = "\"orders_per_epoch\": 0.75, \"burst\": 2";

    /** The identity fields of consecutive cohorts of the safety variant (empty without it). */
    private static final class Scoping {
        private final boolean safety;
        private int cohort;

        Scoping(boolean safety, int first) {
            this.safety = safety;
            this.cohort = first;
        }

        /**
         * {@code "principal": .., "scope": {..}} for a strategy whose largest order is {@code maxOrder} and whose
         * own long-position limit is {@code position}: both ten times over, and a spend limit of ten largest
         * orders at the top of the price grid.
         */
        String next(int maxOrder, int position, String rate) {
            if (!safety) {
                return "";
            }
            String principal = "principal-" + (cohort++ % PRINCIPALS);
            return ", \"principal\": \"" + principal + "\", \"scope\": {\"max_order_qty\": " + 10 * maxOrder
                    + ", \"max_position\": " + 10 * position + ", \"spend_limit\": "
                    + 10L * maxOrder * TOP_PRICE_CREDITS + ", " + rate + "}";
        }
    }

    private static String cohort(String name, String strategy, String market, int count, long cashCredits,
                                 int inventory, String params, String identity) {
        return "    {\"name\": \"" + name + "\", \"strategy\": \"" + strategy + "\", \"market\": \"" + market
                + "\", \"count\": " + count + ", \"cash\": " + cashCredits + ", \"inventory\": " + inventory
                + identity + ", \"params\": {" + params + "}}";
    }

    private static String price(int tick) {
        return BigDecimal.valueOf(tick, 2).toPlainString();
    }
}
