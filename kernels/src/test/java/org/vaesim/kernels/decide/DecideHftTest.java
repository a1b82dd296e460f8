package org.vaesim.kernels.decide;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** The hot potato by hand: after a fall, long HFTs dump everything; the others bid dipQty within their limit. */
class DecideHftTest {
    @Test
    void afterAFallTheOthersBidUpToTheirLimit() {
        // limit 20, aggression 3, quote 2, dip 1000; last 1000 after 1003: dump or bid at 997
        int[] inventory = {5, 0, -4, 20, 12};
        int[] bidTick = new int[5];
        int[] bidQty = new int[5];
        int[] askTick = new int[5];
        int[] askQty = new int[5];
        DecideHft.decideHft(0, 5, 1000, 1003, 3999, 2, 20, 3, 1000, inventory, bidTick, bidQty, askTick, askQty);
        assertArrayEquals(new int[] {0, 997, 997, 0, 0}, bidTick);
        assertArrayEquals(new int[] {0, 20, 24, 0, 0}, bidQty); // the room under the limit: 20 - 0, 20 + 4
        assertArrayEquals(new int[] {997, 0, 0, 997, 997}, askTick);
        assertArrayEquals(new int[] {5, 0, 0, 20, 12}, askQty);
        // with dipQty 2 (the quote, as before dip_qty) the flat and short ones bid 2
        DecideHft.decideHft(0, 5, 1000, 1003, 3999, 2, 20, 3, 2, inventory, bidTick, bidQty, askTick, askQty);
        assertArrayEquals(new int[] {0, 2, 2, 0, 0}, bidQty);
    }
}
