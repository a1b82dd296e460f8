package org.vaesim.kernels.decide;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vaesim.kernels.rng.Philox;
import org.vaesim.kernels.rng.Streams;

/**
 * The manipulator's draws (sizes, distances, sides) by their definition: within their ranges, every value reached,
 * a drawn side fixed per agent and seed, and equal bounds giving the fixed orders of the strategy before the draws.
 */
class DecideManipulatorTest {
    private static final int N = 4000;
    private static final int LAST = 1000;
    private final int[] bidTick = new int[N];
    private final int[] bidQty = new int[N];
    private final int[] askTick = new int[N];
    private final int[] askQty = new int[N];

    private void decide(long seed, int epoch, int qtyMin, int qty, int washMin, int wash, int drawnSides) {
        long key = Philox.key(seed, Streams.DECIDE);
        DecideManipulator.decideManipulator(0, N, LAST, 3999, qtyMin, qty, washMin, wash, drawnSides, 1L << 32,
                bidTick, bidQty, askTick, askQty, Philox.keyLo(key), Philox.keyHi(key), epoch,
                Philox.agentWordScratch());
    }

    @Test
    void equalBoundsGiveTheFixedOrdersEvenAgentsBidding() {
        decide(7, 3, 20, 20, 30, 30, 0);
        for (int i = 0; i < N; i++) {
            boolean even = (i & 1) == 0;
            assertArrayEquals(even ? new int[] {LAST + 30, 20, 0, 0} : new int[] {0, 0, LAST - 30, 20},
                    new int[] {bidTick[i], bidQty[i], askTick[i], askQty[i]}, "agent " + i);
        }
    }

    @Test
    void drawnSizesAndDistancesCoverTheirRangesAndNothingElse() {
        decide(7, 3, 2, 20, 4, 30, 0);
        boolean[] sizes = new boolean[21];
        boolean[] distances = new boolean[31];
        for (int i = 0; i < N; i++) {
            int qty = bidQty[i] + askQty[i]; // one of them is 0
            int ticks = bidQty[i] > 0 ? bidTick[i] - LAST : LAST - askTick[i];
            assertTrue(qty >= 2 && qty <= 20 && ticks >= 4 && ticks <= 30, "agent " + i + ": " + qty + ", " + ticks);
            sizes[qty] = true;
            distances[ticks] = true;
        }
        for (int q = 2; q <= 20; q++) { // 4,000 draws over 19 values: a value never drawn has chance (18/19)^4000
            assertTrue(sizes[q], "size " + q + " drawn");
        }
        for (int t = 4; t <= 30; t++) {
            assertTrue(distances[t], "distance " + t + " drawn");
        }
    }

    /**
     * A drawn side is one coin per agent and seed: the same in every epoch, about half the agents buying (within
     * five binomial standard deviations of 2,000), and another seed another set of buyers.
     */
    @Test
    void drawnSidesAreFixedPerAgentAndSeedAndChangeWithTheSeed() {
        boolean[] buys = new boolean[N];
        decide(7, 0, 5, 5, 3, 3, 1);
        int buyers = 0;
        for (int i = 0; i < N; i++) {
            buys[i] = bidQty[i] > 0;
            buyers += buys[i] ? 1 : 0;
        }
        assertTrue(Math.abs(buyers - N / 2) <= 5 * Math.sqrt(N / 4.0), buyers + " buyers");
        decide(7, 9, 5, 5, 3, 3, 1);
        for (int i = 0; i < N; i++) {
            assertEquals(buys[i], bidQty[i] > 0, "agent " + i + " keeps its side");
        }
        decide(8, 9, 5, 5, 3, 3, 1);
        int same = 0;
        for (int i = 0; i < N; i++) {
            same += buys[i] == bidQty[i] > 0 ? 1 : 0;
        }
        assertNotEquals(N, same, "another seed, other buyers");
        assertTrue(Math.abs(same - N / 2) <= 5 * Math.sqrt(N / 4.0), same + " agents on the same side");
    }
}
