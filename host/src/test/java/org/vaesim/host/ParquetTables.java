package org.vaesim.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Parquet file back for tests: the physical type of each column from the file's own footer
 * (DuckDB's parquet_schema), and every value; and compares it with the CSV it was written from, parsing the
 * CSV independently of the code under test.
 */
public final class ParquetTables {
    private ParquetTables() {
    }

    /** Column names and Parquet physical types (INT32, INT64, DOUBLE, BOOLEAN, BYTE_ARRAY) in file order, and rows. */
    public record Table(List<String> names, List<String> types, List<List<Object>> rows) {
        public int column(String name) {
            int i = names.indexOf(name);
            if (i < 0) {
                throw new AssertionError("no column " + name + " in " + names);
            }
            return i;
        }
    }

    public static Table read(Path parquet) throws SQLException {
        String file = "'" + parquet.toAbsolutePath().toString().replace("'", "''") + "'";
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            List<String> names = new ArrayList<>();
            List<String> types = new ArrayList<>();
            // The first schema element is the root group (it has children); the leaves are the columns.
            try (ResultSet rs = st.executeQuery("SELECT name, type FROM parquet_schema(" + file
                    + ") WHERE num_children IS NULL OR num_children = 0")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                    types.add(rs.getString(2));
                }
            }
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT * FROM read_parquet(" + file + ")")) {
                int n = rs.getMetaData().getColumnCount();
                assertEquals(names.size(), n, "schema leaves = result columns");
                while (rs.next()) {
                    List<Object> row = new ArrayList<>(n);
                    for (int c = 1; c <= n; c++) {
                        row.add(rs.getObject(c));
                    }
                    rows.add(row);
                }
            }
            return new Table(names, types, rows);
        }
    }

    /** The CSV's header and rows, cells split on commas outside double quotes; quotes removed, "" unescaped. */
    public static List<List<String>> readCsv(Path csv) throws IOException {
        List<List<String>> out = new ArrayList<>();
        for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char ch = line.charAt(i);
                if (quoted && ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = !quoted;
                } else if (ch == ',' && !quoted) {
                    cells.add(cell.toString());
                    cell.setLength(0);
                } else {
                    cell.append(ch);
                }
            }
            cells.add(cell.toString());
            out.add(cells);
        }
        return out;
    }

    /**
     * Asserts that the Parquet file holds exactly the CSV: the same column names in order, as many rows, and in
     * every cell the value the CSV text denotes (an empty cell is a null). Types are checked by the caller.
     */
    public static void assertSameRows(Path csv, Table t) throws IOException {
        List<List<String>> lines = readCsv(csv);
        assertEquals(lines.getFirst(), t.names(), "column names and order");
        List<List<String>> rows = lines.subList(1, lines.size());
        assertEquals(rows.size(), t.rows().size(), "row count");
        for (int r = 0; r < rows.size(); r++) {
            assertEquals(t.names().size(), rows.get(r).size(), "cells in CSV row " + (r + 1));
            for (int c = 0; c < t.names().size(); c++) {
                String text = rows.get(r).get(c);
                Object value = t.rows().get(r).get(c);
                String where = "row " + (r + 1) + ", column " + t.names().get(c) + " (CSV \"" + text + "\")";
                if (text.isEmpty()) {
                    assertEquals(null, value, where);
                    continue;
                }
                Object expected = switch (value) {
                    case null -> text;
                    case Integer i -> Integer.parseInt(text);
                    case Long l -> Long.parseLong(text);
                    case Double d -> Double.parseDouble(text);
                    case Boolean b -> Boolean.parseBoolean(text);
                    default -> text;
                };
                assertEquals(expected, value, where);
            }
        }
    }
}
