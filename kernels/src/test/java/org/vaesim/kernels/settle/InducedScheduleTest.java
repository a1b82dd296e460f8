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
        InducedSchedule.inducedSchedule(0, 5, false, 2, 0, new long[5], new int[] {5, 1, 0, -3, 9},
                new int[] {0, 0, 0, 0, 1}, new int[] {2, 2, 3, 3, 4}, hist, 2);
        assertArrayEquals(new long[] {0, 0, 0, 0, 3, 0, 0, 0}, hist, "ticks 2 and 3 sit at 4 and 5 (offset 2)");
    }

    /** Buyers with one tick's price plus fee or more take their units; a killed or pending one takes none. */
    @Test
    void buyersWhoCanPayForOneUnitTakeTheirUnits() {
        long min = InducedSchedule.minCash(10_000, 25); // 10,000 + floor(10,000 x 25 / 10,000) = 10,025
        assertEquals(10_025, min);
        long[] hist = new long[4];
        InducedSchedule.inducedSchedule(0, 4, true, 1, min, new long[] {10_025, 10_024, 1_000_000, 50_000},
                new int[4], new int[] {0, 0, 2, 0}, new int[] {1, 2, 3, 3}, hist, 0);
        assertArrayEquals(new long[] {0, 1, 0, 1}, hist);
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
