package org.vaesim.host.mission;

import java.util.ArrayList;
import java.util.List;

import org.vaesim.host.epoch.Accounting;
import org.vaesim.host.epoch.Rejections;
import org.vaesim.host.metrics.MissionMetrics;
import org.vaesim.kernels.Backend;
import org.vaesim.kernels.memory.Layout;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.kernels.mission.Mission;
import org.vaesim.kernels.mission.MissionAward;
import org.vaesim.kernels.mission.MissionKernels;
import org.vaesim.kernels.mission.MissionPlan;
import org.vaesim.kernels.mission.MissionRound;
import org.vaesim.kernels.mission.MissionStep;
import org.vaesim.kernels.rng.Philox;
import org.vaesim.kernels.rng.Streams;
import org.vaesim.kernels.settle.Settle;
import org.vaesim.models.mission.MissionSpec;
import org.vaesim.models.scenario.Scenario;

/**
 * Runs the missions at the end of an epoch and books them in the ledger (docs/mechanisms.md#missions). For each
 * mission, in scenario order: at its start epoch the sponsor pays the budget into escrow (and the subsidy account
 * is funded); while it is open, the tax moves its share of the epoch's fees into the escrow; in a round epoch, up to
 * tasks_per_round of the open tasks are posted, as many as the escrow covers at the reserve price, procured on
 * the backend and paid; at the deadline, or once every task is delivered, the escrow and the subsidy account go
 * back to where they came from.
 */
final class MissionRounds {
    private final List<MissionPlan> plans;
    private final Layout layout;
    private final MissionRound[] rounds;
    private final int k0;
    private final int k1;
    private final List<MissionMetrics> last = new ArrayList<>();

    MissionRounds(Scenario scenario, Layout layout, List<MissionPlan> plans) {
        this.plans = plans;
        this.layout = layout;
        this.rounds = new MissionRound[plans.size()];
        for (int m = 0; m < rounds.length; m++) {
            rounds[m] = new MissionRound(plans.get(m));
        }
        long key = Philox.key(scenario.seed(), Streams.DECIDE);
        this.k0 = Philox.keyLo(key);
        this.k1 = Philox.keyHi(key);
    }

    /**
     * Everything missions do at the end of epoch {@code e}; {@code totals} are the epoch's per-market totals. The
     * bids the one check rejected are added to {@code rejects} (markets x RejectReason.COUNT), at the market of each
     * bidder's cohort.
     */
    void run(int e, Backend backend, MissionKernels kernels, MissionLedger ledger, Accounting accounting,
             long[] totals, long[] rejects) {
        last.clear();
        for (MissionPlan plan : plans) {
            MissionSpec spec = plan.spec();
            MissionLedger.Account a = ledger.get(plan.index());
            if (a.state == MissionLedger.CLOSED || e < spec.startEpoch()) {
                continue;
            }
            if (a.state == MissionLedger.PENDING) {
                open(spec, a, backend, accounting);
            }
            long tax = tax(spec, totals);
            a.escrow += tax;
            a.taxCollected += tax;
            if (spec.runsAt(e)) {
                last.add(round(plan, e, a, kernels, tax, rejects));
            }
            if (a.delivered >= spec.tasks() || e >= spec.deadlineEpoch()) {
                close(spec, a, e, backend, accounting);
            }
        }
    }

    /** The sponsor pays the budget into escrow; the subsidy account is funded from outside. */
    private void open(MissionSpec spec, MissionLedger.Account a, Backend backend, Accounting accounting) {
        long funded;
        if (spec.sponsor() instanceof MissionSpec.CohortSponsor c) {
            Segment s = layout.segments().get(c.cohortIndex());
            long n = s.size();
            // budget / n from each agent and one micro-credit more from the first budget mod n: exactly the budget,
            // unless some agent has spent its share (never below zero: the escrow holds what was paid)
            funded = -backend.adjustCash(s.start(), s.end(), -(spec.budget() / n));
            int extra = (int) (spec.budget() % n);
            if (extra > 0) {
                funded -= backend.adjustCash(s.start(), s.start() + extra, -1);
            }
        } else {
            funded = spec.budget();
            accounting.injectMoney(funded);
        }
        a.funded = funded;
        a.escrow = funded;
        MissionSpec.Subsidy subsidy = spec.policy().subsidy();
        if (subsidy != null) {
            a.subsidyFunded = subsidy.budget();
            a.subsidy = subsidy.budget();
            accounting.injectMoney(subsidy.budget());
        }
        a.state = MissionLedger.OPEN;
    }

    /** The tax's share of the fees the taxed markets collected in the epoch: floor(fees x share), per market. */
    private static long tax(MissionSpec spec, long[] totals) {
        MissionSpec.Tax tax = spec.policy().tax();
        if (tax == null) {
            return 0;
        }
        long sum = 0;
        for (int m : tax.markets()) {
            long fees = totals[m * Settle.TOTALS + Settle.FEES];
            // fees x share / 10^6, split so that it cannot overflow (as gate/Fees splits a fee)
            sum += fees / MissionSpec.PPM * tax.feeSharePpm() + fees % MissionSpec.PPM * tax.feeSharePpm()
                    / MissionSpec.PPM;
        }
        return sum;
    }

    private MissionMetrics round(MissionPlan plan, int e, MissionLedger.Account a, MissionKernels backend, long tax,
                                 long[] rejects) {
        MissionSpec spec = plan.spec();
        a.rounds++;
        long open = spec.tasks() - a.delivered;
        long posted = Math.min(Math.min(spec.tasksPerRound(), open), a.escrow / spec.reserveMicros());
        if (posted <= 0) {
            return MissionMetrics.of(plan, e + 1, null, null, tax, a.escrow, a.subsidy, a.delivered);
        }
        MissionSpec.Subsidy s = spec.policy().subsidy();
        // every delivery of the round can get the subsidy in force: the account never goes below zero
        long subsidy = s == null ? 0 : Math.min(s.perTask(), a.subsidy / posted);
        MissionRound round = rounds[plan.index()];
        MissionAward award = MissionStep.run(backend, plan, e, posted, subsidy, k0, k1, round);
        for (int r = 0; r < plan.ranges().size(); r++) {
            Rejections.add(rejects, plan.ranges().get(r).segment().market(), round.totals,
                    r * Mission.TOTALS + Mission.REJECTS);
        }
        long paid = round.sum(Mission.PAID);
        long subsidyPaid = round.sum(Mission.SUBSIDY);
        a.posted += posted;
        a.bids += award.bidders();
        a.awarded += round.sum(Mission.AWARDED);
        a.delivered += round.sum(Mission.DELIVERED);
        a.paid += paid;
        a.escrow -= paid;
        a.advanceLost += round.sum(Mission.ADVANCE_LOST);
        a.subsidyPaid += subsidyPaid;
        a.subsidy -= subsidyPaid;
        a.capabilitySum += round.sum(Mission.CAPABILITY);
        a.reputationSum += round.sum(Mission.REPUTATION);
        a.lastPayScore = award.payScore();
        if (a.delivered >= spec.tasks() && a.completedEpoch < 0) {
            a.completedEpoch = e + 1;
        }
        MissionMetrics m = MissionMetrics.of(plan, e + 1, award, round, tax, a.escrow, a.subsidy, a.delivered);
        for (int g = 0; g < plan.groups().size(); g++) {
            a.principalAwarded[g] += m.principalAwarded()[g];
            a.principalDelivered[g] += m.principalDelivered()[g];
            a.principalPaid[g] += m.principalPaid()[g];
        }
        return m;
    }

    /** What is left goes back: escrow to the sponsor (its cohort, or outside), the subsidy account outside. */
    private void close(MissionSpec spec, MissionLedger.Account a, int e, Backend backend, Accounting accounting) {
        long left = a.escrow;
        if (spec.sponsor() instanceof MissionSpec.CohortSponsor c && left > 0) {
            Segment s = layout.segments().get(c.cohortIndex());
            long n = s.size();
            long back = backend.adjustCash(s.start(), s.end(), left / n);
            int extra = (int) (left % n);
            if (extra > 0) {
                back += backend.adjustCash(s.start(), s.start() + extra, 1);
            }
            if (back != left) {
                throw new IllegalStateException("mission " + spec.name() + " returned " + back + " of " + left);
            }
        } else {
            accounting.removeMoney(left);
        }
        a.escrowReturned = left;
        a.escrow = 0;
        accounting.removeMoney(a.subsidy);
        a.subsidyReturned = a.subsidy;
        a.subsidy = 0;
        a.state = MissionLedger.CLOSED;
        a.closedEpoch = e + 1;
    }

    /** The rounds the latest epoch ran (empty when none was due). */
    List<MissionMetrics> last() {
        return List.copyOf(last);
    }
}
