package org.vaesim.host.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A mechanism's per-round CSV (auctions.csv, missions.csv) as a stage's report section reads it: its header and
 * rows of cells, the rows of one of its auctions or missions (named in the second column), and columns as numbers.
 */
public record RoundRows(List<String> header, List<String[]> rows) {
    /** {@code file}'s header and rows; none when the file is absent or empty. */
    public static RoundRows read(Path file) throws IOException {
        List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        if (lines.isEmpty()) {
            return new RoundRows(List.of(), List.of());
        }
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            rows.add(SweepReport.cells(line));
        }
        return new RoundRows(List.of(SweepReport.cells(lines.getFirst())), rows);
    }

    /** The rows of the auction or mission named {@code name}. */
    public RoundRows of(String name) {
        return new RoundRows(header, rows.stream().filter(r -> r.length > 1 && r[1].equals(name)).toList());
    }

    /** Column {@code name} as numbers, NaN for an empty cell (all NaN when there is no such column). */
    public double[] column(String name) {
        int i = header.indexOf(name);
        double[] v = new double[rows.size()];
        for (int r = 0; r < v.length; r++) {
            String cell = i < 0 || i >= rows.get(r).length ? "" : rows.get(r)[i];
            v[r] = cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
        }
        return v;
    }
}
