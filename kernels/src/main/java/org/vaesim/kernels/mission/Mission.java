package org.vaesim.kernels.mission;

import org.vaesim.kernels.gate.Eligibility;
import org.vaesim.kernels.gate.Gate;
import org.vaesim.kernels.gate.RejectReason;
import org.vaesim.kernels.rng.Philox;
import org.vaesim.kernels.rng.Streams;
import org.vaesim.models.mission.MissionSpec;

/**
 * The agent-parallel stages of a mission round (twin of mission.cl; rules in docs/mechanisms.md#missions):
 * {@link #bid} bins each eligible bidder's score into the mission's score histogram, the host clears the
 * procurement from it ({@link MissionClear}), and {@link #marginalCount} and {@link #deliver} award the tasks,
 * draw each delivery, pay from escrow and update reputation.
 *
 * <p>An agent's capability (millionths) is uniform in its cohort's [capabilityMin, capabilityMax], drawn once
 * per agent and mission from the INIT stream (counter (agent, 0, STAGE_MISSION_CAPABILITY, mission)), never
 * stored. Each round its cost is uniform in [costMin, costMax] ticks (DECIDE stream, (agent, epoch,
 * STAGE_MISSION_COST, mission)) and it asks max(1, cost - subsidy ticks). It bids when its capability and
 * reputation reach the mission's floors, its ask is at most the reserve and the check every mechanism shares lets
 * the bid through ({@link Eligibility#check}: a bid for one task; killed, pending and refused agents, those whose
 * scope does not name the mission among its markets and those whose token bucket is empty do not bid, and the
 * deliver stage counts the killed, out-of-scope and rate-limited ones by reason); its score is
 * {@link MissionSpec#score}(ask, reputation, w). A winner delivers with probability capability (a Bernoulli
 * draw on (agent, epoch, STAGE_MISSION_DELIVERY, mission)); it is paid {@link MissionSpec#payment} ticks x
 * tickSize plus the subsidy on delivery, or the advance share of that price on failure, and its reputation
 * moves by the gate's rule ({@link Gate#reputation}). A rate-limited bidder spends one token per bid, in the
 * deliver stage. Every quantity is an integer: histograms, awards and payments are the same on every backend.
 *
 * <p>With a task boost column ({@code boost}, millionths per agent, {@link org.vaesim.kernels.AgentBoost#TASK};
 * null: none) an agent with boost b is more able at every task: its failure probability and its cost are divided by
 * 1 + b / 10^6 ({@link #boostedCapability}, {@link #boostedCost}), and everything after (the floors, the ask, the
 * score, the delivery draw, the capability totals) uses the boosted figures.
 */
public final class Mission {
    /** Rows of the per-range totals. */
    public static final int BIDS = 0;
    public static final int AWARDED = 1;
    public static final int DELIVERED = 2;
    /** Micro-credits from escrow: prices of delivered tasks and advances of failed ones. */
    public static final int PAID = 3;
    /** Micro-credits of advances paid for tasks that were not delivered (paid without delivering). */
    public static final int ADVANCE_LOST = 4;
    /** Micro-credits of subsidy paid on delivered tasks. */
    public static final int SUBSIDY = 5;
    /** Sums over winners of their capability and of their reputation at bid time (millionths). */
    public static final int CAPABILITY = 6;
    public static final int REPUTATION = 7;
    /** Then the bids rejected by the one check, by {@link RejectReason} (killed, scope, rate_limit). */
    public static final int REJECTS = 8;
    public static final int TOTALS = REJECTS + RejectReason.COUNT;
    static final int PPM = MissionSpec.PPM;

    private Mission() {
    }

    /** Agent i's capability in this mission (millionths). */
    public static int capability(int i, int mission, int capMin, int capMax, int i0, int i1, int[] rng) {
        return Philox.uniform(Philox.agentWord(i, 0, Streams.STAGE_MISSION_CAPABILITY, mission, i0, i1, rng),
                capMin, capMax);
    }

    /**
     * Capability {@code cap} (millionths) with boost {@code b} (millionths): the failure share 10^6 - cap divided by
     * 1 + b / 10^6 and rounded down, 10^6 - floor((10^6 - cap) x 10^6 / (10^6 + b)); cap itself when b is 0.
     */
    public static int boostedCapability(int cap, int b) {
        if (b == 0) {
            return cap;
        }
        return PPM - (int) ((long) (PPM - cap) * PPM / (PPM + (long) b));
    }

    /** Cost {@code cost} (ticks) with boost {@code b}: floor(cost x 10^6 / (10^6 + b)); cost itself when b is 0. */
    public static int boostedCost(int cost, int b) {
        if (b == 0) {
            return cost;
        }
        return (int) ((long) cost * PPM / (PPM + (long) b));
    }

    /** Agent i's boost in {@code boost} (millionths), or 0 without a column. */
    static int boostOf(int[] boost, int i) {
        return boost == null ? 0 : boost[i];
    }

    /** Agent i's cost of a task in this round (ticks). */
    static int cost(int i, int epoch, int mission, int costMin, int costMax, int k0, int k1, int[] rng) {
        return Philox.uniform(Philox.agentWord(i, epoch, Streams.STAGE_MISSION_COST, mission, k0, k1, rng), costMin,
                costMax);
    }

    /**
     * The agent's score by the mission's own rules, or -1 when they keep it from bidding (a capability or
     * reputation below the floor, or an ask above the reserve).
     */
    static long score(int reputation, int capability, int cost, int minCapability, int minReputation,
                      int subsidyTicks, int reserve, int weight) {
        if (capability < minCapability || reputation < minReputation) {
            return -1;
        }
        long ask = Math.max(1, (long) cost - subsidyTicks);
        if (ask > reserve) {
            return -1;
        }
        return MissionSpec.score(ask, reputation, weight);
    }

    /**
     * The bidding rules of one bidder range in one round: what every stage recomputes a score from, with the
     * range's limits in this mission for the one check.
     */
    public record Rules(int epoch, int mission, int costMin, int costMax, int capMin, int capMax, int minCapability,
                        int minReputation, int subsidyTicks, int reserve, int weight, int k0, int k1, int i0, int i1,
                        Eligibility.Limits limits) {
    }

    /**
     * Why an agent with a score (one that would bid) may not bid, or {@link Eligibility#ELIGIBLE}: the one check,
     * with the bid as an order for one task that commits no money.
     */
    static int reason(int status, int reputation, int bucket, Eligibility.Limits limits) {
        return Eligibility.check(status, 1, limits.largest(reputation), -1, 0, limits.spendLimit(), limits.capacity(),
                bucket);
    }

    /** Adds one to {@code hist[score]} for each agent of [from, to) that bids. */
    public static void bid(int from, int to, Rules r, int[] status, int[] bucket, int[] reputation, int[] boost,
                           long[] hist) {
        int[] capRng = Philox.agentWordScratch();
        int[] costRng = Philox.agentWordScratch();
        for (int i = from; i < to; i++) {
            long s = score(i, r, reputation[i], boostOf(boost, i), capRng, costRng);
            if (s >= 0 && reason(status[i], reputation[i], bucket[i], r.limits) == Eligibility.ELIGIBLE) {
                hist[(int) s]++;
            }
        }
    }

    /**
     * The agent's score by the mission's own rules ({@link #score(int, int, int, int, int, int, int, int)}), with its
     * boost {@code b}.
     */
    private static long score(int i, Rules r, int reputation, int b, int[] capRng, int[] costRng) {
        int cap = boostedCapability(capability(i, r.mission, r.capMin, r.capMax, r.i0, r.i1, capRng), b);
        int cost = boostedCost(cost(i, r.epoch, r.mission, r.costMin, r.costMax, r.k0, r.k1, costRng), b);
        return score(reputation, cap, cost, r.minCapability, r.minReputation, r.subsidyTicks, r.reserve, r.weight);
    }

    /** The bidders of [from, to) whose score is {@code marginal}: their share of the marginal queue. */
    public static long marginalCount(int from, int to, Rules r, long marginal, int[] status, int[] bucket,
                                     int[] reputation, int[] boost) {
        int[] capRng = Philox.agentWordScratch();
        int[] costRng = Philox.agentWordScratch();
        long n = 0;
        for (int i = from; i < to; i++) {
            n += score(i, r, reputation[i], boostOf(boost, i), capRng, costRng) == marginal
                    && reason(status[i], reputation[i], bucket[i], r.limits) == Eligibility.ELIGIBLE ? 1 : 0;
        }
        return n;
    }

    /**
     * Awards, delivers and pays the agents of [from, to), whose per-bidder columns start at {@code column}. A
     * bidder whose score is below {@code marginal} wins a task; of the {@code total} bidders at the marginal score
     * {@code fill} win, by cumulative rounding from {@code offset} in queue order: the one with C bidders before
     * it there ({@code cursor[0]}, advanced) wins iff floor((C+o+1)F/T) - floor((C+o)F/T) = 1, which picks exactly
     * F of them for any o. A winner is paid {@link MissionSpec#payment}(payScore) ticks; on delivery that price
     * and {@code subsidy} go to its cash, on failure the {@code advancePpm} share of the price. A bid the one check
     * rejects is counted by reason, and a rate-limited bidder spends a token per bid. Adds the range's rows to
     * {@code totals[totalsAt + row]}.
     */
    public static void deliver(int from, int to, int column, Rules r, long marginal, long fill, long total,
                               long offset, long payScore, int advancePpm, long subsidy, long tickSize, int gain,
                               int loss, long[] cash, int[] status, int[] bucket, int[] reputation, int[] boost,
                               int[] awarded, int[] delivered, long[] paid, long[] cursor, long[] totals,
                               int totalsAt) {
        int[] capRng = Philox.agentWordScratch();
        int[] costRng = Philox.agentWordScratch();
        int[] deliverRng = Philox.agentWordScratch();
        long c = cursor[0];
        long[] sum = new long[TOTALS];
        for (int i = from; i < to; i++) {
            int rep = reputation[i];
            int b = boostOf(boost, i);
            int cap = boostedCapability(capability(i, r.mission, r.capMin, r.capMax, r.i0, r.i1, capRng), b);
            int cost = boostedCost(cost(i, r.epoch, r.mission, r.costMin, r.costMax, r.k0, r.k1, costRng), b);
            long s = score(rep, cap, cost, r.minCapability, r.minReputation, r.subsidyTicks, r.reserve, r.weight);
            if (s < 0) {
                continue;
            }
            int reason = reason(status[i], rep, bucket[i], r.limits);
            if (reason != Eligibility.ELIGIBLE) {
                if (reason >= 0) {
                    sum[REJECTS + reason]++;
                }
                continue;
            }
            if (r.limits.capacity() > 0) {
                bucket[i] -= Eligibility.TOKEN;
            }
            sum[BIDS]++;
            boolean win = s < marginal;
            if (s == marginal) {
                win = (c + offset + 1) * fill / total - (c + offset) * fill / total == 1;
                c++;
            }
            if (!win) {
                continue;
            }
            long price = MissionSpec.payment(payScore, rep, r.weight, r.reserve) * tickSize;
            // capability in millionths as a threshold on a 32-bit word: P(word < threshold) = capability
            long threshold = ((long) cap << 32) / PPM;
            boolean ok = Philox.bernoulli(Philox.agentWord(i, r.epoch, Streams.STAGE_MISSION_DELIVERY, r.mission,
                    r.k0, r.k1, deliverRng), threshold);
            int col = column + (i - from);
            awarded[col]++;
            long pay;
            long top = 0;
            if (ok) {
                pay = price;
                top = subsidy;
                delivered[col]++;
                sum[DELIVERED]++;
                sum[SUBSIDY] += subsidy;
                reputation[i] = Gate.reputation(rep, false, gain, loss);
            } else {
                pay = price / PPM * advancePpm + price % PPM * advancePpm / PPM;
                sum[ADVANCE_LOST] += pay;
                reputation[i] = Gate.reputation(rep, true, gain, loss);
            }
            cash[i] += pay + top;
            paid[col] += pay + top;
            sum[AWARDED]++;
            sum[PAID] += pay;
            sum[CAPABILITY] += cap;
            sum[REPUTATION] += rep;
        }
        cursor[0] = c;
        for (int k = 0; k < TOTALS; k++) {
            totals[totalsAt + k] += sum[k];
        }
    }
}
