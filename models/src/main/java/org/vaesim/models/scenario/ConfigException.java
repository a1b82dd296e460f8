package org.vaesim.models.scenario;

/**
 * A scenario file (or builder input) that cannot be accepted: one error, the first found, located by a
 * JSON path such as {@code $.population[2].params.side} or, for malformed JSON, by {@code line L, column C}.
 *
 * <p>The message is {@code "<source>: <jsonPath> = <badValue>: <allowed>"}, for example
 * {@code configs/x.json: $.markets[0].tick_size = -0.01: must be a positive amount of credits with at most 6 decimals}.
 */
public final class ConfigException extends Exception {
    private final String source;
    private final String jsonPath;
    private final String badValue;
    private final String allowed;

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
}
