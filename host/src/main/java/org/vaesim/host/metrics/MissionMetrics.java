package org.vaesim.host.metrics;

import org.vaesim.kernels.gate.RejectReason;
import org.vaesim.kernels.mission.Mission;
import org.vaesim.kernels.mission.MissionAward;
import org.vaesim.kernels.mission.MissionPlan;
import org.vaesim.kernels.mission.MissionRound;
import org.vaesim.models.mission.MissionSpec;

/**
 * One mission round's measures (docs/mechanisms.md#mission-metrics), from the award and the per-range totals:
 * exact, and linear in ranges rather than in bidders.
 *
 * @param epoch            epochs completed when the round ran (the round runs at the end of epoch - 1)
 * @param posted           tasks offered (at most tasks_per_round, the tasks still open and what the escrow covers
 *                         at the reserve price)
 * @param price            what a winner of reputation 1 is paid per delivered task (ticks): the lowest rejected
 *                         ask (w = 0) or score x 1, or the reserve when no bid was rejected
 * @param paid             micro-credits from escrow (prices of delivered tasks, advances of failed ones)
 * @param advanceLost      of which advances of tasks not delivered
 * @param subsidyPaid      micro-credits from the subsidy account
 * @param taxCollected     fees paid into the escrow after this epoch
 * @param escrow           the escrow after the round (and the tax)
 * @param completed        tasks delivered so far, this round's included
 * @param principalPaid    escrow and subsidy paid per principal (group of the plan) in this round
 * @param rejectedBids     bids the one check rejected (killed, out of scope, rate-limited bidders)
 */
public record MissionMetrics(int epoch, int mission, String name, String policy, long posted, long bidders,
                             long awarded, long delivered, long price, long paid, long advanceLost, long subsidyPaid,
                             long taxCollected, long escrow, long subsidyBalance, long completed, long capabilitySum,
                             long reputationSum, long[] principalAwarded, long[] principalDelivered,
                             long[] principalPaid, long rejectedBids) {

    /** The measures of a round that ran at the end of epoch {@code epoch - 1} ({@code award} null: none posted). */
    public static MissionMetrics of(MissionPlan plan, int epoch, MissionAward award, MissionRound round, long tax,
                                    long escrow, long subsidyBalance, long completed) {
        int groups = plan.groups().size();
        long[] awardedBy = new long[groups];
        long[] deliveredBy = new long[groups];
        long[] paidBy = new long[groups];
        MissionSpec spec = plan.spec();
        if (award == null) {
            return new MissionMetrics(epoch, plan.index(), spec.name(), spec.policy().label(), 0, 0, 0, 0, 0, 0, 0,
                    0, tax, escrow, subsidyBalance, completed, 0, 0, awardedBy, deliveredBy, paidBy, 0);
        }
        for (int r = 0; r < plan.ranges().size(); r++) {
            int g = plan.ranges().get(r).group();
            int at = r * Mission.TOTALS;
            awardedBy[g] += round.totals[at + Mission.AWARDED];
            deliveredBy[g] += round.totals[at + Mission.DELIVERED];
            paidBy[g] += round.totals[at + Mission.PAID] + round.totals[at + Mission.SUBSIDY];
        }
        long price = MissionSpec.payment(award.payScore(), MissionSpec.PPM, spec.policy().reputationWeight(),
                spec.reserveTick());
        long rejected = 0;
        for (int k = 0; k < RejectReason.COUNT; k++) {
            rejected += round.sum(Mission.REJECTS + k);
        }
        return new MissionMetrics(epoch, plan.index(), spec.name(), spec.policy().label(), award.posted(),
                round.sum(Mission.BIDS), round.sum(Mission.AWARDED), round.sum(Mission.DELIVERED), price,
                round.sum(Mission.PAID), round.sum(Mission.ADVANCE_LOST), round.sum(Mission.SUBSIDY), tax, escrow,
                subsidyBalance, completed, round.sum(Mission.CAPABILITY), round.sum(Mission.REPUTATION), awardedBy,
                deliveredBy, paidBy, rejected);
    }

    public long failed() {
        return awarded - delivered;
    }

    /** Delivered / posted (NaN when nothing was posted). */
    public double completionRate() {
        return posted == 0 ? Double.NaN : (double) delivered / posted;
    }

    /** Escrow and subsidy paid per delivered task, micro-credits (NaN when nothing was delivered). */
    public double costPerCompletedTask() {
        return delivered == 0 ? Double.NaN : (double) (paid + subsidyPaid) / delivered;
    }

    /** Escrow and subsidy paid to tasks not delivered, over all paid (NaN when nothing was paid). */
    public double freeRidingShare() {
        return freeRiding(advanceLost, paid + subsidyPaid);
    }

    /** The escrow's mean price per delivered task, micro-credits (NaN when nothing was delivered). */
    public double meanPrice() {
        return delivered == 0 ? Double.NaN : (double) (paid - advanceLost) / delivered;
    }

    public double meanWinnerCapability() {
        return awarded == 0 ? Double.NaN : capabilitySum / 1e6 / awarded;
    }

    public double meanWinnerReputation() {
        return awarded == 0 ? Double.NaN : reputationSum / 1e6 / awarded;
    }

    /** Herfindahl-Hirschman index of this round's payments by principal (NaN when nothing was paid). */
    public double paymentHhi() {
        return hhi(principalPaid);
    }

    /** Paid without delivering over all paid; NaN when nothing was paid. */
    public static double freeRiding(long paidWithoutDelivery, long paid) {
        return paid == 0 ? Double.NaN : (double) paidWithoutDelivery / paid;
    }

    /** Sum of squared shares: 1/n for n equal principals, 1 for one; NaN when the total is 0. */
    public static double hhi(long[] amounts) {
        double total = 0;
        for (long a : amounts) {
            total += a;
        }
        if (total == 0) {
            return Double.NaN;
        }
        double h = 0;
        for (long a : amounts) {
            h += (a / total) * (a / total);
        }
        return h;
    }
}
