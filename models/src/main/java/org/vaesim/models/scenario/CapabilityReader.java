package org.vaesim.models.scenario;

import java.util.ArrayList;
import java.util.List;

import org.vaesim.models.capability.CapabilitySpec;
import org.vaesim.models.capability.EntrenchmentSpec;
import org.vaesim.models.redistribution.WealthTaxSpec;

/**
 * Reads the blocks of compounding advantage (docs/config-reference.md#capability): {@code capability}, capability
 * as evolving state, {@code entrenchment}, the metrics of entrenchment a run reports, and {@code wealth_tax}, a
 * lever against it.
 */
final class CapabilityReader {
    static final List<String> ENTRENCHMENT_FIELDS = List.of("persistence_lag", "early_epochs");
    static final List<String> CAPABILITY_FIELDS = List.of("cohorts", "feedback", "half_stock", "compute_weight",
            "reinvest", "unit_cost", "depreciation");
    static final List<String> WEALTH_TAX_FIELDS = List.of("cohorts", "rate", "every");
    private static final Node.Interval SHARE = Node.Interval.atLeast(0).withMax(1);

    /** The wealth tax, or null when the scenario has none. */
    static WealthTaxSpec wealthTax(Node root, int epochs, CohortReader.Population population)
            throws ConfigException {
        if (root.field("wealth_tax").isMissing()) {
            return null;
        }
        Node t = root.optionalObject("wealth_tax", WEALTH_TAX_FIELDS);
        List<Integer> cohorts = cohorts(t, population);
        double rate = t.requiredDouble("rate", SHARE);
        int every = t.optionalInt("every", 1, epochs, 1);
        return new WealthTaxSpec(cohorts, rate, every);
    }

    /** The block's {@code cohorts}: names of cohorts, each once, as sorted indices in ascending order. */
    private static List<Integer> cohorts(Node block, CohortReader.Population population) throws ConfigException {
        List<Integer> cohorts = new ArrayList<>();
        for (Node element : block.requiredArray("cohorts", 1, 1024)) {
            int sorted = population.sortedIndex(element.asOneOf(population.names(), "must name a cohort, one of"));
            if (cohorts.contains(sorted)) {
                throw element.error("is listed twice; allowed: each cohort once");
            }
            cohorts.add(sorted);
        }
        cohorts.sort(null);
        return cohorts;
    }

    /** The capability block, or null when the scenario has none. */
    static CapabilitySpec capability(Node root, CohortReader.Population population) throws ConfigException {
        if (root.field("capability").isMissing()) {
            return null;
        }
        Node c = root.optionalObject("capability", CAPABILITY_FIELDS);
        List<Integer> cohorts = cohorts(c, population);
        long feedback = c.optionalScaled("feedback", 6, Node.Interval.atLeast(0).withMax(10), 0);
        long half = c.optionalScaled("half_stock", 6, Node.Interval.above(0, 1e9), 100_000_000L);
        long weight = c.optionalScaled("compute_weight", 6, Node.Interval.atLeast(0).withMax(1000), 1_000_000L);
        long reinvest = c.optionalScaled("reinvest", 6, SHARE, 0);
        long unitCost = c.optionalScaled("unit_cost", 6, Node.Interval.atLeast(1).withMax(1e6), 1_000_000L);
        long depreciation = c.optionalScaled("depreciation", 6, SHARE, 0);
        return new CapabilitySpec(cohorts, feedback, half, weight, reinvest, unitCost, depreciation);
    }

    private CapabilityReader() {
    }

    /** The entrenchment metrics asked for, or null when the scenario has no {@code entrenchment} block. */
    static EntrenchmentSpec entrenchment(Node root, int epochs) throws ConfigException {
        if (root.field("entrenchment").isMissing()) {
            return null;
        }
        Node e = root.optionalObject("entrenchment", ENTRENCHMENT_FIELDS);
        int lag = e.optionalInt("persistence_lag", 1, EntrenchmentSpec.MAX_LAG, 1);
        // not bounded by epochs: a run shortened on the command line keeps a valid scenario (no early winners then)
        int early = e.optionalInt("early_epochs", 1, Scenario.MAX_EPOCHS, Math.max(1, epochs / 10));
        return new EntrenchmentSpec(lag, early);
    }
}
