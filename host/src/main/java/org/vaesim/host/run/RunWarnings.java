package org.vaesim.host.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.vaesim.models.scenario.MarketSides;
import org.vaesim.models.scenario.Scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The end-of-run checks: a run can finish "complete" with nothing traded (issue 13: two markets, 0 units, 50
 * breaker trips each, and no word of it). Each warning has a code, the market it is about (null for the whole
 * economy) and a sentence; they go to stderr and to summary.json's {@code warnings} (docs/outputs.md).
 *
 * <p>Markets whose cohorts send no orders (kinetic exchange, negotiation or auction bidders mark their wealth
 * there) are not checked: they never trade by design.
 */
public final class RunWarnings {
    /** One finding: {@code code} is one of the constants below. */
    public record Warning(String code, String market, String message) {
        ObjectNode json() {
            ObjectNode n = RunDirectory.JSON.createObjectNode();
            n.put("code", code);
            if (market == null) {
                n.putNull("market");
            } else {
                n.put("market", market);
            }
            n.put("message", message);
            return n;
        }
    }

    public static final String NEVER_TRADED = "never_traded";
    public static final String MOSTLY_HALTED = "mostly_halted";
    public static final String CROSSED_BOOK = "crossed_book";
    public static final String ONE_SIDED = "one_sided";
    public static final String NOT_CONSERVED = "not_conserved";

    private RunWarnings() {
    }

    /**
     * The warnings of a run of {@code scenario} whose markets did what {@code activity} counted, given
     * summary.json's {@code markets} array (for volumes and trips) and its {@code conservation} object (missing
     * while the run is still running).
     */
    public static List<Warning> of(Scenario scenario, MarketActivity activity, JsonNode markets,
                                   JsonNode conservation) {
        List<Warning> warnings = new ArrayList<>();
        List<MarketSides> sides = MarketSides.of(scenario);
        for (int m = 0; m < scenario.markets().size(); m++) {
            long epochs = activity.epochs(m);
            if (sides.get(m).traders().isEmpty() || epochs == 0) {
                continue;
            }
            String name = scenario.markets().get(m).name();
            String market = "market \"" + name + "\"";
            String counted = activity.fromEpoch() == 0 ? "" : " counted since epoch " + activity.fromEpoch();
            JsonNode summary = markets.path(m);
            if (summary.path("volume").asLong(-1) == 0) {
                warnings.add(new Warning(NEVER_TRADED, name, market + " never traded: 0 units in "
                        + (activity.fromEpoch() + epochs) + " epochs"));
            }
            if (most(activity.halted(m), epochs)) {
                warnings.add(new Warning(MOSTLY_HALTED, name, market + " was halted in " + activity.halted(m)
                        + " of " + epochs + " epochs" + counted + " (" + summary.path("breaker_trips").asLong()
                        + " breaker trips, " + summary.path("volatility_pauses").asLong() + " volatility pauses):"
                        + " a clearing price outside the breaker's band halts it, and the band moves only with"
                        + " trades; `vaesim validate` names likely causes"));
            }
            if (most(activity.crossed(m), epochs)) {
                warnings.add(new Warning(CROSSED_BOOK, name, market + ": the best bid stayed at or above the best"
                        + " ask after clearing in " + activity.crossed(m) + " of " + epochs + " epochs" + counted
                        + ": buyers and sellers agreed on a price, but a halt or a breach of the breaker's band kept"
                        + " them from trading"));
            }
            if (most(activity.bidsOnly(m), epochs)) {
                warnings.add(new Warning(ONE_SIDED, name, market + " had bids but no asks in "
                        + activity.bidsOnly(m) + " of " + epochs + " epochs" + counted + ": only buyers; nobody"
                        + " offered to sell"));
            }
            if (most(activity.asksOnly(m), epochs)) {
                warnings.add(new Warning(ONE_SIDED, name, market + " had asks but no bids in "
                        + activity.asksOnly(m) + " of " + epochs + " epochs" + counted + ": only sellers; nobody"
                        + " bid"));
            }
        }
        notConserved(conservation, warnings);
        return warnings;
    }

    /** More than half. */
    private static boolean most(long count, long epochs) {
        return 2 * count > epochs;
    }

    /** Money, each good, and any other account (external money, auction units, missions) not where it must be. */
    private static void notConserved(JsonNode c, List<Warning> warnings) {
        if (c == null || c.isMissingNode() || c.path("all_conserved").asBoolean(true)) {
            return;
        }
        if (!c.path("money_conserved").asBoolean(true)) {
            warnings.add(new Warning(NOT_CONSERVED, null, "money not conserved: " + credits(c, "money_final")
                    + " credits at the end, from " + credits(c, "money_initial") + " with "
                    + credits(c, "money_injected") + " injected and " + credits(c, "money_removed") + " removed;"
                    + " this is a bug, please report it with the run directory"));
        }
        for (Map.Entry<String, JsonNode> g : c.path("goods").properties()) {
            if (!g.getValue().path("conserved").asBoolean(true)) {
                warnings.add(new Warning(NOT_CONSERVED, g.getKey(), "goods of market \"" + g.getKey() + "\" not"
                        + " conserved: " + g.getValue().path("final").asText() + " units held at the end, from "
                        + g.getValue().path("initial").asText() + "; this is a bug, please report it with the run"
                        + " directory"));
            }
        }
        if (warnings.stream().noneMatch(w -> w.code().equals(NOT_CONSERVED))) {
            warnings.add(new Warning(NOT_CONSERVED, null, "an account is not conserved (summary.json's"
                    + " conservation says which); this is a bug, please report it with the run directory"));
        }
    }

    /** An amount of summary.json in credits, as plain text (13000000, never 1.3E+7). */
    private static String credits(JsonNode n, String field) {
        return n.path(field).decimalValue().toPlainString();
    }

    /** Adds each market's activity and the warnings to summary.json's tree. */
    public static List<Warning> annotate(ObjectNode summary, Scenario scenario, MarketActivity activity) {
        JsonNode markets = summary.path("markets");
        for (int m = 0; m < markets.size(); m++) {
            ((ObjectNode) markets.get(m)).set("activity", activity.json(m));
        }
        List<Warning> warnings = of(scenario, activity, markets, summary.get("conservation"));
        ArrayNode list = summary.putArray("warnings");
        warnings.forEach(w -> list.add(w.json()));
        return warnings;
    }
}
