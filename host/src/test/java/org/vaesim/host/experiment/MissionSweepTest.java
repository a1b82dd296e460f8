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
import org.vaesim.host.report.SweepReport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The shipped mission economy swept over its policy levers and budget, cut to six rounds: every mission measure
 * is a column of results.csv; where the budget does not bind, a subsidy and a tax are pure transfers (the same
 * tasks delivered, the tax receipts returned to the sponsor to the micro-credit); the report labels the lever
 * objects readably.
 */
class MissionSweepTest {
    private static final PrintStream SILENT = new PrintStream(OutputStream.nullOutputStream());

    @Test
    void sweepsThePolicyLeversOfTheShippedMissionEconomy(@TempDir Path tmp) throws Exception {
        ObjectNode tree = Fixtures.tree("mission-economy.json");
        tree.put("epochs", 6);
        tree.put("checkpoint_every", 0);
        ((ObjectNode) tree.withArray("missions").get(0)).put("deadline_epoch", 5);
        Fixtures.write(tmp, "mission.json", tree);
        JsonNode shipped = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Fixtures.config("sweeps").resolve("mission-economy.json").toFile());
        ObjectNode sweep = (ObjectNode) shipped.deepCopy();
        sweep.put("scenario", "mission.json");
        sweep.putArray("seeds").add(1);
        sweep.put("parallel", 2);
        Path file = Fixtures.write(tmp, "sweep.json", sweep);
        SweepSpec spec = SweepSpec.load(file);
        assertEquals(10, spec.points().size());
        Sweep.Outcome o = Sweep.run(spec, tmp.resolve("out"), null, SILENT);
        assertEquals(10, o.ran());
        assertEquals(0, o.failed());
        List<String> lines = Files.readAllLines(o.results());
        List<String> header = List.of(SweepReport.cells(lines.getFirst()));
        for (String m : List.of("success", "mission_completion", "completion", "completed_epoch",
                "cost_per_completed_task", "escrow_cost_per_completed_task", "free_riding_share",
                "non_delivery_share", "repeat_non_deliverers", "payment_hhi", "payment_gini",
                "mean_winner_capability", "tax_collected", "subsidy_paid", "escrow_returned")) {
            assertTrue(header.contains("protein-map." + m), m);
        }
        // rows: point 2k is lever k with the budget 40,000, point 2k+1 with 80,000 (grid order, seed 1)
        String[] none = SweepReport.cells(lines.get(2));
        String[] subsidy = SweepReport.cells(lines.get(4));
        String[] tax = SweepReport.cells(lines.get(6));
        int done = header.indexOf("protein-map.mission_completion");
        int returned = header.indexOf("protein-map.escrow_returned");
        int collected = header.indexOf("protein-map.tax_collected");
        int escrowCost = header.indexOf("protein-map.escrow_cost_per_completed_task");
        assertEquals(none[done], subsidy[done], "a subsidy passed through to lower asks: the same tasks delivered");
        assertEquals(none[done], tax[done], "a tax the budget does not need: the same tasks delivered");
        assertTrue(Double.parseDouble(subsidy[escrowCost]) < Double.parseDouble(none[escrowCost]));
        assertEquals(Double.parseDouble(none[returned]) + Double.parseDouble(tax[collected]),
                Double.parseDouble(tax[returned]), 1e-6, "the tax receipts go back to the sponsor");
        assertTrue(Double.parseDouble(tax[collected]) > 0);
        String report = Files.readString(tmp.resolve("out").resolve("report.html"));
        assertTrue(report.contains(">defaults</text>") && report.contains(">subsidy</text>")
                && report.contains(">reputation_weight 2</text>"), "lever objects as short, wrapped labels");
    }

    @Test
    void leverObjectsAreLabelledByTheirFieldsAndWrapped() {
        assertEquals("defaults", SweepReport.label("{}"));
        assertEquals("subsidy tax reputation_weight 2 min_reputation 0.1", SweepReport.label(
                "{\"subsidy\":{\"per_task\":0.5},\"tax\":{\"fee_share\":0.5},\"reputation_weight\":2,"
                        + "\"min_reputation\":0.1}"));
        assertEquals("principal_cap max_share 0.4", SweepReport.label("{\"type\":\"principal_cap\",\"max_share\":0.4}"));
    }

    @Test
    void theShippedMissionSweepIsValid() throws Exception {
        SweepSpec spec = SweepSpec.load(Fixtures.config("sweeps").resolve("mission-economy.json"));
        assertEquals(10, spec.points().size());
        assertEquals(List.of(1L, 2L, 3L), spec.seeds());
    }
}
