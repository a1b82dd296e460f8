package org.vaesim.models.scenario;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
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
    /**
     * Duplicate keys are errors; NaN and Infinity parse (so they can be rejected with their path); decimals
     * stay exact {@link java.math.BigDecimal}s, as written (trailing zeros kept for error messages).
     */
    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private static final String READABLE_FILE = "must be a readable JSON file in UTF-8";
    private static final String NOT_JSON = "malformed JSON";
    private static final Pattern SOURCE_LOCATION = Pattern.compile("\\[Source: .*?; line: (\\d+), column: (\\d+)]");
    private static final Pattern CHARACTER = Pattern.compile("\\('(.+?)' \\(code \\d+\\)\\)");
    private static final Pattern CONTROL_CHARACTER = Pattern.compile("\\(\\(CTRL-CHAR, code (\\d+)\\)\\)");
    private static final Pattern COMMENT_HINT = Pattern.compile("maybe a \\(non-standard\\) comment\\?.*");
    private static final Pattern QUOTED_TOKEN = Pattern.compile("'.+?'");

    private ScenarioLoader() {
    }

    /** Reads and validates {@code file}; the file's path (as given) is the error source. */
    public static Scenario load(Path file) throws ConfigException {
        String source = file.toString();
        return parse(read(file, source), source);
    }

    /** Validates the JSON text {@code json}; {@code sourceName} names it in error messages. */
    public static Scenario parse(String json, String sourceName) throws ConfigException {
        return ScenarioReader.read(tree(json, sourceName), sourceName);
    }

    private static String read(Path file, String source) throws ConfigException {
        try {
            String text = Files.readString(file);
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (NoSuchFileException e) {
            throw new ConfigException(source, "$", "(no such file)", READABLE_FILE);
        } catch (AccessDeniedException e) {
            throw new ConfigException(source, "$", "(permission denied)", READABLE_FILE);
        } catch (CharacterCodingException e) {
            throw new ConfigException(source, "$", "(not UTF-8 text)", READABLE_FILE);
        } catch (IOException e) {
            throw new ConfigException(source, "$", "(unreadable: " + e.getMessage() + ")", READABLE_FILE);
        }
    }

    private static JsonNode tree(String json, String source) throws ConfigException {
        try (JsonParser parser = MAPPER.createParser(json)) {
            JsonNode root = MAPPER.readTree(parser);
            if (root == null) {
                throw new ConfigException(source, "$", "(empty document)", "must be a JSON object");
            }
            if (parser.nextToken() != null) {
                throw new ConfigException(source, lineAndColumn(parser.currentTokenLocation()),
                        "'" + parser.getText() + "'", NOT_JSON + ": unexpected content after the top-level value");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw syntaxError(source, e);
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
            path.insert(0, c.inArray() ? "[" + c.getCurrentIndex() + "]" : Node.step(c.getCurrentName()));
        }
        return "$" + path;
    }
}
