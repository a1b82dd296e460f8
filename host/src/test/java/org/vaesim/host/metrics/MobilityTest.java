package org.vaesim.host.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The Shorrocks index and the share of movers on matrices worked out by hand. */
class MobilityTest {
    private static long[] matrix(int[][] cells) {
        long[] t = new long[100];
        for (int[] c : cells) {
            t[c[0] * 10 + c[1]] = c[2];
        }
        return t;
    }

    @Test
    void nobodyMovingIsZero() {
        int[][] cells = new int[10][];
        for (int i = 0; i < 10; i++) {
            cells[i] = new int[] {i, i, 100};
        }
        Mobility m = new Mobility(matrix(cells));
        assertEquals(0, m.shorrocks(), 1e-15);
        assertEquals(0, m.changedShare(), 1e-15);
        assertEquals(1000, m.agents());
    }

    @Test
    void aFullReversalIsTenNinths() {
        int[][] cells = new int[10][];
        for (int i = 0; i < 10; i++) {
            cells[i] = new int[] {i, 9 - i, 100};
        }
        Mobility m = new Mobility(matrix(cells));
        assertEquals(10.0 / 9, m.shorrocks(), 1e-15, "trace 0: (10 - 0) / 9");
        assertEquals(1, m.changedShare(), 1e-15);
    }

    @Test
    void emptyDecilesCountAsStaying() {
        // decile 0: 8 stay, 2 rise to 1; decile 1: 5 stay, 5 fall to 0; deciles 2..9 held nobody (P_ii = 1).
        // trace = 0.8 + 0.5 + 8 = 9.3, Shorrocks (10 - 9.3) / 9; movers 7 of 20
        Mobility m = new Mobility(matrix(new int[][] {{0, 0, 8}, {0, 1, 2}, {1, 1, 5}, {1, 0, 5}}));
        assertEquals(0.7 / 9, m.shorrocks(), 1e-15);
        assertEquals(0.35, m.changedShare(), 1e-15);
        assertArrayEquals(new long[] {13, 7, 0, 0, 0, 0, 0, 0, 0, 0}, m.deciles());
    }
}
