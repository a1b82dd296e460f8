package org.vaesim.host.stage;

import java.io.IOException;

/** Where a stage writes its checkpoint section: little-endian values, in the order its kind reads them back. */
public interface SectionOut {
    void ints(int... values) throws IOException;

    void longs(long... values) throws IOException;

    void doubles(double[] values) throws IOException;

    /** Raw bytes, as they are (per-agent flags, say). */
    void bytes(byte[] values) throws IOException;
}
