package org.vaesim.host.capability;

import java.util.Map;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.vaesim.host.epoch.Engine;
import org.vaesim.host.metrics.WealthDistribution;
import org.vaesim.host.redistribution.WealthTaxStage;
import org.vaesim.kernels.capability.CapabilityColumns;
import org.vaesim.models.scenario.Money;

/** summary.json's {@code entrenchment}, {@code capability} and {@code wealth_tax} sections (docs/outputs.md). */
public final class CompoundingSummary {
    private CompoundingSummary() {
    }

    /** The section, or null when the scenario asks for no entrenchment metrics. */
    public static ObjectNode entrenchment(Engine engine) {
        Entrenchment e = engine.entrenchment();
        if (e == null) {
            return null;
        }
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("persistence_lag", e.spec().persistenceLag());
        n.put("early_epochs", e.spec().earlyEpochs());
        n.put("metrics_epochs", e.samples());
        putOrNull(n, "mean_persistence", e.meanPersistence());
        Entrenchment.Row last = e.last();
        if (last != null) {
            n.put("top10_agents", last.topAgents());
            putOrNull(n, "persistence", last.persistence());
            putOrNull(n, "early_winner_share", last.earlyWinnerShare());
        }
        if (e.earlyTaken()) {
            n.put("early_winners", e.earlyWinners());
            n.put("early_winner_base_share", (double) e.earlyWinners() / e.early().length);
        }
        if (e.hasCompute()) {
            var columns = engine.backend().auctionColumns();
            putOrNull(n, "compute_hhi", e.computeHhi(columns));
            ObjectNode by = n.putObject("compute_by_principal");
            for (Map.Entry<String, Long> p : e.computeByPrincipal(columns).entrySet()) {
                by.put(p.getKey(), p.getValue());
            }
        }
        return n;
    }

    /** The {@code capability} section, or null when the scenario has no capability block. */
    public static ObjectNode capability(Engine engine) {
        CapabilityStage stage = engine.capability();
        if (stage == null) {
            return null;
        }
        var spec = stage.plan().spec();
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("feedback", spec.feedback() / 1e6);
        n.put("half_stock", spec.halfStock() / 1e6);
        n.put("compute_weight", spec.computeWeight() / 1e6);
        n.put("reinvest", spec.reinvest() / 1e6);
        n.put("reinvest_in_force", spec.reinvestInForce() / 1e6);
        n.put("unit_cost", Money.toCredits(spec.unitCost()));
        n.put("depreciation", spec.depreciation() / 1e6);
        n.put("reinvested", Money.toCredits(stage.invested()));
        CapabilityColumns columns = engine.backend().capabilityColumns();
        long[] sorted = stage.sortedStocks(columns);
        n.put("agents", sorted.length);
        double total = 0;
        for (long x : sorted) {
            total += x;
        }
        n.put("mean_stock", total / sorted.length / 1e6);
        n.put("max_stock", sorted[sorted.length - 1] / 1e6);
        putOrNull(n, "stock_gini", total == 0 ? Double.NaN : WealthDistribution.ofSorted(sorted).gini());
        n.put("mean_boost", stage.meanBoost(columns));
        return n;
    }

    /** The {@code wealth_tax} section, or null when the scenario has no wealth tax. */
    public static ObjectNode wealthTax(Engine engine) {
        WealthTaxStage tax = engine.wealthTax();
        if (tax == null) {
            return null;
        }
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("rate", tax.spec().rate());
        n.put("every", tax.spec().every());
        n.put("collections", tax.collections());
        n.put("collected", Money.toCredits(tax.collected()));
        return n;
    }

    private static void putOrNull(ObjectNode n, String field, double v) {
        if (Double.isNaN(v)) {
            n.putNull(field);
        } else {
            n.put(field, v);
        }
    }
}
