package org.vaesim.models.scenario;

import java.util.List;

import org.vaesim.models.capability.EntrenchmentSpec;

/**
 * Reads the blocks of compounding advantage (docs/config-reference.md#entrenchment): {@code entrenchment}, the
 * metrics of entrenchment a run reports.
 */
final class CapabilityReader {
    static final List<String> ENTRENCHMENT_FIELDS = List.of("persistence_lag", "early_epochs");

    private CapabilityReader() {
    }

    /** The entrenchment metrics asked for, or null when the scenario has no {@code entrenchment} block. */
    static EntrenchmentSpec entrenchment(Node root, int epochs) throws ConfigException {
        if (root.field("entrenchment").isMissing()) {
            return null;
        }
        Node e = root.optionalObject("entrenchment", ENTRENCHMENT_FIELDS);
        int lag = e.optionalInt("persistence_lag", 1, EntrenchmentSpec.MAX_LAG, 1);
        int early = e.optionalInt("early_epochs", 1, epochs, Math.max(1, epochs / 10));
        return new EntrenchmentSpec(lag, early);
    }
}
