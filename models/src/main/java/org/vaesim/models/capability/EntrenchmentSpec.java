package org.vaesim.models.capability;

import org.vaesim.models.scenario.ConfigException;
import org.vaesim.models.scenario.Scenario;
import org.vaesim.models.scenario.StageConfig;
import org.vaesim.models.scenario.StageReader;

/**
 * The {@code stages.entrenchment} section: which entrenchment metrics a run reports beside the wealth distribution
 * (docs/inequality.md#entrenchment). The metrics themselves change nothing in the economy.
 *
 * @param persistenceLag metrics epochs k between the two top-decile memberships that the persistence of the top
 *                       decile compares (the share of the top decile at metrics epoch t still in it at t + k), 1 to
 *                       {@link #MAX_LAG}
 * @param earlyEpochs    N: the early winners are the top decile of compute won in resource auctions over the
 *                       first N epochs
 */
public record EntrenchmentSpec(int persistenceLag, int earlyEpochs) {
    /** The longest persistence lag, in metrics epochs: each agent keeps its last 8 memberships in one byte. */
    public static final int MAX_LAG = 7;

    /** The stage's name: its section under {@code stages} and its checkpoint section. */
    public static final String NAME = "entrenchment";

    /** The section's reader (docs/config-reference.md#stagesentrenchment). */
    public static final class Reader implements StageReader<EntrenchmentSpec> {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public EntrenchmentSpec read(StageConfig e) throws ConfigException {
            e.only("persistence_lag", "early_epochs");
            int lag = e.optionalInt("persistence_lag", 1, MAX_LAG, 1);
            // not bounded by epochs: a run shortened on the command line keeps a valid scenario (no early winners)
            int early = e.optionalInt("early_epochs", 1, Scenario.MAX_EPOCHS, Math.max(1, e.epochs() / 10));
            return new EntrenchmentSpec(lag, early);
        }
    }

    public EntrenchmentSpec {
        if (persistenceLag < 1 || persistenceLag > MAX_LAG || earlyEpochs < 1) {
            throw new IllegalArgumentException("persistence lag " + persistenceLag + " (1.." + MAX_LAG
                    + "), early epochs " + earlyEpochs + " (at least 1)");
        }
    }
}
