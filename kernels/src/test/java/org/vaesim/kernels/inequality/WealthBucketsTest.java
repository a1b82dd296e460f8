package org.vaesim.kernels.inequality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The bucket layout of docs/inequality.md, checked against values worked out by hand. */
class WealthBucketsTest {
    @Test
    void layoutHas7424BucketsWithZeroInTheMiddle() {
        // magnitudes: 128 one-wide buckets (0..127), then 64 per power of two from 2^7 to 2^62 (56 powers), and
        // 2^63 alone (only -2^63 has it): 128 + 56 * 64 = 3712 indices for w >= 0, 3712 more below zero
        assertEquals(3712, WealthBuckets.ZERO);
        assertEquals(7424, WealthBuckets.COUNT);
        assertEquals(7424 * 4, WealthBuckets.LENGTH);
    }

    @Test
    void smallValuesHaveABucketEachAndLargerOnes64PerPowerOfTwo() {
        int z = 3712;
        assertEquals(z, WealthBuckets.of(0));
        assertEquals(z + 1, WealthBuckets.of(1));
        assertEquals(z + 127, WealthBuckets.of(127));
        assertEquals(z + 128, WealthBuckets.of(128), "[128, 256) is cut into 64 buckets of width 2");
        assertEquals(z + 128, WealthBuckets.of(129));
        assertEquals(z + 129, WealthBuckets.of(130));
        assertEquals(z + 191, WealthBuckets.of(255));
        assertEquals(z + 192, WealthBuckets.of(256), "[256, 512): width 4");
        // one credit: 10^6 = 122 * 8192 + 576, in [2^19, 2^20): shift 13, index 13 * 64 + 122 = 954
        assertEquals(z + 954, WealthBuckets.of(1_000_000));
        assertEquals(999_424, WealthBuckets.lowest(z + 954));
        assertEquals(1_007_615, WealthBuckets.highest(z + 954));
        assertEquals(z - 1, WealthBuckets.of(-1));
        assertEquals(z - 128, WealthBuckets.of(-129));
        assertEquals(7423, WealthBuckets.of(Long.MAX_VALUE));
        assertEquals(0, WealthBuckets.of(Long.MIN_VALUE));
        assertEquals(1, WealthBuckets.of(Long.MIN_VALUE + 1));
    }

    @Test
    void bucketsTileTheWholeRangeInOrder() {
        assertEquals(Long.MIN_VALUE, WealthBuckets.lowest(0));
        assertEquals(Long.MAX_VALUE, WealthBuckets.highest(WealthBuckets.COUNT - 1));
        for (int b = 0; b < WealthBuckets.COUNT; b++) {
            long lo = WealthBuckets.lowest(b);
            long hi = WealthBuckets.highest(b);
            assertTrue(lo <= hi, "bucket " + b);
            assertEquals(b, WealthBuckets.of(lo), "lowest of " + b);
            assertEquals(b, WealthBuckets.of(hi), "highest of " + b);
            if (b + 1 < WealthBuckets.COUNT) {
                assertEquals(hi + 1, WealthBuckets.lowest(b + 1), "no gap after bucket " + b);
            }
            // width at most 1/64 of the smallest magnitude in it (above the one-wide buckets)
            long magnitude = Math.min(Math.abs(lo == Long.MIN_VALUE ? Long.MAX_VALUE : lo), Math.abs(hi));
            if (magnitude >= 128) {
                assertTrue(hi - lo + 1 <= magnitude / 64, "bucket " + b + " is too wide");
            } else {
                assertEquals(lo, hi, "bucket " + b + " holds one value");
            }
        }
    }

    @Test
    void bucketOrderFollowsWealthOrder() {
        SplittableRandom r = new SplittableRandom(9);
        for (int i = 0; i < 200_000; i++) {
            long a = r.nextLong() >> r.nextInt(64);
            long b = r.nextLong() >> r.nextInt(64);
            if (a < b) {
                assertTrue(WealthBuckets.of(a) <= WealthBuckets.of(b), a + " vs " + b);
            }
        }
    }
}
