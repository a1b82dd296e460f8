package org.vaesim.kernels.linkage;

import org.vaesim.kernels.Halves;

/**
 * The linking scan's backend half (docs/safety.md#linking-principals-from-behaviour): {@link LinkageJava} runs the
 * Java twin ({@link Linkage#signature}), {@link LinkageDevice} the C kernel of {@code linkage.cl}; both give the same
 * counts.
 */
public interface LinkageKernels {
    /**
     * Overwrites {@code out} (cohorts x {@link Linkage#ROW}) with the fingerprint of each cohort k whose
     * {@code reference[k]} is at least 0: the orders its active agents sent this epoch, against that reference tick
     * with aggression bins of {@code width} ticks, and the units it filled against its market's clearing,
     * {@code clearing[k x Linkage.CLEARING ..]} ({@link Linkage#clearing}). A cohort with a negative reference is
     * skipped (its row is 0). Reads the population, changes nothing.
     */
    void signatures(int[] reference, int width, long[] clearing, long[] out);

    /** The halves over the cohort ranges {@code from[k]} .. {@code to[k]}. */
    static Halves<LinkageKernels> halves(int[] from, int[] to) {
        return Halves.of(b -> new LinkageJava(from, to, b), b -> new LinkageDevice(from, to, b));
    }
}
