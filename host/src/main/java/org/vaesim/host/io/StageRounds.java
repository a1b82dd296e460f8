package org.vaesim.host.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.vaesim.host.stage.Stage;

/**
 * The stages' per-round CSVs of a run (auctions.csv, missions.csv: docs/outputs.md), each a {@link RoundsCsv}:
 * opened with the run (a resumed run first drops the rows past its checkpoint), appended to after every epoch with
 * the rows the epoch made, flushed each row.
 */
public final class StageRounds implements AutoCloseable {
    private final List<Stage.Rounds> rounds = new ArrayList<>();
    private final List<RoundsCsv> files = new ArrayList<>();

    private StageRounds() {
    }

    /** The CSVs of {@code stages} in run directory {@code dir}; resumed after epoch {@code lastEpoch} if asked. */
    public static StageRounds open(Path dir, List<Stage> stages, boolean resumed, int lastEpoch) throws IOException {
        StageRounds out = new StageRounds();
        try {
            for (Stage s : stages) {
                Stage.Rounds r = s.rounds();
                if (r != null) {
                    Path file = dir.resolve(r.file());
                    out.files.add(resumed ? RoundsCsv.resume(file, r.header(), lastEpoch)
                            : RoundsCsv.create(file, r.header()));
                    out.rounds.add(r);
                }
            }
            return out;
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /** Appends the rows the latest epoch made. */
    public void appendLast() throws IOException {
        for (int k = 0; k < files.size(); k++) {
            for (String row : rounds.get(k).lastRows()) {
                files.get(k).appendRow(row);
            }
        }
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (RoundsCsv f : files) {
            try {
                f.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
