package org.vaesim.host.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaesim.host.Fixtures;
import org.vaesim.host.report.SweepReport;

/**
 * A sweep over the auction mechanism itself: grid values are mechanism objects, the auction's efficiency and
 * fairness are columns of results.csv and summary.csv, and the report draws the mechanisms as categories and
 * writes every chart as an SVG file.
 */
class AuctionSweepTest {
    private static final PrintStream SILENT = new PrintStream(OutputStream.nullOutputStream());

    @Test
    void sweepsTheMechanismOfTheShippedFairComputeAuction(@TempDir Path tmp) throws Exception {
        Files.copy(Fixtures.config("fair-compute-auction.json"), tmp.resolve("fair.json"));
        Path file = tmp.resolve("sweep.json");
        Files.writeString(file, """
            { "name": "mech", "scenario": "fair.json", "seeds": [1, 2], "epochs": 3, "parallel": 2,
              "grid": {"resource_auctions[gpu].mechanism": [
                  {"type": "uniform_price"}, {"type": "principal_cap", "max_share": 0.4},
                  {"type": "reserved_share", "share": 0.2}, {"type": "equal_endowment", "budget": 10}]} }
            """);
        SweepSpec spec = SweepSpec.load(file);
        assertEquals(4, spec.points().size());
        Sweep.Outcome o = Sweep.run(spec, tmp.resolve("out"), null, SILENT);
        assertEquals(8, o.ran());
        List<String> summary = Files.readAllLines(o.summary());
        List<String> header = List.of(SweepReport.cells(summary.getFirst()));
        for (String metric : List.of("gpu.efficiency", "gpu.envy_share", "gpu.envy_share_up_to_one_unit",
                "gpu.allocation_gini", "gpu.small_principal_share", "gpu.max_principal_share")) {
            assertTrue(header.contains(metric + ".mean"), metric);
        }
        String[] capRow = SweepReport.cells(summary.get(2));
        assertEquals("{\"type\":\"principal_cap\",\"max_share\":0.4}", capRow[1], "a JSON value survives the CSV");
        assertEquals(0.4, Double.parseDouble(capRow[header.indexOf("gpu.max_principal_share.mean")]), 1e-12,
                "the cap binds: the hyperscaler gets exactly 40%");
        String[] equalRow = SweepReport.cells(summary.get(4));
        assertEquals(0, Double.parseDouble(equalRow[header.indexOf("gpu.envy_share_up_to_one_unit.mean")]));
        String report = Files.readString(tmp.resolve("out").resolve("report.html"));
        assertTrue(report.contains(">principal_cap max_share 0.4</text>"), "categories on the x axis");
        try (Stream<Path> charts = Files.list(tmp.resolve("out").resolve("charts"))) {
            List<String> names = charts.map(p -> p.getFileName().toString()).sorted().toList();
            assertTrue(names.contains("07-gpu.efficiency.svg"), names.toString());
            String svg = Files.readString(tmp.resolve("out").resolve("charts").resolve("07-gpu.efficiency.svg"));
            assertTrue(svg.startsWith("<?xml") && svg.contains("<style>") && svg.contains("<circle"), "standalone");
        }
    }

    /**
     * Points whose runs report different metrics (here an auction in one and none in the other): the columns are
     * every run's, and a run without one leaves its cell, and its point's mean, empty.
     */
    @Test
    void pointsWithDifferentMetricsShareOneHeader(@TempDir Path tmp) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode tree = Fixtures.tree("fair-compute-auction.json");
        String auctions = tree.get("resource_auctions").toString();
        Files.copy(Fixtures.config("fair-compute-auction.json"), tmp.resolve("fair.json"));
        Path file = tmp.resolve("sweep.json");
        Files.writeString(file, """
            { "name": "with-and-without", "scenario": "fair.json", "seeds": [1], "epochs": 2, "parallel": 1,
              "grid": {"resource_auctions": [%s, []]} }
            """.formatted(auctions));
        Sweep.Outcome o = Sweep.run(SweepSpec.load(file), tmp.resolve("out"), null, SILENT);
        assertEquals(2, o.ran());
        List<String> results = Files.readAllLines(o.results());
        List<String> header = List.of(SweepReport.cells(results.getFirst()));
        int efficiency = header.indexOf("gpu.efficiency");
        assertTrue(efficiency > 0, header.toString());
        assertEquals(header.size(), SweepReport.cells(results.get(2)).length, "every row has every column");
        assertEquals("", SweepReport.cells(results.get(2))[efficiency], "no auction, no efficiency");
        assertTrue(Double.parseDouble(SweepReport.cells(results.get(1))[efficiency]) > 0);
        List<String> summary = Files.readAllLines(o.summary());
        List<String> summaryHeader = List.of(SweepReport.cells(summary.getFirst()));
        String[] without = SweepReport.cells(summary.get(2));
        assertEquals("", without[summaryHeader.indexOf("gpu.efficiency.mean")]);
    }

    @Test
    void csvCellsKeepQuotedCommas() {
        assertArrayEquals(new String[] {"0", "{\"a\":1,\"b\":2}", ""}, SweepReport.cells("0,\"{\"\"a\"\":1,\"\"b\"\":2}\","));
    }

    @Test
    void theShippedAuctionSweepIsValid() throws Exception {
        SweepSpec spec = SweepSpec.load(Fixtures.config("sweeps").resolve("fair-compute-auction.json"));
        assertEquals(4, spec.points().size());
        assertEquals(List.of(1L, 2L, 3L), spec.seeds());
    }
}
