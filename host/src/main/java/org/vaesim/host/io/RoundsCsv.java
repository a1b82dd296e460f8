package org.vaesim.host.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV whose first column is the epoch (metrics.csv, auctions.csv, missions.csv): written a row at a time and
 * flushed each row; a resumed run first drops the rows past its checkpoint. A failed write names the file.
 */
final class RoundsCsv implements AutoCloseable {
    private final Path file;
    private final BufferedWriter out;

    private RoundsCsv(Path file, BufferedWriter out) {
        this.file = file;
        this.out = out;
    }

    static RoundsCsv create(Path file, String header) throws IOException {
        try {
            BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            w.write(header);
            w.newLine();
            w.flush();
            return new RoundsCsv(file, w);
        } catch (IOException e) {
            throw WriteFailure.naming(file, e);
        }
    }

    /** Keeps the header and the rows of rounds up to {@code lastEpoch}, then appends. */
    static RoundsCsv resume(Path file, String header, int lastEpoch) throws IOException {
        if (!Files.exists(file)) {
            return create(file, header);
        }
        List<String> kept = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int comma = line.indexOf(',');
            if (kept.isEmpty() || (comma > 0 && Integer.parseInt(line.substring(0, comma)) <= lastEpoch)) {
                kept.add(line);
            }
        }
        try {
            Files.write(file, kept, StandardCharsets.UTF_8);
            return new RoundsCsv(file, Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw WriteFailure.naming(file, e);
        }
    }

    void appendRow(String row) throws IOException {
        try {
            out.write(row);
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw WriteFailure.naming(file, e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
