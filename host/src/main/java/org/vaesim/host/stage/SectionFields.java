package org.vaesim.host.stage;

import java.io.IOException;

/**
 * One pass over a checkpoint section's values, in order, that either writes them ({@link #writing}) or reads them
 * back ({@link #reading}). A stage lists its fields once, as {@code x = f.longValue(x)}, and that one list serves
 * both ways, so what is read is what was written by construction (issue G.5). Written, each call writes its value
 * and returns it unchanged; read, each call ignores its argument and returns the value read (arrays are filled).
 */
public interface SectionFields {
    int intValue(int value) throws IOException;

    long longValue(long value) throws IOException;

    /** A double, as the eight bytes of its {@link Double#doubleToLongBits} (the same bytes as {@link #doubles}). */
    double doubleValue(double value) throws IOException;

    /** A flag, as an int 1 or 0; any non-zero int reads as true. */
    boolean flag(boolean value) throws IOException;

    void ints(int[] values) throws IOException;

    void longs(long[] values) throws IOException;

    void doubles(double[] values) throws IOException;

    /**
     * A count that the scenario fixes ({@code expected}: links, auctions, bidders): written as it is; read, an error
     * naming {@code what} unless the checkpoint has the same.
     */
    default void count(int expected, String what) throws IOException {
        int found = intValue(expected);
        if (found != expected) {
            throw corrupt("it has " + found + " " + what + ", the scenario " + expected);
        }
    }

    /** An {@link IOException} naming the section (only ever thrown while reading). */
    IOException corrupt(String what);

    /** The pass that writes each value to {@code out}. */
    static SectionFields writing(SectionOut out) {
        return new SectionFields() {
            @Override
            public int intValue(int value) throws IOException {
                out.ints(value);
                return value;
            }

            @Override
            public long longValue(long value) throws IOException {
                out.longs(value);
                return value;
            }

            @Override
            public double doubleValue(double value) throws IOException {
                out.longs(Double.doubleToLongBits(value));
                return value;
            }

            @Override
            public boolean flag(boolean value) throws IOException {
                out.ints(value ? 1 : 0);
                return value;
            }

            @Override
            public void ints(int[] values) throws IOException {
                out.ints(values);
            }

            @Override
            public void longs(long[] values) throws IOException {
                out.longs(values);
            }

            @Override
            public void doubles(double[] values) throws IOException {
                out.doubles(values);
            }

            @Override
            public IOException corrupt(String what) {
                return new IOException("writing a section: " + what);
            }
        };
    }

    /** The pass that reads each value from {@code in}. */
    static SectionFields reading(SectionIn in) {
        return new SectionFields() {
            @Override
            public int intValue(int value) throws IOException {
                return in.intValue();
            }

            @Override
            public long longValue(long value) throws IOException {
                return in.longValue();
            }

            @Override
            public double doubleValue(double value) throws IOException {
                return Double.longBitsToDouble(in.longValue());
            }

            @Override
            public boolean flag(boolean value) throws IOException {
                return in.intValue() != 0;
            }

            @Override
            public void ints(int[] values) throws IOException {
                in.ints(values);
            }

            @Override
            public void longs(long[] values) throws IOException {
                in.longs(values);
            }

            @Override
            public void doubles(double[] values) throws IOException {
                in.doubles(values);
            }

            @Override
            public IOException corrupt(String what) {
                return in.corrupt(what);
            }
        };
    }
}
