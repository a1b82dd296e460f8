package org.vaesim.kernels.relationships;

import org.vaesim.kernels.Halves;

/**
 * The relationships' backend half: the three passes of {@link Relationships} over one plan's buyers and sellers, with
 * the partner columns kept where the passes run (the population's arrays on java, device buffers on opencl and
 * cuda). {@link RelationshipsJava} runs the Java twins, {@link RelationshipsDevice} the C kernels of
 * relationships.cl; both leave the same columns.
 */
public interface RelationshipsKernels {
    /**
     * One epoch: keep, match, release at the market's last tick {@code last}; afterwards {@code buyerPartner},
     * {@code sellerPartner} and {@code traded} (the caller's arrays, buyers, sellers and buyers long) hold the
     * state the passes left, for the stage's counts and checkpoint.
     */
    void epoch(int last, int epoch, int[] buyerPartner, int[] sellerPartner, int[] traded);

    /** The halves for {@code plan}; the partner columns start as the arrays given at the first epoch. */
    static Halves<RelationshipsKernels> halves(RelationshipsPlan plan) {
        return Halves.of(b -> new RelationshipsJava(plan, b), b -> new RelationshipsDevice(plan, b));
    }
}
