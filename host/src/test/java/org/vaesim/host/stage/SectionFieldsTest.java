package org.vaesim.host.stage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.junit.jupiter.api.Test;

/**
 * One list of fields writes a section and reads it back: the bytes are those of the same values written through
 * {@link SectionOut} by hand (so a stage that moves to {@link SectionFields} keeps its checkpoints and checksums),
 * reading restores every value, and a count that differs from the scenario's is refused naming the section.
 */
class SectionFieldsTest {
    /** A stage's state with one field of each kind. */
    private static final class State {
        final int[] ints = new int[2];
        final long[] longs = new long[3];
        final double[] doubles = new double[2];
        boolean open;
        int epoch;
        long total;
        double drawdown;

        void fields(SectionFields f) throws IOException {
            f.count(ints.length, "links");
            open = f.flag(open);
            epoch = f.intValue(epoch);
            total = f.longValue(total);
            drawdown = f.doubleValue(drawdown);
            f.ints(ints);
            f.longs(longs);
            f.doubles(doubles);
        }
    }

    private static State sample() {
        State s = new State();
        s.open = true;
        s.epoch = 17;
        s.total = -9_000_000_000L;
        s.drawdown = 0.125;
        s.ints[0] = -3;
        s.ints[1] = Integer.MAX_VALUE;
        s.longs[2] = Long.MIN_VALUE;
        s.doubles[0] = Double.NaN;
        s.doubles[1] = -0.0;
        return s;
    }

    private static Section section(SectionWriter writer) {
        Stage stage = new Stage() {
            @Override
            public StageKind kind() {
                return new StageKind.Ranked("sample", 1, 1, 1) {
                    @Override
                    public Stage create(StageSetup setup, SectionIn section) {
                        throw new UnsupportedOperationException();
                    }
                };
            }

            @Override
            public void run(EpochContext c) {
            }

            @Override
            public void write(SectionOut out) throws IOException {
                writer.write(out);
            }
        };
        return Section.of(stage);
    }

    private interface SectionWriter {
        void write(SectionOut out) throws IOException;
    }

    @Test
    void writesTheBytesOfTheSameValuesWrittenByHand() {
        State s = sample();
        Section byFields = section(out -> s.fields(SectionFields.writing(out)));
        Section byHand = section(out -> {
            out.ints(2, 1, 17);
            out.longs(-9_000_000_000L, Double.doubleToLongBits(0.125));
            out.ints(s.ints);
            out.longs(s.longs);
            out.doubles(s.doubles);
        });
        assertArrayEquals(byHand.bytes(), byFields.bytes());
    }

    @Test
    void readsBackEveryValue() throws IOException {
        State s = sample();
        Section.In in = section(out -> s.fields(SectionFields.writing(out))).in();
        State back = new State();
        back.fields(SectionFields.reading(in));
        in.finish();
        assertTrue(back.open);
        assertEquals(17, back.epoch);
        assertEquals(-9_000_000_000L, back.total);
        assertEquals(0.125, back.drawdown);
        assertArrayEquals(s.ints, back.ints);
        assertArrayEquals(s.longs, back.longs);
        assertTrue(Double.isNaN(back.doubles[0]));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(back.doubles[1]));
    }

    @Test
    void aFlagIsTrueForAnyNonZeroInt() throws IOException {
        Section.In in = section(out -> out.ints(7, 0)).in();
        SectionFields f = SectionFields.reading(in);
        assertTrue(f.flag(false));
        assertFalse(f.flag(true));
    }

    @Test
    void aCountOtherThanTheScenariosIsRefusedNamingTheSection() {
        Section.In in = section(out -> out.ints(3)).in();
        IOException e = assertThrows(IOException.class, () -> SectionFields.reading(in).count(2, "links"));
        assertEquals("checkpoint's sample section: it has 3 links, the scenario 2", e.getMessage());
    }
}
