package org.vaesim.kernels.cpu;

import java.util.ArrayList;
import java.util.List;

import org.vaesim.kernels.memory.Participants;

/**
 * A mechanism's participant ranges cut into pieces of at most {@link JavaBackend#CHUNK} agents, in index order: the
 * unit of work and of ownership of a mechanism's Java half (each piece sums into its own slots, which are then
 * added in piece order, so results do not depend on the thread count).
 */
public final class RangePieces {
    private RangePieces() {
    }

    /** Part of a participant range: agents [from, to), whose mechanism columns start at {@code column}. */
    public record Piece<R>(int rangeIndex, R range, int from, int to, int column) {
    }

    /** The ranges cut into pieces, in index order. */
    @SuppressWarnings({"unchecked", "rawtypes"}) // an array of one generic record type, built from a list of it
    public static <R extends Participants.ColumnRange> Piece<R>[] cut(List<R> ranges) {
        List<Piece<R>> list = new ArrayList<>();
        for (int r = 0; r < ranges.size(); r++) {
            R range = ranges.get(r);
            for (int from = range.from(); from < range.to(); from += JavaBackend.CHUNK) {
                list.add(new Piece<>(r, range, from, Math.min(range.to(), from + JavaBackend.CHUNK),
                        range.column() + (from - range.from())));
            }
        }
        return list.toArray(new Piece[0]);
    }
}
