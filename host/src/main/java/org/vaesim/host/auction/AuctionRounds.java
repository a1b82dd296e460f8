package org.vaesim.host.auction;

import java.util.ArrayList;
import java.util.List;

import org.vaesim.host.epoch.Rejections;
import org.vaesim.host.metrics.AuctionMetrics;
import org.vaesim.kernels.auction.Auction;
import org.vaesim.kernels.auction.AuctionKernels;
import org.vaesim.kernels.auction.AuctionPlan;
import org.vaesim.kernels.auction.AuctionRound;
import org.vaesim.kernels.auction.AuctionStep;
import org.vaesim.kernels.rng.Philox;
import org.vaesim.kernels.rng.Streams;
import org.vaesim.models.market.AuctionSpec;
import org.vaesim.models.scenario.Scenario;

/** Runs the resource auctions due at the end of an epoch and books them in the ledger. */
final class AuctionRounds {
    private final List<AuctionPlan> plans;
    private final AuctionRound[] rounds;
    private final int k0;
    private final int k1;
    private final List<AuctionMetrics> last = new ArrayList<>();

    AuctionRounds(Scenario scenario, List<AuctionPlan> plans) {
        this.plans = plans;
        this.rounds = new AuctionRound[plans.size()];
        for (int a = 0; a < rounds.length; a++) {
            rounds[a] = new AuctionRound(plans.get(a));
        }
        long key = Philox.key(scenario.seed(), Streams.DECIDE);
        this.k0 = Philox.keyLo(key);
        this.k1 = Philox.keyHi(key);
    }

    /**
     * Runs every auction due at the end of epoch {@code e}; adds the bids the one check rejected to
     * {@code rejects} (markets x RejectReason.COUNT), at the market of each bidder's cohort.
     */
    void run(int e, AuctionKernels backend, AuctionLedger ledger, long[] rejects) {
        last.clear();
        for (AuctionPlan plan : plans) {
            AuctionSpec spec = plan.spec();
            if (!spec.runsAt(e)) {
                continue;
            }
            AuctionStep.Outcome o = AuctionStep.run(backend, plan, e, k0, k1, rounds[plan.index()]);
            AuctionMetrics m = AuctionMetrics.of(plan, e + 1, o);
            AuctionLedger.Account a = ledger.get(plan.index());
            a.rounds++;
            a.supplied += spec.supply();
            a.allocated += m.allocated();
            a.unsold += m.unsold();
            if (spec.mechanism().paysInTokens()) {
                a.tokensIssued += plan.tokenBudget() * m.bidders(); // to the bidders that took part
                a.tokensSpent += m.payment();
            } else {
                a.revenue += m.payment();
            }
            a.valueRealized += m.value();
            a.valueMax += m.maxValue();
            a.envious += m.envious();
            a.enviousUpToOne += m.enviousUpToOne();
            a.bidderRounds += m.bidders();
            for (int g = 0; g < plan.groups().size(); g++) {
                a.principalUnits[g] += m.groupUnits()[g];
                a.principalEnvious[g] += m.groupEnvious()[g];
                a.principalEnviousUpToOne[g] += m.groupEnviousUpToOne()[g];
                a.principalValue[g] += m.groupValue()[g];
                a.principalPayment[g] += m.groupPayment()[g];
                a.smallUnits += plan.small(g) ? m.groupUnits()[g] : 0;
            }
            a.reserveBindingRounds += m.reserveBinding() ? 1 : 0;
            a.giniSum += m.allocationGini();
            a.lastPrice = m.price();
            a.lastSmallPrice = m.smallPrice();
            for (int r = 0; r < plan.ranges().size(); r++) {
                Rejections.add(rejects, plan.ranges().get(r).segment().market(), o.round().totals,
                        r * Auction.TOTALS + Auction.REJECTS);
            }
            last.add(m);
        }
    }

    /** The rounds the latest epoch ran (empty when none was due). */
    List<AuctionMetrics> last() {
        return List.copyOf(last);
    }
}
