package org.vaesim.host.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaesim.host.Fixtures;
import org.vaesim.host.report.SweepReport;
import org.vaesim.host.run.RunDirectory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The shipped negotiation experiment swept over its capability spread: results.csv carries the tiers' cash (the
 * lowest and highest tier's mean, their gap and whether cash rises with the tier), read from each run's
 * summary.json, so that a sweep can test the capability claim; with equal powers no tier gains on average, with
 * unequal ones the gap has the size the k-double auction predicts.
 */
class NegotiationSweepTest {
    private static final PrintStream SILENT = new PrintStream(OutputStream.nullOutputStream());

    @Test
    void resultsCarryTheTierGapOfEveryRun(@TempDir Path tmp) throws Exception {
        ObjectNode tree = Fixtures.tree("negotiation-capability.json");
        tree.put("epochs", 100);
        tree.put("checkpoint_every", 0);
        ObjectNode assistants = (ObjectNode) tree.withArray("population").get(0);
        assistants.put("count", 4000);
        ((ObjectNode) assistants.get("params")).put("tiers", 2);
        Sweep.Outcome o = sweep(tmp, tree, "population[assistants].params.spread", List.of(0, 1), 2);
        assertEquals(4, o.ran());
        List<String> lines = Files.readAllLines(o.results());
        List<String> header = List.of(SweepReport.cells(lines.getFirst()));
        int bottom = header.indexOf("assistants.bottom_tier_cash");
        int top = header.indexOf("assistants.top_tier_cash");
        int gap = header.indexOf("assistants.tier_gap");
        int ordered = header.indexOf("assistants.tiers_ordered");
        assertTrue(bottom > 0 && top > 0 && gap > 0 && ordered > 0, header.toString());
        for (String line : lines.subList(1, lines.size())) {
            String[] row = SweepReport.cells(line);
            Path run = tmp.resolve("out").resolve("points").resolve(String.format("p%04d-s%d",
                    Integer.parseInt(row[0]), Long.parseLong(row[1])));
            JsonNode tiers = RunDirectory.JSON.readTree(run.resolve("summary.json").toFile())
                    .path("cohorts").get(0).path("tiers");
            double low = tiers.get(0).path("mean_cash").asDouble();
            double high = tiers.get(1).path("mean_cash").asDouble();
            assertEquals(low, Double.parseDouble(row[bottom]), 0, line);
            assertEquals(high, Double.parseDouble(row[top]), 0, line);
            assertEquals(high - low, Double.parseDouble(row[gap]), 1e-9, line);
            assertEquals(high > low ? 1.0 : 0.0, Double.parseDouble(row[ordered]), line);
            // money is only passed between the assistants: the tiers' cash averages to the 1,000 each began with
            double n0 = tiers.get(0).path("agents").asDouble();
            double n1 = tiers.get(1).path("agents").asDouble();
            assertEquals(1000, (n0 * low + n1 * high) / (n0 + n1), 1e-6, line);
            double spread = Double.parseDouble(row[2]);
            // Powers 1 and 1 + spread. A pair trades when value > cost (probability 1/2) and the seller takes
            // k = its power / both powers of the surplus, E[(value - cost)+] = 10 / 6 credits; the buyer's role is a
            // coin toss, so a strong agent facing a weak one gains (10 / 12) (p - q) / (p + q) an epoch, and faces
            // one half the time. At spread 1 the gap grows by 2 x (10/12) (1/3) / 2 = 0.2778 an epoch: 27.8 credits
            // in 100 epochs, give or take a few credits of random roles (the tiers' cash has a standard error of
            // about 1.5 credits here).
            double expected = spread == 0 ? 0 : 100 * (10.0 / 12) * (1.0 / 3);
            assertEquals(expected, Double.parseDouble(row[gap]), 6, line);
        }
        String summary = Files.readString(tmp.resolve("out").resolve("summary.csv"));
        assertTrue(summary.contains("assistants.tier_gap.mean"), "the gap is summarised with its interval too");
    }

    @Test
    void cohortsWithoutTiersAddNoColumns(@TempDir Path tmp) throws Exception {
        ObjectNode tree = Fixtures.tree("yard-sale.json");
        tree.put("epochs", 3);
        tree.put("checkpoint_every", 0);
        Sweep.Outcome o = sweep(tmp, tree, "epochs", List.of(3), 1);
        assertEquals(1, o.ran());
        assertFalse(Files.readAllLines(o.results()).getFirst().contains("tier"));
    }

    @Test
    void tierOrderIsBoundedLikeAShare() throws Exception {
        JsonNode summary = RunDirectory.JSON.readTree("{\"cohorts\": [{\"name\": \"assistants\", \"tiers\": "
                + "[{\"tier\": 0, \"agents\": 5, \"mean_cash\": 9}]}, {\"name\": \"traders\"}]}");
        var bounds = MetricBounds.of(summary);
        assertEquals(MetricBounds.UNIT, bounds.get("assistants.tiers_ordered"),
                "0 or 1 per run: its interval stays in [0, 1]");
        assertFalse(bounds.containsKey("traders.tiers_ordered"), "a cohort without tiers has no such column");
        assertFalse(bounds.containsKey("assistants.tier_gap"), "a gap in credits is not bounded");
    }

    /** Runs a sweep of the scenario over one parameter's values, seeds 1..seeds, into tmp/out. */
    private static Sweep.Outcome sweep(Path tmp, ObjectNode scenario, String parameter, List<Integer> values,
                                       int seeds) throws Exception {
        Fixtures.write(tmp, "scenario.json", scenario);
        ObjectNode sweep = RunDirectory.JSON.createObjectNode();
        sweep.put("name", "tiers");
        sweep.put("scenario", "scenario.json");
        values.forEach(sweep.putObject("grid").putArray(parameter)::add);
        sweep.put("seeds", seeds);
        sweep.put("parallel", 2);
        return Sweep.run(SweepSpec.load(Fixtures.write(tmp, "sweep.json", sweep)), tmp.resolve("out"), null, SILENT);
    }
}
