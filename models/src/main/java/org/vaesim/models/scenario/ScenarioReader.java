package org.vaesim.models.scenario;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

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
 * gateway, then each event, then the economy's totals over the run ({@link EconomyLimits}). Every error found
 * is collected ({@link Problems}): each top-level field, market, cohort, auction, mission and event is checked on
 * its own, and the population only when every market is well-formed, the parts after it only when the population
 * is, the missions only when the safety block is, and the gateway's events only when the gateway is; the totals
 * only when everything else is valid. The first error, carrying the others, is thrown at the end.
 */
final class ScenarioReader {
    static final List<String> FIELDS = List.of("name", "description", "seed", "epochs", "metrics_every",
            "checkpoint_every", "markets", "population", "safety", "resource_auctions", "missions", "gateway",
            "events", "stages");
    static final List<String> MARKET_FIELDS =
            List.of("name", "resource", "tick_size", "ticks", "initial_price", "fundamental", "fee_bps", "sandbox",
                    "good");
    static final String MARKET_REFERENCE = "must name a market, one of";
    private static final Interval PERCENT = Interval.above(-100, 1000);
    /** The parts of the document after the population, which refer to its cohorts. */
    private static final List<String> AFTER_POPULATION = List.of("safety", "resource_auctions", "missions", "gateway",
            "events", "stages");

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

        boolean needsGateway() {
            return this == GATEWAY_CLOSE || this == GATEWAY_OPEN || this == EXTERNAL_SHOCK || this == RATE_SHOCK;
        }
    }

    private ScenarioReader() {
    }

    static Scenario read(JsonNode json, String source) throws ConfigException {
        Problems problems = new Problems();
        Node root = problems.object(Node.root(json, source), FIELDS);
        String name = problems.attempt(() -> root.requiredName("name"));
        problems.attempt(() -> {
            root.checkOptionalText("description");
            return null;
        });
        Long seed = problems.attempt(() -> root.requiredLong("seed"));
        Integer epochsRead = problems.attempt(() -> root.requiredInt("epochs", 1, Scenario.MAX_EPOCHS));
        // Without a valid run length the parts that refer to epochs are checked against the longest one allowed,
        // which rejects only what every run length would.
        int epochs = epochsRead != null ? epochsRead : Scenario.MAX_EPOCHS;
        Integer metricsEvery = problems.attempt(() -> root.optionalInt("metrics_every", 1, Integer.MAX_VALUE, 10));
        Integer checkpointEvery = problems.attempt(() -> root.optionalInt("checkpoint_every", 0, Integer.MAX_VALUE,
                0));
        List<MarketSpec> markets = markets(root, problems);
        Population population = markets == null ? null : CohortReader.read(root, markets, epochs, problems);
        if (markets == null && problems.attempt(() -> root.requiredArray("population", 1, Integer.MAX_VALUE))
                != null) {
            skip(root, problems, List.of("population")); // its cohorts' prices lie on their markets' grids
        }
        if (population == null) {
            skip(root, problems, AFTER_POPULATION);
            problems.throwIfAny();
            throw new IllegalStateException("a population in error recorded no error");
        }
        SafetySpec safety = problems.attempt(() -> SafetyReader.read(root, markets, population));
        List<AuctionSpec> auctions = AuctionReader.read(root, epochs, population, problems);
        List<MissionSpec> missions = null;
        if (safety != null) {
            missions = MissionReader.read(root, epochs, markets, population, safety, problems);
        } else {
            skip(root, problems, List.of("missions"));
        }
        Optional<GatewaySpec> gateway = problems.attempt(() ->
                Optional.ofNullable(GatewayReader.read(root, markets, population)));
        List<EventSpec> events = events(root, epochs, markets, population, gateway, problems);
        Map<String, Object> stages = stages(root, epochs, markets, population, pinned(gateway), problems);
        problems.throwIfAny();
        EconomyLimits.check(root, markets, population.cohorts(), missions, gateway.orElse(null), events, epochs);
        return new Scenario(name, seed, epochs, metricsEvery, checkpointEvery, markets, population.cohorts(), events,
                safety, auctions, missions, gateway.orElse(null), stages);
    }

    /** The registered stages' readers ({@link StageReader}), by name, found once. */
    private static final Map<String, StageReader<?>> STAGE_READERS = stageReaders();

    private static Map<String, StageReader<?>> stageReaders() {
        Map<String, StageReader<?>> readers = new TreeMap<>();
        for (StageReader<?> r : ServiceLoader.load(StageReader.class, ScenarioReader.class.getClassLoader())) {
            if (readers.put(r.name(), r) != null) {
                throw new IllegalStateException("two stage readers are named " + r.name());
            }
        }
        return readers;
    }

    /** Each section of {@code stages}, read by its stage's reader; a name without one is an error listing those. */
    private static Map<String, Object> stages(Node root, int epochs, List<MarketSpec> markets, Population population,
                                              Map<Integer, String> pinned, Problems problems) {
        Map<String, Object> out = new LinkedHashMap<>();
        Node all = root.field("stages");
        if (all.isMissing()) {
            return out;
        }
        Node sections = problems.attempt(() -> {
            Node object = all.object();
            if (STAGE_READERS.isEmpty() && !object.unknownFields(List.of()).isEmpty()) {
                throw all.error("no sections: this vaesim has no mechanism registered as a stage (docs/extending.md)");
            }
            return object.withOnly(List.copyOf(STAGE_READERS.keySet()));
        });
        if (sections == null) {
            return out;
        }
        List<String> cohorts = population.cohorts().stream().map(c -> c.name()).toList();
        List<MarketSpec> cohortMarkets = population.cohorts().stream().map(c -> markets.get(c.marketIndex())).toList();
        List<Integer> counts = population.cohorts().stream().map(c -> c.count()).toList();
        for (Map.Entry<String, StageReader<?>> r : STAGE_READERS.entrySet()) {
            Node section = sections.field(r.getKey());
            if (!section.isMissing()) {
                Object spec = problems.attempt(() -> r.getValue().read(new StageConfig(section, cohorts, cohortMarkets,
                        counts, epochs, markets, population.cohorts(), pinned)));
                if (spec != null) {
                    out.put(r.getKey(), spec);
                }
            }
        }
        return out;
    }

    /**
     * The cohorts whose own market the gateway acts on as fixed at the start (its brokers and open-access cohorts
     * cross on it), with what pins each, for the stages' checks ({@link StageConfig#pinnedBy}).
     */
    private static Map<Integer, String> pinned(Optional<GatewaySpec> gateway) {
        Map<Integer, String> pinned = new HashMap<>();
        GatewaySpec g = gateway == null ? null : gateway.orElse(null);
        if (g != null) {
            g.brokers().forEach(b -> pinned.put(b.cohortIndex(), "a broker of the gateway"));
            if (g.hasOpenAccess()) {
                g.openAccess().cohorts().forEach(c -> pinned.put(c, "an open-access cohort of the gateway"));
            }
        }
        return pinned;
    }

    /** Records the fields {@code names} of the document that are present as not checked. */
    private static void skip(Node root, Problems problems, List<String> names) {
        for (String field : names) {
            if (!root.field(field).isMissing()) {
                problems.skip(root.field(field).path());
            }
        }
    }

    /** Each market, checked on its own; null when any is in error (or the array itself is). */
    private static List<MarketSpec> markets(Node root, Problems problems) {
        List<Node> elements = problems.attempt(() -> root.requiredArray("markets", 1, 256));
        if (elements == null) {
            return null;
        }
        List<MarketSpec> markets = new ArrayList<>(elements.size());
        Map<String, String> names = new HashMap<>();
        boolean whole = true;
        for (Node element : elements) {
            MarketSpec market = problems.attempt(() -> market(problems.object(element, MARKET_FIELDS), names));
            whole &= market != null;
            markets.add(market);
        }
        return whole ? markets : null;
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
        String good = m.field("good").isMissing() ? null : m.requiredName("good");
        return new MarketSpec(name, resource, tickSize, ticks, initialTick, fundamentalTick, feeBps, sandbox, good);
    }

    /**
     * Each event, checked on its own. Without a well-formed gateway block ({@code gateway} null) the events that
     * act on the gateway are not checked, since whether they are allowed depends on it.
     */
    private static List<EventSpec> events(Node root, int epochs, List<MarketSpec> markets, Population population,
                                          Optional<GatewaySpec> gateway, Problems problems) {
        List<Node> elements = problems.attempt(() -> root.optionalArray("events"));
        if (elements == null) {
            return null;
        }
        List<String> marketNames = markets.stream().map(MarketSpec::name).toList();
        List<EventSpec> events = new ArrayList<>(elements.size());
        for (Node element : elements) {
            events.add(problems.attempt(() -> {
                Node e = element.object();
                EventType type = e.requiredEnum("type", EventType.values(), t -> t.jsonName);
                if (type.needsGateway() && gateway == null) {
                    problems.skip(e.path());
                    return null;
                }
                return event(e, type, epochs, marketNames, population, gateway == null ? null : gateway.orElse(null));
            }));
        }
        return events;
    }

    private static EventSpec event(Node e, EventType type, int epochs, List<String> marketNames,
                                   Population population, GatewaySpec gateway) throws ConfigException {
        if (type.needsGateway() && gateway == null) {
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
