package org.vaesim.host.metrics;

import java.math.BigInteger;
import java.util.List;

import org.vaesim.host.epoch.Engine;
import org.vaesim.kernels.inequality.Inequality;
import org.vaesim.kernels.inequality.WealthBuckets;
import org.vaesim.models.market.MarketSpec;

/**
 * The wealth distribution as the device reports it every metrics epoch: the fixed {@link WealthBuckets}
 * histogram (count, sum, min and max of every bucket) and the agents' total cash. From it, on the host: the
 * Gini coefficient, the top-1% and top-10% shares and 11 Lorenz points, each as a {@link Bounded} interval that
 * provably holds the exact value (the one {@link WealthDistribution} computes by sorting every agent's wealth),
 * and the bucket thresholds of the wealth deciles for rank mobility. Method and accuracy: docs/inequality.md.
 *
 * <p>Sums of wealth are 64-bit integers, as everywhere in vaesim: the population's total wealth, and the sum of
 * its negative part, must stay within ±9.2 x 10^12 credits. Scenario validation guarantees they stay within 2^62
 * micro-credits (docs/config-reference.md#numeric-limits); the host's sum of the buckets is exact besides.
 */
public final class WealthHistogram {
    /** Lorenz curve points: the poorest 0%, 10%, ..., 100% of agents. */
    public static final int LORENZ_POINTS = 11;

    private final long[] slots;
    private final int[] occupied;
    private final long agents;
    private final long total;
    private final long cash;
    private final Bounded gini;
    private final Bounded top1;
    private final Bounded top10;
    private final Bounded[] lorenz;
    private final int[] thresholds;

    /**
     * Takes {@code slots} ({@link WealthBuckets#LENGTH} longs, as a backend filled them; not copied) and the
     * agents' total cash.
     */
    public WealthHistogram(long[] slots, long cash) {
        if (slots.length != WealthBuckets.LENGTH) {
            throw new IllegalArgumentException("a wealth histogram has " + WealthBuckets.LENGTH + " slots, not "
                    + slots.length);
        }
        this.slots = slots;
        this.cash = cash;
        int used = 0;
        long n = 0;
        long sum = 0;
        for (int b = 0; b < WealthBuckets.COUNT; b++) {
            long c = slots[b * WealthBuckets.FIELDS + WealthBuckets.N];
            if (c > 0) {
                used++;
                n += c;
                sum = addWealth(sum, slots[b * WealthBuckets.FIELDS + WealthBuckets.SUM]);
            }
        }
        this.occupied = new int[used];
        for (int b = 0, k = 0; b < WealthBuckets.COUNT; b++) {
            if (slots[b * WealthBuckets.FIELDS + WealthBuckets.N] > 0) {
                occupied[k++] = b;
            }
        }
        this.agents = n;
        this.total = sum;
        this.gini = computeGini();
        this.top1 = topShare(1);
        this.top10 = topShare(10);
        this.lorenz = new Bounded[LORENZ_POINTS];
        for (int k = 0; k < LORENZ_POINTS; k++) {
            lorenz[k] = share(bottomSum(agents * k / (LORENZ_POINTS - 1)));
        }
        this.thresholds = computeThresholds();
    }

    private static long addWealth(long sum, long bucket) {
        try {
            return Math.addExact(sum, bucket);
        } catch (ArithmeticException e) {
            throw new ArithmeticException("the population's total wealth left 64 bits (" + sum + " + " + bucket
                    + " micro-credits)");
        }
    }

    /** Metrics pass 1 on the engine's backend, at each market's last price; reads the population, changes nothing. */
    public static WealthHistogram sample(Engine engine) {
        long[] slots = new long[WealthBuckets.LENGTH];
        long cash = engine.backend().wealthHistogram(unitPrices(engine), slots);
        return new WealthHistogram(slots, cash);
    }

    /** The histogram of the given wealth values, built on the host with the kernel's Java twin (tests, tools). */
    public static WealthHistogram of(long[] wealth) {
        long[] slots = new long[WealthBuckets.LENGTH];
        WealthBuckets.clear(slots);
        long cash = Inequality.wealthHistogram(0, wealth.length, 0, wealth, new int[wealth.length], slots);
        return new WealthHistogram(slots, cash);
    }

    /** Each market's unit price (micro-credits) at its last traded tick: the marks of the wealth passes. */
    public static long[] unitPrices(Engine engine) {
        List<MarketSpec> specs = engine.scenario().markets();
        long[] price = new long[specs.size()];
        for (int m = 0; m < price.length; m++) {
            price[m] = specs.get(m).priceOf(engine.markets().lastTick[m]);
        }
        return price;
    }

    public long agents() {
        return agents;
    }

    /** Total wealth in micro-credits. */
    public long total() {
        return total;
    }

    /** The agents' total cash in micro-credits. */
    public long cash() {
        return cash;
    }

    /** Buckets holding at least one agent. */
    public int occupiedBuckets() {
        return occupied.length;
    }

    /** A copy of the histogram's slots, as the backend wrote them ({@link WealthBuckets} layout). */
    public long[] slots() {
        return slots.clone();
    }

    public long count(int bucket) {
        return slots[bucket * WealthBuckets.FIELDS + WealthBuckets.N];
    }

    public long sum(int bucket) {
        return slots[bucket * WealthBuckets.FIELDS + WealthBuckets.SUM];
    }

    public long min(int bucket) {
        return slots[bucket * WealthBuckets.FIELDS + WealthBuckets.MIN];
    }

    public long max(int bucket) {
        return slots[bucket * WealthBuckets.FIELDS + WealthBuckets.MAX];
    }

    public Bounded gini() {
        return gini;
    }

    /** Share of total wealth held by the richest 1% of agents (rounded up to whole agents). */
    public Bounded top1Share() {
        return top1;
    }

    /** Share of total wealth held by the richest 10% of agents (rounded up to whole agents). */
    public Bounded top10Share() {
        return top10;
    }

    /** lorenz()[k]: the share of total wealth held by the poorest floor(k n / 10) agents. */
    public Bounded[] lorenz() {
        return lorenz.clone();
    }

    /**
     * The nine bucket thresholds of the deciles: an agent in bucket b is in decile
     * {@link Inequality#decile}{@code (b, thresholds)}, which is {@link #decileOf}{@code (b)} for every occupied b.
     */
    public int[] decileThresholds() {
        return thresholds.clone();
    }

    /**
     * The decile of the agents in an occupied bucket: that of the middle of the bucket in the ranking. The bucket
     * holds the agents ranked C + 1 .. C + c (C agents below it), its middle is at C + c/2 of n, and its decile is
     * floor(10 (C + c/2) / n), at most 9. Agents in one bucket count as tied and share a decile.
     */
    public int decileOf(int bucket) {
        long below = 0;
        for (int b : occupied) {
            if (b == bucket) {
                return decile(below, count(b));
            }
            below += count(b);
        }
        throw new IllegalArgumentException("bucket " + bucket + " holds no agent");
    }

    private int decile(long below, long c) {
        // floor(10 (2C + c) / (2n)) in integers: 10 x 2 x 2^31 fits a long
        return (int) Math.min(Inequality.DECILES - 1, Inequality.DECILES * (2 * below + c) / (2 * agents));
    }

    private int[] computeThresholds() {
        int[] t = new int[Inequality.THRESHOLDS];
        java.util.Arrays.fill(t, WealthBuckets.COUNT); // a decile no bucket reaches starts beyond the last one
        long below = 0;
        int next = 1;
        for (int b : occupied) {
            int d = decile(below, count(b));
            while (next <= d) {
                t[next - 1] = b;
                next++;
            }
            below += count(b);
        }
        return t;
    }

    /**
     * G = sum over ordered pairs |x_i - x_j| / (2 n S). Pairs in different buckets contribute exactly what the
     * counts and sums say (every value of a lower bucket is below every value of a higher one). Inside a bucket of
     * c agents with sum s, min a and max b (w = b - a), the pairs contribute D with
     * 2 (c - 1) w &le; D &le; 2 (s - c a)(c b - s) / w: the least when the c - 2 agents other than the two
     * extremes sit together, the most when the mass sits at the two ends (the empirical law on [a, b] with the
     * bucket's mean has E|X - Y| &le; 2 p (1 - p) w). Both ends are attained, so the interval is tight.
     */
    private Bounded computeGini() {
        if (agents == 0 || total == 0) {
            return Bounded.exactly(0);
        }
        BigInteger between = BigInteger.ZERO;
        BigInteger within = BigInteger.ZERO;
        double spread = 0; // sum of (D_max - D_min) over buckets
        long below = 0;
        BigInteger sumBelow = BigInteger.ZERO;
        for (int b : occupied) {
            long c = count(b);
            BigInteger s = BigInteger.valueOf(sum(b));
            // sum over pairs (i below, j in b) of x_j - x_i = below * s - c * sumBelow
            between = between.add(BigInteger.valueOf(below).multiply(s)).subtract(BigInteger.valueOf(c).multiply(sumBelow));
            long a = min(b);
            long z = max(b);
            if (c > 1 && z > a) {
                BigInteger w = BigInteger.valueOf(z).subtract(BigInteger.valueOf(a));
                BigInteger least = BigInteger.valueOf(2 * (c - 1)).multiply(w);
                within = within.add(least);
                BigInteger above = s.subtract(BigInteger.valueOf(c).multiply(BigInteger.valueOf(a)));
                BigInteger under = BigInteger.valueOf(c).multiply(BigInteger.valueOf(z)).subtract(s);
                double most = 2.0 * above.doubleValue() * under.doubleValue() / w.doubleValue();
                spread += Math.max(0, most - least.doubleValue());
            }
            below += c;
            sumBelow = sumBelow.add(s);
        }
        double denominator = 2.0 * agents * (double) total;
        double base = between.shiftLeft(1).add(within).doubleValue();
        return Bounded.between(base / denominator, (base + spread) / denominator);
    }

    /** The share of the richest ceil(n percent / 100) agents. */
    private Bounded topShare(int percent) {
        long top = (agents * percent + 99) / 100;
        double[] bottom = bottomSum(agents - top);
        return share(new double[] {total - bottom[1], total - bottom[0]});
    }

    private Bounded share(double[] sum) {
        if (total == 0) {
            return Bounded.exactly(0);
        }
        return Bounded.between(sum[0] / total, sum[1] / total);
    }

    /**
     * Bounds {lower, upper} on the summed wealth of the poorest m agents: whole buckets exactly, and of a bucket
     * (c, s, min a, max b) only r are taken: at least max(r a, s - (c - r) b), at most
     * min(r (s - b) / (c - 1), s - (c - r) a) (the r poorest are the poorest of the c - 1 agents other than one
     * holding b, so they hold at most their mean share).
     */
    private double[] bottomSum(long m) {
        long exact = 0;
        long taken = 0;
        for (int b : occupied) {
            long c = count(b);
            if (taken + c <= m) {
                exact += sum(b);
                taken += c;
                if (taken == m) {
                    break;
                }
                continue;
            }
            long r = m - taken;
            if (r == 0) {
                break;
            }
            double s = sum(b);
            double lo = Math.max((double) r * min(b), s - (double) (c - r) * max(b));
            double hi = Math.min((double) r * (s - max(b)) / (c - 1), s - (double) (c - r) * min(b));
            return new double[] {exact + lo, exact + hi};
        }
        return new double[] {exact, exact};
    }
}
