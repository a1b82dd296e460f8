package org.vaesim.kernels.capability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vaesim.kernels.Backends;
import org.vaesim.kernels.DeviceKernels;
import org.vaesim.kernels.KernelBackends;

/**
 * The capability kernels: hand-computed gains, reinvestment, depreciation and boosts on the Java twin, and the C
 * kernels against the twin on random columns (bit-identical) on each device backend.
 */
class CapabilityTest {
    private static final long M = Capability.MICRO;

    @Test
    void gainAddsWeightedUnitsWonAndNothingForAbsentBidders() {
        long[] stock = {5, 5, 5, 5, 5};
        int[] won = {9, 9, 3, -1, 0, 2}; // columns from 2 on belong to agents 1..4
        Capability.gain(1, 5, 2, 2 * M, won, stock);
        assertArrayEquals(new long[] {5, 5 + 6 * M, 5, 5, 5 + 4 * M}, stock);
    }

    @Test
    void updateReinvestsDepreciatesAndSaturatesTheBoost() {
        // agent 0 earned 10 credits: 30% reinvested at 2 credits a unit = 1.5 units; 1,000,000 stock + 1,500,000
        // = 2.5 units, less 10% = 2.25 units; boost = 0.5 x 2.25 / (2.25 + 2.25) = 0.25
        // agent 1 lost cash: nothing reinvested; 4 units less 10% = 3.6 units
        // agent 2 is killed: earned but reinvests nothing
        long[] cash = {110 * M, 40 * M, 80 * M};
        long[] last = {100 * M, 50 * M, 70 * M};
        long[] stock = {M, 4 * M, 0};
        int[] boost = new int[3];
        int[] status = {0, 0, 1};
        long invested = Capability.update(0, 3, 300_000, 2 * M, 100_000, 500_000.0, 2.25 * M, status, cash, last,
                stock, boost);
        assertEquals(3 * M, invested);
        assertArrayEquals(new long[] {107 * M, 40 * M, 80 * M}, cash);
        assertArrayEquals(cash, last, "the next epoch's earnings start from here");
        assertArrayEquals(new long[] {2_250_000, 3_600_000, 0}, stock);
        assertEquals(250_000, boost[0]);
        assertEquals((int) Math.floor(500_000.0 * 3_600_000 / (3_600_000 + 2_250_000.0)), boost[1]);
        assertEquals(0, boost[2]);
    }

    @Test
    void withoutFeedbackEveryBoostIsZero() {
        long[] stock = {Capability.MAX_STOCK, 7, 0};
        int[] boost = {1, 1, 1};
        Capability.update(0, 3, 0, M, 0, 0.0, 1.0 * M, new int[3], new long[3], new long[3], stock, boost);
        assertArrayEquals(new int[3], boost);
        assertArrayEquals(new long[] {Capability.MAX_STOCK, 7, 0}, stock, "no depreciation: the stock stays");
    }

    @Test
    void stocksSaturateInsteadOfOverflowing() {
        long[] stock = {Capability.MAX_STOCK - 1};
        Capability.gain(0, 1, 0, 1_000_000_000L, new int[] {Integer.MAX_VALUE}, stock);
        assertEquals(Capability.MAX_STOCK, stock[0]);
        // the largest reinvestment: 2^62 micro-credits earned, all spent at the lowest unit cost
        long[] cash = {1L << 62};
        Capability.update(0, 1, 1_000_000, M, 0, 1e7, 1.0, new int[1], cash, new long[1], stock, new int[1]);
        assertEquals(Capability.MAX_STOCK, stock[0]);
        assertEquals(0, cash[0]);
    }

    @ParameterizedTest
    @ValueSource(strings = {Backends.OPENCL, Backends.CUDA})
    void kernelsMatchTheirTwinBitForBit(String backend) {
        DeviceKernels cl = KernelBackends.of(backend);
        int n = 3001;
        int from = 37;
        int to = n - 11;
        SplittableRandom r = new SplittableRandom(5);
        int[] won = r.ints(n, -1, 7).toArray();
        long[] stockA = r.longs(n, 0, 50 * M).toArray();
        long[] stockB = stockA.clone();
        Capability.gain(from, to, 3, 1_500_000, won, stockA);
        cl.run("capability_gain", to - from, true, from, to, 3, 1_500_000L, won, stockB);
        assertArrayEquals(stockA, stockB, "stocks after the gain");
        long[] last = r.longs(n, 0, 1_000 * M).toArray();
        long[] cashA = new long[n];
        for (int i = 0; i < n; i++) {
            cashA[i] = Math.max(0, last[i] + r.nextLong(-50 * M, 50 * M));
        }
        long[] cashB = cashA.clone();
        long[] lastA = last.clone();
        long[] lastB = last.clone();
        int[] status = r.ints(n, 0, 4).toArray();
        int[] boostA = new int[n];
        int[] boostB = new int[n];
        long invested = Capability.update(from, to, 123_457, 3_300_000, 20_001, 1_750_000.0, 12.5 * M, status, cashA,
                lastA, stockA, boostA);
        long[] investedB = new long[1];
        cl.run("capability_update", to - from, true, from, to, 123_457L, 3_300_000L, 20_001L, 1_750_000.0,
                12.5 * M, status, cashB, lastB, stockB, boostB, investedB);
        assertTrue(invested > 0, "the case reinvests");
        assertEquals(invested, investedB[0], "invested");
        assertArrayEquals(cashA, cashB, "cash");
        assertArrayEquals(lastA, lastB, "last cash");
        assertArrayEquals(stockA, stockB, "stocks");
        assertArrayEquals(boostA, boostB, "boosts");
    }
}
