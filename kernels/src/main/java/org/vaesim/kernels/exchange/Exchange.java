package org.vaesim.kernels.exchange;

import org.vaesim.kernels.gate.Eligibility;
import org.vaesim.kernels.gate.RejectReason;
import org.vaesim.kernels.rng.Philox;
import org.vaesim.kernels.rng.Streams;
import org.vaesim.models.strategy.KineticParams;

/**
 * Kinetic wealth exchange between random pairs of one cohort (twin of exchange.cl). Pairs come from a keyed
 * permutation of the cohort, so every agent is in at most one pair and each pair is one independent work
 * item: no atomics, no dependence on scheduling. Every transfer is computed for one side and the other side
 * gets the rest, so cash is conserved exactly.
 *
 * <p>Both agents of a pair go through the check every mechanism shares ({@link Eligibility#check}); if either may
 * not take part, the pair does nothing. In kinetic exchange an agent takes part if it is active and its scope
 * authorizes its cohort's market, and pays at most its spend limit (an exchange that would take more from it does
 * not happen); a collision is not an order, so no rate limit applies, and the redistribution taxes and refunds only
 * the agents that take part. In negotiation the buyer pays the price within its cash and its spend limit, and each
 * side of a deal spends a token when rate-limited.
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
     * Why an agent with status {@code status} and reputation {@code reputation} may not pay {@code amount} in a
     * pair, or {@link Eligibility#ELIGIBLE}: the one check, with the exchange as an order of one unit (so the scope
     * rejects it only where it does not authorize the cohort's market) and {@code own} the mechanism's reason.
     */
    static int reason(int status, int reputation, int own, long amount, int bucket, Eligibility.Limits limits) {
        return Eligibility.check(status, 1, limits.largest(reputation), own, amount,
                limits.spendLimit(reputation), limits.capacity(), bucket);
    }

    /**
     * Exchanges within pairs [pairFrom, pairTo) of the cohort of {@code n} agents starting at {@code start}.
     * Pair k joins the agents at permuted positions 2k and 2k + 1; it exchanges only if both may take part, each
     * paying at most its spend limit ({@code limits}: the cohort's, without a rate limit). With capability as state
     * ({@code boost} not null, docs/capability.md) the yard sale's coin is biased: a wins with probability
     * power_a / (power_a + power_b), power = 1 + boost / 10^6, Boghosian et al.'s wealth-attained advantage with
     * capability in place of wealth; without it ({@code boost} null) the coin is the fair one it always was.
     */
    public static void exchange(int pairFrom, int pairTo, int start, int n, int model, double lambda,
                                boolean distributed, double beta, Eligibility.Limits limits, long[] cash,
                                int[] status, int[] reputation, int[] trait, int k0, int k1, int epoch, int[] rng,
                                int[] boost) {
        int h = halfBits(n);
        for (int k = pairFrom; k < pairTo; k++) {
            int a = start + permute(2 * k, n, h, k0, k1, epoch, rng);
            int b = start + permute(2 * k + 1, n, h, k0, k1, epoch, rng);
            Philox.philox4x32_10(k, epoch, Streams.STAGE_EXCHANGE, 0, k0, k1, rng);
            double u = (rng[0] & 0xFFFFFFFFL) * 0x1.0p-32; // uniform in [0, 1), exact in a double
            long ma = cash[a];
            long mb = cash[b];
            long toA;
            if (model == YARD_SALE) {
                long stake = (long) Math.floor(beta * Math.min(ma, mb));
                boolean aWins;
                if (boost != null) {
                    double pa = 1.0 + boost[a] / 1_000_000.0;
                    double pb = 1.0 + boost[b] / 1_000_000.0;
                    aWins = u < pa / (pa + pb);
                } else {
                    aWins = (rng[1] & 1) == 0; // a fair coin
                }
                toA = aWins ? stake : -stake;
            } else {
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
                toA = keepA + share - ma; // b gets the rest of the pot: mb - toA = keepB + pot - share
            }
            if (reason(status[a], reputation[a], -1, Math.max(0, -toA), 0, limits) == Eligibility.ELIGIBLE
                    && reason(status[b], reputation[b], -1, Math.max(0, toA), 0, limits) == Eligibility.ELIGIBLE) {
                cash[a] = ma + toA;
                cash[b] = mb - toA;
            }
        }
    }

    /**
     * Negotiation in pairs [pairFrom, pairTo) (see NegotiationParams): a coin picks the buyer, value and cost
     * are drawn on [valueMin, valueMax], and when value exceeds cost the buyer pays the seller
     * cost + floor(k (value - cost)) ticks, k = seller power / (buyer power + seller power), if it can: the price
     * within its cash, both sides through the one check (the buyer's spend limit on the price), each side then
     * spending a token when rate-limited. With capability as state ({@code boost} not null, docs/capability.md) each
     * side's power is multiplied by 1 + its boost / 10^6; without it ({@code boost} null) the arithmetic is the one
     * before capability existed.
     */
    public static void negotiate(int pairFrom, int pairTo, int start, int n, int valueMin, int valueMax,
                                 double spread, long tickSize, Eligibility.Limits limits, long[] cash, int[] status,
                                 int[] bucket, int[] reputation, int[] trait, int k0, int k1, int epoch, int[] rng,
                                 int[] boost) {
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
            if (boost != null) {
                sellerPower = sellerPower * (1.0 + boost[seller] / 1_000_000.0);
                buyerPower = buyerPower * (1.0 + boost[buyer] / 1_000_000.0);
            }
            long price = cost + (long) Math.floor(sellerPower / (buyerPower + sellerPower) * (value - cost));
            long amount = price * tickSize;
            int budget = cash[buyer] >= amount ? -1 : RejectReason.BUDGET.ordinal();
            if (reason(status[buyer], reputation[buyer], budget, amount, bucket[buyer], limits) == Eligibility.ELIGIBLE
                    && reason(status[seller], reputation[seller], -1, 0, bucket[seller], limits)
                    == Eligibility.ELIGIBLE) {
                cash[buyer] -= amount;
                cash[seller] += amount;
                if (limits.capacity() > 0) {
                    bucket[buyer] -= Eligibility.TOKEN;
                    bucket[seller] -= Eligibility.TOKEN;
                }
            }
        }
    }

    /**
     * Redistribution, step 1: every agent of [from, to) that takes part in the exchange (the one check, as in
     * {@link #exchange}) pays floor(tax x cash); adds what was collected to {@code sums[at]} and the agents that
     * took part to {@code sums[at + 1]}.
     */
    public static void collectTax(int from, int to, double tax, Eligibility.Limits limits, int[] status,
                                  int[] reputation, long[] cash, long[] sums, int at) {
        long pot = 0;
        long takers = 0;
        for (int i = from; i < to; i++) {
            if (reason(status[i], reputation[i], -1, 0, 0, limits) != Eligibility.ELIGIBLE) {
                continue;
            }
            long paid = (long) Math.floor(tax * cash[i]);
            cash[i] -= paid;
            pot += paid;
            takers++;
        }
        sums[at] += pot;
        sums[at + 1] += takers;
    }

    /**
     * Redistribution, step 2: each agent of [from, to) that takes part gets {@code share}, plus one more while its
     * rank among the cohort's agents that take part (from {@code rank}, the number of them before {@code from}) is
     * below {@code remainder} (share = pot / takers, remainder = pot % takers: the whole pot goes back).
     */
    public static void refund(int from, int to, long rank, long share, long remainder, Eligibility.Limits limits,
                              int[] status, int[] reputation, long[] cash) {
        long r = rank;
        for (int i = from; i < to; i++) {
            if (reason(status[i], reputation[i], -1, 0, 0, limits) == Eligibility.ELIGIBLE) {
                cash[i] += share + (r < remainder ? 1 : 0);
                r++;
            }
        }
    }
}
