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
 * Endowments are large enough that the gate accepts nearly every order (what it still rejects is counted
 * by the engine and is part of the work). The scenario is built as JSON and parsed by {@link ScenarioLoader},
 * so it is validated like any scenario file; {@link #json} gives the text for {@code vaesim run}.
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

    private BenchScenario() {
    }

    /** The standard economy with {@code agents} agents, validated, runnable for {@code epochs} epochs. */
    public static Scenario build(int agents, int epochs) {
        try {
            return ScenarioLoader.parse(json(agents, epochs), "bench-" + agents);
        } catch (ConfigException e) {
            throw new IllegalStateException("the built-in bench scenario is invalid: " + e.getMessage(), e);
        }
    }

    /** The scenario as a JSON document (the format of docs/config-reference.md). */
    public static String json(int agents, int epochs) {
        if (agents < MIN_AGENTS) {
            throw new IllegalArgumentException("the bench scenario needs at least " + MIN_AGENTS + " agents, got "
                    + agents);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        StringBuilder j = new StringBuilder(8192);
        j.append("{\n  \"name\": \"bench-").append(agents).append("\",\n");
        j.append("  \"description\": \"vaesim bench standard economy: 4 markets, mixed strategies\",\n");
        j.append("  \"seed\": ").append(SEED).append(",\n");
        j.append("  \"epochs\": ").append(epochs).append(",\n");
        j.append("  \"metrics_every\": ").append(Math.max(1, epochs)).append(",\n");
        j.append("  \"markets\": [\n");
        for (int m = 0; m < MARKETS.length; m++) {
            j.append("    {\"name\": \"").append(MARKETS[m]).append("\", \"resource\": \"").append(MARKETS[m])
                    .append("\", \"tick_size\": 0.01, \"ticks\": ").append(TICKS)
                    .append(", \"initial_price\": ").append(price(INITIAL_TICK))
                    .append(", \"fundamental\": ").append(price(FUNDAMENTAL_TICKS[m]))
                    .append(", \"fee_bps\": ").append(FEE_BPS).append('}')
                    .append(m + 1 < MARKETS.length ? ",\n" : "\n");
        }
        j.append("  ],\n  \"population\": [\n");
        List<String> cohorts = new ArrayList<>();
        for (int m = 0; m < MARKETS.length; m++) {
            int perMarket = agents / MARKETS.length + (m < agents % MARKETS.length ? 1 : 0);
            cohorts.addAll(cohorts(MARKETS[m], m, perMarket));
        }
        j.append(String.join(",\n", cohorts));
        j.append("\n  ]\n}\n");
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

    private static List<String> cohorts(String market, int m, int n) {
        int[] c = split(n);
        boolean execSells = m % 2 == 0;
        int target = Math.max(100, n / 10);
        List<String> out = new ArrayList<>();
        out.add(cohort(market + "-zic-buy", "zi-c", market, c[0], 1000, 0,
                "\"side\": \"buy\", \"value_min\": 5.00, \"value_max\": 15.00, \"units\": 2, \"period\": 5"));
        out.add(cohort(market + "-zic-sell", "zi-c", market, c[1], 100, 1000,
                "\"side\": \"sell\", \"value_min\": 5.00, \"value_max\": 15.00, \"units\": 2, \"period\": 5"));
        out.add(cohort(market + "-ziu-buy", "zi-u", market, c[2], 1000, 0,
                "\"side\": \"buy\", \"value_min\": 5.00, \"value_max\": 15.00, \"units\": 1, \"period\": 5"));
        out.add(cohort(market + "-ziu-sell", "zi-u", market, c[3], 100, 1000,
                "\"side\": \"sell\", \"value_min\": 5.00, \"value_max\": 15.00, \"units\": 1, \"period\": 5"));
        out.add(cohort(market + "-fundamentalists", "fundamentalist", market, c[4], 20_000, 200,
                "\"dispersion_ticks\": 100, \"threshold_ticks\": 5, \"reaction\": 0.2, \"max_qty\": 10,"
                        + " \"activity\": 0.5, \"max_position\": 1000, \"max_short\": 200"));
        out.add(cohort(market + "-chartists", "chartist", market, c[5], 10_000, 100,
                "\"lookback\": 10, \"threshold_ticks\": 2, \"aggression_ticks\": 3, \"qty\": 2,"
                        + " \"activity\": 0.3, \"max_position\": 500, \"max_short\": 100"));
        out.add(cohort(market + "-market-makers", "market-maker", market, c[6], 100_000, 0,
                "\"half_spread_ticks\": 4, \"quote_qty\": 10, \"max_inventory\": 500, \"skew_ticks\": 3"));
        out.add(cohort(market + "-hft", "hft", market, c[7], 10_000, 0,
                "\"quote_qty\": 2, \"max_inventory\": 20, \"aggression_ticks\": 2"));
        // The execution algorithm works a large parent order with a limit: 5 % of the last volume per epoch.
        long execCash = execSells ? 1000 : (long) target * 12;
        int execInventory = execSells ? target : 0;
        out.add(cohort(market + "-execution", "execution", market, c[8], execCash, execInventory,
                "\"side\": \"" + (execSells ? "sell" : "buy") + "\", \"target_qty\": " + target
                        + ", \"participation\": 0.05, \"start_epoch\": 10, \"limit_price\": "
                        + (execSells ? "9.00" : "11.00") + ", \"max_order\": 10000"));
        return out;
    }

    private static String cohort(String name, String strategy, String market, int count, long cashCredits,
                                 int inventory, String params) {
        return "    {\"name\": \"" + name + "\", \"strategy\": \"" + strategy + "\", \"market\": \"" + market
                + "\", \"count\": " + count + ", \"cash\": " + cashCredits + ", \"inventory\": " + inventory
                + ", \"params\": {" + params + "}}";
    }

    private static String price(int tick) {
        return BigDecimal.valueOf(tick, 2).toPlainString();
    }
}
