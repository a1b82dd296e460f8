package org.vaesim.kernels.clear;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vaesim.kernels.KernelBackends;

/**
 * Clearing against books computed by hand (the rule is in docs/market-clearing.md), on every backend: the
 * Java twin and the C kernel get the same books and must give the same, hand-computed, answers.
 */
class ClearTest {
    private static final int MAX_TICK = 99;

    private final long[] bids = new long[MAX_TICK + 1];
    private final long[] asks = new long[MAX_TICK + 1];
    private final ClearingResult r = new ClearingResult(1);

    private String backend;

    private void clear(int reference) {
        clear(backend, 0, 0, MAX_TICK, reference, 0, 0, false, bids, asks, r);
    }

    private void clear(String backend, int m, int base, int maxTick, int reference, long[] bids, long[] asks,
                       ClearingResult out) {
        clear(backend, m, base, maxTick, reference, 0, 0, false, bids, asks, out);
    }

    /** Clears market m on the named backend: the twin, or the C kernel over the same arrays. */
    static void clear(String backend, int m, int base, int maxTick, int reference, int lower, int upper,
                      boolean halted, long[] bids, long[] asks, ClearingResult out) {
        if (backend.equals("java")) {
            Clear.clear(m, base, maxTick, reference, lower, upper, halted, bids, asks, new long[maxTick + 2], out);
            return;
        }
        // The C kernel clears every market at once; keep only market m's answers, as the twin would.
        int markets = out.price.length;
        int width = bids.length / markets;
        int[] maxTicks = new int[markets];
        int[] references = new int[markets];
        java.util.Arrays.fill(maxTicks, maxTick);
        references[m] = reference;
        int[] lowers = new int[markets];
        int[] uppers = new int[markets];
        int[] halts = new int[markets];
        lowers[m] = lower;
        uppers[m] = upper;
        halts[m] = halted ? 1 : 0;
        ClearingResult all = new ClearingResult(markets);
        KernelBackends.of(backend).run("clear", markets, false, markets, width, maxTicks, references, lowers, uppers,
                halts, bids, asks, new long[markets * (width + 2)], all.price, all.volume, all.bidMarginalTick,
                all.bidMarginalFill, all.bidMarginalTotal, all.askMarginalTick, all.askMarginalFill,
                all.askMarginalTotal, all.residualBid, all.residualAsk, all.breach);
        out.price[m] = all.price[m];
        out.volume[m] = all.volume[m];
        out.bidMarginalTick[m] = all.bidMarginalTick[m];
        out.bidMarginalFill[m] = all.bidMarginalFill[m];
        out.bidMarginalTotal[m] = all.bidMarginalTotal[m];
        out.askMarginalTick[m] = all.askMarginalTick[m];
        out.askMarginalFill[m] = all.askMarginalFill[m];
        out.askMarginalTotal[m] = all.askMarginalTotal[m];
        out.residualBid[m] = all.residualBid[m];
        out.residualAsk[m] = all.residualAsk[m];
        out.breach[m] = all.breach[m];
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "opencl", "cuda"})
    void overlappingBookClearsAtTheTickNearestTheReference(String backend) {
        this.backend = backend;
        bids[12] = 10;
        asks[8] = 10;
        clear(11);
        assertEquals(11, r.price[0]);
        assertEquals(10, r.volume[0]);
        clear(5);
        assertEquals(8, r.price[0], "reference below the interval picks its lowest tick");
        clear(50);
        assertEquals(12, r.price[0], "reference above the interval picks its highest tick");
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "opencl", "cuda"})
    void referenceInsideTheBestIntervalIsItselfTheClearingPrice(String backend) {
        this.backend = backend;
        bids[11] = 10;
        asks[9] = 10;
        clear(10); // 9, 10 and 11 all clear 10 units with no imbalance
        assertEquals(10, r.price[0]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "opencl", "cuda"})
    void volumeTieGoesToTheSmallerImbalance(String backend) {
        this.backend = backend;
        bids[10] = 5;
        bids[9] = 2;
        asks[9] = 5;
        // V(9) = min(7, 5) = 5 with imbalance 2; V(10) = min(5, 5) = 5 with imbalance 0.
        clear(9);
        assertEquals(10, r.price[0]);
        assertEquals(5, r.volume[0]);
        assertEquals(10, r.bidMarginalTick[0]);
        assertEquals(5, r.bidMarginalFill[0]);
        assertEquals(9, r.askMarginalTick[0]);
        assertEquals(5, r.askMarginalFill[0]);
        assertEquals(9, r.residualBid[0], "the bids at 9 stay in the book");
        assertEquals(0, r.residualAsk[0]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "opencl", "cuda"})
    void bidsAboveTheClearingPriceAreRationedWhenTheyExceedTheVolume(String backend) {
        this.backend = backend;
        bids[12] = 10;
        asks[10] = 4;
        asks[13] = 20;
        // V = 4 at ticks 10, 11, 12 (imbalance 6 each); reference 0 picks 10. Only 4 of the 10 bids at 12 fill.
        clear(0);
        assertEquals(10, r.price[0]);
        assertEquals(4, r.volume[0]);
        assertEquals(12, r.bidMarginalTick[0]);
        assertEquals(4, r.bidMarginalFill[0]);
        assertEquals(10, r.askMarginalTick[0]);
        assertEquals(4, r.askMarginalFill[0]);
        assertEquals(12, r.residualBid[0]);
        assertEquals(13, r.residualAsk[0]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "opencl", "cuda"})
    void bookThatDoesNotCrossDoesNotTrade(String backend) {
        this.backend = backend;
        bids[8] = 5;
        bids[3] = 1;
        asks[9] = 5;
        clear(20);
        assertEquals(0, r.price[0]);
        assertEquals(0, r.volume[0]);
        assertEquals(8, r.residualBid[0]);
        assertEquals(9, r.residualAsk[0]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "opencl", "cuda"})
    void emptyBookDoesNotTrade(String backend) {
        this.backend = backend;
        clear(20);
        assertEquals(0, r.price[0]);
        assertEquals(0, r.residualBid[0]);
        assertEquals(0, r.residualAsk[0]);
    }

    /**
     * Smith (1962), test 1: eleven buyers with values $3.25 down to $0.75 and eleven sellers with costs $0.75
     * up to $3.25, in steps of $0.25. Demand meets supply at $2.00 with six units. On a $0.05 grid that is
     * tick 40; values and costs are ticks 65, 60, ... 15.
     */
    @ParameterizedTest
    @ValueSource(strings = {"java", "opencl", "cuda"})
    void smith1962TruthfulScheduleClearsAtTheCompetitiveEquilibrium(String backend) {
        this.backend = backend;
        for (int k = 0; k < 11; k++) {
            bids[65 - 5 * k] += 1;
            asks[15 + 5 * k] += 1;
        }
        clear(1);
        assertEquals(40, r.price[0]);
        assertEquals(6, r.volume[0]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "opencl", "cuda"})
    void marketsAtDifferentOffsetsClearIndependently(String backend) {
        this.backend = backend;
        long[] b = new long[2 * 100];
        long[] a = new long[2 * 100];
        b[100 + 30] = 3;
        a[100 + 20] = 3;
        b[50] = 1;
        ClearingResult two = new ClearingResult(2);
        clear(backend, 1, 100, 99, 25, b, a, two);
        clear(backend, 0, 0, 99, 25, b, a, two);
        assertEquals(25, two.price[1]);
        assertEquals(3, two.volume[1]);
        assertEquals(0, two.price[0]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "opencl", "cuda"})
    void priceOutsideTheBreakerBandIsNotExecutedAndReportedAsABreach(String backend) {
        this.backend = backend;
        bids[12] = 10;
        asks[8] = 10;
        clear(backend, 0, 0, MAX_TICK, 20, 14, 26, false, bids, asks, r); // nearest to 20 is 12, below the band
        assertEquals(0, r.price[0]);
        assertEquals(0, r.volume[0]);
        assertEquals(1, r.breach[0]);
        clear(backend, 0, 0, MAX_TICK, 20, 10, 26, false, bids, asks, r); // 12 is inside [10, 26]
        assertEquals(12, r.price[0]);
        assertEquals(0, r.breach[0]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "opencl", "cuda"})
    void haltedMarketDoesNotTradeAndIsNoBreach(String backend) {
        this.backend = backend;
        bids[12] = 10;
        asks[8] = 10;
        clear(backend, 0, 0, MAX_TICK, 10, 0, 0, true, bids, asks, r);
        assertEquals(0, r.price[0]);
        assertEquals(0, r.volume[0]);
        assertEquals(0, r.breach[0]);
        assertEquals(12, r.residualBid[0]);
        assertEquals(8, r.residualAsk[0]);
    }
}
