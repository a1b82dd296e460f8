package org.vaesim.kernels.auction;

import org.vaesim.kernels.gate.Eligibility;
import org.vaesim.kernels.gate.RejectReason;
import org.vaesim.kernels.rng.Philox;
import org.vaesim.kernels.rng.Streams;

/**
 * The agent-parallel stages of a resource auction round (twin of auction.cl; rules in docs/mechanisms.md):
 * {@link #bid} bins each bidder's unit bids and unit values into histograms, the host clears from them
 * ({@link AuctionClear}), {@link #marginalUnits} and {@link #allocate} give each bidder its units and take its
 * payment, and {@link #envy} counts bidders who prefer a bundle someone else got.
 *
 * <p>An agent's base value for the round is uniform in [valueMin, valueMax] (its Philox word for
 * (epoch, STAGE_AUCTION, auction)); its k-th unit is worth v_1 = base, v_(k+1) = floor(v_k x decay / 1000)
 * ticks, for k up to maxUnits and while v_k > 0. Its bid for unit k is min(cap_k, floor(budget / tickSize / k))
 * ticks, where the budget is its cash, at most its cohort's scope spend_limit (or the round's token budget in
 * an equal-endowment auction), and cap_k is
 * v_k (or the top tick, for tokens, which have no other use): a bidder never bids more than a unit is worth
 * to it nor more per unit than it could pay for k units. It bids for units while the bid is at least the
 * reserve. Both caps fall with k, so bids fall with k, and winning x units means winning units 1..x. Every
 * quantity is an integer: histograms, allocations and payments are the same on every backend.
 *
 * <p>Each round a bidder sends one bid, which goes through the check every mechanism shares
 * ({@link Eligibility#check}, as an order of one unit or more): a killed, pending or refused agent, one whose scope
 * does not authorize the auction (its name or resource type) and one whose token bucket is empty do not take part.
 * They bid nothing, win nothing, pay nothing and are left out of the round's values, allocation Gini and envy
 * ({@code won} = {@link #ABSENT}); the killed, out-of-scope and rate-limited ones are counted by reason. A bidder
 * that takes part spends one token (when rate-limited), bids for at most its largest order (maxUnits capped by the
 * scope's max_order_qty, or probation's) and pays at most its spend limit.
 *
 * <p>With a value boost column ({@code boost}, millionths per agent, {@link org.vaesim.kernels.AgentBoost#VALUE};
 * null: none) a bidder with boost b values the round's units more: its base value becomes
 * {@link #boosted}(base, b), and every later unit's value, bid, count and envy follow from that base as before.
 */
public final class Auction {
    /** Rows of the per-range totals: units won, payment (micro-credits or micro-tokens), value won (ticks). */
    public static final int UNITS = 0;
    public static final int PAYMENT = 1;
    public static final int VALUE = 2;
    /** Then the bids rejected by the one check, by {@link RejectReason} (killed, scope, rate_limit). */
    public static final int REJECTS = 3;
    public static final int TOTALS = REJECTS + RejectReason.COUNT;
    /** {@code won} of a bidder that did not take part in the latest round. */
    public static final int ABSENT = -1;
    /** Rows of the per-range envy counts: agents who envy a bundle, and who still do with one unit removed. */
    public static final int ENVIOUS = 0;
    public static final int ENVIOUS_UP_TO_ONE = 1;
    public static final int ENVY = 2;

    private Auction() {
    }

    /** Agent i's base value for this round. */
    public static int baseValue(int i, int epoch, int auction, int valueMin, int valueMax, int k0, int k1, int[] rng) {
        return Philox.uniform(Philox.agentWord(i, epoch, Streams.STAGE_AUCTION, auction, k0, k1, rng), valueMin,
                valueMax);
    }

    /**
     * A base value {@code base} (ticks) with boost {@code b} (millionths): base + floor(base x b / 10^6), at most the
     * top tick {@code maxTick} (the histograms end there); base itself when b is 0, so no boost is no change.
     */
    public static int boosted(int base, int b, int maxTick) {
        if (b == 0) {
            return base;
        }
        long v = base + (long) base * b / 1_000_000L;
        return v < maxTick ? (int) v : maxTick;
    }

    /** Agent i's boost in {@code boost} (millionths), or 0 without a column. */
    static int boostOf(int[] boost, int i) {
        return boost == null ? 0 : boost[i];
    }

    /** The next unit's value: floor(v x decay / 1000), decay in permille. */
    static int nextValue(int v, int decayPermille) {
        return v * decayPermille / 1000;
    }

    /**
     * Ticks the round's budget pays for in all: floor(budget / tickSize). The budget is the token budget when
     * it is > 0 (equal endowment), else the agent's cash, at most its scope's spend limit per epoch.
     */
    static long affordable(long cash, long tokenBudget, long spendLimit, long tickSize) {
        return (tokenBudget > 0 ? tokenBudget : Math.min(cash, spendLimit)) / tickSize;
    }

    /** The bid for unit k worth v: min(v, or the top tick for tokens, floor(affordable / k)). */
    static int bidTick(int v, int k, long affordable, boolean tokens, int maxTick) {
        int cap = tokens ? maxTick : v;
        long afford = affordable / k;
        return afford < cap ? (int) afford : cap;
    }

    /**
     * Why an agent with status {@code status}, reputation {@code reputation} and {@code bucket} tokens may not bid
     * in a round, or {@link Eligibility#ELIGIBLE}: the one check, with the bid as an order of one unit or more (so
     * the scope rejects it only where it does not authorize the auction). Its payment stays within its spend limit
     * by construction (the budget), so the check's amount is 0.
     */
    static int reason(int status, int reputation, int bucket, Eligibility.Limits limits) {
        return Eligibility.check(status, 1, limits.largest(reputation), -1, 0, limits.spendLimit(), limits.capacity(),
                bucket);
    }

    /**
     * Bins the unit bids of agents [from, to) that take part into {@code demand[demandBase + tick]} and their unit
     * values (all units with value > 0, bid or not: units their largest order keeps them from bidding for count as
     * value the round could have had) into {@code values[tick]}. Runs of equal ticks are added at once.
     */
    public static void bid(int from, int to, int epoch, int auction, int valueMin, int valueMax, int maxUnits,
                           int decayPermille, int reserveTick, int maxTick, long tickSize, long tokenBudget,
                           Eligibility.Limits limits, long[] cash, int[] status, int[] bucket, int[] reputation,
                           int[] boost, long[] demand, int demandBase, long[] values, int k0, int k1, int[] rng) {
        Philox.forgetAgentWords(rng);
        boolean tokens = tokenBudget > 0;
        for (int i = from; i < to; i++) {
            int rep = reputation[i];
            if (reason(status[i], rep, bucket[i], limits) != Eligibility.ELIGIBLE) {
                continue;
            }
            int units = Math.min(maxUnits, limits.largest(rep));
            int v = boosted(baseValue(i, epoch, auction, valueMin, valueMax, k0, k1, rng), boostOf(boost, i), maxTick);
            long affordable = affordable(cash[i], tokenBudget, limits.spendLimit(rep), tickSize);
            boolean bidding = true;
            int bidRunTick = 0;
            long bidRun = 0;
            int valueRunTick = 0;
            long valueRun = 0;
            for (int k = 1; k <= maxUnits && v > 0; k++) {
                if (v != valueRunTick) {
                    if (valueRun > 0) {
                        values[valueRunTick] += valueRun;
                    }
                    valueRunTick = v;
                    valueRun = 0;
                }
                valueRun++;
                if (bidding && k <= units) {
                    int t = bidTick(v, k, affordable, tokens, maxTick);
                    if (t < reserveTick) {
                        bidding = false;
                    } else {
                        if (t != bidRunTick) {
                            if (bidRun > 0) {
                                demand[demandBase + bidRunTick] += bidRun;
                            }
                            bidRunTick = t;
                            bidRun = 0;
                        }
                        bidRun++;
                    }
                }
                v = nextValue(v, decayPermille);
            }
            if (valueRun > 0) {
                values[valueRunTick] += valueRun;
            }
            if (bidRun > 0) {
                demand[demandBase + bidRunTick] += bidRun;
            }
        }
    }

    /**
     * Units of one agent bid strictly above tick {@code marginalTick} (high word) and at it (low word), packed
     * as {@code above << 32 | at}.
     */
    static long count(int base, int maxUnits, int decayPermille, int reserveTick, int maxTick, long affordable,
                      boolean tokens, int marginalTick) {
        int above = 0;
        int at = 0;
        int v = base;
        for (int k = 1; k <= maxUnits && v > 0; k++) {
            int t = bidTick(v, k, affordable, tokens, maxTick);
            if (t < reserveTick) {
                break;
            }
            if (t > marginalTick) {
                above++;
            } else if (t == marginalTick) {
                at++;
            }
            v = nextValue(v, decayPermille);
        }
        return (long) above << 32 | at;
    }

    /** The units agents [from, to) bid at {@code marginalTick}: their share of the group's queue there. */
    public static long marginalUnits(int from, int to, int epoch, int auction, int valueMin, int valueMax,
                                     int maxUnits, int decayPermille, int reserveTick, int maxTick, long tickSize,
                                     long tokenBudget, Eligibility.Limits limits, int marginalTick, long[] cash,
                                     int[] status, int[] bucket, int[] reputation, int[] boost, int k0, int k1,
                                     int[] rng) {
        Philox.forgetAgentWords(rng);
        boolean tokens = tokenBudget > 0;
        long sum = 0;
        for (int i = from; i < to; i++) {
            int rep = reputation[i];
            if (reason(status[i], rep, bucket[i], limits) != Eligibility.ELIGIBLE) {
                continue;
            }
            int base = boosted(baseValue(i, epoch, auction, valueMin, valueMax, k0, k1, rng), boostOf(boost, i),
                    maxTick);
            long c = count(base, Math.min(maxUnits, limits.largest(rep)), decayPermille, reserveTick, maxTick,
                    affordable(cash[i], tokenBudget, limits.spendLimit(rep), tickSize), tokens, marginalTick);
            sum += (int) c;
        }
        return sum;
    }

    /** Sum of the values of units 1..x (ticks): what x units are worth to the agent. */
    static long valueOf(int base, int maxUnits, int decayPermille, int x) {
        long sum = 0;
        int v = base;
        for (int k = 1; k <= x && k <= maxUnits && v > 0; k++) {
            sum += v;
            v = nextValue(v, decayPermille);
        }
        return sum;
    }

    /** How many units the agent values strictly above {@code price} ticks: its best quantity at that price. */
    static int unitsWorthMoreThan(int base, int maxUnits, int decayPermille, long price) {
        int n = 0;
        int v = base;
        for (int k = 1; k <= maxUnits && v > price; k++) {
            n++;
            v = nextValue(v, decayPermille);
        }
        return n;
    }

    /**
     * Gives agents [from, to) (columns from {@code column} on) their units and takes their payment. Units bid
     * above the group's marginal tick are won; those at it share the tick's fill F out of its total T by
     * cumulative rounding from a random offset o: with C the units lower-indexed agents of the group bid there
     * ({@code cursor[0]}, advanced), an agent with q units there wins floor((C+o+q)F/T) - floor((C+o)F/T). The
     * shares add up to F exactly, for any o (the sum telescopes: floor((T+o)F/T) - floor(oF/T) = F), and each
     * marginal unit wins with probability F/T. Payment is units x priceTick x tickSize, from cash (or in tokens,
     * counted but not taken from anything). Adds units, payment, value and the rejected bids by reason to
     * {@code totals[totalsAt..]} and each agent that took part to {@code qty[qtyAt + units]}; an agent that did not
     * gets {@code won} = {@link #ABSENT}, and one that did spends a token when rate-limited.
     */
    public static void allocate(int from, int to, int column, int epoch, int auction, int valueMin, int valueMax,
                                int maxUnits, int decayPermille, int reserveTick, int maxTick, long tickSize,
                                long tokenBudget, Eligibility.Limits limits, int marginalTick, long fill, long total,
                                long offset, int priceTick, long[] cash, int[] status, int[] bucket,
                                int[] reputation, int[] boost, int[] won, long[] totalWon, long[] cursor,
                                long[] totals, int totalsAt, long[] qty, int qtyAt, int k0, int k1, int[] rng) {
        Philox.forgetAgentWords(rng);
        boolean tokens = tokenBudget > 0;
        long c = cursor[0];
        long units = 0;
        long paid = 0;
        long value = 0;
        for (int i = from; i < to; i++) {
            int col = column + (i - from);
            int rep = reputation[i];
            int reason = reason(status[i], rep, bucket[i], limits);
            if (reason != Eligibility.ELIGIBLE) {
                won[col] = ABSENT;
                if (reason >= 0) {
                    totals[totalsAt + REJECTS + reason]++;
                }
                continue;
            }
            if (limits.capacity() > 0) {
                bucket[i] -= Eligibility.TOKEN;
            }
            int top = Math.min(maxUnits, limits.largest(rep));
            int base = boosted(baseValue(i, epoch, auction, valueMin, valueMax, k0, k1, rng), boostOf(boost, i),
                    maxTick);
            long counted = count(base, top, decayPermille, reserveTick, maxTick,
                    affordable(cash[i], tokenBudget, limits.spendLimit(rep), tickSize), tokens, marginalTick);
            int above = (int) (counted >>> 32);
            int at = (int) counted;
            long share = 0;
            if (at > 0) {
                share = (c + offset + at) * fill / total - (c + offset) * fill / total;
                c += at;
            }
            int x = above + (int) share;
            long payment = (long) x * priceTick * tickSize;
            if (!tokens) {
                cash[i] -= payment;
            }
            won[col] = x;
            totalWon[col] += x;
            units += x;
            paid += payment;
            value += valueOf(base, maxUnits, decayPermille, x);
            qty[qtyAt + x]++;
        }
        cursor[0] = c;
        totals[totalsAt + UNITS] += units;
        totals[totalsAt + PAYMENT] += paid;
        totals[totalsAt + VALUE] += value;
    }

    /**
     * Counts agents [from, to) who envy a bundle another bidder got. A bundle is x units at a group price P; its
     * utility to agent i is U_i(x) - w x P (values and price in ticks; w = 1 when paying in cash, 0 for tokens,
     * which are worth nothing outside the round). For each distinct price m, {@code below[m * span + y]} is the
     * largest quantity someone got at that price that is at most y, {@code above[...]} the smallest at least y
     * (-1 when none). U_i(x) - w x P is concave in x with its peak at x* = the units worth more than wP, so the
     * best bundle at price m is below(x*) or above(x*): two comparisons per price decide envy exactly.
     * {@code below1}/{@code above1} describe the same bundles with one unit (and its price) removed: an agent
     * who still envies one of those violates envy-freeness up to one unit. An agent that did not take part
     * ({@code won} = {@link #ABSENT}) is not counted.
     */
    public static void envy(int from, int to, int column, int epoch, int auction, int valueMin, int valueMax,
                            int maxUnits, int decayPermille, int maxTick, int ownPriceTick, int weight, int prices,
                            int[] priceTicks, int[] below, int[] above, int[] below1, int[] above1, int span,
                            int[] won, int[] boost, long[] counts, int countsAt, int k0, int k1, int[] rng) {
        Philox.forgetAgentWords(rng);
        long envious = 0;
        long enviousUpToOne = 0;
        for (int i = from; i < to; i++) {
            int x = won[column + (i - from)];
            if (x == ABSENT) {
                continue;
            }
            int base = boosted(baseValue(i, epoch, auction, valueMin, valueMax, k0, k1, rng), boostOf(boost, i),
                    maxTick);
            long own = valueOf(base, maxUnits, decayPermille, x) - (long) weight * x * ownPriceTick;
            boolean e = false;
            boolean e1 = false;
            for (int m = 0; m < prices; m++) {
                long p = (long) weight * priceTicks[m];
                int best = unitsWorthMoreThan(base, maxUnits, decayPermille, p);
                int at = m * span + best;
                e |= better(below[at], base, maxUnits, decayPermille, p, own)
                        || better(above[at], base, maxUnits, decayPermille, p, own);
                e1 |= better(below1[at], base, maxUnits, decayPermille, p, own)
                        || better(above1[at], base, maxUnits, decayPermille, p, own);
            }
            envious += e ? 1 : 0;
            enviousUpToOne += e1 ? 1 : 0;
        }
        counts[countsAt + ENVIOUS] += envious;
        counts[countsAt + ENVIOUS_UP_TO_ONE] += enviousUpToOne;
    }

    /** Whether q units at price p (q = -1: no such bundle) are worth more to the agent than {@code own}. */
    private static boolean better(int q, int base, int maxUnits, int decayPermille, long p, long own) {
        return q >= 0 && valueOf(base, maxUnits, decayPermille, q) - q * p > own;
    }
}
