package org.vaesim.kernels.auction;

import org.vaesim.kernels.rng.Philox;
import org.vaesim.kernels.rng.Streams;
import org.vaesim.models.market.AuctionSpec;

/**
 * Clears one auction round on the host from the groups' bid histograms (docs/mechanisms.md has the rules).
 * Runs in O(groups x ticks) whatever the number of bidders; every quantity is an integer.
 *
 * <p>A <em>pool</em> of groups sells S units at one price. With D_g(t) the units group g bids at ticks >= t
 * and C_g its cap (none but under principal_cap), the pool's demand at t is sum_g min(D_g(t), C_g). If that is
 * below S at the reserve tick r, the price is r and each group gets all it bids for (up to its cap).
 * Otherwise the price p is the highest tick where demand still covers S (the lowest accepted bid: demand at
 * p is >= S, at p + 1 it is < S); groups get min(D_g(p + 1), C_g), and the S minus those units left over go
 * to the groups' bids at p, shared by cumulative rounding across groups from a random offset.
 */
public final class AuctionClear {
    /** Tie-offset slots of the pools (per-group offsets use slots 0..groups-1). */
    private static final int POOL_SLOT = 1 << 20;

    private AuctionClear() {
    }

    /**
     * The round's clearing from {@code demand} (group x width bid counts). Offsets are drawn from Philox with
     * counter (auction, epoch, STAGE_AUCTION_TIES, slot) under the key (k0, k1).
     */
    public static AuctionClearing clear(AuctionPlan plan, long[] demand, int epoch, int k0, int k1) {
        AuctionSpec spec = plan.spec();
        int groups = plan.groups().size();
        int width = plan.width();
        // d[g][t] = units group g bids at ticks >= t, for t = 0..width (d[g][width] = 0).
        long[][] d = new long[groups][width + 1];
        for (int g = 0; g < groups; g++) {
            for (int t = width - 1; t >= 0; t--) {
                d[g][t] = d[g][t + 1] + demand[g * width + t];
            }
        }
        AuctionClearing out = new AuctionClearing(groups);
        boolean[] all = new boolean[groups];
        java.util.Arrays.fill(all, true);
        Ties ties = new Ties(plan.index(), epoch, k0, k1);
        long supply = spec.supply();
        int r = spec.reserveTick();
        switch (spec.mechanism()) {
            case AuctionSpec.PrincipalCap cap -> {
                int p = pool(d, all, supply, cap.capUnits(), r, out.allocated, ties, 0);
                fillPrice(out, all, p);
                out.openPrice = p;
                out.smallPrice = p;
            }
            case AuctionSpec.ReservedShare reserved -> {
                int p = pool(d, all, supply, Long.MAX_VALUE, r, out.allocated, ties, 0);
                boolean[] small = new boolean[groups];
                boolean[] large = new boolean[groups];
                long smallGot = 0;
                long smallDemand = 0;
                for (int g = 0; g < groups; g++) {
                    small[g] = plan.small(g);
                    large[g] = !small[g];
                    if (small[g]) {
                        smallGot += out.allocated[g];
                        smallDemand += d[g][r];
                    }
                }
                long target = Math.min(reserved.reservedUnits(), smallDemand);
                if (smallGot >= target) {
                    fillPrice(out, all, p);
                    out.openPrice = p;
                    out.smallPrice = p;
                } else {
                    // The reserve binds: the reserved units are sold among small principals alone, at their own
                    // price (the reserve price if they bid for fewer), and the rest, with any reserved units they
                    // leave, among everyone else.
                    java.util.Arrays.fill(out.allocated, 0);
                    int ps = pool(d, small, reserved.reservedUnits(), Long.MAX_VALUE, r, out.allocated, ties, 1);
                    long smallWon = 0;
                    for (int g = 0; g < groups; g++) {
                        smallWon += small[g] ? out.allocated[g] : 0;
                    }
                    int pl = pool(d, large, supply - smallWon, Long.MAX_VALUE, r, out.allocated, ties, 2);
                    fillPrice(out, small, ps);
                    fillPrice(out, large, pl);
                    out.openPrice = pl;
                    out.smallPrice = ps;
                    out.reserveBinding = true;
                }
            }
            case AuctionSpec.UniformPrice u -> {
                int p = pool(d, all, supply, Long.MAX_VALUE, r, out.allocated, ties, 0);
                fillPrice(out, all, p);
                out.openPrice = p;
                out.smallPrice = p;
            }
            case AuctionSpec.EqualEndowment e -> {
                int p = pool(d, all, supply, Long.MAX_VALUE, r, out.allocated, ties, 0);
                fillPrice(out, all, p);
                out.openPrice = p;
                out.smallPrice = p;
            }
        }
        for (int g = 0; g < groups; g++) {
            long a = out.allocated[g];
            out.allocatedTotal += a;
            if (a == 0) {
                out.marginalTick[g] = width; // above every bid: nothing is won
                out.marginalFill[g] = 0;
                out.marginalTotal[g] = 1;
                continue;
            }
            int t = width - 1;
            while (d[g][t] < a) {
                t--;
            }
            out.marginalTick[g] = t;
            out.marginalFill[g] = a - d[g][t + 1];
            out.marginalTotal[g] = demand[g * width + t];
            out.offset[g] = ties.offset(g, out.marginalTotal[g]);
        }
        out.unsold = supply - out.allocatedTotal;
        return out;
    }

    private static void fillPrice(AuctionClearing out, boolean[] members, int price) {
        for (int g = 0; g < members.length; g++) {
            if (members[g]) {
                out.price[g] = price;
            }
        }
    }

    /**
     * Clears the pool of the groups in {@code members} for {@code supply} units, each group capped at
     * {@code cap}; writes their allocations into {@code allocated} and returns the price.
     */
    static int pool(long[][] d, boolean[] members, long supply, long cap, int reserve, long[] allocated, Ties ties,
                    int poolSlot) {
        int width = d.length == 0 ? 0 : d[0].length - 1;
        if (capped(d, members, reserve, cap) < supply) {
            for (int g = 0; g < d.length; g++) {
                if (members[g]) {
                    allocated[g] = Math.min(d[g][reserve], cap);
                }
            }
            return reserve;
        }
        int p = width - 1;
        while (capped(d, members, p, cap) < supply) {
            p--;
        }
        long left = supply;
        long marginal = 0;
        for (int g = 0; g < d.length; g++) {
            if (members[g]) {
                allocated[g] = Math.min(d[g][p + 1], cap);
                left -= allocated[g];
                marginal += Math.min(d[g][p], cap) - allocated[g];
            }
        }
        // `left` of the `marginal` capped units bid at p win: cumulative rounding across groups from an offset.
        long c = ties.offset(POOL_SLOT + poolSlot, marginal);
        for (int g = 0; g < d.length; g++) {
            if (members[g]) {
                long m = Math.min(d[g][p], cap) - Math.min(d[g][p + 1], cap);
                allocated[g] += (c + m) * left / marginal - c * left / marginal;
                c += m;
            }
        }
        return p;
    }

    private static long capped(long[][] d, boolean[] members, int t, long cap) {
        long sum = 0;
        for (int g = 0; g < d.length; g++) {
            if (members[g]) {
                sum += Math.min(d[g][t], cap);
            }
        }
        return sum;
    }

    /** The round's random starting offsets of the marginal rationing: uniform in [0, total). */
    static final class Ties {
        private final int auction;
        private final int epoch;
        private final int k0;
        private final int k1;
        private final int[] words = new int[4];

        Ties(int auction, int epoch, int k0, int k1) {
            this.auction = auction;
            this.epoch = epoch;
            this.k0 = k0;
            this.k1 = k1;
        }

        long offset(int slot, long total) {
            if (total <= 1) {
                return 0;
            }
            Philox.philox4x32_10(auction, epoch, Streams.STAGE_AUCTION_TIES, slot, k0, k1, words);
            return Philox.uniform(words[0], 0, (int) (total - 1));
        }
    }
}
