package org.vaesim.host.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vaesim.host.experiment.SweepFixtures.SILENT;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vaesim.host.cli.VaesimCli;
import org.vaesim.host.report.SweepReport;
import org.vaesim.host.run.RunDirectory;
import org.vaesim.models.scenario.ConfigException;

import com.fasterxml.jackson.databind.JsonNode;

/** Sampled sweeps (docs/sweeps.md#sampling-designs): points from a design, runs keyed and resumed like a grid's. */
class SampledSweepTest {
    /** A small ZI market that trades from the first epoch. */
    private static final String MARKET = SweepFixtures.ziMarket(12, 300);

    private static Path sweep(Path dir, String body) throws Exception {
        Files.writeString(dir.resolve("zi.json"), MARKET);
        return Files.writeString(dir.resolve("sweep.json"), "{ \"name\": \"sampled\", \"scenario\": \"zi.json\", "
                + body + " }");
    }

    private static final String SAMPLE = """
        "sample": {"design": "lhs", "points": 8, "seed": 3, "ranges": {
            "population[buyers].count": {"min": 100, "max": 499, "integer": true},
            "population[buyers].params.value_max": {"min": 5.5, "max": 9, "step": 0.01}}},
        "grid": {"markets[0].fee_bps": [0, 200]}, "seeds": 2
        """;

    @Test
    void crossesEverySamplePointWithTheGridAndKeepsTheStrata(@TempDir Path tmp) throws Exception {
        SweepSpec spec = SweepSpec.load(sweep(tmp, SAMPLE));
        assertEquals(List.of("population[buyers].count", "population[buyers].params.value_max",
                "markets[0].fee_bps"), spec.parameters());
        assertEquals(16, spec.points().size());
        boolean[] countStrata = new boolean[8];
        boolean[] valueStrata = new boolean[8];
        for (int i = 0; i < 8; i++) {
            List<JsonNode> a = spec.points().get(2 * i).values();
            List<JsonNode> b = spec.points().get(2 * i + 1).values();
            assertEquals(a.subList(0, 2), b.subList(0, 2), "a sample point with each fee");
            assertEquals(List.of(0, 200), List.of(a.get(2).intValue(), b.get(2).intValue()));
            int count = a.get(0).intValue();
            BigDecimal value = a.get(1).decimalValue();
            // strata of 400 / 8 = 50 integers, and of 3.5 / 8 in value_max
            countStrata[(count - 100) / 50] = true;
            valueStrata[(int) ((value.doubleValue() - 5.5) / (3.5 / 8))] = true;
            assertTrue(value.scale() <= 2, "on the tick grid: " + value);
        }
        assertTrue(allTrue(countStrata) && allTrue(valueStrata), "each stratum once");
        assertEquals(spec.points().stream().map(SweepSpec.Point::values).toList(),
                SweepSpec.load(sweep(tmp, SAMPLE)).points().stream().map(SweepSpec.Point::values).toList(),
                "the design is a function of its seed");
        assertFalse(spec.points().get(0).values().equals(SweepSpec.load(sweep(tmp, SAMPLE.replace("\"seed\": 3",
                "\"seed\": 4"))).points().get(0).values()), "another design seed, another design");
    }

    /** A sampled point's run is keyed as the grid point with the same values: the same run, wherever it came from. */
    @Test
    void aSampledPointIsKeyedLikeTheGridPointOfItsValues(@TempDir Path tmp) throws Exception {
        SweepSpec sampled = SweepSpec.load(sweep(tmp, """
            "sample": {"design": "sobol", "points": 4, "ranges": {
                "population[buyers].params.value_max": {"min": 5.5, "max": 9, "step": 0.01}}}
            """));
        List<String> values = sampled.points().stream().map(p -> p.values().getFirst().toString()).toList();
        SweepSpec grid = SweepSpec.load(sweep(tmp, "\"grid\": {\"population[buyers].params.value_max\": "
                + values + "}"));
        assertEquals(grid.points().stream().map(SweepSpec.Point::scenarioKey).toList(),
                sampled.points().stream().map(SweepSpec.Point::scenarioKey).toList());
    }

    @Test
    void runsResumesAndReportsRobustness(@TempDir Path tmp) throws Exception {
        // sellers with 1 unit against sellers with 10: with two levers, "1 gives the lowest volume" and "10 gives
        // the highest" are one statement, so they must hold in the same cells
        Path file = sweep(tmp, SAMPLE.replace("\"points\": 8", "\"points\": 4")
                .replace("markets[0].fee_bps\": [0, 200]", "population[sellers].inventory\": [1, 10]") + """
            , "parallel": 2, "robustness": [
              {"name": "one-unit-trades-less", "metric": "m.volume", "best": "lowest",
               "across": "population[sellers].inventory", "expect": 1},
              {"name": "ten-units-trade-more", "metric": "m.volume", "best": "highest",
               "across": "population[sellers].inventory", "expect": 10},
              {"name": "gini-below-half", "left": "wealth_gini", "op": "<", "right": 0.5},
              {"name": "no-such", "left": "m.nothing", "op": ">", "right": 0} ]
            """);
        SweepSpec spec = SweepSpec.load(file);
        Path out = tmp.resolve("out");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Sweep.Outcome first = Sweep.run(spec, out, null, new PrintStream(log, true, StandardCharsets.UTF_8));
        assertEquals(16, first.ran());
        assertEquals(1 + 16, Files.readAllLines(first.results()).size());
        assertTrue(Files.exists(out.resolve("design.json")));
        JsonNode claims = RunDirectory.JSON.readTree(out.resolve("robustness.json").toFile()).path("claims");
        assertEquals(4, claims.size());
        JsonNode lower = claims.get(0);
        JsonNode higher = claims.get(1);
        assertEquals(4, lower.path("cells").asInt(), "a cell per sample point: the two levers side by side");
        assertEquals(8, lower.path("runs").asInt());
        assertEquals(lower.path("cells_holding"), higher.path("cells_holding"));
        assertEquals(lower.path("runs_holding"), higher.path("runs_holding"));
        List<String> csv = Files.readAllLines(out.resolve("robustness-one-unit-trades-less.csv"));
        assertEquals(1 + 4 * 3, csv.size(), "a row per cell and seed, and the cell's mean");
        assertTrue(csv.getFirst().endsWith("seed,population[sellers].inventory=1,population[sellers].inventory=10,"
                + "best,holds"), csv.getFirst());
        assertEquals(16, claims.get(2).path("runs").asInt(), "a comparison is tested in every run");
        assertTrue(claims.get(3).path("error").asText().startsWith("metric m.nothing is not a column"));
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("sweep: robustness gini-below-half: holds in "));
        String report = Files.readString(out.resolve("report.html"));
        assertTrue(report.contains("<h2>Robustness</h2>") && report.contains("one-unit-trades-less"));
        checkIntervals(out);

        Sweep.Outcome again = Sweep.run(spec, out, null, SILENT);
        assertEquals(0, again.ran());
        assertEquals(16, again.reused());
        assertEquals(claims, RunDirectory.JSON.readTree(out.resolve("robustness.json").toFile()).path("claims"));
    }

    /**
     * summary.csv's intervals: bounded metrics stay inside their bounds, and every other metric has exactly the
     * Student-t interval of its runs in results.csv.
     */
    private static void checkIntervals(Path out) throws Exception {
        List<String> results = Files.readAllLines(out.resolve("results.csv"));
        List<String> head = List.of(SweepReport.cells(results.getFirst()));
        Map<String, List<double[]>> byPoint = new HashMap<>();
        for (String line : results.subList(1, results.size())) {
            String[] c = SweepReport.cells(line);
            byPoint.computeIfAbsent(c[0], k -> new ArrayList<>()).add(Arrays.stream(c)
                    .mapToDouble(x -> x.isEmpty() ? Double.NaN : parse(x)).toArray());
        }
        List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
        List<String> sHead = List.of(SweepReport.cells(summary.getFirst()));
        int bounded = 0;
        for (String line : summary.subList(1, summary.size())) {
            String[] c = SweepReport.cells(line);
            for (String metric : List.of("wealth_gini", "top10_share", "m.max_drawdown", "m.volume")) {
                int col = head.indexOf(metric);
                double[] x = byPoint.get(c[0]).stream().mapToDouble(r -> r[col]).toArray();
                double low = parse(c[sHead.indexOf(metric + ".ci95_low")]);
                double high = parse(c[sHead.indexOf(metric + ".ci95_high")]);
                if (metric.equals("m.volume")) {
                    Sweep.Interval t = Sweep.Interval.of(x);
                    assertEquals(Double.parseDouble(SweepReportNumbers.of(t.low())), low, 0, metric);
                    assertEquals(Double.parseDouble(SweepReportNumbers.of(t.high())), high, 0, metric);
                } else {
                    assertTrue(low >= 0 && high <= 1, metric + " [" + low + ", " + high + "]");
                    bounded++;
                }
            }
        }
        assertEquals(3 * 8, bounded);
    }

    private static double parse(String cell) {
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** The sweep tables' number format (Sweep.number). */
    private static final class SweepReportNumbers {
        static String of(double v) {
            return org.vaesim.host.experiment.design.SpecValues.number(v);
        }
    }

    private static boolean allTrue(boolean[] b) {
        for (boolean x : b) {
            if (!x) {
                return false;
            }
        }
        return true;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"sample\": {\"design\": \"grid\", \"points\": 4, \"ranges\": {}}|$.sample.design|\"grid\"|must be \"lhs\"",
        "\"sample\": {\"design\": \"lhs\", \"points\": 0, \"ranges\": {}}|$.sample.points|0|must be an integer from 1",
        "\"sample\": {\"design\": \"lhs\", \"points\": 4, \"scramble\": true, \"ranges\": {}}|$.sample.scramble|true"
            + "|applies to \"sobol\" only",
        "\"sample\": {\"design\": \"lhs\", \"points\": 4, \"ranges\": {}}|$.sample.ranges|{}|naming 1 to 64",
        "\"sample\": {\"design\": \"lhs\", \"points\": 4, \"ranges\": {\"markets[0].fee_bps\": {\"min\": 5, \"max\":"
            + " 2}}}|$.sample.ranges[\"markets[0].fee_bps\"].max|2|must be greater than min (5)",
        "\"sample\": {\"design\": \"lhs\", \"points\": 4, \"ranges\": {\"markets[9].fee_bps\": {\"min\": 1, \"max\":"
            + " 2}}}|$.sample.ranges[\"markets[9].fee_bps\"]|markets[9].fee_bps|does not exist in the scenario",
        "\"sample\": {\"design\": \"lhs\", \"points\": 4, \"ranges\": {\"markets[0].fee_bps\": {\"min\": 1, \"max\":"
            + " 2}}}, \"grid\": {\"markets[0].fee_bps\": [1]}|$.grid[\"markets[0].fee_bps\"]|markets[0].fee_bps"
            + "|is already swept at $.sample.ranges",
        // 5 points over 2 integers: two points make the same scenario
        "\"sample\": {\"design\": \"lhs\", \"points\": 5, \"ranges\": {\"markets[0].fee_bps\": {\"min\": 1, \"max\":"
            + " 2, \"integer\": true}}}|$.sample|sample point|an integer range needs room",
        // a fee of 20000 bps is not a fee: the point's scenario is invalid, named with its sample index
        "\"sample\": {\"design\": \"lhs\", \"points\": 2, \"ranges\": {\"markets[0].fee_bps\": {\"min\": 20000,"
            + " \"max\": 30000, \"integer\": true}}}|$.sample|sample point|this point makes an invalid scenario",
        "\"sample\": {\"design\": \"lhs\", \"points\": 2, \"ranges\": {\"markets[0].fee_bps\": {\"min\": 1, \"max\":"
            + " 2, \"integer\": true}}}, \"robustness\": [{\"name\": \"x\", \"metric\": \"m.volume\","
            + " \"best\": \"lowest\", \"across\":"
            + " \"markets[0].fee_bps\", \"expect\": 1}]|$.robustness[0].across|\"markets[0].fee_bps\""
            + "|must name a grid parameter",
        "\"grid\": {\"markets[0].fee_bps\": [1, 2]}, \"robustness\": [{\"name\": \"x\", \"metric\": \"m.volume\","
            + " \"best\": \"lowest\", \"across\": \"markets[0].fee_bps\", \"expect\": 3}]|$.robustness[0].expect|3"
            + "|must be one of the values of markets[0].fee_bps as the grid writes them: [1,2]",
        "\"grid\": {\"markets[0].fee_bps\": [1, 2]}, \"robustness\": [{\"name\": \"x\", \"left\": \"m.volume\","
            + " \"op\": \"!=\", \"right\": 3}]|$.robustness[0].op|\"!=\"|must be one of > < >= <=",
    })
    void refusesBadDesignsNamingThePath(String body, String path, String shown, String allowed,
                                        @TempDir Path tmp) throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> SweepSpec.load(sweep(tmp, body)));
        assertEquals(path, e.jsonPath(), e.getMessage());
        assertTrue(e.badValue().contains(shown), e.getMessage());
        assertTrue(e.allowed().contains(allowed), e.getMessage());
        assertTrue(e.getMessage().contains("sweep.json"), e.getMessage());
    }

    @Test
    void aBadRangeExitsWithTwo(@TempDir Path tmp) throws Exception {
        Path file = sweep(tmp, "\"sample\": {\"design\": \"sobol\", \"points\": 4, \"ranges\": {"
                + "\"markets[0].fee_bps\": {\"min\": 0, \"max\": 10, \"log\": true}}}");
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertEquals(VaesimCli.EXIT_BAD_INPUT, VaesimCli.commandLine().execute("sweep", file.toString(),
                    "--out", tmp.resolve("out").toString()));
        } finally {
            System.setErr(err);
        }
        String message = captured.toString(StandardCharsets.UTF_8);
        assertTrue(message.contains("$.sample.ranges[\"markets[0].fee_bps\"].min") && message.contains("sweep.json")
                && message.contains("must be greater than 0 on a log scale"), message);
        assertFalse(Files.exists(tmp.resolve("out")), "nothing ran");
    }
}
