package org.vaesim.host.experiment;

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
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vaesim.host.Fixtures;
import org.vaesim.models.scenario.ConfigException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Fuzzing sweep files, as {@code ConfigFuzzTest} fuzzes scenarios: every shipped sweep with a field replaced by
 * an edge value or deleted, a grid value replaced, or its text cut short. Every mutant loads, or fails with a
 * ConfigException naming the sweep file, a path, a non-empty bad value and what is allowed; never another
 * exception. A failure names the sweep, the mutation and its seed to replay it.
 */
class SweepFuzzTest {
    private static final int MUTANTS_PER_SWEEP = 40;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EDGE = "@EDGE@";
    private static final List<String> FIELDS = List.of("name", "scenario", "grid", "seeds", "epochs", "parallel");
    private static final List<String> EDGE_VALUES = List.of("0", "-1", "1", "2.5", "2.0", "1e-2147483648",
            "1e2147483647", "9223372036854775808", "10001", "100001", "257", "\"\"", "\"x\"", "\"../nope.json\"",
            "\"/dev/zero\"", "\"/\"", "null", "true", "[]", "{}", "[1, 1]", "[1.5]", "[\"1\"]", "{\"a\": 1}",
            "{\"markets[0].fee_bps\": [1, 1]}", "{\"bad path!\": [1]}", "{\"epochs\": [0]}", "NaN");

    static Stream<Path> sweeps() throws IOException {
        try (Stream<Path> files = Files.list(Fixtures.CONFIGS.resolve("sweeps"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("sweeps")
    void everyMutantLoadsOrFailsWithFilePathAndWhatIsAllowed(Path sweep, @TempDir Path tmp) throws Exception {
        ObjectNode original = (ObjectNode) JSON.readTree(sweep.toFile());
        // the base scenario by its absolute path, so that the mutant may live in a folder of its own
        original.put("scenario", sweep.toAbsolutePath().getParent().resolve(original.get("scenario").asText())
                .normalize().toString());
        Path file = tmp.resolve(sweep.getFileName());
        Random seeds = new Random(sweep.getFileName().toString().hashCode());
        for (int k = 0; k < MUTANTS_PER_SWEEP; k++) {
            long seed = seeds.nextLong();
            Random random = new Random(seed);
            int operator = random.nextInt(4);
            Files.writeString(file, mutate(original, operator, random));
            String replay = sweep + ", operator " + operator + ", seed " + seed;
            try {
                SweepSpec.load(file);
            } catch (ConfigException e) {
                assertEquals(file.toString(), e.source(), replay);
                assertTrue(e.jsonPath().startsWith("$") || e.jsonPath().startsWith("line "), replay + ": " + e);
                assertFalse(e.badValue().isBlank(), "a bad value is shown: " + replay + ": " + e);
                assertFalse(e.allowed().isBlank(), "what is allowed is said: " + replay + ": " + e);
            } catch (Throwable t) {
                fail(replay + ": " + t + "\n" + Files.readString(file), t);
            }
        }
    }

    private static String mutate(ObjectNode original, int operator, Random random) throws IOException {
        ObjectNode root = original.deepCopy();
        String field = FIELDS.get(random.nextInt(FIELDS.size()));
        switch (operator) {
            case 0 -> root.put(field, EDGE); // a field set to an edge value
            case 1 -> root.remove(field);
            case 2 -> { // a value of the grid replaced by an edge value
                List<ArrayNode> arrays = new ArrayList<>();
                root.path("grid").forEach(v -> {
                    if (v instanceof ArrayNode a && !a.isEmpty()) {
                        arrays.add(a);
                    }
                });
                if (!arrays.isEmpty()) {
                    ArrayNode values = arrays.get(random.nextInt(arrays.size()));
                    values.set(random.nextInt(values.size()), JSON.getNodeFactory().textNode(EDGE));
                }
            }
            default -> {
                String text = JSON.writeValueAsString(root);
                return text.substring(0, random.nextInt(text.length()));
            }
        }
        // edges go in as text: some are numbers no tree holds
        return JSON.writeValueAsString(root).replace("\"" + EDGE + "\"",
                EDGE_VALUES.get(random.nextInt(EDGE_VALUES.size())));
    }
}
