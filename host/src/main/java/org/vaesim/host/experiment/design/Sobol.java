package org.vaesim.host.experiment.design;

/**
 * Sobol' low-discrepancy points in [0, 1)^dims with the direction numbers of Joe and Kuo ("Constructing Sobol
 * sequences with better two-dimensional projections", SIAM J. Sci. Comput. 30, 2008; the table new-joe-kuo-6.21201,
 * of which the first {@value #MAX_DIMS} dimensions are here), in Gray-code order as in their reference generator
 * (Antonov and Saleev): point i+1 is point i with the direction number of the lowest zero bit of i xored in, so
 * point 0 is the origin and the first points of two dimensions are (0, 0), (0.5, 0.5), (0.75, 0.25), (0.25, 0.75).
 *
 * <p>Scrambled, every coordinate goes through Owen's nested uniform scrambling (A. B. Owen, "Randomly permuted
 * (t,m,s)-nets and (t,s)-sequences", 1995): digit k of a coordinate is flipped by a random bit that depends on the
 * dimension, on k and on the k digits above it, so the points keep the net's stratification (each of the 2^m
 * elementary intervals of a dimension holds one of the first 2^m points) while each point is uniform on [0, 1).
 * The flips are drawn lazily from Philox keyed by the design's seed ({@link DesignRandom}), which makes this exact
 * nested scrambling of the 32 digits a point has, not a hashed approximation; digits below 2^-32 (all zero before
 * scrambling) become uniform random bits, as nested scrambling makes them.
 */
public final class Sobol {
    /** Dimensions with direction numbers here (1 and Joe-Kuo's 2..20). */
    public static final int MAX_DIMS = 20;
    private static final int BITS = 32;
    /** Purposes of the scrambling's draws (third counter word). */
    private static final int FLIP = 2;
    private static final int TAIL = 3;

    /**
     * Joe and Kuo, new-joe-kuo-6.21201, dimensions 2..20: degree s of the primitive polynomial, its coefficients a
     * (the s-1 middle ones as bits, highest first), and the initial direction numbers m_1..m_s.
     */
    private static final int[][] JOE_KUO = {
        {1, 0, 1},
        {2, 1, 1, 3},
        {3, 1, 1, 3, 1},
        {3, 2, 1, 1, 1},
        {4, 1, 1, 1, 3, 3},
        {4, 4, 1, 3, 5, 13},
        {5, 2, 1, 1, 5, 5, 17},
        {5, 4, 1, 1, 5, 5, 5},
        {5, 7, 1, 1, 7, 11, 19},
        {5, 11, 1, 1, 5, 1, 1},
        {5, 13, 1, 1, 1, 3, 11},
        {5, 14, 1, 3, 5, 5, 31},
        {6, 1, 1, 3, 3, 9, 7, 49},
        {6, 13, 1, 1, 1, 15, 21, 21},
        {6, 16, 1, 3, 1, 13, 27, 49},
        {6, 19, 1, 1, 1, 15, 7, 5},
        {6, 22, 1, 3, 1, 15, 13, 25},
        {6, 25, 1, 1, 5, 5, 19, 61},
        {7, 1, 1, 3, 7, 11, 23, 15, 103},
    };

    private Sobol() {
    }

    /** {@code n} points of {@code dims} coordinates in [0, 1), as {@code points[i][j]}; scrambled with {@code seed}. */
    public static double[][] points(int n, int dims, boolean scramble, long seed) {
        if (n < 1 || dims < 1 || dims > MAX_DIMS) {
            throw new IllegalArgumentException("Sobol points need n >= 1 and 1 <= dims <= " + MAX_DIMS + ", got "
                    + n + ", " + dims);
        }
        int[][] v = new int[dims][];
        for (int j = 0; j < dims; j++) {
            v[j] = directions(j);
        }
        DesignRandom random = scramble ? new DesignRandom(seed) : null;
        double[][] u = new double[n][dims];
        int[] x = new int[dims];
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                int c = Integer.numberOfTrailingZeros(~(i - 1)); // the lowest zero bit of i - 1
                for (int j = 0; j < dims; j++) {
                    x[j] ^= v[j][c];
                }
            }
            for (int j = 0; j < dims; j++) {
                u[i][j] = scramble ? owen(x[j], j, random) : (x[j] & 0xFFFFFFFFL) * 0x1.0p-32;
            }
        }
        return u;
    }

    /** Direction numbers v_1..v_32 of dimension {@code j} (0-based) as 32-bit binary fractions, highest bit first. */
    static int[] directions(int j) {
        int[] v = new int[BITS];
        if (j == 0) {
            for (int k = 0; k < BITS; k++) {
                v[k] = 1 << (BITS - 1 - k); // the van der Corput sequence
            }
            return v;
        }
        int[] row = JOE_KUO[j - 1];
        int s = row[0];
        int a = row[1];
        for (int k = 0; k < s; k++) {
            v[k] = row[2 + k] << (BITS - 1 - k);
        }
        // Bratley and Fox's recurrence: v_k = a_1 v_{k-1} ^ ... ^ a_{s-1} v_{k-s+1} ^ v_{k-s} ^ (v_{k-s} >> s)
        for (int k = s; k < BITS; k++) {
            int next = v[k - s] ^ (v[k - s] >>> s);
            for (int l = 1; l < s; l++) {
                if (((a >>> (s - 1 - l)) & 1) != 0) {
                    next ^= v[k - l];
                }
            }
            v[k] = next;
        }
        return v;
    }

    /**
     * Owen's nested uniform scrambling of one 32-digit coordinate of dimension {@code j}: digit k (from the top) is
     * flipped by the random bit of the node that the k digits above it lead to, in dimension j's tree.
     */
    private static double owen(int x, int j, DesignRandom random) {
        int y = 0;
        for (int k = 0; k < BITS; k++) {
            // the node: the k leading digits of x, with a 1 in front so that prefixes of different lengths differ
            int prefix = k == 0 ? 1 : (1 << k) | (x >>> (BITS - k));
            int flip = random.word(prefix, (j << 5) | k, FLIP) & 1;
            y |= ((x >>> (BITS - 1 - k) & 1) ^ flip) << (BITS - 1 - k);
        }
        // below the 32 digits, each leaf's own uniform random bits (a node per whole x, so a key on x and j)
        int tail = random.word(x, j, TAIL) >>> 11; // 21 bits
        return (((y & 0xFFFFFFFFL) << 21) | tail) * 0x1.0p-53;
    }
}
