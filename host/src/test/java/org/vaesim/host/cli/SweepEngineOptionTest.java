package org.vaesim.host.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaesim.host.Fixtures;

/**
 * {@code sweep --engine}: local is the default; spark lives in the cluster module, which is not on this module's
 * class path, so asking for it says how to build it; options of one engine given to the other are bad input.
 */
class SweepEngineOptionTest {
    private static CliTest.Result sweep(Path tmp, String... options) throws Exception {
        String[] args = new String[options.length + 4];
        args[0] = "sweep";
        args[1] = Fixtures.config("sweeps").resolve("breaker-band.json").toString();
        args[2] = "--out";
        args[3] = tmp.resolve("out").toString();
        System.arraycopy(options, 0, args, 4, options.length);
        return CliTest.vaesim(args);
    }

    private static void assertBadInput(CliTest.Result r, String text) {
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains(text), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void sparkWithoutTheClusterModuleSaysHowToBuildIt(@TempDir Path tmp) throws Exception {
        assertBadInput(sweep(tmp, "--engine", "spark"), "--engine = spark: the spark engine is not on the class path:"
                + " build it once with `./mvnw -B -pl cluster -am -Dmaven.test.skip=true package`");
        assertFalse(Files.exists(tmp.resolve("out")), "nothing written");
    }

    @Test
    void anUnknownEngineOrAnotherEnginesOptionIsBadInput(@TempDir Path tmp) throws Exception {
        assertBadInput(sweep(tmp, "--engine", "mpi"), "--engine = mpi: must be local or spark");
        assertBadInput(sweep(tmp, "--master", "local[2]"), "--master = local[2]: is for --engine spark");
        assertBadInput(sweep(tmp, "--backend", "cuda:x"), "--backend = cuda:x:");
        assertFalse(Files.exists(tmp.resolve("out")), "nothing written");
    }
}
