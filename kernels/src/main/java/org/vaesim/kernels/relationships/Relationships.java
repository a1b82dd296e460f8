package org.vaesim.kernels.relationships;

import org.vaesim.kernels.exchange.Exchange;
import org.vaesim.kernels.gate.Standing;
import org.vaesim.kernels.rng.Philox;
import org.vaesim.kernels.rng.Streams;

/**
 * Trade relationships (docs/experiments/quadrants.md): buyers and sellers of one market's good trade one unit a pair
 * an epoch, off the book, at the market's last price, and keep trading with the counterparty that last paid them.
 * Nobody designs the pairs. A buyer with a partner trades with it again ({@link #keep}); a buyer without one meets
 * the seller a keyed permutation gives it and, if that seller has no partner either and the trade pays both, the
 * two become partners ({@link #match}). A pair parts when a trade no longer pays either side (the price left
 * [cost, value], cash or goods ran out, one was stopped), and after a trade it stays together with probability
 * loyalty; agents that parted wait an epoch before they meet anyone new ({@link #release}).
 *
 * <p>Each agent has a private value (buyers) or cost (sellers) in ticks, drawn once from its own Philox word.
 * Partners are local indices: {@code buyerPartner[j]} is the seller buyer j trades with, {@code sellerPartner[s]}
 * the buyer seller s trades with, {@link #SINGLE} or {@link #LEFT} when none.
 * Partnerships are symmetric, so in {@link #keep} every seller is touched by its partner only, and in
 * {@link #match} the permutation sends at most one single buyer to each seller: no two work-items write the same
 * agent, and the passes give the same result in any order of their items (the C twins are relationships.cl).
 */
public final class Relationships {
    /** An agent without a partner, free to meet one. */
    public static final int SINGLE = -1;
    /** An agent whose pair parted this epoch: it meets nobody new until {@link #release} frees it. */
    public static final int LEFT = -2;
    /** {@code traded[j]}: buyer j did not trade this epoch. */
    public static final int NONE = 0;
    /** {@code traded[j]}: buyer j traded with the partner it already had. */
    public static final int REPEAT = 1;
    /** {@code traded[j]}: buyer j traded with a seller it met this epoch. */
    public static final int FIRST = 2;

    private Relationships() {
    }

    /** Agent {@code agent}'s private value (a buyer) or cost (a seller) in ticks, in [lo, hi]: fixed for the run. */
    public static int valueTick(int agent, int lo, int hi, int k0, int k1, int[] rng) {
        Philox.philox4x32_10(agent, 0, Streams.STAGE_RELATIONSHIP, 0, k0, k1, rng);
        return Philox.uniform(rng[0], lo, hi);
    }

    /**
     * Whether buyer j and seller s (local indices) trade one unit at {@code last} ticks: both active, the price in
     * [the seller's cost, the buyer's value], the buyer can pay it and the seller has a unit. If so, moves the unit
     * and the money.
     */
    static boolean trade(int j, int s, RelationshipsPlan p, int last, long[] cash, int[] inventory, int[] status,
                         int[] rng) {
        int b = p.buyersStart() + j;
        int a = p.sellersStart() + s;
        int vb = valueTick(b, p.valueMinTick(), p.valueMaxTick(), p.k0(), p.k1(), rng);
        int cs = valueTick(a, p.valueMinTick(), p.valueMaxTick(), p.k0(), p.k1(), rng);
        long price = last * p.tickSize();
        if (status[b] != Standing.ACTIVE || status[a] != Standing.ACTIVE || last <= 0 || last > vb || last < cs
                || cash[b] < price || inventory[a] < 1) {
            return false;
        }
        cash[b] -= price;
        cash[a] += price;
        inventory[b] += 1;
        inventory[a] -= 1;
        return true;
    }

    /** After buyer j's trade: does the pair stay together? With probability loyalty (a threshold of 2^32). */
    static boolean stays(int buyer, int epoch, long loyalty, int k0, int k1, int[] rng) {
        Philox.philox4x32_10(buyer, epoch, Streams.STAGE_RELATIONSHIP, 1, k0, k1, rng);
        return Philox.bernoulli(rng[0], loyalty);
    }

    /**
     * Pass 1, over buyers [from, to) (local indices): every buyer's {@code traded} is reset, and each one with a
     * partner trades with it again; the pair stays partners with probability loyalty, else both are
     * {@link #LEFT}. A pair whose trade does not happen parts too.
     */
    public static void keep(int from, int to, RelationshipsPlan p, int last, int epoch, long[] cash, int[] inventory,
                            int[] status, int[] buyerPartner, int[] sellerPartner, int[] traded, int[] rng) {
        for (int j = from; j < to; j++) {
            traded[j] = NONE;
            int s = buyerPartner[j];
            if (s < 0) {
                continue;
            }
            if (trade(j, s, p, last, cash, inventory, status, rng)) {
                traded[j] = REPEAT;
                if (stays(p.buyersStart() + j, epoch, p.loyalty(), p.k0(), p.k1(), rng)) {
                    continue;
                }
            }
            buyerPartner[j] = LEFT;
            sellerPartner[s] = LEFT;
        }
    }

    /**
     * Pass 2, over buyers [from, to): a buyer that is {@link #SINGLE} meets seller permute(j) of the run's
     * permutation for this epoch (none when that index is past the sellers); if the seller is single too and the
     * trade happens, they become partners, or part at once with probability 1 - loyalty.
     */
    public static void match(int from, int to, RelationshipsPlan p, int last, int epoch, long[] cash,
                             int[] inventory, int[] status, int[] buyerPartner, int[] sellerPartner, int[] traded,
                             int[] rng) {
        int n = p.sides();
        int h = Exchange.halfBits(n);
        for (int j = from; j < to; j++) {
            if (buyerPartner[j] != SINGLE) {
                continue;
            }
            int s = Exchange.permute(j, n, h, p.k0(), p.k1(), epoch, rng);
            if (s >= p.sellers() || sellerPartner[s] != SINGLE) {
                continue;
            }
            if (trade(j, s, p, last, cash, inventory, status, rng)) {
                traded[j] = FIRST;
                boolean stay = stays(p.buyersStart() + j, epoch, p.loyalty(), p.k0(), p.k1(), rng);
                buyerPartner[j] = stay ? s : LEFT;
                sellerPartner[s] = stay ? j : LEFT;
            }
        }
    }

    /** Pass 3, over [from, to) of max(buyers, sellers): the agents that parted this epoch are single again. */
    public static void release(int from, int to, RelationshipsPlan p, int[] buyerPartner, int[] sellerPartner) {
        for (int k = from; k < to; k++) {
            if (k < p.buyers() && buyerPartner[k] == LEFT) {
                buyerPartner[k] = SINGLE;
            }
            if (k < p.sellers() && sellerPartner[k] == LEFT) {
                sellerPartner[k] = SINGLE;
            }
        }
    }
}
