package org.vaesim.kernels.rng;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PhiloxTest {

    /** Random123's kat_vectors, the three "philox4x32 10" lines: counter[4] key[2] -> output[4]. */
    @ParameterizedTest
    @CsvSource({
        "00000000 00000000 00000000 00000000, 00000000 00000000, 6627e8d5 e169c58d bc57ac4c 9b00dbd8",
        "ffffffff ffffffff ffffffff ffffffff, ffffffff ffffffff, 408f276d 41c83b0e a20bc7c6 6d5451fd",
        "243f6a88 85a308d3 13198a2e 03707344, a4093822 299f31d0, d16cfe09 94fdcceb 5001e420 24126ea1",
    })
    void matchesRandom123KnownAnswers(String counter, String key, String expected) {
        int[] c = words(counter);
        int[] k = words(key);
        int[] out = new int[4];
        Philox.philox4x32_10(c[0], c[1], c[2], c[3], k[0], k[1], out);
        assertArrayEquals(words(expected), out);
    }

    @Test
    void uniformStaysInRangeAndCoversIt() {
        int[] out = new int[4];
        boolean sawLo = false;
        boolean sawHi = false;
        for (int i = 0; i < 10_000; i++) {
            Philox.philox4x32_10(i, 0, 0, 0, 1, 2, out);
            int v = Philox.uniform(out[0], 3, 7);
            assertTrue(v >= 3 && v <= 7, "value " + v);
            sawLo |= v == 3;
            sawHi |= v == 7;
        }
        assertTrue(sawLo && sawHi);
        assertEquals(5, Philox.uniform(0x7fffffff, 5, 5));
    }

    @Test
    void bernoulliExtremesAreExact() {
        assertTrue(Philox.bernoulli(-1, Philox.probabilityThreshold(1.0)));
        assertFalse(Philox.bernoulli(0, Philox.probabilityThreshold(0.0)));
    }

    @Test
    void keysDifferAcrossSeedsAndStreams() {
        assertNotEquals(Philox.key(1, 0), Philox.key(2, 0));
        assertNotEquals(Philox.key(1, 0), Philox.key(1, 1));
        assertEquals(Philox.key(42, 1), Philox.key(42, 1));
    }

    private static int[] words(String hex) {
        String[] parts = hex.trim().split("\\s+");
        int[] w = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            w[i] = Integer.parseUnsignedInt(parts[i], 16);
        }
        return w;
    }
}
