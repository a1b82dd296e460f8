package org.vaesim.host.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaesim.host.Fixtures;
import org.vaesim.host.epoch.Engine;
import org.vaesim.host.report.SweepReport;
import org.vaesim.host.run.RunDirectory;
import org.vaesim.kernels.Backends;
import org.vaesim.kernels.memory.Segment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Inequality within each cohort as its change from epoch 0 (summary.json's {@code cohorts[].wealth_gini_initial}
 * and {@code wealth_gini_change}, results.csv's {@code cohort.<name>.wealth_gini_change}), on an economy small enough
 * to work out by hand: two yard-sale agents with 100 credits each, and four idle agents who draw their cash.
 */
class CohortGiniSweepTest {
    private static final PrintStream SILENT = new PrintStream(OutputStream.nullOutputStream());

    /**
     * One epoch: the pair starts equal (Gini 0), and the winner of the coin takes floor(0.1 x 100) = 10 credits from
     * the other, 110 against 90 whoever wins: G = (110 - 90) / (2 x 200) = 0.05, a change of exactly +0.05. The idle
     * cohort never trades and its market never trades, so its end is its start: a change of exactly 0, from a Gini
     * that is not 0 (its cash is drawn), which is the Gini of its cash at epoch 0 by the mean absolute difference,
     * sum |x_i - x_j| / (2 n^2 mean), a formula other than the one the run uses.
     */
    @Test
    void aCohortsGiniChangeIsMeasuredFromItsOwnStart(@TempDir Path tmp) throws Exception {
        ObjectNode tree = economy();
        double idleStart = idleGiniAtEpochZero(tree);
        assertTrue(idleStart > 0.05, "drawn cash is unequal: " + idleStart);
        Fixtures.write(tmp, "scenario.json", tree);
        ObjectNode sweep = RunDirectory.JSON.createObjectNode();
        sweep.put("name", "cohort-gini");
        sweep.put("scenario", "scenario.json");
        sweep.putObject("grid").putArray("epochs").add(1);
        sweep.put("seeds", 2);
        sweep.put("parallel", 1);
        Sweep.Outcome o = Sweep.run(SweepSpec.load(Fixtures.write(tmp, "sweep.json", sweep)), tmp.resolve("out"),
                null, SILENT);
        assertEquals(2, o.ran());

        JsonNode cohorts = RunDirectory.JSON.readTree(tmp.resolve("out/points/p0000-s1/summary.json").toFile())
                .path("cohorts");
        JsonNode pair = cohorts.get(0).path("name").asText().equals("pair") ? cohorts.get(0) : cohorts.get(1);
        JsonNode idle = pair == cohorts.get(0) ? cohorts.get(1) : cohorts.get(0);
        assertEquals(0, pair.path("wealth_gini_initial").asDouble(), 1e-12);
        assertEquals(0.05, pair.path("wealth_gini").asDouble(), 1e-12);
        assertEquals(0.05, pair.path("wealth_gini_change").asDouble(), 1e-12);
        assertEquals(idleGiniAtEpochZero(seeded(tree, 1)), idle.path("wealth_gini_initial").asDouble(), 1e-12);
        assertEquals(0, idle.path("wealth_gini_change").asDouble(), 1e-12);
        String report = Files.readString(tmp.resolve("out/points/p0000-s1/report.html"));
        assertTrue(report.contains("Gini change from epoch 0"), "the report's cohorts table shows the change");

        List<String> lines = Files.readAllLines(o.results());
        List<String> header = List.of(SweepReport.cells(lines.getFirst()));
        int pairChange = header.indexOf("cohort.pair.wealth_gini_change");
        int idleChange = header.indexOf("cohort.idle.wealth_gini_change");
        int idleEnd = header.indexOf("cohort.idle.wealth_gini");
        assertTrue(pairChange > 0 && idleChange > 0 && idleEnd > 0, header.toString());
        for (String line : lines.subList(1, lines.size())) {
            String[] row = SweepReport.cells(line);
            assertEquals(0.05, Double.parseDouble(row[pairChange]), 1e-12, line);
            assertEquals(0, Double.parseDouble(row[idleChange]), 1e-12, line);
            assertEquals(idleGiniAtEpochZero(seeded(tree, Long.parseLong(row[1]))), Double.parseDouble(row[idleEnd]),
                    1e-9, "every seed draws its own start (results.csv has 10 digits): " + line);
        }
        String summary = Files.readAllLines(o.summary()).getFirst();
        assertTrue(summary.contains("cohort.pair.wealth_gini_change.ci95_low"), "summarised with an interval");
    }

    /** A cohort's Gini is in [0, 1] and its change in [-1, 1]: their intervals stay inside (docs/sweeps.md). */
    @Test
    void aCohortsGiniAndItsChangeAreBounded() throws Exception {
        JsonNode summary = RunDirectory.JSON.readTree("{\"cohorts\": [{\"name\": \"pair\", \"wealth_gini\": 0.05,"
                + " \"wealth_gini_change\": 0.05}, {\"name\": \"old\"}]}");
        var bounds = MetricBounds.of(summary);
        assertEquals(MetricBounds.UNIT, bounds.get("cohort.pair.wealth_gini"));
        assertEquals(MetricBounds.CORRELATION, bounds.get("cohort.pair.wealth_gini_change"));
        assertTrue(!bounds.containsKey("cohort.old.wealth_gini"), "a summary from before the change has no column");
        // changes of 0.05, 0.10 and 0.98 over three seeds: Student-t would reach above 1, the bounded interval not
        Sweep.Interval ci = Sweep.Interval.of(new double[] {0.05, 0.10, 0.98},
                bounds.get("cohort.pair.wealth_gini_change"));
        assertTrue(Sweep.Interval.of(new double[] {0.05, 0.10, 0.98}).high() > 1);
        assertTrue(ci.low() > -1 && ci.high() < 1, ci.toString());
    }

    private static ObjectNode economy() throws Exception {
        return (ObjectNode) RunDirectory.JSON.readTree("""
            {"name": "cohort-gini", "seed": 1, "epochs": 1, "metrics_every": 1, "checkpoint_every": 0,
             "markets": [{"name": "ledger", "resource": "asset", "tick_size": 0.01, "ticks": 100,
                          "initial_price": 0.5}],
             "population": [
               {"name": "pair", "strategy": "kinetic", "market": "ledger", "count": 2, "cash": 100,
                "params": {"model": "yard_sale", "beta": 0.1}},
               {"name": "idle", "strategy": "bidder", "market": "ledger", "count": 4, "inventory": 10,
                "cash": {"dist": "lognormal", "median": 100, "sigma": 0.8, "min": 1, "max": 5000}}]}""");
    }

    private static ObjectNode seeded(ObjectNode tree, long seed) {
        ObjectNode copy = tree.deepCopy();
        copy.put("seed", seed);
        return copy;
    }

    /** The idle cohort's Gini at epoch 0, of cash plus 10 units at 0.50 each, by the mean absolute difference. */
    private static double idleGiniAtEpochZero(ObjectNode tree) {
        try (Engine e = Engine.start(Fixtures.scenario(tree), Backends.JAVA, 1)) {
            Segment idle = e.layout().segments().stream().filter(s -> s.cohort().name().equals("idle")).findFirst()
                    .orElseThrow();
            double[] w = new double[idle.size()];
            double sum = 0;
            for (int i = idle.start(); i < idle.end(); i++) {
                w[i - idle.start()] = e.population().cash[i] + 10 * 500_000.0;
                sum += w[i - idle.start()];
            }
            double diff = 0;
            for (double a : w) {
                for (double b : w) {
                    diff += Math.abs(a - b);
                }
            }
            return diff / (2.0 * w.length * sum);
        }
    }
}
