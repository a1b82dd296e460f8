package org.vaesim.host.run;

import java.math.BigDecimal;
import java.time.Instant;

import org.HdrHistogram.Histogram;
import java.util.Arrays;

import org.vaesim.host.epoch.AuctionLedger;
import org.vaesim.host.capability.CompoundingSummary;
import org.vaesim.host.epoch.Engine;
import org.vaesim.host.epoch.MarketState;
import org.vaesim.host.epoch.MissionLedger;
import org.vaesim.host.epoch.PeriodSurplus;
import org.vaesim.host.epoch.Totals;
import org.vaesim.models.scenario.Money;
import org.vaesim.host.metrics.MetricsRow;
import org.vaesim.host.metrics.FamilyReturns;
import org.vaesim.host.metrics.MissionMetrics;
import org.vaesim.host.metrics.NegotiationTiers;
import org.vaesim.host.metrics.Principals;
import org.vaesim.kernels.gate.ReputationRules;
import org.vaesim.host.metrics.Bounded;
import org.vaesim.host.metrics.Mobility;
import org.vaesim.host.metrics.WealthDistribution;
import org.vaesim.host.metrics.WealthHistogram;
import org.vaesim.host.metrics.WealthSnapshot;
import org.vaesim.kernels.inequality.Inequality;
import org.vaesim.host.safety.CircuitBreakers;
import org.vaesim.host.safety.EntryChecks;
import org.vaesim.kernels.auction.AuctionPlan;
import org.vaesim.kernels.memory.AuctionColumns;
import org.vaesim.kernels.memory.MissionColumns;
import org.vaesim.kernels.memory.Population;
import org.vaesim.kernels.mission.MissionPlan;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.kernels.gate.RejectReason;
import org.vaesim.models.market.AuctionSpec;
import org.vaesim.models.market.MarketSpec;
import org.vaesim.models.mission.MissionSpec;
import org.vaesim.models.strategy.NegotiationParams;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds summary.json (fields in docs/outputs.md). */
final class Summary {
    private Summary() {
    }

    static ObjectNode build(Engine engine, RunStatus status, String error, String checksum, Histogram times,
                            double stepSeconds, double wallSeconds, int epochsThisSession, long[] maxSurplus,
                            String lastCheckpoint, String startedAt, Integer resumedFrom, WealthSnapshot wealth) {
        ObjectNode root = RunDirectory.JSON.createObjectNode();
        root.put("status", status.label());
        if (error != null) {
            root.put("error", error);
        }
        root.put("vaesim_version", RunSession.VERSION);
        root.put("scenario", engine.scenario().name());
        root.put("seed", engine.scenario().seed());
        root.put("backend", engine.backend().name());
        root.put("threads", engine.backend().threads());
        root.put("device", engine.backend().device());
        root.put("agents", engine.population().size);
        root.put("epochs", engine.scenario().epochs());
        root.put("completed_epochs", engine.epoch());
        if (resumedFrom != null) {
            root.put("resumed_from_epoch", resumedFrom);
        }
        root.put("started_at", startedAt);
        root.put("updated_at", Instant.now().toString());
        if (checksum != null) {
            root.put("state_checksum", checksum);
        }
        if (lastCheckpoint != null) {
            root.put("last_checkpoint", lastCheckpoint);
        }
        if (status != RunStatus.RUNNING) {
            root.set("conservation", conservation(engine));
        }
        ObjectNode tp = root.putObject("throughput");
        tp.put("epochs_timed", times.getTotalCount());
        tp.put("agent_epochs_per_second", stepSeconds > 0
                ? Math.round((double) engine.population().size * epochsThisSession / stepSeconds) : 0);
        tp.put("epoch_ms_p50", times.getTotalCount() == 0 ? 0 : times.getValueAtPercentile(50) / 1e6);
        tp.put("epoch_ms_p99", times.getTotalCount() == 0 ? 0 : times.getValueAtPercentile(99) / 1e6);
        tp.put("epoch_ms_max", times.getTotalCount() == 0 ? 0 : times.getMaxValue() / 1e6);
        tp.put("wall_seconds", Math.round(wallSeconds * 1000) / 1000.0);
        root.set("markets", markets(engine, maxSurplus));
        if (!engine.scenario().auctions().isEmpty()) {
            root.set("auctions", auctions(engine));
        }
        if (!engine.scenario().missions().isEmpty()) {
            root.set("missions", missions(engine));
        }
        if (engine.gateway() != null) {
            root.set("gateway", GatewaySummary.of(engine));
        }
        if (wealth != null) {
            root.set("wealth", wealth(wealth, engine.scenario().metricsEvery()));
        }
        if (engine.entrenchment() != null) {
            root.set("entrenchment", CompoundingSummary.entrenchment(engine));
        }
        if (engine.capability() != null) {
            root.set("capability", CompoundingSummary.capability(engine));
        }
        if (engine.wealthTax() != null) {
            root.set("wealth_tax", CompoundingSummary.wealthTax(engine));
        }
        try {
            familiesAndCohorts(root, engine);
        } catch (ArithmeticException overflow) { // only a run that failed on it: its summary says so, not a crash
            root.put("wealth_overflow", overflow.getMessage());
        }
        ObjectNode safety = root.putObject("safety");
        safety.put("breaker_trips", engine.safety().totalTrips());
        safety.put("volatility_pauses", engine.safety().totalPauses());
        safety.put("market_wide_levels_fired",
                CircuitBreakers.levelsFired(engine.scenario().markets(), engine.safety()));
        safety.put("agents_killed", engine.safety().killed);
        safety.put("agents_admitted", engine.safety().admitted);
        ObjectNode refused = safety.putObject("agents_refused");
        for (EntryChecks.Refusal r : EntryChecks.Refusal.values()) {
            refused.put(r.label(), engine.safety().refused[r.ordinal()]);
        }
        int probationBelow = ReputationRules.of(engine.scenario().safety()).probationBelow();
        Principals principals = Principals.of(engine.population(), engine.layout().segments(),
                engine.scenario().markets(), engine.markets(), engine.safety().flows, probationBelow);
        safety.put("principals", principals.byAgents().size());
        var list = safety.putArray("largest_principals");
        for (Principals.Principal pr : principals.byAgents().subList(0, Math.min(10, principals.byAgents().size()))) {
            ObjectNode n = list.addObject();
            n.put("name", pr.name());
            n.put("cohorts", pr.cohorts());
            n.put("agents", pr.agents());
            n.put("agent_share", pr.agentShare());
            n.put("wealth_share", pr.wealthShare());
            n.put("orders_booked", pr.ordersBooked());
            n.put("orders_filled", pr.ordersFilled());
            n.put("trading_pnl", Money.toCredits(pr.tradingPnl()));
            n.put("active_agents", pr.activeAgents());
            n.put("killed_agents", pr.killedAgents());
            if (engine.scenario().safety().tracksReputation() && pr.activeAgents() > 0) {
                n.put("mean_reputation", pr.meanReputation());
                n.put("below_full_reputation", pr.belowFullReputation());
            }
            if (engine.scenario().safety().tracksReputation() && !Double.isNaN(pr.record())) {
                n.put("record_reputation", pr.record());
            }
            if (probationBelow > 0) {
                n.put("on_probation", pr.onProbation());
            }
        }
        return root;
    }

    /** Wealth by strategy family and by cohort, from every agent's holdings (exact sums). */
    private static void familiesAndCohorts(ObjectNode root, Engine engine) {
        var families = root.putArray("families");
        for (FamilyReturns.Family f : FamilyReturns.of(engine).families()) {
            ObjectNode n = families.addObject();
            n.put("strategy", f.family().jsonName());
            n.put("agents", f.agents());
            n.put("mean_wealth_initial", Money.toCredits(f.initialWealth() / f.agents()));
            n.put("mean_wealth", Money.toCredits(f.wealth() / f.agents()));
            n.put("return", f.initialWealth() == 0 ? 0 : (double) (f.wealth() - f.initialWealth()) / f.initialWealth());
        }
        var cohorts = root.putArray("cohorts");
        for (Segment seg : engine.layout().segments()) {
            WealthDistribution w = WealthDistribution.ofSegment(engine.population(), seg, engine.scenario().markets(),
                    engine.markets());
            ObjectNode c = cohorts.addObject();
            c.put("name", seg.cohort().name());
            c.put("strategy", seg.cohort().family().jsonName());
            c.put("principal", seg.cohort().identity().principal());
            c.put("agents", seg.size());
            c.put("mean_wealth", Money.toCredits(w.total() / seg.size()));
            c.put("wealth_gini", w.gini());
            c.put("top10_share", w.top10Share());
            if (seg.cohort().params() instanceof NegotiationParams n) {
                var tiers = c.putArray("tiers");
                long[][] byTier = NegotiationTiers.cash(engine.population(), seg, n.tiers());
                for (int t = 0; t < n.tiers(); t++) {
                    ObjectNode tier = tiers.addObject();
                    tier.put("tier", t);
                    tier.put("power", n.power(t));
                    tier.put("agents", byTier[t][0]);
                    tier.put("mean_cash", byTier[t][0] == 0 ? BigDecimal.ZERO
                            : Money.toCredits(byTier[t][1] / byTier[t][0]));
                }
            }
        }
    }

    /** The device histogram's figures with their guaranteed intervals, and the latest rank mobility. */
    static ObjectNode wealth(WealthSnapshot snapshot, int metricsEvery) {
        WealthHistogram h = snapshot.histogram();
        ObjectNode w = RunDirectory.JSON.createObjectNode();
        w.put("epoch", snapshot.epoch());
        w.put("agents", h.agents());
        bounded(w, "gini", h.gini());
        w.put("gini_error", h.gini().error());
        bounded(w, "top1_share", h.top1Share());
        bounded(w, "top10_share", h.top10Share());
        var lorenz = w.putArray("lorenz");
        var lower = w.putArray("lorenz_lower");
        var upper = w.putArray("lorenz_upper");
        for (Bounded point : h.lorenz()) {
            lorenz.add(point.estimate());
            lower.add(point.lower());
            upper.add(point.upper());
        }
        w.put("buckets_occupied", h.occupiedBuckets());
        Mobility m = snapshot.mobility();
        if (m != null) {
            ObjectNode mob = w.putObject("mobility");
            // metrics epochs are the multiples of metrics_every (and the last epoch): the previous one is the
            // largest multiple below this one
            mob.put("from_epoch", (snapshot.epoch() - 1) / metricsEvery * metricsEvery);
            mob.put("to_epoch", snapshot.epoch());
            mob.put("agents", m.agents());
            mob.put("shorrocks", m.shorrocks());
            mob.put("changed_share", m.changedShare());
            var sizes = mob.putArray("decile_agents");
            for (long n : m.deciles()) {
                sizes.add(n);
            }
            var matrix = mob.putArray("transitions");
            for (int i = 0; i < Inequality.DECILES; i++) {
                var row = matrix.addArray();
                for (int j = 0; j < Inequality.DECILES; j++) {
                    row.add(m.count(i, j));
                }
            }
        }
        return w;
    }

    private static void bounded(ObjectNode w, String name, Bounded b) {
        w.put(name, b.estimate());
        w.put(name + "_lower", b.lower());
        w.put(name + "_upper", b.upper());
    }

    private static ObjectNode conservation(Engine engine) {
        ObjectNode c = RunDirectory.JSON.createObjectNode();
        MarketState ms = engine.markets();
        var a = engine.accounting();
        long auctionSink = engine.auctions().revenue();
        MissionLedger missions = engine.missions();
        var gw = engine.gateway();
        // with a gateway, agent currency also sits outside the sandbox: it counts on both sides
        long outsideInitial = gw == null ? 0 : gw.offshoreInitial;
        long outside = gw == null ? 0 : gw.offshore;
        Long money = null; // null when a total overflowed 64 bits: then nothing is conserved (the run failed on it)
        boolean moneyOk = false;
        String overflow = null;
        try {
            money = Totals.money(engine.population(), engine.moneyOutsideAgents());
            moneyOk = Math.addExact(money, outside) == Math.addExact(a.moneyExpected(), outsideInitial);
        } catch (ArithmeticException e) {
            overflow = e.getMessage();
        }
        c.put("money_initial", Money.toCredits(a.moneyInitial));
        c.put("money_final", money == null ? null : Money.toCredits(money));
        c.put("money_injected", Money.toCredits(a.moneyInjected));
        c.put("money_removed", Money.toCredits(a.moneyRemoved));
        c.put("fee_sink", Money.toCredits(ms.feeSink() - missions.feesDiverted()));
        c.put("auction_sink", Money.toCredits(auctionSink));
        if (engine.capability() != null) {
            c.put("capability_account", Money.toCredits(engine.capability().invested()));
        }
        if (missions.missions() > 0) {
            c.put("fees_to_missions", Money.toCredits(missions.feesDiverted()));
            c.put("mission_accounts", Money.toCredits(missions.held()));
        }
        if (gw != null) {
            c.put("offshore_initial", Money.toCredits(outsideInitial));
            c.put("offshore_final", Money.toCredits(outside));
        }
        c.put("money_conserved", moneyOk);
        if (overflow != null) {
            c.put("money_overflow", overflow);
        }
        long[] goods = Totals.goods(engine.population(), engine.layout().segments(), ms.markets);
        ObjectNode g = c.putObject("goods");
        boolean all = moneyOk;
        for (int m = 0; m < ms.markets; m++) {
            ObjectNode gm = g.putObject(engine.scenario().markets().get(m).name());
            gm.put("initial", a.goodsInitial[m]);
            gm.put("final", goods[m]);
            gm.put("injected", a.goodsInjected[m]);
            gm.put("removed", a.goodsRemoved[m]);
            int link = gw == null ? -1 : engine.scenario().gateway().linkOf(m);
            if (link >= 0) {
                gm.put("exported", gw.exported[link]);
                gm.put("imported", gw.imported[link]);
            }
            boolean ok = goods[m] == a.goodsExpected(m) - engine.gatewayNetExports(m);
            gm.put("conserved", ok);
            all &= ok;
        }
        if (gw != null) {
            ObjectNode em = c.putObject("external_money");
            em.put("initial", Money.toCredits(gw.externalMoneyInitial));
            em.put("final", Money.toCredits(gw.externalMoneyTotal()));
            em.put("external_market", Money.toCredits(gw.externalMoney));
            em.put("broker_principals", Money.toCredits(gw.externalMoneyTotal() - gw.externalMoney - gw.fees));
            em.put("gateway_fees", Money.toCredits(gw.fees));
            boolean ok = gw.externalMoneyTotal() == gw.externalMoneyInitial;
            em.put("conserved", ok);
            all &= ok;
        }
        if (engine.auctions().auctions() > 0) {
            ObjectNode units = c.putObject("auction_units");
            AuctionColumns columns = engine.backend().auctionColumns();
            for (int k = 0; k < engine.auctions().auctions(); k++) {
                AuctionLedger.Account acc = engine.auctions().get(k);
                long held = 0;
                for (long w : columns.totalWon[k]) {
                    held += w;
                }
                boolean ok = acc.supplied == acc.allocated + acc.unsold && held == acc.allocated;
                ObjectNode u = units.putObject(engine.scenario().auctions().get(k).name());
                u.put("supplied", acc.supplied);
                u.put("allocated", acc.allocated);
                u.put("unsold", acc.unsold);
                u.put("held_by_bidders", held);
                u.put("conserved", ok);
                all &= ok;
            }
        }
        if (missions.missions() > 0) {
            ObjectNode accounts = c.putObject("missions");
            MissionColumns columns = engine.backend().missionColumns();
            for (int k = 0; k < missions.missions(); k++) {
                MissionLedger.Account acc = missions.get(k);
                String problem = engine.missionProblem(k, acc, columns);
                ObjectNode u = accounts.putObject(engine.scenario().missions().get(k).name());
                u.put("funded", Money.toCredits(acc.funded));
                u.put("tax_collected", Money.toCredits(acc.taxCollected));
                u.put("paid", Money.toCredits(acc.paid));
                u.put("escrow_returned", Money.toCredits(acc.escrowReturned));
                u.put("escrow", Money.toCredits(acc.escrow));
                u.put("subsidy_funded", Money.toCredits(acc.subsidyFunded));
                u.put("subsidy_paid", Money.toCredits(acc.subsidyPaid));
                u.put("subsidy_returned", Money.toCredits(acc.subsidyReturned));
                u.put("subsidy", Money.toCredits(acc.subsidy));
                u.put("conserved", problem == null);
                if (problem != null) {
                    u.put("problem", problem);
                }
                all &= problem == null;
            }
        }
        c.put("all_conserved", all);
        return c;
    }

    /** Per mission: its rules, outcome, accounts and measures over the run (docs/outputs.md#summaryjson). */
    private static ArrayNode missions(Engine engine) {
        ArrayNode arr = RunDirectory.JSON.createArrayNode();
        MissionColumns columns = engine.backend().missionColumns();
        Population population = engine.population();
        for (MissionPlan plan : engine.missionPlans()) {
            MissionSpec spec = plan.spec();
            MissionLedger.Account acc = engine.missions().get(plan.index());
            ObjectNode n = arr.addObject();
            n.put("name", spec.name());
            n.put("sponsor", spec.sponsor() instanceof MissionSpec.CohortSponsor c
                    ? engine.scenario().cohorts().get(c.cohortIndex()).name() : "external");
            ObjectNode policy = n.putObject("policy");
            policy.put("levers", spec.policy().label());
            policy.put("reputation_weight", spec.policy().reputationWeight());
            policy.put("min_reputation", spec.policy().minReputationPpm() / 1e6);
            if (spec.policy().subsidy() != null) {
                policy.put("subsidy_per_task", Money.toCredits(spec.policy().subsidy().perTask()));
                policy.put("subsidy_budget", Money.toCredits(spec.policy().subsidy().budget()));
            }
            if (spec.policy().tax() != null) {
                policy.put("tax_fee_share", spec.policy().tax().feeSharePpm() / 1e6);
            }
            n.put("state", acc.state == MissionLedger.CLOSED ? "closed" : acc.state == MissionLedger.OPEN ? "open"
                    : "pending");
            n.put("success", acc.delivered >= spec.tasks());
            if (acc.completedEpoch >= 0) {
                n.put("completed_epoch", acc.completedEpoch);
            }
            if (acc.closedEpoch >= 0) {
                n.put("closed_epoch", acc.closedEpoch);
            }
            n.put("deadline_epoch", spec.deadlineEpoch());
            n.put("bidders", plan.bidders());
            n.put("tasks", spec.tasks());
            n.put("tasks_completed", acc.delivered);
            n.put("mission_completion", (double) acc.delivered / spec.tasks());
            n.put("rounds", acc.rounds);
            n.put("tasks_posted", acc.posted);
            n.put("tasks_awarded", acc.awarded);
            n.put("tasks_failed", acc.failed());
            n.put("mean_bidders_per_round", acc.rounds == 0 ? 0 : (double) acc.bids / acc.rounds);
            putRatio(n, "completion", acc.delivered, acc.posted);
            n.put("budget", Money.toCredits(spec.budget()));
            n.put("funded", Money.toCredits(acc.funded));
            n.put("tax_collected", Money.toCredits(acc.taxCollected));
            n.put("paid", Money.toCredits(acc.paid));
            n.put("advance_lost", Money.toCredits(acc.advanceLost));
            n.put("subsidy_paid", Money.toCredits(acc.subsidyPaid));
            n.put("escrow_returned", Money.toCredits(acc.escrowReturned));
            n.put("subsidy_returned", Money.toCredits(acc.subsidyReturned));
            n.put("escrow", Money.toCredits(acc.escrow));
            if (acc.delivered > 0) {
                n.put("cost_per_completed_task", (acc.paid + acc.subsidyPaid) / 1e6 / acc.delivered);
                n.put("escrow_cost_per_completed_task", acc.paid / 1e6 / acc.delivered);
                n.put("mean_price", (acc.paid - acc.advanceLost) / 1e6 / acc.delivered);
            }
            double freeRiding = MissionMetrics.freeRiding(acc.advanceLost, acc.paid + acc.subsidyPaid);
            if (!Double.isNaN(freeRiding)) {
                n.put("free_riding_share", freeRiding);
            }
            putRatio(n, "non_delivery_share", acc.failed(), acc.awarded);
            int[] awarded = columns.awarded[plan.index()];
            int[] delivered = columns.delivered[plan.index()];
            long winners = 0;
            long repeat = 0;
            for (int i = 0; i < awarded.length; i++) {
                winners += awarded[i] > 0 ? 1 : 0;
                repeat += awarded[i] >= 2 && delivered[i] == 0 ? 1 : 0;
            }
            n.put("bidders_awarded", winners);
            putRatio(n, "repeat_non_deliverers", repeat, winners);
            double hhi = MissionMetrics.hhi(acc.principalPaid);
            if (!Double.isNaN(hhi)) {
                n.put("payment_hhi", hhi);
            }
            long[] paid = columns.paid[plan.index()].clone();
            Arrays.parallelSort(paid);
            n.put("payment_gini", WealthDistribution.ofSorted(paid).gini());
            if (acc.awarded > 0) {
                n.put("mean_winner_capability", acc.capabilitySum / 1e6 / acc.awarded);
                n.put("mean_winner_reputation", acc.reputationSum / 1e6 / acc.awarded);
            }
            if (acc.rounds > 0) {
                n.put("last_price", Money.toCredits(spec.tickSize() * MissionSpec.payment(acc.lastPayScore,
                        MissionSpec.PPM, spec.policy().reputationWeight(), spec.reserveTick())));
            }
            long totalPaid = acc.paid + acc.subsidyPaid;
            var principals = n.putArray("principals");
            for (int g = 0; g < plan.groups().size(); g++) {
                ObjectNode pr = principals.addObject();
                pr.put("name", plan.groups().get(g));
                pr.put("bidders", plan.groupAgents(g));
                pr.put("awarded", acc.principalAwarded[g]);
                pr.put("delivered", acc.principalDelivered[g]);
                putRatio(pr, "delivery_rate", acc.principalDelivered[g], acc.principalAwarded[g]);
                pr.put("paid", Money.toCredits(acc.principalPaid[g]));
                pr.put("payment_share", totalPaid == 0 ? 0 : (double) acc.principalPaid[g] / totalPaid);
                long reputation = 0;
                for (MissionPlan.Range r : plan.ranges()) {
                    if (r.group() == g) {
                        for (int i = r.from(); i < r.to(); i++) {
                            reputation += population.reputation[i];
                        }
                    }
                }
                pr.put("mean_reputation", reputation / 1e6 / plan.groupAgents(g));
            }
        }
        return arr;
    }

    /** {@code name}: num / den, left out when den is 0. */
    private static void putRatio(ObjectNode n, String name, long num, long den) {
        if (den > 0) {
            n.put(name, (double) num / den);
        }
    }

    /** {@code name}: v, or null where it is not a number (no period has counted yet). */
    private static void putNumber(ObjectNode n, String name, double v) {
        if (Double.isNaN(v)) {
            n.putNull(name);
        } else {
            n.put(name, v);
        }
    }

    /** Per auction: its mechanism, accounts, efficiency and fairness over the run (docs/outputs.md). */
    private static ArrayNode auctions(Engine engine) {
        ArrayNode arr = RunDirectory.JSON.createArrayNode();
        AuctionColumns columns = engine.backend().auctionColumns();
        for (AuctionPlan plan : engine.auctionPlans()) {
            AuctionSpec spec = plan.spec();
            AuctionLedger.Account acc = engine.auctions().get(plan.index());
            ObjectNode n = arr.addObject();
            n.put("name", spec.name());
            n.put("resource", spec.resource().jsonName());
            ObjectNode mech = n.putObject("mechanism");
            mech.put("type", spec.mechanism().jsonName());
            switch (spec.mechanism()) {
                case AuctionSpec.PrincipalCap cap -> {
                    mech.put("max_share", BigDecimal.valueOf(cap.maxSharePpm(), 6).stripTrailingZeros());
                    mech.put("cap_units", cap.capUnits());
                }
                case AuctionSpec.ReservedShare r -> {
                    mech.put("share", BigDecimal.valueOf(r.sharePpm(), 6).stripTrailingZeros());
                    mech.put("reserved_units", r.reservedUnits());
                }
                case AuctionSpec.EqualEndowment e -> mech.put("budget", Money.toCredits(e.budget()));
                case AuctionSpec.UniformPrice u -> {
                }
            }
            n.put("rounds", acc.rounds);
            n.put("bidders", plan.bidders());
            n.put("supply_per_round", spec.supply());
            n.put("units_supplied", acc.supplied);
            n.put("units_allocated", acc.allocated);
            n.put("units_unsold", acc.unsold);
            if (spec.mechanism().paysInTokens()) {
                n.put("tokens_issued", Money.toCredits(acc.tokensIssued));
                n.put("tokens_spent", Money.toCredits(acc.tokensSpent));
            } else {
                n.put("revenue", Money.toCredits(acc.revenue));
            }
            n.put("last_price", Money.toCredits(spec.tickSize() * acc.lastPrice));
            n.put("last_small_price", Money.toCredits(spec.tickSize() * acc.lastSmallPrice));
            n.put("reserve_binding_rounds", acc.reserveBindingRounds);
            if (acc.rounds > 0) {
                n.put("efficiency", acc.valueMax == 0 ? 1.0 : (double) acc.valueRealized / acc.valueMax);
                n.put("allocation_gini", acc.giniSum / acc.rounds);
                long[] total = columns.totalWon[plan.index()].clone();
                Arrays.parallelSort(total);
                n.put("cumulative_allocation_gini", WealthDistribution.ofSorted(total).gini());
                n.put("envy_share", (double) acc.envious / acc.bidderRounds);
                n.put("envy_share_up_to_one_unit", (double) acc.enviousUpToOne / acc.bidderRounds);
                if (spec.smallPrincipalAgents() > 0) {
                    n.put("small_principal_share", (double) acc.smallUnits / acc.supplied);
                }
                long largest = 0;
                for (long u : acc.principalUnits) {
                    largest = Math.max(largest, u);
                }
                n.put("max_principal_share", (double) largest / acc.supplied);
            }
            if (spec.smallPrincipalAgents() > 0) {
                n.put("small_principal_agents", spec.smallPrincipalAgents());
            }
            var principals = n.putArray("principals");
            for (int g = 0; g < plan.groups().size(); g++) {
                ObjectNode pr = principals.addObject();
                pr.put("name", plan.groups().get(g));
                pr.put("small", plan.small(g));
                pr.put("bidders", plan.groupAgents(g));
                pr.put("units", acc.principalUnits[g]);
                pr.put("share", acc.supplied == 0 ? 0 : (double) acc.principalUnits[g] / acc.supplied);
                double bidderRounds = (double) plan.groupAgents(g) * acc.rounds;
                pr.put("envy_share", bidderRounds == 0 ? 0 : acc.principalEnvious[g] / bidderRounds);
                pr.put("envy_share_up_to_one_unit", bidderRounds == 0 ? 0
                        : acc.principalEnviousUpToOne[g] / bidderRounds);
            }
        }
        return arr;
    }

    private static ArrayNode markets(Engine engine, long[] maxSurplus) {
        ArrayNode arr = RunDirectory.JSON.createArrayNode();
        MarketState ms = engine.markets();
        for (int m = 0; m < ms.markets; m++) {
            MarketSpec spec = engine.scenario().markets().get(m);
            ObjectNode n = arr.addObject();
            n.put("name", spec.name());
            n.put("resource", spec.resource().jsonName());
            n.put("last_price", Money.toCredits(spec.priceOf(ms.lastTick[m])));
            n.put("last_price_tick", ms.lastTick[m]);
            n.put("fundamental", Money.toCredits(spec.priceOf(ms.fundamentalTick[m])));
            n.put("volume", ms.totalVolume[m]);
            n.put("last_volume", ms.lastVolume[m]);
            n.put("max_drawdown", ms.maxDrawdown[m]);
            n.put("fees", Money.toCredits(ms.fees[m]));
            n.put("breaker_trips", engine.safety().breakerTrips[m]);
            n.put("volatility_pauses", engine.safety().pauses[m]);
            if (spec.sandbox() != null) {
                n.put("sandbox", spec.sandbox());
            }
            n.put("market_wide_levels_fired", Integer.bitCount(engine.safety().marketWideFired[m]));
            if (maxSurplus[m] > 0) { // docs/market-clearing.md#efficiency
                putNumber(n, "efficiency", MetricsRow.efficiency(engine, m, maxSurplus[m]));
                putNumber(n, "zi_efficiency", PeriodSurplus.ziEfficiency(ms, m));
                n.put("efficiency_periods", ms.efficiency[m * PeriodSurplus.SLOTS + PeriodSurplus.PERIODS]);
                n.put("efficiency_periods_counted", ms.efficiency[m * PeriodSurplus.SLOTS + PeriodSurplus.COUNTED]);
            }
            ObjectNode rej = n.putObject("rejects");
            for (RejectReason r : RejectReason.values()) {
                rej.put(r.label(), ms.rejects[m * RejectReason.COUNT + r.ordinal()]);
            }
        }
        return arr;
    }
}
