package org.vaesim.host.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A failed write that says which file it was: the JDK's stream errors ("No space left on device") name none, and a
 * run that stops on one must tell the user where.
 */
public final class WriteFailure {
    private WriteFailure() {
    }

    /** {@code e} as an IOException whose message names {@code file}, unless it does already. */
    public static IOException naming(Path file, IOException e) {
        String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        if (why.contains(file.toString())) {
            return e;
        }
        return new IOException("cannot write " + file + ": " + why, e);
    }
}
