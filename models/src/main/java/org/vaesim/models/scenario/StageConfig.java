package org.vaesim.models.scenario;

import java.util.List;

/**
 * A mechanism's section of the scenario file, as its {@link StageReader} sees it: typed accessors whose errors name
 * the file, the JSON path, the bad value and what is allowed, like every other part of the scenario.
 */
public final class StageConfig {
    private final Node node;
    private final List<String> cohorts;
    private final int epochs;

    StageConfig(Node node, List<String> cohorts, int epochs) {
        this.node = node;
        this.cohorts = List.copyOf(cohorts);
        this.epochs = epochs;
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

    /** An error at field {@code name} showing its value, for a rule that ties it to another field. */
    public ConfigException error(String name, String allowed) {
        return node.field(name).error(allowed);
    }

    /** The run's length in epochs (the longest allowed when the file's own is in error). */
    public int epochs() {
        return epochs;
    }
}
