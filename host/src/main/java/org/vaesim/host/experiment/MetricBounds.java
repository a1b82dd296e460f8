package org.vaesim.host.experiment;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The one place that says which of a sweep's metrics are bounded, and by what: shares, Gini coefficients,
 * efficiencies and drawdowns lie in [0, 1], correlations in [-1, 1]. Their confidence intervals are computed so that
 * they stay inside the bounds ({@link Sweep.Interval#of(double[], Bounds)}); every other metric keeps the Student-t
 * interval. A metric is listed only where its definition bounds it (docs/outputs.md): market efficiency is not (a
 * trade between a high-cost seller and a low-value buyer makes realised surplus negative), nor is a wealth share or
 * Gini when short positions make some wealth negative, which the interval handles by falling back (see there).
 */
final class MetricBounds {
    /** A closed interval [low, high] that a metric cannot leave by its definition. */
    record Bounds(double low, double high) {
    }

    static final Bounds UNIT = new Bounds(0, 1);
    static final Bounds CORRELATION = new Bounds(-1, 1);

    /** Run-wide metrics: in [0, 1] while no agent's wealth is negative. */
    private static final List<String> RUN = List.of("wealth_gini", "top1_share", "top10_share");
    /** Per market {@code <m>.x}: the drawdown is a fraction of a peak price, the facts' shares and autocorrelations. */
    private static final Map<String, Bounds> MARKET = Map.of("max_drawdown", UNIT, "zero_return_share", UNIT,
            "return_acf1", CORRELATION, "abs_return_acf1", CORRELATION);
    /** Per resource auction {@code <a>.x} (docs/mechanisms.md#metrics): ratios of units or values. */
    private static final List<String> AUCTION = List.of("efficiency", "allocation_gini", "cumulative_allocation_gini",
            "envy_share", "envy_share_up_to_one_unit", "small_principal_share", "max_principal_share");
    /** Per mission {@code <m>.x}: success is 0 or 1, the rest shares, an HHI and a Gini of payments. */
    private static final List<String> MISSION = List.of("success", "mission_completion", "completion",
            "free_riding_share", "non_delivery_share", "repeat_non_deliverers", "payment_hhi", "payment_gini");
    /** Per linked market of a gateway {@code <m>.x}: a drawdown and correlations. */
    private static final Map<String, Bounds> LINK = Map.of("external_max_drawdown", UNIT,
            "return_correlation_lag0", CORRELATION, "return_correlation_lag1", CORRELATION,
            "reverse_correlation_lag1", CORRELATION);

    /**
     * 0 or 1 in each run, so that their mean is a share of runs, with a Wilson interval: per market {@code <m>.x}, and
     * {@code linking.detected} (every attacking principal flagged).
     */
    private static final List<String> SHARE_OF_RUNS = List.of("crash_recovered", "crash_took_off", "detected");
    /** The linking columns that are not shares: a delay in epochs, units self-traded, epochs backed off. */
    private static final List<String> UNBOUNDED_LINKING = List.of("detection_delay", "attacker_self_traded",
            "attacker_backoff_epochs");

    private MetricBounds() {
    }

    /** Whether column {@code name} is 0 or 1 per run, so that its mean is the share of runs in which it holds. */
    static boolean isShareOfRuns(String name) {
        return SHARE_OF_RUNS.stream().anyMatch(m -> name.endsWith("." + m));
    }

    /** The bounded metrics among the columns a run with this summary.json gives (Sweep.metrics), by column name. */
    static Map<String, Bounds> of(JsonNode summary) {
        Map<String, Bounds> b = new LinkedHashMap<>();
        RUN.forEach(m -> b.put(m, UNIT));
        for (JsonNode market : summary.path("markets")) {
            MARKET.forEach((m, bounds) -> b.put(market.path("name").asText() + "." + m, bounds));
        }
        Set<String> markets = new HashSet<>();
        summary.path("markets").forEach(m -> markets.add(m.path("name").asText()));
        for (JsonNode auction : summary.path("auctions")) {
            String name = auction.path("name").asText();
            for (String m : AUCTION) {
                // a market of the same name writes its own (unbounded) <name>.efficiency over the auction's
                if (!(m.equals("efficiency") && markets.contains(name))) {
                    b.put(name + "." + m, UNIT);
                }
            }
        }
        for (JsonNode mission : summary.path("missions")) {
            MISSION.forEach(m -> b.put(mission.path("name").asText() + "." + m, UNIT));
        }
        for (JsonNode cohort : summary.path("cohorts")) {
            if (!cohort.path("tiers").isEmpty()) { // 1 or 0 per run, so its mean is a share of seeds
                b.put(cohort.path("name").asText() + ".tiers_ordered", UNIT);
            }
        }
        if (!summary.path("linking").isMissingNode()) { // the linking columns but counts are shares or 0/1
            Sweep.LINKING.stream().filter(m -> !UNBOUNDED_LINKING.contains(m))
                    .forEach(m -> b.put("linking." + m, UNIT));
        }
        if (!summary.path("gateway").isMissingNode()) {
            b.put("gateway.rate_max_drawdown", UNIT);
            for (JsonNode link : summary.path("gateway").path("markets")) {
                LINK.forEach((m, bounds) -> b.put(link.path("name").asText() + "." + m, bounds));
            }
        }
        for (JsonNode cohort : summary.path("cohorts")) { // a Gini in [0, 1], so its change from epoch 0 in [-1, 1]
            if (cohort.has("wealth_gini_change")) {
                b.put("cohort." + cohort.path("name").asText() + ".wealth_gini", UNIT);
                b.put("cohort." + cohort.path("name").asText() + ".wealth_gini_change", CORRELATION);
            }
        }
        return b;
    }
}
