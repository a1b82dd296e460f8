package org.vaesim.kernels.mission;

import org.vaesim.kernels.gate.Gate;
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
 * STAGE_MISSION_COST, mission)) and it asks max(1, cost - subsidy ticks). It bids when it is active, its
 * capability and reputation reach the mission's floors and its ask is at most the reserve; its score is
 * {@link MissionSpec#score}(ask, reputation, w). A winner delivers with probability capability (a Bernoulli
 * draw on (agent, epoch, STAGE_MISSION_DELIVERY, mission)); it is paid {@link MissionSpec#payment} ticks x
 * tickSize plus the subsidy on delivery, or the advance share of that price on failure, and its reputation
 * moves by the gate's rule ({@link Gate#reputation}). Every quantity is an integer: histograms, awards and
 * payments are the same on every backend.
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
    public static final int TOTALS = 8;
    static final int PPM = MissionSpec.PPM;

    private Mission() {
    }

    /** Agent i's capability in this mission (millionths). */
    public static int capability(int i, int mission, int capMin, int capMax, int i0, int i1, int[] rng) {
        return Philox.uniform(Philox.agentWord(i, 0, Streams.STAGE_MISSION_CAPABILITY, mission, i0, i1, rng),
                capMin, capMax);
    }

    /** Agent i's cost of a task in this round (ticks). */
    static int cost(int i, int epoch, int mission, int costMin, int costMax, int k0, int k1, int[] rng) {
        return Philox.uniform(Philox.agentWord(i, epoch, Streams.STAGE_MISSION_COST, mission, k0, k1, rng), costMin,
                costMax);
    }

    /** The agent's score, or -1 when it does not bid (inactive, below a floor, or asking above the reserve). */
    static long score(int status, int reputation, int capability, int cost, int minCapability, int minReputation,
                      int subsidyTicks, int reserve, int weight) {
        if (status != 0 || capability < minCapability || reputation < minReputation) {
            return -1;
        }
        long ask = Math.max(1, (long) cost - subsidyTicks);
        if (ask > reserve) {
            return -1;
        }
        return MissionSpec.score(ask, reputation, weight);
    }

    /** The bidding rules of one bidder range in one round: what every stage recomputes a score from. */
    public record Rules(int epoch, int mission, int costMin, int costMax, int capMin, int capMax, int minCapability,
                        int minReputation, int subsidyTicks, int reserve, int weight, int k0, int k1, int i0, int i1) {
    }

    /** Adds one to {@code hist[score]} for each agent of [from, to) that bids. */
    public static void bid(int from, int to, Rules r, int[] status, int[] reputation, long[] hist) {
        int[] capRng = Philox.agentWordScratch();
        int[] costRng = Philox.agentWordScratch();
        for (int i = from; i < to; i++) {
            long s = score(i, r, status[i], reputation[i], capRng, costRng);
            if (s >= 0) {
                hist[(int) s]++;
            }
        }
    }

    private static long score(int i, Rules r, int status, int reputation, int[] capRng, int[] costRng) {
        int cap = capability(i, r.mission, r.capMin, r.capMax, r.i0, r.i1, capRng);
        int cost = cost(i, r.epoch, r.mission, r.costMin, r.costMax, r.k0, r.k1, costRng);
        return score(status, reputation, cap, cost, r.minCapability, r.minReputation, r.subsidyTicks, r.reserve,
                r.weight);
    }

    /** The bidders of [from, to) whose score is {@code marginal}: their share of the marginal queue. */
    public static long marginalCount(int from, int to, Rules r, long marginal, int[] status, int[] reputation) {
        int[] capRng = Philox.agentWordScratch();
        int[] costRng = Philox.agentWordScratch();
        long n = 0;
        for (int i = from; i < to; i++) {
            n += score(i, r, status[i], reputation[i], capRng, costRng) == marginal ? 1 : 0;
        }
        return n;
    }

    /**
     * Awards, delivers and pays the agents of [from, to), whose per-bidder columns start at {@code column}. A
     * bidder whose score is below {@code marginal} wins a task; of the {@code total} bidders at the marginal score
     * {@code fill} win, by cumulative rounding from {@code offset} in queue order: the one with C bidders before
     * it there ({@code cursor[0]}, advanced) wins iff floor((C+o+1)F/T) - floor((C+o)F/T) = 1, which picks exactly
     * F of them for any o. A winner is paid {@link MissionSpec#payment}(payScore) ticks; on delivery that price
     * and {@code subsidy} go to its cash, on failure the {@code advancePpm} share of the price. Adds the range's
     * rows to {@code totals[totalsAt + row]}.
     */
    public static void deliver(int from, int to, int column, Rules r, long marginal, long fill, long total,
                               long offset, long payScore, int advancePpm, long subsidy, long tickSize, int gain,
                               int loss, long[] cash, int[] status, int[] reputation, int[] awarded, int[] delivered,
                               long[] paid, long[] cursor, long[] totals, int totalsAt) {
        int[] capRng = Philox.agentWordScratch();
        int[] costRng = Philox.agentWordScratch();
        int[] deliverRng = Philox.agentWordScratch();
        long c = cursor[0];
        long[] sum = new long[TOTALS];
        for (int i = from; i < to; i++) {
            int rep = reputation[i];
            int cap = capability(i, r.mission, r.capMin, r.capMax, r.i0, r.i1, capRng);
            int cost = cost(i, r.epoch, r.mission, r.costMin, r.costMax, r.k0, r.k1, costRng);
            long s = score(status[i], rep, cap, cost, r.minCapability, r.minReputation, r.subsidyTicks, r.reserve,
                    r.weight);
            if (s < 0) {
                continue;
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
