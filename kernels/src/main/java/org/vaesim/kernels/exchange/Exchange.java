package org.vaesim.kernels.exchange;

import org.vaesim.kernels.rng.Philox;
import org.vaesim.kernels.rng.Streams;
import org.vaesim.models.strategy.KineticParams;

/**
 * Kinetic wealth exchange between random pairs of one cohort (twin of exchange.cl). Pairs come from a keyed
 * permutation of the cohort, so every agent is in at most one pair and each pair is one independent work
 * item: no atomics, no dependence on scheduling. Every transfer is computed for one side and the other side
 * gets the rest, so cash is conserved exactly.
 */
public final class Exchange {
    public static final int RANDOM = 0;
    public static final int SAVING = 1;
    public static final int YARD_SALE = 2;
    /** A distributed saving propensity is kept in {@code trait} in millionths. */
    public static final double PPM = 1e-6;

    private Exchange() {
    }

    /** The kernel's code for a cohort's model. */
    public static int model(KineticParams k) {
        return switch (k.model()) {
            case RANDOM -> RANDOM;
            case SAVING -> SAVING;
            case YARD_SALE -> YARD_SALE;
        };
    }

    /** Half the bits of the permutation's domain: the smallest h with 4^h >= n. */
    public static int halfBits(int n) {
        int h = 0;
        while ((1L << (2 * h)) < n) {
            h++;
        }
        return h;
    }

    /**
     * A keyed bijection of [0, n): a 4-round Feistel network on 2h bits whose round function is Philox
     * (counter: value, epoch, STAGE_PERMUTE, round), and cycle walking to stay inside [0, n).
     */
    public static int permute(int index, int n, int h, int k0, int k1, int epoch, int[] rng) {
        int v = index;
        do {
            v = feistel(v, h, k0, k1, epoch, rng);
        } while (v >= n);
        return v;
    }

    private static int feistel(int v, int h, int k0, int k1, int epoch, int[] rng) {
        int mask = (1 << h) - 1;
        int left = v >>> h;
        int right = v & mask;
        for (int round = 0; round < 4; round++) {
            Philox.philox4x32_10(right, epoch, Streams.STAGE_PERMUTE, round, k0, k1, rng);
            int next = left ^ (rng[0] & mask);
            left = right;
            right = next;
        }
        return (left << h) | right;
    }

    /**
     * Exchanges within pairs [pairFrom, pairTo) of the cohort of {@code n} agents starting at {@code start}.
     * Pair k joins the agents at permuted positions 2k and 2k + 1.
     */
    public static void exchange(int pairFrom, int pairTo, int start, int n, int model, double lambda,
                                boolean distributed, double beta, long[] cash, int[] trait,
                                int k0, int k1, int epoch, int[] rng) {
        int h = halfBits(n);
        for (int k = pairFrom; k < pairTo; k++) {
            int a = start + permute(2 * k, n, h, k0, k1, epoch, rng);
            int b = start + permute(2 * k + 1, n, h, k0, k1, epoch, rng);
            Philox.philox4x32_10(k, epoch, Streams.STAGE_EXCHANGE, 0, k0, k1, rng);
            double u = (rng[0] & 0xFFFFFFFFL) * 0x1.0p-32; // uniform in [0, 1), exact in a double
            long ma = cash[a];
            long mb = cash[b];
            if (model == YARD_SALE) {
                long stake = (long) Math.floor(beta * Math.min(ma, mb));
                long toA = (rng[1] & 1) == 0 ? stake : -stake; // a fair coin
                cash[a] = ma + toA;
                cash[b] = mb - toA;
                continue;
            }
            long keepA = 0;
            long keepB = 0;
            if (model == SAVING) {
                double la = distributed ? trait[a] * PPM : lambda;
                double lb = distributed ? trait[b] * PPM : lambda;
                keepA = (long) Math.floor(la * ma);
                keepB = (long) Math.floor(lb * mb);
            }
            long pot = (ma - keepA) + (mb - keepB);
            long share = (long) Math.floor(u * pot);
            cash[a] = keepA + share;
            cash[b] = keepB + pot - share;
        }
    }

    /**
     * Negotiation in pairs [pairFrom, pairTo) (see NegotiationParams): a coin picks the buyer, value and cost
     * are drawn on [valueMin, valueMax], and when value exceeds cost the buyer pays the seller
     * cost + floor(k (value - cost)) ticks, k = seller power / (buyer power + seller power), if it can.
     */
    public static void negotiate(int pairFrom, int pairTo, int start, int n, int valueMin, int valueMax,
                                 double spread, long tickSize, long[] cash, int[] trait,
                                 int k0, int k1, int epoch, int[] rng) {
        int h = halfBits(n);
        for (int k = pairFrom; k < pairTo; k++) {
            int a = start + permute(2 * k, n, h, k0, k1, epoch, rng);
            int b = start + permute(2 * k + 1, n, h, k0, k1, epoch, rng);
            Philox.philox4x32_10(k, epoch, Streams.STAGE_NEGOTIATE, 0, k0, k1, rng);
            int buyer = (rng[0] & 1) == 0 ? a : b;
            int seller = buyer == a ? b : a;
            int value = Philox.uniform(rng[1], valueMin, valueMax);
            int cost = Philox.uniform(rng[2], valueMin, valueMax);
            if (value <= cost) {
                continue;
            }
            double sellerPower = 1 + spread * trait[seller];
            double buyerPower = 1 + spread * trait[buyer];
            long price = cost + (long) Math.floor(sellerPower / (buyerPower + sellerPower) * (value - cost));
            long amount = price * tickSize;
            if (cash[buyer] >= amount) {
                cash[buyer] -= amount;
                cash[seller] += amount;
            }
        }
    }

    /** Redistribution, step 1: every agent pays floor(tax x cash); returns what was collected. */
    public static long collectTax(int from, int to, double tax, long[] cash) {
        long pot = 0;
        for (int i = from; i < to; i++) {
            long paid = (long) Math.floor(tax * cash[i]);
            cash[i] -= paid;
            pot += paid;
        }
        return pot;
    }

    /**
     * Redistribution, step 2: agent {@code start + j} of a cohort of n gets {@code share} plus one more when
     * j < {@code remainder} (share = pot / n, remainder = pot % n: the whole pot goes back).
     */
    public static void refund(int from, int to, int start, long share, long remainder, long[] cash) {
        for (int i = from; i < to; i++) {
            cash[i] += share + (i - start < remainder ? 1 : 0);
        }
    }
}
