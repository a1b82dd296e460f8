package org.vaesim.models.scenario;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.vaesim.models.event.EventSpec;
import org.vaesim.models.gateway.GatewaySpec;
import org.vaesim.models.safety.SafetySpec;
import org.vaesim.models.market.AuctionSpec;
import org.vaesim.models.market.MarketSpec;
import org.vaesim.models.market.ResourceType;
import org.vaesim.models.mission.MissionSpec;
import org.vaesim.models.scenario.CohortReader.Population;
import org.vaesim.models.scenario.Node.Interval;

/**
 * Validates a parsed scenario document and builds the {@link Scenario}. Shared by {@link ScenarioLoader}
 * (files) and {@link ScenarioBuilder} (code), so the rules exist once.
 *
 * <p>The walk is top-down in this order: the top-level object's fields (unknown fields first), then each
 * market, each cohort, the population-wide totals, the safety block, each resource auction, each mission, the
 * gateway, then each event, then the economy's totals over the run ({@link EconomyLimits}).
 * The first error found is thrown.
 */
final class ScenarioReader {
    static final List<String> FIELDS = List.of("name", "description", "seed", "epochs", "metrics_every",
            "checkpoint_every", "markets", "population", "safety", "resource_auctions", "missions", "gateway",
            "events");
    static final List<String> MARKET_FIELDS =
            List.of("name", "resource", "tick_size", "ticks", "initial_price", "fundamental", "fee_bps", "sandbox");
    static final String MARKET_REFERENCE = "must name a market, one of";
    private static final Interval PERCENT = Interval.above(-100, 1000);

    private enum EventType {
        SHIFT_FUNDAMENTAL("shift_fundamental", "market", "percent"),
        INJECT_CASH("inject_cash", "cohort", "amount"),
        REMOVE_CASH("remove_cash", "cohort", "amount"),
        INJECT_GOODS("inject_goods", "cohort", "units"),
        REMOVE_GOODS("remove_goods", "cohort", "units"),
        KILL("kill", "target", "cohort", "family", "agent", "principal"),
        GATEWAY_CLOSE("gateway_close"),
        GATEWAY_OPEN("gateway_open"),
        EXTERNAL_SHOCK("external_shock", "market", "percent"),
        RATE_SHOCK("rate_shock", "percent");

        private final String jsonName;
        private final List<String> fields;

        EventType(String jsonName, String... fields) {
            this.jsonName = jsonName;
            List<String> all = new ArrayList<>(List.of("epoch", "type"));
            all.addAll(List.of(fields));
            this.fields = List.copyOf(all);
        }
    }

    private ScenarioReader() {
    }

    static Scenario read(JsonNode json, String source) throws ConfigException {
        Node root = Node.root(json, source).object(FIELDS);
        String name = root.requiredName("name");
        root.checkOptionalText("description");
        long seed = root.requiredLong("seed");
        int epochs = root.requiredInt("epochs", 1, 1_000_000_000);
        int metricsEvery = root.optionalInt("metrics_every", 1, Integer.MAX_VALUE, 10);
        int checkpointEvery = root.optionalInt("checkpoint_every", 0, Integer.MAX_VALUE, 0);
        List<MarketSpec> markets = markets(root.requiredArray("markets", 1, 256));
        Population population = CohortReader.read(root, markets, epochs);
        SafetySpec safety = SafetyReader.read(root, markets, population);
        List<AuctionSpec> auctions = AuctionReader.read(root, epochs, population);
        List<MissionSpec> missions = MissionReader.read(root, epochs, markets, population, safety);
        GatewaySpec gateway = GatewayReader.read(root, markets, population);
        List<EventSpec> events = events(root.optionalArray("events"), epochs, markets, population, gateway);
        EconomyLimits.check(root, markets, population.cohorts(), missions, gateway, events, epochs);
        return new Scenario(name, seed, epochs, metricsEvery, checkpointEvery, markets, population.cohorts(), events,
                safety, auctions, missions, gateway);
    }

    private static List<MarketSpec> markets(List<Node> elements) throws ConfigException {
        List<MarketSpec> markets = new ArrayList<>(elements.size());
        Map<String, String> names = new HashMap<>();
        for (Node element : elements) {
            markets.add(market(element.object(MARKET_FIELDS), names));
        }
        return markets;
    }

    private static MarketSpec market(Node m, Map<String, String> names) throws ConfigException {
        String name = m.requiredUniqueName("name", names);
        ResourceType resource = m.requiredEnum("resource", ResourceType.values(), ResourceType::jsonName);
        long tickSize = m.requiredCredits("tick_size", true);
        int ticks = m.requiredInt("ticks", 16, 65_536);
        if (tickSize > Money.MAX_AMOUNT / (ticks - 1)) {
            throw m.field("tick_size").error("too large for " + ticks + " ticks: the top price, (ticks - 1) x"
                    + " tick_size, must be at most " + Money.format(Money.MAX_AMOUNT) + " credits (2^62 micro-credits)");
        }
        int initialTick = m.requiredPrice("initial_price", tickSize, ticks);
        int fundamentalTick = m.optionalPrice("fundamental", tickSize, ticks, initialTick);
        int feeBps = m.optionalInt("fee_bps", 0, 1000, 0);
        String sandbox = m.field("sandbox").isMissing() ? null : m.requiredName("sandbox");
        return new MarketSpec(name, resource, tickSize, ticks, initialTick, fundamentalTick, feeBps, sandbox);
    }

    private static List<EventSpec> events(List<Node> elements, int epochs, List<MarketSpec> markets,
                                          Population population, GatewaySpec gateway) throws ConfigException {
        List<String> marketNames = markets.stream().map(MarketSpec::name).toList();
        List<EventSpec> events = new ArrayList<>(elements.size());
        for (Node element : elements) {
            events.add(event(element.object(), epochs, marketNames, population, gateway));
        }
        return events;
    }

    private static EventSpec event(Node e, int epochs, List<String> marketNames, Population population,
                                   GatewaySpec gateway) throws ConfigException {
        EventType type = e.requiredEnum("type", EventType.values(), t -> t.jsonName);
        boolean gatewayEvent = type == EventType.GATEWAY_CLOSE || type == EventType.GATEWAY_OPEN
                || type == EventType.EXTERNAL_SHOCK || type == EventType.RATE_SHOCK;
        if (gatewayEvent && gateway == null) {
            throw e.field("type").error("acts on the permeability gateway, and the scenario has none; allowed: these"
                    + " events only with a gateway block ($.gateway)");
        }
        e.withOnly(type.fields);
        int epoch = e.requiredInt("epoch", 0, epochs - 1);
        return switch (type) {
            case SHIFT_FUNDAMENTAL -> new EventSpec.ShiftFundamental(epoch,
                    e.requiredOneOf("market", marketNames, MARKET_REFERENCE), e.requiredDouble("percent", PERCENT));
            case INJECT_CASH -> new EventSpec.InjectCash(epoch, cohort(e, population), cash(e));
            case REMOVE_CASH -> new EventSpec.RemoveCash(epoch, cohort(e, population), cash(e));
            case INJECT_GOODS -> new EventSpec.InjectGoods(epoch, cohort(e, population), units(e));
            case REMOVE_GOODS -> new EventSpec.RemoveGoods(epoch, cohort(e, population), units(e));
            case KILL -> new EventSpec.Kill(epoch, SafetyReader.target(e, population));
            case GATEWAY_CLOSE -> new EventSpec.GatewayClose(epoch);
            case GATEWAY_OPEN -> new EventSpec.GatewayOpen(epoch);
            case EXTERNAL_SHOCK -> {
                List<String> linked = gateway.links().stream().map(l -> marketNames.get(l.marketIndex())).toList();
                yield new EventSpec.ExternalShock(epoch,
                        e.requiredOneOf("market", linked, "must name a market the gateway links, one of"),
                        e.requiredDouble("percent", PERCENT));
            }
            case RATE_SHOCK -> new EventSpec.RateShock(epoch, e.requiredDouble("percent", PERCENT));
        };
    }

    /** The event's cohort as an index into the sorted {@code Scenario.cohorts()}. */
    private static int cohort(Node e, Population population) throws ConfigException {
        return population.sortedIndex(e.requiredOneOf("cohort", population.names(), "must name a cohort, one of"));
    }

    private static long cash(Node e) throws ConfigException {
        return e.requiredCredits("amount", true);
    }

    private static int units(Node e) throws ConfigException {
        return e.requiredInt("units", 1, 1_000_000_000);
    }
}
