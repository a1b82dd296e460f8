package org.vaesim.host.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaesim.host.ParquetTables;
import org.vaesim.host.io.ParquetExport.Column;
import org.vaesim.host.io.ParquetExport.Type;

class ParquetExportTest {
    private static final List<Column> COLUMNS = List.of(new Column("epoch", Type.INT32),
            new Column("m.price", Type.DOUBLE), new Column("m.volume", Type.INT64),
            new Column("m.spread_ticks", Type.INT32), new Column("label", Type.STRING), new Column("flag", Type.BOOLEAN));

    private static final String CSV = """
            epoch,m.price,m.volume,m.spread_ticks,label,flag
            5,12.5,3000000000,,"a,b ""c""\",true
            10,0.000001,0,4,plain,false
            """;

    @Test
    void writesEveryRowWithTheDeclaredTypesAndANullForAnEmptyCell(@TempDir Path tmp) throws Exception {
        Path csv = Files.writeString(tmp.resolve("t.csv"), CSV);
        long rows = ParquetExport.write(csv, COLUMNS, tmp.resolve("t.parquet"));
        assertEquals(2, rows);
        ParquetTables.Table t = ParquetTables.read(tmp.resolve("t.parquet"));
        assertEquals(List.of("epoch", "m.price", "m.volume", "m.spread_ticks", "label", "flag"), t.names());
        assertEquals(List.of("INT32", "DOUBLE", "INT64", "INT32", "BYTE_ARRAY", "BOOLEAN"), t.types());
        // Values written out by hand from the CSV above: 3e9 needs 64 bits; the quoted cell keeps its comma.
        assertEquals(Arrays.asList(5, 12.5, 3_000_000_000L, null, "a,b \"c\"", true), t.rows().get(0));
        assertEquals(Arrays.asList(10, 0.000001, 0L, 4, "plain", false), t.rows().get(1));
        ParquetTables.assertSameRows(csv, t);
        assertFalse(Files.exists(tmp.resolve("t.parquet.tmp")), "no temporary file left");
    }

    @Test
    void aHeaderOnlyCsvGivesAnEmptyTableWithItsColumns(@TempDir Path tmp) throws Exception {
        Path csv = Files.writeString(tmp.resolve("t.csv"), CSV.lines().findFirst().orElseThrow() + "\n");
        assertEquals(0, ParquetExport.write(csv, COLUMNS, tmp.resolve("t.parquet")));
        ParquetTables.Table t = ParquetTables.read(tmp.resolve("t.parquet"));
        assertEquals(6, t.names().size());
        assertTrue(t.rows().isEmpty());
    }

    @Test
    void aCellThatIsNotItsTypeFailsAndLeavesThePreviousFileWhole(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("t.parquet");
        Path csv = Files.writeString(tmp.resolve("t.csv"), CSV);
        ParquetExport.write(csv, COLUMNS, out);
        byte[] before = Files.readAllBytes(out);
        Files.writeString(csv, CSV.replace("10,0.000001", "ten,0.000001"));
        IOException e = assertThrows(IOException.class, () -> ParquetExport.write(csv, COLUMNS, out));
        assertTrue(e.getMessage().contains("ten"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(out), "the earlier file is untouched");
        assertFalse(Files.exists(tmp.resolve("t.parquet.tmp")), "no temporary file left");
    }

    @Test
    void aHeaderThatDiffersFromTheDeclaredColumnsIsRefused(@TempDir Path tmp) throws Exception {
        Path csv = Files.writeString(tmp.resolve("t.csv"), CSV.replace("m.volume", "m.qty"));
        IOException e = assertThrows(IOException.class, () -> ParquetExport.write(csv, COLUMNS, tmp.resolve("t.parquet")));
        assertTrue(e.getMessage().contains("m.qty") && e.getMessage().contains("m.volume"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("t.parquet")));
    }

    @Test
    void aFailureSaysWhatWentWrongDownToItsRootCause() {
        // DuckDB's native library failing to load surfaces as an error with no message of its own.
        var e = new ExceptionInInitializerError(new java.nio.file.NoSuchFileException("/nope/libduckdb_java.so"));
        ParquetExport.Result r = ParquetExport.Result.failed(e);
        assertEquals(ParquetExport.Status.FAILED, r.status());
        assertEquals("ExceptionInInitializerError (caused by NoSuchFileException: /nope/libduckdb_java.so)", r.error());
        IOException wrapped = new IOException("DuckDB: disk full", new IOException("disk full"));
        assertEquals("IOException: DuckDB: disk full", ParquetExport.Result.failed(wrapped).error(),
                "a cause already in the message is not repeated");
    }

    @Test
    void tryWriteReportsAFailureInsteadOfThrowing(@TempDir Path tmp) throws Exception {
        Path csv = Files.writeString(tmp.resolve("t.csv"), CSV);
        // A non-empty directory stands where the file goes: the rename onto it fails.
        Path out = tmp.resolve("t.parquet");
        Files.createDirectories(out.resolve("x"));
        ParquetExport.Result r = ParquetExport.tryWrite(csv, COLUMNS, out);
        assertEquals(ParquetExport.Status.FAILED, r.status());
        assertTrue(r.error().contains("t.parquet"), r.error());
        assertTrue(Files.isDirectory(out.resolve("x")), "what stood there is untouched");
        assertFalse(Files.exists(tmp.resolve("t.parquet.tmp")), "no temporary file left");
    }
}
