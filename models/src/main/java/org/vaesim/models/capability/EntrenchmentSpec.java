package org.vaesim.models.capability;

/**
 * The {@code entrenchment} block: which entrenchment metrics a run reports beside the wealth distribution
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

    public EntrenchmentSpec {
        if (persistenceLag < 1 || persistenceLag > MAX_LAG || earlyEpochs < 1) {
            throw new IllegalArgumentException("persistence lag " + persistenceLag + " (1.." + MAX_LAG
                    + "), early epochs " + earlyEpochs + " (at least 1)");
        }
    }
}
