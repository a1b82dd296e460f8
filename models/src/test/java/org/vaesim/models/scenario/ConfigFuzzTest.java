package org.vaesim.models.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Fuzzing the loader with the shipped scenarios: each is mutated many times, in its tree (a value replaced by an
 * edge case, a field deleted or added, an element duplicated, a number scaled) and in its text (cut short, a
 * character changed, a number replaced by one no decimal holds, a value nested a thousand deep). Every mutant
 * must load, or fail with a {@link ConfigException} naming the file, a path and what is allowed: never another
 * exception, never an empty bad value. A failure names the config, the mutation and its seed to replay it.
 */
class ConfigFuzzTest {
    private static final Path CONFIGS = Path.of("..", "configs");
    private static final int MUTANTS_PER_CONFIG = 150;
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.\"])-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?(?![\\w\"])");

    /** Values a tree mutation puts in place of another: types, signs, limits of int, long and money, extremes. */
    private static final List<String> EDGE_VALUES = List.of("0", "-1", "1", "-0.0", "0.5", "1e-7", "0.0000001",
            "2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
            "-9223372036854775809", "1e19", "4611686018427.387904", "4611686018427.387905", "1e308", "1e400",
            "-1e400", "1e-400", "1e10000", "1e-10000", "3.0", "1000000000", "1000000001", "65536", "65537", "\"\"",
            "\"x\"", "null", "true", "false", "[]", "{}", "[1]", "{\"a\": 1}", "\"" + "y".repeat(100) + "\"",
            "NaN", "Infinity", "-Infinity");

    /** Number texts a text mutation puts in place of a number: exponents past any decimal, digits past the cap. */
    private static final List<String> EXTREME_NUMBERS = List.of("1e-2147483648", "1e2147483647", "1e999999999",
            "1.5e-2147483648", "-1e2147483648", "1e100000000", "1e-100000000", "1" + "0".repeat(2000),
            "0." + "0".repeat(999) + "1", "NaN", "-Infinity", "1e", "--1", "0x10", "01");

    static Stream<Path> configs() throws IOException {
        try (Stream<Path> files = Files.walk(CONFIGS)) {
            return files.filter(f -> f.toString().endsWith(".json") && !f.startsWith(CONFIGS.resolve("sweeps")))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("configs")
    void everyMutantLoadsOrFailsWithFilePathAndWhatIsAllowed(Path config) throws Exception {
        String original = Files.readString(config);
        String source = config.getFileName().toString();
        ScenarioLoader.parse(original, source); // the unmutated file is valid
        SplittableRandom seeds = new SplittableRandom(config.getFileName().toString().hashCode());
        int loaded = 0;
        int rejected = 0;
        for (int k = 0; k < MUTANTS_PER_CONFIG; k++) {
            long seed = seeds.nextLong();
            Random random = new Random(seed);
            int operator = random.nextInt(10);
            String mutant = mutate(original, operator, random);
            try {
                ScenarioLoader.parse(mutant, source);
                loaded++;
            } catch (ConfigException e) {
                rejected++;
                String replay = config + ", operator " + operator + ", seed " + seed + ": " + e.getMessage();
                assertEquals(source, e.source(), replay);
                assertTrue(e.jsonPath().startsWith("$") || e.jsonPath().startsWith("line "), replay);
                assertFalse(e.badValue().isBlank(), "a bad value is shown: " + replay);
                assertFalse(e.allowed().isBlank(), "what is allowed is said: " + replay);
                assertFalse(e.getMessage().contains("StreamReadConstraints") || e.getMessage().contains("jackson"),
                        "no parser internals: " + replay);
            } catch (Throwable t) {
                fail(config + ", operator " + operator + ", seed " + seed + ": " + t + "\n" + shortened(mutant), t);
            }
        }
        assertTrue(rejected > MUTANTS_PER_CONFIG / 3, "most mutants are bad inputs: " + rejected + " rejected, "
                + loaded + " loaded");
    }

    private static String mutate(String text, int operator, Random random) throws IOException {
        return switch (operator) {
            case 0, 1, 2, 3, 4, 5 -> mutateTree(text, operator, random);
            case 6 -> text.substring(0, random.nextInt(text.length())); // cut short
            case 7 -> { // one character changed
                int at = random.nextInt(text.length());
                String characters = "{}[]\",:09eE.+- \\\u0000\u00e9x";
                char c = characters.charAt(random.nextInt(characters.length()));
                yield text.substring(0, at) + c + text.substring(at + 1);
            }
            case 8 -> replaceNumber(text, EXTREME_NUMBERS.get(random.nextInt(EXTREME_NUMBERS.size())), random);
            default -> { // a value nested past the reader's depth
                int depth = 1001 + random.nextInt(100);
                yield replaceNumber(text, "[".repeat(depth) + "1" + "]".repeat(depth), random);
            }
        };
    }

    /** A number in the text, chosen at random, replaced by {@code replacement}. */
    private static String replaceNumber(String text, String replacement, Random random) {
        List<int[]> spans = new ArrayList<>();
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
        }
        int[] span = spans.get(random.nextInt(spans.size()));
        return text.substring(0, span[0]) + replacement + text.substring(span[1]);
    }

    private static String mutateTree(String text, int operator, Random random) throws IOException {
        JsonNode root = ScenarioLoader.MAPPER.readTree(text);
        List<ContainerNode<?>> containers = new ArrayList<>();
        collect(root, containers);
        ContainerNode<?> parent = containers.get(random.nextInt(containers.size()));
        switch (operator) {
            case 0, 1 -> set(parent, random, ScenarioLoader.MAPPER.readTree(
                    EDGE_VALUES.get(random.nextInt(EDGE_VALUES.size()))));
            case 2 -> { // a field or element deleted
                if (parent instanceof ObjectNode o && !o.isEmpty()) {
                    o.remove(names(o).get(random.nextInt(o.size())));
                } else if (parent instanceof ArrayNode a && !a.isEmpty()) {
                    a.remove(random.nextInt(a.size()));
                }
            }
            case 3 -> { // an unknown field, or an extra element
                if (parent instanceof ObjectNode o) {
                    o.put("fuzz_" + random.nextInt(3), 1);
                } else if (parent instanceof ArrayNode a) {
                    a.add(1);
                }
            }
            case 4 -> { // an element duplicated (a second cohort of the same name, say)
                if (parent instanceof ArrayNode a && !a.isEmpty()) {
                    a.add(a.get(random.nextInt(a.size())).deepCopy());
                }
            }
            default -> scaleANumber(containers, random);
        }
        return ScenarioLoader.MAPPER.writeValueAsString(root);
    }

    /** A number of the document multiplied by a power of ten, negated, or moved by one. */
    private static void scaleANumber(List<ContainerNode<?>> containers, Random random) {
        for (int tries = 0; tries < 50; tries++) {
            ContainerNode<?> parent = containers.get(random.nextInt(containers.size()));
            List<JsonNode> children = new ArrayList<>();
            parent.elements().forEachRemaining(children::add);
            if (children.isEmpty()) {
                continue;
            }
            int i = random.nextInt(children.size());
            JsonNode child = children.get(i);
            if (child.isNumber()) {
                java.math.BigDecimal v = child.decimalValue();
                java.math.BigDecimal changed = switch (random.nextInt(4)) {
                    case 0 -> v.scaleByPowerOfTen(random.nextInt(61) - 30);
                    case 1 -> v.negate();
                    case 2 -> v.add(java.math.BigDecimal.ONE);
                    default -> v.subtract(java.math.BigDecimal.ONE);
                };
                setAt(parent, i, NODES.numberNode(changed));
                return;
            }
        }
    }

    private static void set(ContainerNode<?> parent, Random random, JsonNode value) {
        if (!parent.isEmpty()) {
            setAt(parent, random.nextInt(parent.size()), value);
        }
    }

    private static void setAt(ContainerNode<?> parent, int i, JsonNode value) {
        if (parent instanceof ObjectNode o) {
            o.set(names(o).get(i), value);
        } else if (parent instanceof ArrayNode a) {
            a.set(i, value);
        }
    }

    private static List<String> names(ObjectNode o) {
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void collect(JsonNode node, List<ContainerNode<?>> out) {
        if (node instanceof ContainerNode<?> c) {
            out.add(c);
            node.elements().forEachRemaining(child -> collect(child, out));
        }
    }

    private static String shortened(String text) {
        return text.length() <= 2000 ? text : text.substring(0, 2000) + " ...";
    }
}
