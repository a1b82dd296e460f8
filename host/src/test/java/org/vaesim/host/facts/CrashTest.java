package org.vaesim.host.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A crash measured from the level before it, on hand-made price paths whose answers are counted by hand. */
class CrashTest {
    private static int[] epochs(int n) {
        int[] e = new int[n];
        for (int i = 0; i < n; i++) {
            e[i] = i + 1;
        }
        return e;
    }

    /** A volume of 100 units every epoch: no volume feedback. */
    private static double[] flat(int n) {
        double[] v = new double[n];
        java.util.Arrays.fill(v, 100);
        return v;
    }

    @Test
    void measuresFromThePreCrashLevelNotFromAnOvershoot() {
        // epochs 1-4 at 20, the sell-off starts at epoch 5: 19, 18 (trough at 7, 10% down), then 19 (half way
        // back: 20 - 2/2 = 19), 21 (an overshoot, past the pre-crash level), 18.5
        double[] p = {20, 20, 20, 20, 19, 19, 18, 19, 21, 18.5};
        Crash c = Crash.of("a", epochs(p.length), p, flat(p.length), 5, 99);
        assertEquals(20, c.preCrashPrice());
        assertEquals(18, c.troughPrice());
        assertEquals(7, c.troughEpoch());
        assertEquals(2, c.epochsToTrough());
        assertEquals(0.1, c.depth(), 1e-15);
        assertEquals(1, c.halfRecoveryEpochs());
        assertEquals(2, c.fullRecoveryEpochs());
    }

    @Test
    void thePreCrashLevelIsTheMeanOfTheTwentyEpochsBeforeTheStart() {
        // 25 epochs before the start: the first 5 (at 100) are outside the window; the last 20 alternate 19 and 21
        double[] p = new double[30];
        for (int i = 0; i < 25; i++) {
            p[i] = i < 5 ? 100 : i % 2 == 0 ? 19 : 21;
        }
        p[25] = 16; // epoch 26, the start: 20% below the mean of 20
        for (int i = 26; i < 30; i++) {
            p[i] = 17; // never back half way (18)
        }
        Crash c = Crash.of("a", epochs(p.length), p, flat(p.length), 26, 99);
        assertEquals(20, c.preCrashPrice());
        assertEquals(0.2, c.depth(), 1e-15);
        assertEquals(0, c.epochsToTrough());
        assertNull(c.halfRecoveryEpochs());
        assertNull(c.fullRecoveryEpochs());
    }

    @Test
    void withoutEpochsBeforeTheStartTheOpeningPriceIsTheLevel() {
        double[] p = {10, 9, 10};
        Crash c = Crash.of("a", epochs(p.length), p, flat(p.length), 0, 10);
        assertEquals(10, c.preCrashPrice());
        assertEquals(0.1, c.depth(), 1e-15);
        assertEquals(1, c.halfRecoveryEpochs());
        assertEquals(1, c.fullRecoveryEpochs());
    }

    @Test
    void aPriceThatNeverFallsHasNoDepthAndNothingToRecover() {
        double[] p = {20, 20, 21, 22};
        Crash c = Crash.of("a", epochs(p.length), p, flat(p.length), 3, 20);
        assertEquals(-0.05, c.depth(), 1e-15); // the lowest price after the start is 5% above the level
        assertEquals(0, c.halfRecoveryEpochs());
        assertEquals(0, c.fullRecoveryEpochs());
    }

    @Test
    void aMarketThatNeverMovedHasNotFallenAndHasRecovered() {
        double[] p = new double[30];
        java.util.Arrays.fill(p, 20.3); // the mean of twenty 20.3s is 20.300000000000004 in doubles
        Crash c = Crash.of("a", epochs(p.length), p, flat(p.length), 21, 20.3);
        assertEquals(0, c.depth());
        assertEquals(0, c.halfRecoveryEpochs());
        assertEquals(0, c.fullRecoveryEpochs());
    }

    @Test
    void aStartAfterTheLastRecordedEpochIsAnError() {
        double[] p = {20, 20};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Crash.of("a", epochs(2), p, flat(2), 5, 20));
        assertEquals("market a: no epoch recorded from the sell-off's start at epoch 5 on, so there is no crash to"
                + " measure", e.getMessage());
    }

    @Test
    void thePeakVolumeRatioComparesTheLargestVolumeFromTheStartWithThePreCrashMean() {
        // 25 epochs before the start: the first 5 (volume 1,000) are outside the window, the last 20 alternate 50 and
        // 150 (mean 100); from the start 300, 999 (the peak: 9.99 times the mean), 200
        double[] p = new double[28];
        double[] v = new double[28];
        java.util.Arrays.fill(p, 20);
        for (int i = 0; i < 25; i++) {
            v[i] = i < 5 ? 1000 : i % 2 == 0 ? 50 : 150;
        }
        v[25] = 300;
        v[26] = 999;
        v[27] = 200;
        Crash c = Crash.of("a", epochs(p.length), p, v, 26, 20);
        assertEquals(9.99, c.peakVolumeRatio(), 1e-12);
        assertFalse(c.tookOff(), "just short of an order of magnitude");
        v[26] = 1000;
        Crash ten = Crash.of("a", epochs(p.length), p, v, 26, 20);
        assertEquals(10, ten.peakVolumeRatio(), 1e-12);
        assertTrue(ten.tookOff());
    }

    @Test
    void withoutPreCrashVolumeThereIsNoRatioAndNoTakeOff() {
        double[] p = {20, 20, 18, 19};
        Crash opening = Crash.of("a", epochs(p.length), p, flat(p.length), 0, 20); // no epoch before the start
        assertNull(opening.peakVolumeRatio());
        assertFalse(opening.tookOff());
        Crash quiet = Crash.of("a", epochs(p.length), p, new double[] {0, 0, 500, 0}, 3, 20); // nothing traded before
        assertNull(quiet.peakVolumeRatio());
        assertFalse(quiet.tookOff());
        assertEquals(0.1, quiet.depth(), 1e-15);
    }
}
