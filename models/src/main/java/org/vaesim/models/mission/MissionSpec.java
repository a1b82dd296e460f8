package org.vaesim.models.mission;

import java.util.List;

/**
 * A mission (Tomasev et al. 2025: a shared objective made of tasks, a budget and success metrics): a sponsor
 * pays {@code budget} into an escrow account, and every {@code every} epochs from {@code startEpoch} to
 * {@code deadlineEpoch} the mission posts up to {@code tasksPerRound} of its {@code tasks} still open in a
 * procurement (reverse) auction among its bidder cohorts. Winners deliver with a probability equal to their
 * capability, are paid from escrow on verified delivery, and gain or lose reputation. Unspent escrow goes back
 * to the sponsor at the deadline or when every task is done. The rules are in docs/mechanisms.md#missions.
 *
 * <p>Prices are ticks of the mission's own grid ({@code tickSize} micro-credits per tick, ticks 1..ticks-1);
 * shares and probabilities are millionths, so every rule is integer arithmetic, the same on every backend.
 *
 * @param budget            micro-credits the sponsor pays into escrow when the mission opens
 * @param reserveTick       the most paid for one task (ticks); asks above it are not accepted
 * @param advancePpm        share of a task's price paid when it is awarded, kept even if delivery fails
 *                          (millionths; 0 = paid only on verified delivery)
 * @param minCapabilityPpm  agents below this capability may not bid (millionths)
 * @param reputationGainPpm a delivery raises reputation r by gain x (1 - r) (millionths, as the gate's)
 * @param reputationLossPpm a failed delivery lowers it by loss x r
 * @param policy            the policy levers: subsidy, tax, reputation-weighted selection
 * @param bidders           the bidder cohorts, in file order
 */
public record MissionSpec(String name, long tickSize, int ticks, Sponsor sponsor, long budget, int tasks,
                          int tasksPerRound, int every, int startEpoch, int deadlineEpoch, int reserveTick,
                          int advancePpm, int minCapabilityPpm, int reputationGainPpm, int reputationLossPpm,
                          Policy policy, List<Bidder> bidders) {
    /** A reputation or probability of 1 in millionths. */
    public static final int PPM = 1_000_000;
    /** Most score ticks a reputation-weighted mission may need: bounds its histogram (8 bytes a tick). */
    public static final int MAX_SCORE_TICKS = 1 << 20;

    public MissionSpec {
        bidders = List.copyOf(bidders);
    }

    /** Whether a round of this mission runs at the end of {@code epoch} (its closing aside). */
    public boolean runsAt(int epoch) {
        return epoch >= startEpoch && epoch <= deadlineEpoch && (epoch - startEpoch) % every == 0;
    }

    public int maxTick() {
        return ticks - 1;
    }

    /** The reserve price in micro-credits: the most one task can cost the escrow. */
    public long reserveMicros() {
        return reserveTick * tickSize;
    }

    /**
     * Width of the score histogram: scores run from 1 to the highest score an eligible agent can have, the
     * reserve tick divided {@code reputationWeight} times by the lowest reputation allowed ({@link #score}).
     */
    public int scoreWidth() {
        return (int) score(reserveTick, policy.minReputationPpm(), policy.reputationWeight()) + 1;
    }

    /**
     * The selection score of an ask (ticks) from an agent of reputation {@code reputationPpm}: ask / r^w,
     * rounded up after each division by r (lower is better). With w = 0 it is the ask itself. Rounding up keeps
     * the threshold payment ({@link #payment}) at or above the ask of every winner.
     */
    public static long score(long ask, int reputationPpm, int weight) {
        long s = ask;
        for (int k = 0; k < weight; k++) {
            s = (s * PPM + reputationPpm - 1) / reputationPpm;
        }
        return s;
    }

    /**
     * What a winner of reputation {@code reputationPpm} is paid (ticks) when the lowest rejected score is
     * {@code payScore}: the highest ask with which it would still have won, payScore x r^w rounded down after
     * each multiplication, at most the reserve; the reserve itself when no bid was rejected
     * ({@code payScore < 0}).
     */
    public static long payment(long payScore, int reputationPpm, int weight, int reserveTick) {
        if (payScore < 0) {
            return reserveTick;
        }
        long q = payScore;
        for (int k = 0; k < weight; k++) {
            q = q * reputationPpm / PPM;
        }
        return Math.min(q, reserveTick);
    }

    /** Who pays the budget into escrow, and who gets back what is left of it. */
    public sealed interface Sponsor permits CohortSponsor, ExternalSponsor {
        String jsonName();
    }

    /**
     * The agents of one cohort pay the budget in equal parts (the first budget mod count agents one micro-credit
     * more), never going below zero; what is left at the end is shared among them the same way.
     *
     * @param cohortIndex index into the sorted {@code Scenario.cohorts()}
     */
    public record CohortSponsor(int cohortIndex) implements Sponsor {
        @Override
        public String jsonName() {
            return "cohort";
        }
    }

    /**
     * Money from outside the economy (a public funder): the budget is injected when the mission opens and what is
     * left is removed at the end, both booked like the cash events.
     */
    public record ExternalSponsor() implements Sponsor {
        @Override
        public String jsonName() {
            return "external";
        }
    }

    /**
     * The policy levers.
     *
     * @param subsidy          a top-up per delivered task from a separate, externally funded account, or null
     * @param tax              a share of exchange fees paid into the escrow, or null
     * @param reputationWeight w in the score ask / r^w: 0 = lowest ask wins
     * @param minReputationPpm agents below this reputation may not bid (millionths); at least 1 when w > 0
     */
    public record Policy(Subsidy subsidy, Tax tax, int reputationWeight, int minReputationPpm) {
        public static final Policy NONE = new Policy(null, null, 0, 0);

        /** The levers in force, for outputs: "none", or their names joined by "+". */
        public String label() {
            StringBuilder b = new StringBuilder();
            if (subsidy != null) {
                b.append("subsidy");
            }
            if (tax != null) {
                b.append(b.isEmpty() ? "" : "+").append("tax");
            }
            if (reputationWeight > 0) {
                b.append(b.isEmpty() ? "" : "+").append("reputation");
            } else if (minReputationPpm > 0) {
                b.append(b.isEmpty() ? "" : "+").append("min_reputation");
            }
            return b.isEmpty() ? "none" : b.toString();
        }
    }

    /**
     * A subsidy: each verified delivery gets {@code perTask} micro-credits on top of its price, from an account
     * funded with {@code budget} from outside the economy when the mission opens (what is left is removed at the
     * end). Bidders count on it: their asks are lowered by it (in whole ticks).
     */
    public record Subsidy(long perTask, long budget) {
    }

    /**
     * A tax on unrelated activity: after every epoch from the mission's opening to its closing, the share
     * {@code feeSharePpm} (millionths) of the exchange fees the markets {@code markets} collected in that epoch
     * moves from the fee sink into the escrow.
     *
     * @param markets indices into {@code Scenario.markets()}
     */
    public record Tax(long feeSharePpm, List<Integer> markets) {
        public Tax {
            markets = List.copyOf(markets);
        }
    }

    /**
     * A bidder cohort. Each round, each of its agents draws a cost, uniform in [costMinTick, costMaxTick] ticks
     * (what doing the task costs it), and asks that cost less the subsidy. Its capability, drawn once per agent
     * and mission uniform in [capabilityMinPpm, capabilityMaxPpm], is its probability of delivering a task.
     *
     * @param cohortIndex index into the sorted {@code Scenario.cohorts()}
     */
    public record Bidder(int cohortIndex, int costMinTick, int costMaxTick, int capabilityMinPpm,
                         int capabilityMaxPpm) {
    }
}
