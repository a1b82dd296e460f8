package org.vaesim.kernels.linkage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vaesim.kernels.KernelBackends;

/**
 * The linking scan's contract on every backend: the Java twin called directly and {@code link_signature} on an
 * OpenCL or CUDA device. The expected rows are worked out by hand from the binning rules in Linkage's documentation;
 * a random population, whose range starts and ends off the 256-item work-group grid, must give the same row on every
 * backend.
 */
class LinkageTest {
    private static long[] scan(String backend, int from, int to, int reference, int width, int[] status,
                               int[] bidTick, int[] bidQty, int[] askTick, int[] askQty, int offset) {
        long[] out = new long[offset + Linkage.ROW];
        if (backend.equals("java")) {
            Linkage.signature(from, to, reference, width, status, bidTick, bidQty, askTick, askQty, out, offset);
        } else {
            KernelBackends.of(backend).run("link_signature", to - from, true, from, to, reference, width, status,
                    bidTick, bidQty, askTick, askQty, out, offset);
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(ints = {-9, -8, -5, -4, -1, 0, 3, 4, 31, 32, 100})
    void aggressionBinsAreFloorsOfTheWidthCentredOnZero(int ticks) {
        // width 4: bin = floor(ticks / 4) + 8, clamped to [0, 15]
        int expected = Math.max(0, Math.min(15, Math.floorDiv(ticks, 4) + 8));
        assertEquals(expected, Linkage.aggressionBin(ticks, 4));
    }

    /**
     * Reference 1000, width 4. Agent 0 bids 2 units at 1030 (aggression 30: bin 7 + 8 = 15; size bin 1); agent 1
     * asks 2 at 970 (aggression 30: bin 15; size 1); agent 2 bids 1 at 999 (aggression -1: floor(-1/4) = -1, bin 7;
     * size 0) and asks 20 at 1005 (aggression -5: floor = -2, bin 6; size 4); agent 3 is killed (skipped); agent 4
     * has no order. Agent 5, outside [0, 5), bids 7 at 1000 and is not counted.
     */
    @ParameterizedTest
    @ValueSource(strings = {"java", "opencl", "cuda"})
    void countsEachOrderOnceByAggressionAndSize(String backend) {
        int[] status = {0, 0, 0, 1, 0, 0};
        int[] bidTick = {1030, 0, 999, 1030, 0, 1000};
        int[] bidQty = {2, 0, 1, 2, 0, 7};
        int[] askTick = {0, 970, 1005, 0, 0, 0};
        int[] askQty = {0, 2, 20, 0, 0, 0};
        long[] row = scan(backend, 0, 5, 1000, 4, status, bidTick, bidQty, askTick, askQty, 3);
        long[] expected = new long[3 + Linkage.ROW];
        expected[3 + Linkage.BID_AGGRESSION + 15] = 1;
        expected[3 + Linkage.BID_AGGRESSION + 7] = 1;
        expected[3 + Linkage.BID_SIZE + 1] = 1;
        expected[3 + Linkage.BID_SIZE + 0] = 1;
        expected[3 + Linkage.ASK_AGGRESSION + 15] = 1;
        expected[3 + Linkage.ASK_AGGRESSION + 6] = 1;
        expected[3 + Linkage.ASK_SIZE + 1] = 1;
        expected[3 + Linkage.ASK_SIZE + 4] = 1;
        assertArrayEquals(expected, row);
    }

    /** Every backend gives the Java twin's row on a random population of 3,001 agents scanned from agent 37. */
    @ParameterizedTest
    @ValueSource(strings = {"opencl", "cuda"})
    void deviceRowEqualsTheJavaTwinsOnARandomPopulation(String backend) {
        int n = 3001;
        SplittableRandom r = new SplittableRandom(20261206);
        int[] status = new int[n];
        int[] bidTick = new int[n];
        int[] bidQty = new int[n];
        int[] askTick = new int[n];
        int[] askQty = new int[n];
        for (int i = 0; i < n; i++) {
            status[i] = r.nextInt(10) == 0 ? r.nextInt(1, 4) : 0;
            bidTick[i] = r.nextInt(1, 2001);
            bidQty[i] = r.nextInt(3) == 0 ? 0 : r.nextInt(1, 1 << r.nextInt(1, 31));
            askTick[i] = r.nextInt(1, 2001);
            askQty[i] = r.nextInt(3) == 0 ? 0 : r.nextInt(1, 100_000);
        }
        long[] java = scan("java", 37, n, 1000, 3, status, bidTick, bidQty, askTick, askQty, 0);
        long[] device = scan(backend, 37, n, 1000, 3, status, bidTick, bidQty, askTick, askQty, 0);
        assertArrayEquals(java, device);
        long counted = 0;
        for (int s = 0; s < Linkage.ROW; s++) {
            counted += java[s];
        }
        long orders = 0;
        for (int i = 37; i < n; i++) {
            orders += status[i] == 0 ? (bidQty[i] > 0 ? 2 : 0) + (askQty[i] > 0 ? 2 : 0) : 0;
        }
        assertEquals(orders, counted, "each active order adds to one aggression and one size bin");
    }
}
