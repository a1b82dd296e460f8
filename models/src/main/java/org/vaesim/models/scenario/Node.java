package org.vaesim.models.scenario;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * A JSON value together with its path in the document, giving typed, validated access to its fields. Public so that
 * a strategy family's params reader ({@link org.vaesim.models.strategy.StrategyFamily.ParamsReader}) can use it.
 *
 * <p>Every failed check throws a {@link ConfigException} naming the path, the value found and what is
 * allowed. A field that is absent and a field set to {@code null} are the same: missing. Numbers are
 * compared exactly (as {@link BigDecimal}); NaN and infinities fail every numeric check.
 */
public final class Node {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final String NAME_RULE = "must be a name of 1 to 64 characters from A-Z a-z 0-9 . _ -";
    private static final int MAX_SHOWN_CHARS = 60;
    private static final int MAX_LISTED_NAMES = 20;
    /**
     * Amounts with more digits before the point than this are beyond every amount's range: their decimal point is
     * never moved, as moving that of 1e100000000 builds a 40 MB integer and that of 1e2147483647 overflows.
     */
    private static final int MAX_AMOUNT_DIGITS = 40;

    private final String source;
    private final String path;
    private final JsonNode json; // null when the field is absent

    private Node(String source, String path, JsonNode json) {
        this.source = source;
        this.path = path;
        this.json = json;
    }

    static Node root(JsonNode json, String source) {
        return new Node(source, "$", json);
    }

    public String path() {
        return path;
    }

    public boolean isMissing() {
        return json == null || json.isNull() || json.isMissingNode();
    }

    boolean isObject() {
        return json != null && json.isObject();
    }

    /** The field {@code name} of this object (missing when absent). */
    public Node field(String name) {
        return new Node(source, path + step(name), json == null ? null : json.get(name));
    }

    /** The path step to field {@code name}: {@code .name}, or {@code ["odd name"]} for other names. */
    static String step(String name) {
        return isPlainKey(name) ? "." + name : "[" + quote(name) + "]";
    }

    /** {@code [A-Za-z_][A-Za-z0-9_]*}, by hand: every field read takes this step, a million times for big files. */
    private static boolean isPlainKey(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
            if (!letter && (i == 0 || c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    /** An error at this path showing this node's value. */
    public ConfigException error(String allowed) {
        return error(shown(), allowed);
    }

    /** An error at this path about a value computed from this node (a total, say). */
    public ConfigException error(String badValue, String allowed) {
        return new ConfigException(source, path, badValue, allowed);
    }

    // ---- structure

    /** This value as an object whose field names are all in {@code allowed}. */
    Node object(List<String> allowed) throws ConfigException {
        return object().withOnly(allowed);
    }

    /** This value as an object, fields not yet checked (see {@link #withOnly}). */
    Node object() throws ConfigException {
        if (isMissing() || !json.isObject()) {
            throw invalid("must be an object");
        }
        return this;
    }

    /** Rejects the first field (in document order) whose name is not in {@code allowed}. */
    Node withOnly(List<String> allowed) throws ConfigException {
        List<ConfigException> unknown = unknownFields(allowed);
        if (!unknown.isEmpty()) {
            throw unknown.getFirst();
        }
        return this;
    }

    /** An error for each field of this object, in document order, whose name is not in {@code allowed}. */
    List<ConfigException> unknownFields(List<String> allowed) {
        List<ConfigException> unknown = new ArrayList<>();
        for (var entry : json.properties()) {
            if (!allowed.contains(entry.getKey())) {
                unknown.add(field(entry.getKey()).error("unknown field; allowed fields: "
                        + String.join(", ", allowed)));
            }
        }
        return unknown;
    }

    /** The object field {@code name}, or an empty object at its path when missing. */
    Node optionalObject(String name, List<String> allowed) throws ConfigException {
        Node field = field(name);
        return field.isMissing()
                ? new Node(source, field.path, JsonNodeFactory.instance.objectNode())
                : field.object(allowed);
    }

    List<Node> requiredArray(String name, int minSize, int maxSize) throws ConfigException {
        return field(name).elements(minSize, maxSize);
    }

    /** The elements of array field {@code name}; none when missing. */
    List<Node> optionalArray(String name) throws ConfigException {
        Node field = field(name);
        return field.isMissing() ? List.of() : field.elements(0, Integer.MAX_VALUE);
    }

    /**
     * The text of field {@code name} of each element of array field {@code array}, where the array and that text
     * exist: a look ahead at names read (and checked) later, so nothing is checked here.
     */
    List<String> textFields(String array, String name) {
        List<String> texts = new ArrayList<>();
        JsonNode a = json == null ? null : json.get(array);
        if (a != null && a.isArray()) {
            for (JsonNode element : a) {
                JsonNode text = element.get(name);
                if (text != null && text.isTextual()) {
                    texts.add(text.textValue());
                }
            }
        }
        return texts;
    }

    private List<Node> elements(int minSize, int maxSize) throws ConfigException {
        String rule = maxSize < Integer.MAX_VALUE ? "must be an array of " + minSize + " to " + maxSize + " elements"
                : minSize > 0 ? "must be an array of at least " + minSize + " element(s)"
                : "must be an array";
        if (isMissing() || !json.isArray() || json.size() < minSize || json.size() > maxSize) {
            throw invalid(rule);
        }
        List<Node> elements = new ArrayList<>(json.size());
        for (int i = 0; i < json.size(); i++) {
            elements.add(new Node(source, path + "[" + i + "]", json.get(i)));
        }
        return elements;
    }

    // ---- integers

    public int requiredInt(String name, int min, int max) throws ConfigException {
        return (int) field(name).integer(min, max, integerRule(min, max));
    }

    /** This node itself as an integer in [min, max] (an array element, say). */
    int asInt(int min, int max) throws ConfigException {
        return (int) integer(min, max, integerRule(min, max));
    }

    /** This node itself as a finite number in {@code range}. */
    double asDouble(Interval range) throws ConfigException {
        return real(range);
    }

    public int optionalInt(String name, int min, int max, int defaultValue) throws ConfigException {
        Node field = field(name);
        return field.isMissing() ? defaultValue : (int) field.integer(min, max, integerRule(min, max));
    }

    long requiredLong(String name) throws ConfigException {
        return field(name).integer(Long.MIN_VALUE, Long.MAX_VALUE, "must be a signed 64-bit integer");
    }

    private static String integerRule(long min, long max) {
        return "must be an integer from " + min + " to " + max;
    }

    /** Any number whose value is a whole number in range: {@code 3}, {@code 3.0} and {@code 3e0} all pass. */
    private long integer(long min, long max, String rule) throws ConfigException {
        BigDecimal value = number(rule);
        if (!isWhole(value) || value.compareTo(BigDecimal.valueOf(min)) < 0
                || value.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw invalid(rule);
        }
        return value.longValueExact();
    }

    // ---- reals

    /** Real numbers from {@code min} to {@code max}, each end inclusive unless marked exclusive. */
    public record Interval(double min, boolean minExclusive, double max, boolean maxExclusive) {
        public static Interval atLeast(double min) {
            return new Interval(min, false, Double.POSITIVE_INFINITY, false);
        }

        public static Interval above(double min, double upTo) {
            return new Interval(min, true, upTo, false);
        }

        public Interval withMax(double newMax) {
            return new Interval(min, minExclusive, newMax, false);
        }

        /** [min, max) */
        public static Interval below(double min, double max) {
            return new Interval(min, false, max, true);
        }

        /** (min, max) */
        public static Interval between(double min, double max) {
            return new Interval(min, true, max, true);
        }

        public boolean contains(double value) {
            return Double.isFinite(value) && (minExclusive ? value > min : value >= min)
                    && (maxExclusive ? value < max : value <= max);
        }

        @Override
        public String toString() {
            if (max == Double.POSITIVE_INFINITY) {
                return (minExclusive ? "> " : ">= ") + plain(min);
            }
            return "in " + (minExclusive ? "(" : "[") + plain(min) + ", " + plain(max) + (maxExclusive ? ")" : "]");
        }

        private static String plain(double value) {
            return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        }
    }

    public double requiredDouble(String name, Interval range) throws ConfigException {
        return field(name).real(range);
    }

    public double optionalDouble(String name, Interval range, double defaultValue) throws ConfigException {
        Node field = field(name);
        return field.isMissing() ? defaultValue : field.real(range);
    }

    /**
     * A number in {@code range} with at most {@code decimals} decimals, as an exact whole count of
     * 10^-decimals (0.25 with 3 decimals is 250), so that shares of integer quantities round the same way
     * everywhere.
     */
    long requiredScaled(String name, int decimals, Interval range) throws ConfigException {
        return field(name).scaled(decimals, range);
    }

    long optionalScaled(String name, int decimals, Interval range, long defaultScaled) throws ConfigException {
        Node field = field(name);
        return field.isMissing() ? defaultScaled : field.scaled(decimals, range);
    }

    private long scaled(int decimals, Interval range) throws ConfigException {
        String rule = "must be a finite number " + range + " with at most " + decimals + " decimals";
        BigDecimal value = number(rule);
        if (!range.contains(value.doubleValue())) { // first: a value beyond it may be too large to move the point of
            throw invalid(rule);
        }
        BigDecimal scaled = value.movePointRight(decimals);
        if (!isWhole(scaled)) {
            throw invalid(rule);
        }
        return scaled.longValueExact();
    }

    private double real(Interval range) throws ConfigException {
        String rule = "must be a finite number " + range;
        BigDecimal exact = number(rule);
        double value = exact.doubleValue();
        if (value == 0 && exact.signum() != 0) {
            // below the smallest double: it would read as 0, which for many rates means "off"
            throw invalid(rule + "; a non-zero number this close to 0 would read as 0 (write 0 for 0)");
        }
        if (!range.contains(value)) {
            throw invalid(rule);
        }
        return value;
    }

    // ---- booleans

    /** A JSON boolean, or {@code defaultValue} when missing. */
    public boolean optionalBoolean(String name, boolean defaultValue) throws ConfigException {
        Node field = field(name);
        if (field.isMissing()) {
            return defaultValue;
        }
        if (!field.json.isBoolean()) {
            throw field.error("must be true or false");
        }
        return field.json.booleanValue();
    }

    // ---- strings and choices

    String requiredName(String name) throws ConfigException {
        Node field = field(name);
        if (field.isMissing() || !field.json.isTextual() || !NAME.matcher(field.json.textValue()).matches()) {
            throw field.invalid(NAME_RULE);
        }
        return field.json.textValue();
    }

    /** A name that must differ from those in {@code seen} (name to path of its object), which it joins. */
    String requiredUniqueName(String name, Map<String, String> seen) throws ConfigException {
        String value = requiredName(name);
        String firstUse = seen.putIfAbsent(value, path);
        if (firstUse != null) {
            throw field(name).error("must be unique; already used by " + firstUse);
        }
        return value;
    }

    /** Checks that field {@code name}, when present, is a string (free text the simulator does not use). */
    void checkOptionalText(String name) throws ConfigException {
        Node field = field(name);
        if (!field.isMissing() && !field.json.isTextual()) {
            throw field.error("must be a string");
        }
    }

    /** The element of {@code values} whose JSON name is the string in field {@code name}. */
    public <E> E requiredEnum(String name, E[] values, Function<E, String> jsonName) throws ConfigException {
        List<String> names = new ArrayList<>(values.length);
        for (E value : values) {
            names.add(jsonName.apply(value));
        }
        return values[requiredOneOf(name, names, "must be one of")];
    }

    /** The index in {@code names} of the string in field {@code name}; {@code rule} precedes the listed names. */
    public int requiredOneOf(String name, List<String> names, String rule) throws ConfigException {
        return field(name).asOneOf(names, rule);
    }

    /** This node itself (an array element, say) as the index of its string in {@code names}. */
    int asOneOf(List<String> names, String rule) throws ConfigException {
        int index = isMissing() || !json.isTextual() ? -1 : names.indexOf(json.textValue());
        if (index < 0) {
            throw invalid(rule + " " + listed(names));
        }
        return index;
    }

    private static String listed(List<String> names) {
        String shown = names.stream().limit(MAX_LISTED_NAMES).map(Node::quote).collect(Collectors.joining(", "));
        return names.size() <= MAX_LISTED_NAMES ? shown : shown + ", ... (" + names.size() + " in all)";
    }

    // ---- money and prices

    /** An amount in credits with at most 6 decimals, as micro-credits, positive or else non-negative. */
    public long requiredCredits(String name, boolean positive) throws ConfigException {
        return field(name).credits(positive);
    }

    /** A non-negative amount in credits, as micro-credits. */
    public long optionalCredits(String name, long defaultMicros) throws ConfigException {
        Node field = field(name);
        return field.isMissing() ? defaultMicros : field.credits(false);
    }

    private long credits(boolean positive) throws ConfigException {
        String rule = "must be a " + (positive ? "positive" : "non-negative")
                + " amount of credits with at most 6 decimals";
        BigDecimal value = number(rule);
        BigDecimal micros = beyondAnyAmount(value) ? null : value.movePointRight(6);
        if (micros == null ? value.signum() < 0 : !isWhole(micros) || micros.signum() < (positive ? 1 : 0)) {
            throw invalid(rule);
        }
        if (micros == null || micros.compareTo(BigDecimal.valueOf(Money.MAX_AMOUNT)) > 0) {
            throw invalid("must be at most " + Money.format(Money.MAX_AMOUNT) + " credits (2^62 micro-credits)");
        }
        return micros.longValueExact();
    }

    /**
     * A non-negative amount of credits of at most {@code maxMicros} micro-credits, as micro-credits, or
     * {@code defaultMicros} when missing; {@code what} names the bound in the error ("the economy's agent
     * currency", say).
     */
    long optionalCreditsUpTo(String name, long maxMicros, String what, long defaultMicros) throws ConfigException {
        Node field = field(name);
        if (field.isMissing()) {
            return defaultMicros;
        }
        String rule = "must be an amount of credits from 0 to " + Money.format(maxMicros) + " (" + what
                + ") with at most 6 decimals";
        BigDecimal value = field.number(rule);
        if (beyondAnyAmount(value)) {
            throw field.invalid(rule);
        }
        BigDecimal micros = value.movePointRight(6);
        if (!isWhole(micros) || micros.signum() < 0 || micros.compareTo(BigDecimal.valueOf(maxMicros)) > 0) {
            throw field.invalid(rule);
        }
        return micros.longValueExact();
    }

    /** A price in credits on the grid of {@code ticks} ticks of {@code tickSize} micro-credits, as its tick. */
    public int requiredPrice(String name, long tickSize, int ticks) throws ConfigException {
        return field(name).tick(tickSize, ticks);
    }

    public int optionalPrice(String name, long tickSize, int ticks, int defaultTick) throws ConfigException {
        Node field = field(name);
        return field.isMissing() ? defaultTick : field.tick(tickSize, ticks);
    }

    /** This element, a price in credits on the grid, as its tick (see {@link #requiredPrice}). */
    int asPrice(long tickSize, int ticks) throws ConfigException {
        return tick(tickSize, ticks);
    }

    private int tick(long tickSize, int ticks) throws ConfigException {
        BigDecimal unit = Money.toCredits(tickSize);
        String range = "from " + gridPrice(1, unit) + " to " + gridPrice(ticks - 1, unit)
                + " credits (ticks 1 to " + (ticks - 1) + " of tick size " + unit.toPlainString() + ")";
        BigDecimal price = number("must be a price " + range);
        if (price.compareTo(unit) < 0 || price.compareTo(unit.multiply(BigDecimal.valueOf(ticks - 1))) > 0) {
            throw invalid("outside the price grid: must be " + range);
        }
        BigDecimal[] quotientAndRemainder = price.divideAndRemainder(unit);
        int below = quotientAndRemainder[0].intValueExact();
        if (quotientAndRemainder[1].signum() != 0) {
            throw invalid("off the tick grid: must be a multiple of the tick size " + unit.toPlainString()
                    + "; the nearest grid prices are " + gridPrice(below, unit) + " and " + gridPrice(below + 1, unit));
        }
        return below;
    }

    /** Price of tick {@code k}, written with the tick size's decimals (tick 500 of 0.01 is {@code 5.00}). */
    public static String gridPrice(int k, BigDecimal unit) {
        return unit.multiply(BigDecimal.valueOf(k)).toPlainString();
    }

    // ---- helpers

    private BigDecimal number(String rule) throws ConfigException {
        boolean nonFinite = !isMissing() && (json.isDouble() || json.isFloat()) && !Double.isFinite(json.doubleValue());
        if (isMissing() || !json.isNumber() || nonFinite) {
            throw invalid(rule);
        }
        return json.decimalValue();
    }

    /** Whether {@code value} has more than {@link #MAX_AMOUNT_DIGITS} digits before its decimal point. */
    private static boolean beyondAnyAmount(BigDecimal value) {
        return value.precision() - (long) value.scale() > MAX_AMOUNT_DIGITS;
    }

    private static boolean isWhole(BigDecimal value) {
        return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
    }

    /** An error stating {@code rule}, flagged as required when the value is missing. */
    private ConfigException invalid(String rule) {
        return error(isMissing() ? "required field; " + rule : rule);
    }

    /** The value as written: strings quoted, numbers as text, long values shortened. */
    private String shown() {
        if (json == null || json.isMissingNode()) {
            return "(missing)";
        }
        String text = json.isBigDecimal() ? plainUnlessLong(json.decimalValue())
                : json.isNumber() ? json.asText() : json.toString();
        if (text.length() <= MAX_SHOWN_CHARS) {
            return text;
        }
        return json.isArray()
                ? "(an array of " + json.size() + " elements)"
                : text.substring(0, MAX_SHOWN_CHARS - 4) + " ...";
    }

    /** {@code 0.0000001} rather than {@code 1E-7}, but {@code 1E+400} rather than 401 digits. */
    private static String plainUnlessLong(BigDecimal value) {
        boolean shortEnough = value.precision() + Math.abs((long) value.scale()) <= MAX_SHOWN_CHARS;
        return shortEnough ? value.toPlainString() : value.toString();
    }

    private static String quote(String text) {
        return JsonNodeFactory.instance.textNode(text).toString();
    }
}
