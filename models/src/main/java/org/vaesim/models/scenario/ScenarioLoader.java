package org.vaesim.models.scenario;

import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Loads a scenario JSON file (format: {@code docs/config-reference.md}) into a validated {@link Scenario}.
 * Any problem, from a missing file through malformed JSON to a broken cross-field rule, is one
 * {@link ConfigException} naming the file, the place, the bad value and what is allowed.
 */
public final class ScenarioLoader {
    /** The deepest nesting of arrays and objects read (Jackson's default, stated so errors can say it). */
    static final int MAX_DEPTH = 1000;
    /** The longest number read, in characters (Jackson's default, stated so errors can say it). */
    static final int MAX_NUMBER_CHARS = 1000;
    /** Exponents up to this size always parse; beyond, a number may not fit a BigDecimal (see Node). */
    static final int MAX_EXPONENT = 1_000_000_000;

    /**
     * Duplicate keys are errors; NaN and Infinity parse (so they can be rejected with their path); decimals
     * stay exact {@link java.math.BigDecimal}s, as written (trailing zeros kept for error messages).
     */
    static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                            .maxNumberLength(MAX_NUMBER_CHARS).build()).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private static final String NOT_JSON = "malformed JSON";
    private static final Pattern SOURCE_LOCATION = Pattern.compile("\\[Source: .*?; line: (\\d+), column: (\\d+)]");
    private static final Pattern CHARACTER = Pattern.compile("\\('(.+?)' \\(code \\d+\\)\\)");
    private static final Pattern CONTROL_CHARACTER = Pattern.compile("\\(\\(CTRL-CHAR, code (\\d+)\\)\\)");
    private static final Pattern COMMENT_HINT = Pattern.compile("maybe a \\(non-standard\\) comment\\?.*");
    private static final Pattern QUOTED_TOKEN = Pattern.compile("'.+?'");
    private static final Pattern QUOTED_NUMBER = Pattern.compile("Value \"([^\"]*)\"");

    private ScenarioLoader() {
    }

    /** Reads and validates {@code file}; the file's path (as given) is the error source. */
    public static Scenario load(Path file) throws ConfigException {
        String source = file.toString();
        return parse(ConfigFiles.read(file, source), source);
    }

    /** Validates the JSON text {@code json}; {@code sourceName} names it in error messages. */
    public static Scenario parse(String json, String sourceName) throws ConfigException {
        return ScenarioReader.read(tree(json, sourceName), sourceName);
    }

    /**
     * Validates a tree from {@link #parseTree} (a sweep's point, say) without writing and parsing it again;
     * {@code sourceName} names it in error messages.
     */
    public static Scenario read(JsonNode tree, String sourceName) throws ConfigException {
        return ScenarioReader.read(tree, sourceName);
    }

    /**
     * The JSON text {@code json} as a tree, exactly as the scenario reader sees it (exact decimals, no duplicate
     * keys); malformed JSON is a {@link ConfigException} naming {@code sourceName}. Sweeps read their files so.
     */
    public static JsonNode parseTree(String json, String sourceName) throws ConfigException {
        return tree(json, sourceName);
    }

    private static JsonNode tree(String json, String source) throws ConfigException {
        JsonParser parser = null;
        try (JsonParser p = MAPPER.createParser(json)) {
            parser = p;
            JsonNode root = MAPPER.readTree(parser);
            if (root == null) {
                throw new ConfigException(source, "$", "(empty document)", "must be a JSON object");
            }
            if (parser.nextToken() != null) {
                throw new ConfigException(source, lineAndColumn(parser.currentTokenLocation()),
                        "'" + parser.getText() + "'", NOT_JSON + ": unexpected content after the top-level value");
            }
            return root;
        } catch (StreamConstraintsException e) { // it may carry no location: the parser still knows where it is
            throw limitError(source, e, parser);
        } catch (JsonProcessingException e) {
            throw syntaxError(source, e);
        } catch (NumberFormatException e) { // a number BigDecimal cannot hold: 1e-2147483648, say
            Matcher number = QUOTED_NUMBER.matcher(String.valueOf(e.getMessage()));
            String text = number.find() ? number.group(1) : "(a number)";
            throw new ConfigException(source, pathOf(parser.getParsingContext()),
                    text.length() <= 60 ? text : text.substring(0, 56) + " ...",
                    "a number out of range: numbers must have an exponent from -" + MAX_EXPONENT + " to "
                            + MAX_EXPONENT);
        } catch (IOException e) {
            throw new IllegalStateException("reading a String cannot fail with I/O", e);
        }
    }

    /** Jackson's parse error in our format: the offending token and the reason, without Jackson's jargon. */
    private static ConfigException syntaxError(String source, JsonProcessingException e) {
        String where = lineAndColumn(e.getLocation());
        String message = readable(e.getOriginalMessage());
        if (message.startsWith("Duplicate field") && e instanceof StreamReadException read
                && read.getProcessor() != null) {
            return new ConfigException(source, pathOf(read.getProcessor().getParsingContext()),
                    "(duplicate key at " + where + ")", "each field may appear only once per object");
        }
        int colon = message.indexOf(": ");
        String head = colon < 0 ? message : message.substring(0, colon);
        String reason = colon < 0 ? "" : ": " + message.substring(colon + 2);
        Matcher token = QUOTED_TOKEN.matcher(head);
        if (token.find()) {
            return new ConfigException(source, where, token.group(), NOT_JSON + reason);
        }
        if (head.equals("Unexpected end-of-input")) {
            return new ConfigException(source, where, "end of input", NOT_JSON + reason);
        }
        return new ConfigException(source, where, NOT_JSON, message);
    }

    /**
     * A document beyond one of the parser's limits, said without the parser's internals. Too deep a nesting is
     * placed by line and column (its JSON path would be a thousand steps long), the others by their path.
     */
    private static ConfigException limitError(String source, StreamConstraintsException e, JsonParser parser) {
        String message = e.getOriginalMessage();
        if (message.startsWith("Document nesting depth")) {
            return new ConfigException(source, lineAndColumn(parser.currentLocation()),
                    "(nested more than " + MAX_DEPTH + " levels deep)",
                    "arrays and objects may nest at most " + MAX_DEPTH + " levels deep");
        }
        JsonStreamContext context = parser.getParsingContext();
        String at = pathOf(context);
        if (message.startsWith("Number value length")) {
            return new ConfigException(source, at, "(a number of more than " + MAX_NUMBER_CHARS + " characters)",
                    "numbers may have at most " + MAX_NUMBER_CHARS + " characters");
        }
        if (message.startsWith("Name length")) { // the object's path: the context still names its previous field
            return new ConfigException(source, context.inObject() ? pathOf(context.getParent()) : at,
                    "(a field name of more than "
                    + StreamReadConstraints.DEFAULT_MAX_NAME_LEN + " characters)", "field names may have at most "
                    + StreamReadConstraints.DEFAULT_MAX_NAME_LEN + " characters");
        }
        if (message.startsWith("String value length")) {
            return new ConfigException(source, at, "(a string of more than "
                    + StreamReadConstraints.DEFAULT_MAX_STRING_LEN + " characters)", "strings may have at most "
                    + StreamReadConstraints.DEFAULT_MAX_STRING_LEN + " characters");
        }
        return new ConfigException(source, at, "(beyond the JSON reader's limits)",
                message.replaceAll(" \\(from `StreamReadConstraints.*", ""));
    }

    private static String readable(String jacksonMessage) {
        String text = SOURCE_LOCATION.matcher(jacksonMessage).replaceAll("line $1, column $2");
        text = CHARACTER.matcher(text).replaceAll("'$1'");
        text = CONTROL_CHARACTER.matcher(text).replaceAll("(control character, code $1)");
        text = COMMENT_HINT.matcher(text).replaceAll("comments are not allowed in JSON");
        return text.replace(" (or 'NaN'/'+INF'/'-INF')", "");
    }

    private static String lineAndColumn(JsonLocation location) {
        return location == null ? "$" : "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** The JSON path of the parser's current position, as {@link Node} writes paths. */
    private static String pathOf(JsonStreamContext context) {
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            // an object whose first name is still being read, or an array before its first element, adds no step
            String step = c.inArray() ? (c.getCurrentIndex() < 0 ? "" : "[" + c.getCurrentIndex() + "]")
                    : c.getCurrentName() == null ? "" : Node.step(c.getCurrentName());
            path.insert(0, step);
        }
        return "$" + path;
    }
}
