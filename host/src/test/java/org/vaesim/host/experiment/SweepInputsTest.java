package org.vaesim.host.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vaesim.host.experiment.SweepFixtures.SILENT;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vaesim.host.Fixtures;
import org.vaesim.host.run.RunSession;
import org.vaesim.models.scenario.ConfigException;
import org.vaesim.models.scenario.ScenarioLoader;

/**
 * What a sweep accepts and what it reuses: runs are found again by what they ran (scenario and seed), never by
 * their place in the grid; seeds, epochs and parallelism are whole numbers as written, each seed once; the grid
 * is bounded; the base scenario's decimals stay exact.
 */
class SweepInputsTest {
    /** A small ZI market that trades from the first epoch: its fee changes every run. */
    private static final String MARKET = SweepFixtures.ziMarket(20, 1000);

    /** The small market for 20 epochs, one point per fee (bps) in {@code fees}, over {@code seeds}. */
    private static Path sweep(Path dir, String fees, String seeds) throws Exception {
        if (!Files.exists(dir.resolve("zi.json"))) {
            Files.writeString(dir.resolve("zi.json"), MARKET);
        }
        return write(dir, """
            { "name": "fees", "scenario": "zi.json", "seeds": %s, "parallel": 2,
              "grid": {"markets[0].fee_bps": %s} }
            """.formatted(seeds, fees));
    }

    private static Path write(Path dir, String sweep) throws Exception {
        return Files.writeString(dir.resolve("sweep.json"), sweep);
    }

    /** Parameter value (the row's third cell) to the row's state checksum, for every row of results.csv. */
    private static Map<String, String> checksumByValue(Path results) throws Exception {
        List<String> rows = Files.readAllLines(results);
        int checksum = List.of(rows.getFirst().split(",")).indexOf("state_checksum");
        Map<String, String> byBand = new HashMap<>();
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",");
            byBand.put(cells[2], cells[checksum]);
        }
        return byBand;
    }

    /**
     * Before: the sweep kept p0000-s1 (fee 2's run) and reported it as fee 8's, since the grid [2, 8] had become
     * [8, 2]. Now both runs are found by what they ran and moved to their new places; none runs again.
     */
    @Test
    void reorderedGridValuesKeepTheirOwnResults(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        Sweep.Outcome first = Sweep.run(SweepSpec.load(sweep(tmp, "[2, 8]", "[1]")), out, null, SILENT);
        assertEquals(2, first.ran());
        Map<String, String> before = checksumByValue(first.results());
        assertTrue(!before.get("2").equals(before.get("8")), "the two fees make different runs: " + before);

        Sweep.Outcome reordered = Sweep.run(SweepSpec.load(sweep(tmp, "[8, 2]", "[1]")), out, null, SILENT);
        assertEquals(0, reordered.ran());
        assertEquals(2, reordered.reused());
        assertEquals(before, checksumByValue(reordered.results()), "each fee keeps its own run");
        assertTrue(Files.readAllLines(reordered.results()).get(1).startsWith("0,1,8,"), "fee 8 is now point 0");
        assertTrue(!Files.exists(out.resolve("points").resolve(Sweep.REUSE)), "nothing left aside");
    }

    /** An edit of the base scenario changes every run: nothing from before is reported for the new scenario. */
    @Test
    void anEditedBaseScenarioRunsAgain(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        Map<String, String> then = checksumByValue(Sweep.run(SweepSpec.load(sweep(tmp, "[2, 8]", "[1]")), out, null,
                SILENT).results());
        Path base = tmp.resolve("zi.json");
        Files.writeString(base, Files.readString(base).replace("\"cash\": 100", "\"cash\": 99"));
        Sweep.Outcome edited = Sweep.run(SweepSpec.load(sweep(tmp, "[2, 8]", "[1]")), out, null, SILENT);
        assertEquals(2, edited.ran());
        assertEquals(0, edited.reused());
        Map<String, String> now = checksumByValue(edited.results());
        assertTrue(!now.get("2").equals(then.get("2")) && !now.get("8").equals(then.get("8")), now + " vs " + then);
    }

    /** A run found aside (a sweep stopped while moving runs) is put in place on the next invocation. */
    @Test
    void aRunLeftAsideIsFoundAgain(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        SweepSpec spec = SweepSpec.load(sweep(tmp, "[2, 8]", "[1]"));
        Map<String, String> before = checksumByValue(Sweep.run(spec, out, null, SILENT).results());
        Path points = out.resolve("points");
        Files.createDirectories(points.resolve(Sweep.REUSE));
        Files.move(points.resolve("p0001-s1"), points.resolve(Sweep.REUSE).resolve("interrupted"));
        Sweep.Outcome again = Sweep.run(spec, out, null, SILENT);
        assertEquals(0, again.ran());
        assertEquals(before, checksumByValue(again.results()));
    }

    /**
     * Before: the sweep read its base scenario as doubles, so 1234567890123.456789 credits became
     * 1.2345678901234568E12 and the run's checksum differed from the plain run of the same file.
     */
    @Test
    void theBaseScenariosDecimalsStayExact(@TempDir Path tmp) throws Exception {
        Path base = tmp.resolve("qs.json");
        String text = Files.readString(Fixtures.config("quickstart.json")).replaceAll("\"events\": \\[[^\\]]*\\]",
                "\"events\": []"); // events after the 4 epochs run here
        String seller = "\"count\": 1, \"inventory\": 60000,";
        assertTrue(text.contains(seller) && text.contains("\"events\": []"));
        Files.writeString(base, text.replace(seller, seller + " \"cash\": 1234567890123.456789,"));
        Path file = write(tmp, """
            { "name": "exact", "scenario": "qs.json", "seeds": [5], "epochs": 4,
              "grid": {"markets[asset].fee_bps": [2]} }
            """);
        SweepSpec spec = SweepSpec.load(file);
        assertEquals(ScenarioLoader.load(base).withSeed(5).withEpochs(4), spec.scenario(spec.points().getFirst(), 5),
                "the point's scenario is the file's");
        Sweep.Outcome o = Sweep.run(spec, tmp.resolve("sweep"), null, SILENT);
        assertTrue(Files.readString(tmp.resolve("sweep").resolve("scenarios").resolve("p0000.json"))
                .contains("1234567890123.456789"), "written exactly");
        RunSession.Outcome plain = RunSession.start(ScenarioLoader.load(base).withSeed(5).withEpochs(4), base,
                tmp.resolve("plain"), "java", 1, SILENT, true, false);
        assertEquals(plain.checksum(), checksumByValue(o.results()).get("2"), "the same run in and out of a sweep");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"seeds\": [1, 1]|$.seeds[1]|1|seed 1 is already listed at $.seeds[0]",
        "\"seeds\": 2.7|$.seeds|2.7|must be a count (1 to 10000, meaning seeds 1..count)",
        "\"seeds\": [1, 2.5]|$.seeds[1]|2.5|seeds must be integers (signed 64-bit)",
        "\"seeds\": [\"1\"]|$.seeds[0]|\"1\"|seeds must be integers",
        "\"seeds\": 0|$.seeds|0|must be a count",
        "\"epochs\": 2.5|$.epochs|2.5|must be an integer from 1 to 1000000000",
        "\"epochs\": 1e12|$.epochs|1E+12|must be an integer from 1 to 1000000000",
        "\"parallel\": 2.5|$.parallel|2.5|must be an integer from 1 to 256",
        "\"parallel\": 1e-2147483648|$.parallel|1e-2147483648|a number out of range",
    })
    void fractionalRepeatedOrOutOfRangeNumbersAreRefused(String field, String path, String bad, String allowed,
                                                        @TempDir Path tmp) throws Exception {
        Files.copy(Fixtures.config("flash-crash-breakers.json"), tmp.resolve("fc.json"));
        Path file = write(tmp, "{ \"name\": \"x\", \"scenario\": \"fc.json\", " + field
                + ", \"grid\": {\"safety.circuit_breaker.band_percent\": [2]} }");
        ConfigException e = assertThrows(ConfigException.class, () -> SweepSpec.load(file));
        assertEquals(file.toString(), e.source());
        assertEquals(path, e.jsonPath(), e.getMessage());
        assertEquals(bad, e.badValue(), e.getMessage());
        assertTrue(e.allowed().contains(allowed), e.getMessage());
    }

    /** Before: a deleted $.grid (or name, or scenario) showed an empty bad value. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "grid|$.grid|must be an object naming at least one scenario parameter",
        "name|$.name|must match",
        "scenario|$.scenario|must name the base scenario file",
    })
    void aMissingFieldIsShownAsMissing(String field, String path, String allowed, @TempDir Path tmp) throws Exception {
        Files.copy(Fixtures.config("flash-crash-breakers.json"), tmp.resolve("fc.json"));
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        tree.put("name", "x").put("scenario", "fc.json").putObject("grid").putArray("markets[0].fee_bps").add(1);
        tree.remove(field);
        Path file = write(tmp, tree.toString());
        ConfigException e = assertThrows(ConfigException.class, () -> SweepSpec.load(file));
        assertEquals(path, e.jsonPath());
        assertEquals("(missing)", e.badValue());
        assertTrue(e.allowed().startsWith(allowed), e.getMessage());
    }

    /** Before: 200,000 points were each validated as a scenario (minutes) before anything was said. */
    @Test
    void aGridOfMoreRunsThanTheCapIsRefusedAtOnce(@TempDir Path tmp) throws Exception {
        Files.copy(Fixtures.config("flash-crash-breakers.json"), tmp.resolve("fc.json"));
        String thousand = java.util.stream.IntStream.range(0, 1000).mapToObj(i -> Integer.toString(i % 1000))
                .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
        Path file = write(tmp, "{ \"name\": \"big\", \"scenario\": \"fc.json\", \"seeds\": 2, \"grid\": {"
                + "\"markets[0].fee_bps\": " + thousand + ", \"population[hft].count\": " + thousand + "} }");
        ConfigException e = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> assertThrows(ConfigException.class, () -> SweepSpec.load(file)));
        assertEquals("$.grid", e.jsonPath());
        assertEquals("more than 100000 points x 2 seeds", e.badValue());
        assertTrue(e.allowed().startsWith("a sweep may hold at most 100000 runs (points x seeds)"), e.allowed());
    }

    /** Two points that make one scenario would be one run counted twice. */
    @Test
    void pointsThatMakeTheSameScenarioAreRefused(@TempDir Path tmp) throws Exception {
        Files.copy(Fixtures.config("flash-crash-breakers.json"), tmp.resolve("fc.json"));
        Path file = write(tmp, "{ \"name\": \"twice\", \"scenario\": \"fc.json\","
                + " \"grid\": {\"safety.circuit_breaker.band_percent\": [2, 5, 2]} }");
        ConfigException e = assertThrows(ConfigException.class, () -> SweepSpec.load(file));
        assertEquals("$.grid", e.jsonPath());
        assertEquals("[2]", e.badValue());
        assertTrue(e.allowed().startsWith("this point makes the same scenario as point 0 [2]"), e.allowed());
    }

    /**
     * Before: a second sweep into the same --out ran the same jobs at the same time, deleting the first one's run
     * directories (lock files with them) as it started each job, so two processes wrote one run and either could be
     * lost without a word. Sweep A is held at its first line of output, when it has claimed the directory.
     */
    @Test
    void aSecondSweepIntoTheSameDirectoryWhileOneRunsIsRefused(@TempDir Path tmp) throws Exception {
        SweepSpec spec = SweepSpec.load(sweep(tmp, "[2]", "[1]"));
        Path out = tmp.resolve("out");
        java.util.concurrent.CountDownLatch talking = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch goOn = new java.util.concurrent.CountDownLatch(1);
        PrintStream held = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                talking.countDown();
                try {
                    goOn.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        java.util.concurrent.FutureTask<Sweep.Outcome> first = new java.util.concurrent.FutureTask<>(
                () -> Sweep.run(spec, out, null, held));
        Thread.ofPlatform().start(first);
        talking.await();
        try {
            ConfigException e = assertThrows(ConfigException.class, () -> Sweep.run(spec, out, null, SILENT));
            assertEquals(out.toString(), e.source());
            assertEquals("sweep.lock", e.jsonPath());
            assertTrue(e.allowed().startsWith(
                    "the sweep directory is being written by another session in this process"), e.allowed());
        } finally {
            goOn.countDown();
        }
        Sweep.Outcome a = first.get();
        assertEquals(1, a.ran());
        assertEquals(0, a.failed());
        Sweep.Outcome again = Sweep.run(spec, out, null, SILENT); // the lock went with the first sweep
        assertEquals(1, again.reused());
    }
}
