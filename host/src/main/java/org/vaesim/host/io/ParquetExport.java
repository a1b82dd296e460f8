package org.vaesim.host.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

import org.duckdb.DuckDBDriver;

/**
 * Writes a CSV written by vaesim (metrics.csv, a sweep's results.csv) as a Parquet file with declared column
 * types, through an embedded, in-memory DuckDB. The CSV stays the authoritative copy: the Parquet file is
 * rebuilt from the whole CSV each time, written to a temporary file and renamed over the target atomically,
 * so a reader finds the previous file, the new one, or none, never half of one.
 */
public final class ParquetExport {
    /** A column's type: its name in DuckDB SQL and the Parquet physical type it is written as. */
    public enum Type {
        INT32("INTEGER"), INT64("BIGINT"), DOUBLE("DOUBLE"), BOOLEAN("BOOLEAN"), STRING("VARCHAR");

        final String sql;

        Type(String sql) {
            this.sql = sql;
        }
    }

    /** One CSV column and the type its Parquet column gets; an empty CSV cell becomes a null. */
    public record Column(String name, Type type) {
    }

    /** How an export ended, as summary.json reports it. */
    public record Result(Status status, long rows, String error) {
        public static final Result OFF = new Result(Status.OFF, 0, null);

        public static Result written(long rows) {
            return new Result(Status.WRITTEN, rows, null);
        }

        /** The failure and, if it has one, its root cause (DuckDB's native library failing to load has no message). */
        public static Result failed(Throwable e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String error = describe(e);
            if (root != e && (root.getMessage() == null || !error.contains(root.getMessage().strip()))) {
                error += " (caused by " + describe(root) + ")";
            }
            return new Result(Status.FAILED, 0, error);
        }

        private static String describe(Throwable e) {
            String message = e.getMessage() == null ? "" : e.getMessage().strip();
            return e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
        }
    }

    public enum Status {
        WRITTEN, FAILED, OFF;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private ParquetExport() {
    }

    /**
     * Writes {@code parquet} with the rows of {@code csv}, whose header must be exactly the names of
     * {@code columns}; returns the number of rows written. On any failure the target is left as it was and no
     * temporary file is left behind.
     */
    public static long write(Path csv, List<Column> columns, Path parquet) throws IOException {
        checkHeader(csv, columns);
        Path tmp = parquet.resolveSibling(parquet.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            long rows = copy(csv, columns, tmp);
            Files.move(tmp, parquet, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return rows;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * {@link #write}, reporting instead of throwing: whatever goes wrong (a bad CSV, a full disk, DuckDB's
     * native library failing to load on this platform) becomes a failed result saying why.
     */
    public static Result tryWrite(Path csv, List<Column> columns, Path parquet) {
        try {
            return Result.written(write(csv, columns, parquet));
        } catch (Exception | LinkageError e) {
            return Result.failed(e);
        }
    }

    /** Removes {@code parquet} (and a temporary file left by a killed export), which would no longer match its CSV. */
    public static void removeStale(Path parquet) throws IOException {
        Files.deleteIfExists(parquet.resolveSibling(parquet.getFileName() + ".tmp"));
        if (Files.isRegularFile(parquet)) {
            Files.delete(parquet);
        }
    }

    private static void checkHeader(Path csv, List<Column> columns) throws IOException {
        String header;
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            header = r.readLine();
        }
        String expected = columns.stream().map(Column::name).collect(Collectors.joining(","));
        if (!expected.equals(header)) {
            throw new IOException(csv + ": header is " + (header == null ? "missing" : "\"" + header + "\"")
                    + ", expected \"" + expected + "\"");
        }
    }

    /**
     * One export at a time in this JVM. A sweep exports from several threads, DuckDB's JDBC driver has had
     * native crashes under concurrent use (duckdb/duckdb-java#175 and others), and a JVM that crashes loses the
     * whole sweep. On 2026-11-25 the host tests' JVM died once with SIGSEGV (no hs_err report) during SweepTest,
     * the one test that exports from several threads; the cause is not established, and this removes the
     * likeliest native suspect. An export is a few thousand rows, so waiting costs nothing that matters.
     */
    private static final Object DUCKDB = new Object();

    private static long copy(Path csv, List<Column> columns, Path out) throws IOException {
        synchronized (DUCKDB) {
            return copyAlone(csv, columns, out);
        }
    }

    private static long copyAlone(Path csv, List<Column> columns, Path out) throws IOException {
        String types = columns.stream().map(c -> literal(c.name()) + ": " + literal(c.type().sql))
                .collect(Collectors.joining(", ", "{", "}"));
        // Types are given, never sniffed, so every file of a kind has the same schema whatever its values.
        String read = "read_csv(" + literal(csv.toAbsolutePath().toString()) + ", header = true, delim = ',', "
                + "quote = '\"', escape = '\"', nullstr = '', auto_detect = false, columns = " + types + ")";
        Properties config = new Properties();
        config.setProperty("threads", "1"); // a few thousand rows at most; sweeps run many exports side by side
        config.setProperty("autoinstall_known_extensions", "false"); // parquet is built in; never reach a network
        config.setProperty("autoload_known_extensions", "false");
        try (Connection db = driver().connect("jdbc:duckdb:", config);
             Statement st = db.createStatement()) {
            // COPY's update count is the number of rows written.
            return st.executeLargeUpdate("COPY (SELECT * FROM " + read + ") TO "
                    + literal(out.toAbsolutePath().toString()) + " (FORMAT parquet)");
        } catch (SQLException e) {
            throw new IOException("DuckDB: " + e.getMessage().strip(), e);
        }
    }

    private static Driver driver() throws IOException {
        try {
            return new DuckDBDriver();
        } catch (NoClassDefFoundError e) {
            throw new IOException("DuckDB's JDBC driver is not on the class path (vaesim.jar expects "
                    + "lib/duckdb_jdbc-*.jar beside it, where the build puts it)", e);
        }
    }

    /** A SQL string literal. */
    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
