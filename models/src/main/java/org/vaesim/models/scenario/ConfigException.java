package org.vaesim.models.scenario;

import java.util.List;

/**
 * A scenario file (or builder input) that cannot be accepted: the first error found, located by a JSON path such
 * as {@code $.population[2].params.side} or, for malformed JSON, by {@code line L, column C}, carrying every other
 * error of the same pass ({@link #errors()}) and what could not be checked because of them ({@link #notChecked()}).
 *
 * <p>The message is the first error's, {@code "<source>: <jsonPath> = <badValue>: <allowed>"}, for example
 * {@code configs/x.json: $.markets[0].tick_size = -0.01: must be a positive amount of credits with at most 6 decimals}.
 */
public final class ConfigException extends Exception {
    private final String source;
    private final String jsonPath;
    private final String badValue;
    private final String allowed;
    /** Every error of the pass, this one first; just this one until {@link #of} attaches the others. */
    private List<ConfigException> errors = List.of(this);
    private List<String> notChecked = List.of();

    /**
     * @param source   the file name (or other source name) the error is in
     * @param jsonPath where in the document: a JSON path starting with {@code $}, or {@code line L, column C}
     * @param badValue the offending value as written (strings quoted), or a description such as {@code (missing)}
     * @param allowed  what the value must be instead
     */
    public ConfigException(String source, String jsonPath, String badValue, String allowed) {
        super(source + ": " + jsonPath + " = " + badValue + ": " + allowed);
        this.source = source;
        this.jsonPath = jsonPath;
        this.badValue = badValue;
        this.allowed = allowed;
    }

    public String source() {
        return source;
    }

    public String jsonPath() {
        return jsonPath;
    }

    public String badValue() {
        return badValue;
    }

    public String allowed() {
        return allowed;
    }

    /** Every error found in the pass that found this one, in document order; this one is the first. */
    public List<ConfigException> errors() {
        return errors;
    }

    /**
     * The parts of the document left unchecked because they depend on a part in error (a cohort's prices on its
     * market's grid, say), as JSON paths such as {@code $.events}; empty when everything was checked.
     */
    public List<String> notChecked() {
        return notChecked;
    }

    /** The first of {@code errors} (at least one, in document order), carrying them all and {@code notChecked}. */
    static ConfigException of(List<ConfigException> errors, List<String> notChecked) {
        ConfigException first = errors.getFirst();
        first.errors = List.copyOf(errors);
        first.notChecked = List.copyOf(notChecked);
        return first;
    }
}
