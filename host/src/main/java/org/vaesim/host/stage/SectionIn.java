package org.vaesim.host.stage;

import java.io.IOException;

/**
 * A stage's checkpoint section as its kind reads it: the values {@link SectionOut} wrote, in order. Reading past the
 * section's end, or leaving bytes unread, is an error that names the section.
 */
public interface SectionIn {
    int intValue() throws IOException;

    long longValue() throws IOException;

    void ints(int[] into) throws IOException;

    void longs(long[] into) throws IOException;

    void doubles(double[] into) throws IOException;

    /** Fills {@code into} with the next raw bytes. */
    void bytes(byte[] into) throws IOException;

    /** An {@link IOException} naming the section, for a value that does not fit the scenario. */
    IOException corrupt(String what);
}
