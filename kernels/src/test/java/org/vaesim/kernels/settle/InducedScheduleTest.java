package org.vaesim.kernels.settle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class InducedScheduleTest {

    /**
     * Five sellers with cost tick 2, 2, 3, 3, 4 and units 2 per period: active with 5 units (trades 2), with 1 (trades
     * 1), sold out, short (a negative holding trades nothing), and killed (status 1).
     */
    @Test
    void sellersOfferWhatTheyHoldUpToTheirUnitsIfActive() {
        long[] hist = new long[8];
        InducedSchedule.inducedSchedule(0, 5, false, 2, 10_000, 0, new long[5], new int[] {5, 1, 0, -3, 9},
                new int[] {0, 0, 0, 0, 1}, new int[] {2, 2, 3, 3, 4}, hist, 2);
        assertArrayEquals(new long[] {0, 0, 0, 0, 3, 0, 0, 0}, hist, "ticks 2 and 3 sit at 4 and 5 (offset 2)");
    }

    /**
     * Buyers of value tick 2 (0.02 credits at a tick of 0.01) with a fee of 25 bps: a unit costs 20,000 + 50
     * micro-credits at the value. Units 3: cash for 3 or more units takes 3, for 1 takes 1, for less than one takes
     * none; a pending buyer (status 2) takes none.
     */
    @Test
    void buyersTakeWhatTheirCashPaysForAtTheirValue() {
        long[] hist = new long[4];
        InducedSchedule.inducedSchedule(0, 5, true, 3, 10_000, 25,
                new long[] {1_000_000, 20_050, 20_049, 60_150, 1_000_000}, new int[5], new int[] {0, 0, 0, 0, 2},
                new int[] {2, 2, 2, 1, 3}, hist, 0);
        // value 1: a unit costs 10,025, so 60,150 pays for 6: capped at 3
        assertArrayEquals(new long[] {0, 3, 3 + 1, 0}, hist);
    }

    @Test
    void slicesOfTheHistogramDoNotOverlap() {
        int width = 7;
        assertEquals(2 * 2 * 2 * width, InducedSchedule.length(2, width));
        assertEquals(0, InducedSchedule.at(0, true, true, width));
        assertEquals(width, InducedSchedule.at(0, true, false, width));
        assertEquals(2 * width, InducedSchedule.at(0, false, true, width));
        assertEquals(7 * width, InducedSchedule.at(1, false, false, width));
    }
}
