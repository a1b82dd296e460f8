package org.vaesim.kernels.inequality;

/**
 * The fixed bucketing of the wealth histogram (docs/inequality.md): log-linear over the whole signed 64-bit
 * range of micro-credits, like HdrHistogram with {@value #SUB_BITS} sub-bucket bits.
 *
 * <p>A magnitude u (0 &le; u &le; 2^63) has index u itself below 2 x {@value #SUB} (one bucket per
 * micro-credit), and above that, with k the position of u's highest set bit, {@code (k - 6) * 64 + (u >> (k - 6))}:
 * each power of two is cut into 64 equal buckets, so a bucket is at most 1/64 (1.6 %) of the magnitudes in it
 * wide. Wealth w &ge; 0 goes to bucket {@code ZERO + index(w)}, wealth w &lt; 0 to {@code ZERO - index(-w)}, so
 * bucket numbers increase with wealth: bucket 0 holds -2^63, {@link #ZERO} holds exactly 0, and bucket
 * {@code COUNT - 1} holds the largest positive values.
 *
 * <p>Each bucket has four 64-bit slots ({@link #FIELDS}): how many agents, their summed wealth, the smallest
 * and the largest wealth in it (an empty bucket has count 0, sum 0, min {@code Long.MAX_VALUE} and max
 * {@code Long.MIN_VALUE}). C twin: {@code vs_wealth_bucket} in inequality.cl.
 */
public final class WealthBuckets {
    /** Sub-bucket bits: 2^6 buckets per power of two. */
    public static final int SUB_BITS = 6;
    public static final int SUB = 1 << SUB_BITS;
    /** Index of the magnitude 2^63 (the most negative wealth), the largest magnitude index. */
    static final int MAX_MAGNITUDE_INDEX = magnitude(Long.MIN_VALUE);
    /** The bucket of wealth 0. */
    public static final int ZERO = MAX_MAGNITUDE_INDEX;
    /** Number of buckets. */
    public static final int COUNT = ZERO + magnitude(Long.MAX_VALUE) + 1;
    /** Slots per bucket, and their offsets. */
    public static final int FIELDS = 4;
    public static final int N = 0;
    public static final int SUM = 1;
    public static final int MIN = 2;
    public static final int MAX = 3;
    /** Length of a histogram array: {@link #COUNT} x {@link #FIELDS} longs. */
    public static final int LENGTH = COUNT * FIELDS;

    private WealthBuckets() {
    }

    /** Magnitude index of u, read as an unsigned 64-bit value (so -2^63 reads as 2^63). */
    public static int magnitude(long u) {
        int k = 63 - Long.numberOfLeadingZeros(u | 1); // highest set bit; 0 for u = 0 or 1
        int shift = Math.max(k - SUB_BITS, 0);
        // u >>> shift lies in [64, 128) once k >= 6: the sub-bucket, offset by the 64 buckets below
        return shift * SUB + (int) (u >>> shift);
    }

    /** The bucket of a wealth value. */
    public static int of(long wealth) {
        return wealth >= 0 ? ZERO + magnitude(wealth) : ZERO - magnitude(-wealth);
    }

    /** Smallest magnitude with index j, as an unsigned 64-bit value. */
    static long magnitudeLow(int j) {
        int shift = Math.max(j / SUB - 1, 0);
        return (long) (j - shift * SUB) << shift;
    }

    /** Largest magnitude with index j, as an unsigned 64-bit value. */
    static long magnitudeHigh(int j) {
        int shift = Math.max(j / SUB - 1, 0);
        return magnitudeLow(j) + (1L << shift) - 1;
    }

    /** Smallest wealth that falls in {@code bucket}. */
    public static long lowest(int bucket) {
        if (bucket >= ZERO) {
            return magnitudeLow(bucket - ZERO);
        }
        long high = magnitudeHigh(ZERO - bucket);
        return high < 0 ? Long.MIN_VALUE : -high; // magnitudes from 2^63 up only exist as -2^63
    }

    /** Largest wealth that falls in {@code bucket}. */
    public static long highest(int bucket) {
        return bucket >= ZERO ? magnitudeHigh(bucket - ZERO) : -magnitudeLow(ZERO - bucket);
    }

    /** Empties a histogram: counts and sums 0, min and max at their identities. */
    public static void clear(long[] histogram) {
        for (int b = 0; b < LENGTH; b += FIELDS) {
            histogram[b + N] = 0;
            histogram[b + SUM] = 0;
            histogram[b + MIN] = Long.MAX_VALUE;
            histogram[b + MAX] = Long.MIN_VALUE;
        }
    }

    /** Adds histogram {@code from} into {@code into}, bucket by bucket (order-independent: integer sums, min, max). */
    public static void merge(long[] from, long[] into) {
        for (int b = 0; b < LENGTH; b += FIELDS) {
            if (from[b + N] != 0) {
                into[b + N] += from[b + N];
                into[b + SUM] += from[b + SUM];
                into[b + MIN] = Math.min(into[b + MIN], from[b + MIN]);
                into[b + MAX] = Math.max(into[b + MAX], from[b + MAX]);
            }
        }
    }
}
