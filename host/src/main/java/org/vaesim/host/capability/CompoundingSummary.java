package org.vaesim.host.capability;

import java.util.Map;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.vaesim.host.epoch.Engine;

/** summary.json's {@code entrenchment} section (docs/outputs.md#summaryjson). */
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

    private static void putOrNull(ObjectNode n, String field, double v) {
        if (Double.isNaN(v)) {
            n.putNull(field);
        } else {
            n.put(field, v);
        }
    }
}
