package org.vaesim.bench.roofline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StreamTriadTest {
    @Test
    void computesTheTriadOnEveryElementOfEveryThreadsRange() {
        try (StreamTriad t = new StreamTriad(1003, 3)) {
            StreamTriad.Result r = t.run(2);
            for (int i = 0; i < 1003; i++) {
                // b = 2, c = 0.5 + (i mod 8), s = 3: a = 2 + 1.5 + 3 (i mod 8)
                assertEquals(3.5 + 3.0 * (i & 7), t.a()[i], 0.0, "a[" + i + "]");
            }
            assertEquals(1003, r.elements());
            assertEquals(3, r.threads());
            assertEquals(24.0 * 1003 / r.bestSeconds(), r.bytesPerSecond(), 1e-6 * r.bytesPerSecond());
            assertTrue(r.bestSeconds() <= r.medianSeconds());
        }
    }

    @Test
    void sizesTheArraysFromTheTotalMiB() {
        // 24 MiB over three arrays of 8-byte doubles: 1 Mi elements each.
        assertEquals(1 << 20, StreamTriad.elementsForMiB(24));
    }

    @Test
    void countsEightyEightBytesPerAgentEpoch() {
        // pass 1 reads cash 8 + inventory 4 + trait 4 + quota 4 + status 4, writes 4 order ints;
        // pass 2 reads the orders 16 + cash/inventory/quota 16 and writes cash/inventory/quota 16.
        assertEquals(24 + 16 + 32 + 16, BytesPerAgentEpoch.TOTAL);
        assertEquals(1e9 / 88, BytesPerAgentEpoch.roofline(1e9), 1e-6);
    }
}
