package org.vaesim.host.run;

import java.time.Instant;
import java.util.List;

import org.HdrHistogram.Histogram;

import org.vaesim.host.epoch.Engine;
import org.vaesim.host.epoch.MarketState;
import org.vaesim.host.epoch.PeriodSurplus;
import org.vaesim.host.epoch.Totals;
import org.vaesim.models.scenario.Money;
import org.vaesim.host.metrics.MetricsRow;
import org.vaesim.host.metrics.FamilyReturns;
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
import org.vaesim.host.stage.Stage;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.kernels.gate.RejectReason;
import org.vaesim.models.market.MarketSpec;

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
        for (Stage stage : engine.stages()) { // each mechanism's own section (auctions, missions, gateway, ...)
            stage.summarize(root, engine);
        }
        if (wealth != null) {
            root.set("wealth", wealth(wealth, engine.scenario().metricsEvery()));
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
            // against the cohort's own start: a cohort's inequality can move while the whole economy's does not
            double initial = WealthDistribution.ofEndowment(seg, engine.scenario().markets().get(seg.market()),
                    engine.scenario().seed()).gini();
            c.put("wealth_gini_initial", initial);
            c.put("wealth_gini_change", w.gini() - initial);
            for (Stage stage : engine.stages()) {
                stage.summarizeCohort(c, seg, engine);
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
        long feesTaken = 0;
        // agent currency that left through a stage (a gateway) counts on both sides
        long outsideInitial = 0;
        long outside = 0;
        for (Stage stage : engine.stages()) {
            feesTaken += stage.feesTaken();
            outsideInitial += stage.moneyOffshoreInitial();
            outside += stage.moneyOffshore();
        }
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
        c.put("fee_sink", Money.toCredits(ms.feeSink() - feesTaken));
        for (Stage stage : engine.stages()) { // the stages' accounts: auction sink, missions' escrow, offshore
            stage.moneyAccounts(c);
        }
        c.put("money_conserved", moneyOk);
        if (overflow != null) {
            c.put("money_overflow", overflow);
        }
        long[] goods = Totals.goods(engine.population(), engine.layout().segments(), ms.markets);
        // a good with several venues is conserved over them: its venues' entries show their share and the good's sum
        List<MarketSpec> marketSpecs = engine.scenario().markets();
        int[] goodOf = MarketSpec.goodIndices(marketSpecs);
        long[] goodFinal = Totals.perGood(goods, goodOf);
        long[] wants = new long[ms.markets];
        for (int m = 0; m < ms.markets; m++) {
            wants[m] = a.goodsExpected(m) - engine.goodsOut(m);
        }
        long[] goodWant = Totals.perGood(wants, goodOf);
        ObjectNode g = c.putObject("goods");
        boolean all = moneyOk;
        for (int m = 0; m < ms.markets; m++) {
            ObjectNode gm = g.putObject(engine.scenario().markets().get(m).name());
            gm.put("initial", a.goodsInitial[m]);
            gm.put("final", goods[m]);
            gm.put("injected", a.goodsInjected[m]);
            gm.put("removed", a.goodsRemoved[m]);
            for (Stage stage : engine.stages()) {
                stage.goodsAccounts(m, gm);
            }
            boolean ok = goodFinal[goodOf[m]] == goodWant[goodOf[m]];
            if (!marketSpecs.get(m).good().equals(marketSpecs.get(m).name())) {
                gm.put("good", marketSpecs.get(m).good());
                gm.put("good_final", goodFinal[goodOf[m]]);
            }
            gm.put("conserved", ok);
            all &= ok;
        }
        for (Stage stage : engine.stages()) { // what each stage conserves: external money, units, accounts
            all &= stage.conservation(c);
        }
        c.put("all_conserved", all);
        return c;
    }

    /** {@code name}: v, or null where it is not a number (no period has counted yet). */
    private static void putNumber(ObjectNode n, String name, double v) {
        if (Double.isNaN(v)) {
            n.putNull(name);
        } else {
            n.put(name, v);
        }
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
