package org.vaesim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.spark.SparkConf;
import org.vaesim.host.run.RunDirectory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** What the Spark engine's tests share: a small sweep file, Spark settings for tests, and row comparisons. */
final class Sweeps {
    static final PrintStream SILENT = new PrintStream(OutputStream.nullOutputStream());

    private Sweeps() {
    }

    /**
     * A sweep over the flash crash with breakers at a fifth of its size (4,000 value traders, 1,000 HFTs and the
     * seller; small runs keep the tests short, and the engines must agree at any size): {@code bands} band values
     * x 2 inventory caps, {@code seeds} seeds, {@code epochs} epochs, in {@code dir}.
     */
    static Path file(Path dir, String bands, int seeds, int epochs) throws IOException {
        ObjectNode scenario = (ObjectNode) RunDirectory.JSON.readTree(
                Path.of("..", "configs", "flash-crash-breakers.json").toFile());
        for (JsonNode cohort : scenario.withArray("population")) {
            long count = cohort.path("count").asLong();
            if (count > 1) {
                ((ObjectNode) cohort).put("count", count / 5);
            }
        }
        Files.writeString(dir.resolve("fc.json"), scenario.toPrettyString());
        Path file = dir.resolve("sweep.json");
        Files.writeString(file, """
            { "name": "spark-test", "scenario": "fc.json", "seeds": %d, "epochs": %d,
              "grid": {"safety.circuit_breaker.band_percent": %s,
                       "population[hft].params.max_inventory": [10, 30]} }
            """.formatted(seeds, epochs, bands));
        return file;
    }

    /** Settings for a test application: on the loopback address only, no web UI (no port to bind). */
    static SparkConf conf(String master) {
        return new SparkConf().setMaster(master).setAppName("vaesim-test").set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
    }

    /** results.csv's rows without agent_epochs_per_second, a wall-clock measurement rather than a result. */
    static List<String> rows(Path results) throws IOException {
        List<String> rows = Files.readAllLines(results);
        int timing = List.of(rows.getFirst().split(",", -1)).indexOf("agent_epochs_per_second");
        assertTrue(timing > 0, rows.getFirst());
        return rows.stream().map(r -> {
            List<String> cells = new ArrayList<>(List.of(r.split(",", -1)));
            cells.remove(timing);
            return String.join(",", cells);
        }).toList();
    }

    /** Asserts one row per (point, seed), no pair twice, {@code runs} in all. */
    static void assertCompleteAndDistinct(List<String> rows, int runs) {
        Set<String> pairs = new HashSet<>();
        for (String row : rows.subList(1, rows.size())) {
            String[] c = row.split(",", 3);
            assertTrue(pairs.add(c[0] + "/" + c[1]), "no (point, seed) twice: " + row);
        }
        assertEquals(runs, pairs.size(), "every run has its row");
    }

    /** The files of a run directory, relative, without the ones that hold times or a process id. */
    static Set<String> files(Path run) throws IOException {
        try (Stream<Path> walk = Files.walk(run)) {
            return new HashSet<>(walk.filter(Files::isRegularFile).map(p -> run.relativize(p).toString()).toList());
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
