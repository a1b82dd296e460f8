package org.vaesim.models.scenario;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.vaesim.models.market.ResourceType;
import org.vaesim.models.strategy.StrategyFamily;

/**
 * Builds a {@link Scenario} in code (tests, benchmarks) through the same validation as
 * {@link ScenarioLoader}: it assembles the JSON document a file would hold. Field names and units are
 * those of the file format (snake_case, prices and cash in credits); map values may be strings, numbers,
 * booleans, maps and lists.
 *
 * <pre>{@code
 * Scenario s = ScenarioBuilder.named("demo").seed(1).epochs(100)
 *         .market("compute", ResourceType.COMPUTE, "0.01", 1024, "5.00")
 *         .cohort("buyers", StrategyFamily.ZI_C, "compute", 1000,
 *                 Map.of("side", "buy", "value_min", 4.0, "value_max", 6.0))
 *         .cohort(Map.of("name", "mm", "strategy", "market-maker", "market", "compute", "count", 10, "cash", 1000))
 *         .build();
 * }</pre>
 */
public final class ScenarioBuilder {
    /** The source name in error messages. */
    public static final String SOURCE = "ScenarioBuilder";

    private final ObjectNode root = ScenarioLoader.MAPPER.createObjectNode();
    private final ArrayNode markets = root.putArray("markets");
    private final ArrayNode population = root.putArray("population");
    private final ArrayNode events = root.putArray("events");
    private ArrayNode auctions;
    private ArrayNode missions;

    private ScenarioBuilder(String name) {
        root.put("name", name);
    }

    public static ScenarioBuilder named(String name) {
        return new ScenarioBuilder(name);
    }

    public ScenarioBuilder seed(long seed) {
        root.put("seed", seed);
        return this;
    }

    public ScenarioBuilder epochs(int epochs) {
        root.put("epochs", epochs);
        return this;
    }

    public ScenarioBuilder metricsEvery(int epochs) {
        root.put("metrics_every", epochs);
        return this;
    }

    public ScenarioBuilder checkpointEvery(int epochs) {
        root.put("checkpoint_every", epochs);
        return this;
    }

    /** A market with the defaults (fundamental = initial price, no fee); prices are decimal credits. */
    public ScenarioBuilder market(String name, ResourceType resource, String tickSize, int ticks,
                                  String initialPrice) {
        return market(Map.of("name", name, "resource", resource.jsonName(), "tick_size", new BigDecimal(tickSize),
                "ticks", ticks, "initial_price", new BigDecimal(initialPrice)));
    }

    /** A market object with any of its fields. */
    public ScenarioBuilder market(Map<String, ?> fields) {
        markets.add(tree(fields));
        return this;
    }

    /** A cohort with no cash or inventory; {@code params} as in the file (may be empty for the defaults). */
    public ScenarioBuilder cohort(String name, StrategyFamily strategy, String market, int count,
                                  Map<String, ?> params) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("strategy", strategy.jsonName());
        fields.put("market", market);
        fields.put("count", count);
        fields.put("params", params);
        return cohort(fields);
    }

    /** A cohort object with any of its fields. */
    public ScenarioBuilder cohort(Map<String, ?> fields) {
        population.add(tree(fields));
        return this;
    }

    /** An event object, e.g. {@code Map.of("epoch", 50, "type", "inject_cash", "cohort", "mm", "amount", 10)}. */
    public ScenarioBuilder event(Map<String, ?> fields) {
        events.add(tree(fields));
        return this;
    }

    /** A resource auction object (see docs/config-reference.md#resource-auctions) with any of its fields. */
    public ScenarioBuilder auction(Map<String, ?> fields) {
        if (auctions == null) {
            auctions = root.putArray("resource_auctions");
        }
        auctions.add(tree(fields));
        return this;
    }

    /** A mission object (see docs/config-reference.md#missions) with any of its fields. */
    public ScenarioBuilder mission(Map<String, ?> fields) {
        if (missions == null) {
            missions = root.putArray("missions");
        }
        missions.add(tree(fields));
        return this;
    }

    /** The gateway object (see docs/config-reference.md#gateway) with any of its fields. */
    public ScenarioBuilder gateway(Map<String, ?> fields) {
        root.set("gateway", tree(fields));
        return this;
    }

    /**
     * The validated scenario.
     *
     * @throws IllegalArgumentException if it breaks a rule of the file format; the cause is the
     *                                  {@link ConfigException} (source {@value #SOURCE})
     */
    public Scenario build() {
        try {
            return ScenarioReader.read(root, SOURCE);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static JsonNode tree(Map<String, ?> fields) {
        return ScenarioLoader.MAPPER.valueToTree(fields);
    }
}
