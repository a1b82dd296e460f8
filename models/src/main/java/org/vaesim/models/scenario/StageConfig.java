package org.vaesim.models.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.vaesim.models.market.MarketSpec;
import org.vaesim.models.population.CohortSpec;

/**
 * A mechanism's section of the scenario file, as its {@link StageReader} sees it: typed accessors whose errors name
 * the file, the JSON path, the bad value and what is allowed, like every other part of the scenario.
 */
public final class StageConfig {
    private final Node node;
    private final List<String> cohorts;
    /** Per cohort, the market it trades in. */
    private final List<MarketSpec> cohortMarkets;
    /** Per cohort, its number of agents. */
    private final List<Integer> counts;
    private final int epochs;
    private final List<MarketSpec> markets;
    private final List<CohortSpec> cohortSpecs;
    /** Cohort index to what outside the stages fixes its market (a gateway broker, open access); see pinnedBy. */
    private final Map<Integer, String> pinned;

    StageConfig(Node node, List<String> cohorts, List<MarketSpec> cohortMarkets, List<Integer> counts, int epochs,
                List<MarketSpec> markets, List<CohortSpec> cohortSpecs, Map<Integer, String> pinned) {
        this.node = node;
        this.markets = List.copyOf(markets);
        this.cohortSpecs = List.copyOf(cohortSpecs);
        this.cohorts = List.copyOf(cohorts);
        this.cohortMarkets = List.copyOf(cohortMarkets);
        this.counts = List.copyOf(counts);
        this.epochs = epochs;
        this.pinned = Map.copyOf(pinned);
    }

    /** A node of this section (an array element, an object field) read like a section, with the same scenario. */
    private StageConfig child(Node child) {
        return new StageConfig(child, cohorts, cohortMarkets, counts, epochs, markets, cohortSpecs, pinned);
    }

    /**
     * What outside the stages acts on cohort {@code cohort}'s own market as fixed at the start, such as "a broker of
     * the gateway", or null when nothing does: a stage that would move the cohort's orders to another market
     * (routing) refuses such a cohort, since those actions would not follow it.
     */
    public String pinnedBy(int cohort) {
        return pinned.get(cohort);
    }

    /** Checks that the section is an object with no fields but {@code allowed}. */
    public void only(String... allowed) throws ConfigException {
        node.object(List.of(allowed));
    }

    /** An integer field in [min, max]. */
    public int requiredInt(String name, int min, int max) throws ConfigException {
        return node.requiredInt(name, min, max);
    }

    /** An integer field in [min, max], or {@code defaultValue} when missing. */
    public int optionalInt(String name, int min, int max, int defaultValue) throws ConfigException {
        return node.optionalInt(name, min, max, defaultValue);
    }

    /** A number in [min, max], or {@code defaultValue} when missing. */
    public double optionalDouble(String name, double min, double max, double defaultValue) throws ConfigException {
        return node.optionalDouble(name, new Node.Interval(min, false, max, false), defaultValue);
    }

    /** A boolean field, or {@code defaultValue} when missing. */
    public boolean optionalBoolean(String name, boolean defaultValue) throws ConfigException {
        return node.optionalBoolean(name, defaultValue);
    }

    /** A positive amount of credits (at most 6 decimals), as micro-credits. */
    public long requiredCredits(String name) throws ConfigException {
        return node.requiredCredits(name, true);
    }

    /** The index of the cohort the field names (one of the population's cohorts). */
    public int requiredCohort(String name) throws ConfigException {
        return node.requiredOneOf(name, cohorts, "must name a cohort of the population:");
    }

    /**
     * The cohorts array field {@code name}: one or more cohort names, each once, as indices into the sorted cohorts
     * ({@code Scenario.cohorts()}) in ascending order.
     */
    public List<Integer> requiredCohorts(String name) throws ConfigException {
        List<Integer> indices = new ArrayList<>();
        for (Node element : node.requiredArray(name, 1, 1024)) {
            int index = element.asOneOf(cohorts, "must name a cohort, one of");
            if (indices.contains(index)) {
                throw element.error("is listed twice; allowed: each cohort once");
            }
            indices.add(index);
        }
        indices.sort(null);
        return indices;
    }

    /** A number in {@code range}. */
    public double requiredDouble(String name, Node.Interval range) throws ConfigException {
        return node.requiredDouble(name, range);
    }

    /**
     * A number in {@code range} with at most {@code decimals} decimals, exactly, times 10^decimals (a share in
     * millionths with 6); {@code defaultScaled} when missing.
     */
    public long optionalScaled(String name, int decimals, Node.Interval range, long defaultScaled)
            throws ConfigException {
        return node.optionalScaled(name, decimals, range, defaultScaled);
    }

    /**
     * The index of the cohort the field names, which must trade in {@code market} (the market of a cohort named
     * before); the error names both markets.
     */
    public int requiredCohortIn(String name, MarketSpec market) throws ConfigException {
        int cohort = requiredCohort(name);
        if (!cohortMarkets.get(cohort).name().equals(market.name())) {
            throw node.field(name).error("must name a cohort of market " + market.name() + " (this one trades in "
                    + cohortMarkets.get(cohort).name() + ")");
        }
        return cohort;
    }

    /** An error at field {@code name} of the section showing its value, for a rule across fields. */
    public ConfigException error(String name, String allowed) {
        return node.field(name).error(allowed);
    }

    /** The number of agents of cohort {@code cohort}. */
    public int countOf(int cohort) {
        return counts.get(cohort);
    }

    /** The market cohort {@code cohort} trades in. */
    public MarketSpec marketOf(int cohort) {
        return cohortMarkets.get(cohort);
    }

    /**
     * A price in credits on {@code market}'s tick grid, as a tick in [1, the grid's last tick]; the error names the
     * grid.
     */
    public int requiredTick(String name, MarketSpec market) throws ConfigException {
        long micros = node.requiredCredits(name, true);
        if (micros % market.tickSize() != 0 || micros / market.tickSize() > market.ticks() - 1) {
            throw node.field(name).error("must be a multiple of market " + market.name() + "'s tick of "
                    + Money.toCredits(market.tickSize()) + " credits, at most " + Money.toCredits(
                    market.tickSize() * (market.ticks() - 1)) + " credits (its last tick)");
        }
        return (int) (micros / market.tickSize());
    }

    /** The JSON path of this section (or element), for errors a reader raises itself. */
    public String path() {
        return node.path();
    }

    /** A non-negative amount of credits (at most 6 decimals), as micro-credits, or {@code defaultMicros}. */
    public long optionalCredits(String name, long defaultMicros) throws ConfigException {
        return node.optionalCredits(name, defaultMicros);
    }

    /** A number in [min, max] (both included). */
    public double requiredDouble(String name, double min, double max) throws ConfigException {
        return node.requiredDouble(name, new Node.Interval(min, false, max, false));
    }

    /** The index in {@code names} of the string in field {@code name}; the error lists them. */
    public int requiredOneOf(String name, List<String> names) throws ConfigException {
        return node.requiredOneOf(name, names, "must be one of");
    }

    /** A name (1 to 64 of A-Z a-z 0-9 . _ -) unique among those in {@code seen} (name to path), which it joins. */
    public String requiredUniqueName(String name, Map<String, String> seen) throws ConfigException {
        return node.requiredUniqueName(name, seen);
    }

    /** The elements of array field {@code name} (between min and max of them), each read like a section. */
    public List<StageConfig> requiredArray(String name, int min, int max) throws ConfigException {
        List<StageConfig> elements = new ArrayList<>();
        for (Node n : node.requiredArray(name, min, max)) {
            elements.add(child(n));
        }
        return elements;
    }

    /** The object field {@code name} read like a section, or null when it is missing. */
    public StageConfig optionalObject(String name) throws ConfigException {
        Node field = node.field(name);
        return field.isMissing() ? null : child(field.object());
    }

    /** Whether the section has field {@code name}. */
    public boolean has(String name) {
        return !node.field(name).isMissing();
    }

    /** The scenario's markets, in the file's order. */
    public List<MarketSpec> markets() {
        return markets;
    }

    /** The cohort {@code cohort} as the population section declared it (its family, params and scope). */
    public CohortSpec cohort(int cohort) {
        return cohortSpecs.get(cohort);
    }

    /**
     * The index in {@link #markets} of each market the array field {@code name} names: one or more, each once, in
     * the array's order.
     */
    public List<Integer> requiredMarkets(String name, int min, int max) throws ConfigException {
        List<String> names = markets.stream().map(MarketSpec::name).toList();
        List<Integer> indices = new ArrayList<>();
        for (Node element : node.requiredArray(name, min, max)) {
            int index = element.asOneOf(names, ScenarioReader.MARKET_REFERENCE);
            if (indices.contains(index)) {
                throw element.error("is listed twice; allowed: each market once");
            }
            indices.add(index);
        }
        return indices;
    }

    /** The run's length in epochs (the longest allowed when the file's own is in error). */
    public int epochs() {
        return epochs;
    }
}
