package org.vaesim.kernels.gate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrincipalLimitTest {

    /**
     * Ten bids, three allowed, offset 0: order c passes where floor((c + 1) 3 / 10) > floor(c 3 / 10), i.e. at
     * c = 3, 6 and 9; with offset 1 the steps fall one order earlier, at c = 2, 5 and 8.
     */
    @Test
    void spreadsTheAllowedOrdersEvenlyFromTheOffset() {
        int[] bids = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
        assertEquals(7, PrincipalLimit.limit(0, 10, 0, 3, 10, 0, bids, new int[10]));
        assertArrayEquals(new int[] {0, 0, 0, 1, 0, 0, 1, 0, 0, 1}, bids);
        int[] shifted = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
        PrincipalLimit.limit(0, 10, 0, 3, 10, 1, shifted, new int[10]);
        assertArrayEquals(new int[] {0, 0, 1, 0, 0, 1, 0, 0, 1, 0}, shifted);
    }

    @Test
    void everythingPassesWithinTheAllowance() {
        int[] bids = {1, 0, 2};
        int[] asks = {3, 1, 0};
        assertEquals(0, PrincipalLimit.limit(0, 3, 0, 4, 4, 2, bids, asks));
        assertArrayEquals(new int[] {1, 0, 2}, bids);
        assertArrayEquals(new int[] {3, 1, 0}, asks);
    }

    /** Whatever the offset and wherever the range is cut, exactly the allowed number of orders passes. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 1000})
    void exactlyTheAllowedPassWhereverTheRangeIsCut(int epoch) {
        SplittableRandom r = new SplittableRandom(epoch);
        int n = 500;
        int[] bids = r.ints(n, 0, 2).toArray();
        int[] asks = r.ints(n, 0, 2).toArray();
        long total = PrincipalLimit.orders(0, n, bids, asks);
        long allowed = total / 3;
        long offset = PrincipalLimit.offset(epoch, total);
        int[] wholeBids = bids.clone();
        int[] wholeAsks = asks.clone();
        int dropped = PrincipalLimit.limit(0, n, 0, allowed, total, offset, wholeBids, wholeAsks);
        assertEquals(total - allowed, dropped);
        assertEquals(allowed, PrincipalLimit.orders(0, n, wholeBids, wholeAsks));
        int[] cutBids = bids.clone();
        int[] cutAsks = asks.clone();
        long cursor = 0;
        for (int from = 0; from < n; from += 37) {
            int to = Math.min(n, from + 37);
            long orders = PrincipalLimit.orders(from, to, cutBids, cutAsks);
            PrincipalLimit.limit(from, to, cursor, allowed, total, offset, cutBids, cutAsks);
            cursor += orders;
        }
        assertArrayEquals(wholeBids, cutBids);
        assertArrayEquals(wholeAsks, cutAsks);
    }

    @Test
    void theOffsetMovesEveryEpochAndStaysBelowTheTotal() {
        assertEquals(0, PrincipalLimit.offset(0, 10));
        assertEquals(2654435761L % 1000, PrincipalLimit.offset(1, 1000));
        assertEquals((2 * 2654435761L) % (1L << 32) % 999, PrincipalLimit.offset(2, 999));
        assertEquals(0, PrincipalLimit.offset(5, 0), "no orders, no offset");
    }
}
