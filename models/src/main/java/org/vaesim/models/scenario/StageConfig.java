package org.vaesim.models.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    /** A positive amount of credits (at most 6 decimals), as micro-credits. */
    public long requiredCredits(String name) throws ConfigException {
        return node.requiredCredits(name, true);
    }

    /** The index of the cohort the field names (one of the population's cohorts). */
    public int requiredCohort(String name) throws ConfigException {
        return node.requiredOneOf(name, cohorts, "must name a cohort of the population:");
    }

    /** The JSON path of this section (or element), for errors a reader raises itself. */
    public String path() {
        return node.path();
    }

    /** An error at field {@code name}'s path showing its value, with {@code allowed} saying what is. */
    public ConfigException error(String name, String allowed) {
        return node.field(name).error(allowed);
    }

    /** A non-negative amount of credits (at most 6 decimals), as micro-credits, or {@code defaultMicros}. */
    public long optionalCredits(String name, long defaultMicros) throws ConfigException {
        return node.optionalCredits(name, defaultMicros);
    }

    /** A number in [min, max] (both included). */
    public double requiredDouble(String name, double min, double max) throws ConfigException {
        return node.requiredDouble(name, new Node.Interval(min, false, max, false));
    }

    /** A number in [min, max] (both included), or {@code defaultValue} when missing. */
    public double optionalDouble(String name, double min, double max, double defaultValue) throws ConfigException {
        return node.optionalDouble(name, new Node.Interval(min, false, max, false), defaultValue);
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
            elements.add(new StageConfig(n, cohorts, epochs));
        }
        return elements;
    }

    /** The object field {@code name} read like a section, or null when it is missing. */
    public StageConfig optionalObject(String name) throws ConfigException {
        Node field = node.field(name);
        return field.isMissing() ? null : new StageConfig(field.object(), cohorts, epochs);
    }

    /** The run's length in epochs (the longest allowed when the file's own is in error). */
    public int epochs() {
        return epochs;
    }
}
