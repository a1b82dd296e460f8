package org.vaesim.kernels.relationships;

import org.vaesim.kernels.cpu.JavaBackend;
import org.vaesim.kernels.cpu.WorkerPool;
import org.vaesim.kernels.memory.Population;

/**
 * The relationships' Java half: each pass over chunks of {@link JavaBackend#CHUNK} items on the backend's worker
 * pool. No two items of a pass touch the same agent (see {@link Relationships}), so the chunks may run in any order.
 */
final class RelationshipsJava implements RelationshipsKernels {
    private final RelationshipsPlan plan;
    private final Population population;
    private final WorkerPool pool;

    RelationshipsJava(RelationshipsPlan plan, JavaBackend backend) {
        this.plan = plan;
        this.population = backend.population();
        this.pool = backend.pool();
    }

    @Override
    public void epoch(int last, int epoch, int[] buyerPartner, int[] sellerPartner, int[] traded) {
        Population p = population;
        RelationshipsPlan r = plan;
        int buyerChunks = chunks(r.buyers());
        pool.run(buyerChunks, c -> Relationships.keep(c * JavaBackend.CHUNK,
                Math.min(r.buyers(), (c + 1) * JavaBackend.CHUNK), r, last, epoch, p.cash, p.inventory, p.status,
                buyerPartner, sellerPartner, traded, new int[4]));
        pool.run(buyerChunks, c -> Relationships.match(c * JavaBackend.CHUNK,
                Math.min(r.buyers(), (c + 1) * JavaBackend.CHUNK), r, last, epoch, p.cash, p.inventory, p.status,
                buyerPartner, sellerPartner, traded, new int[4]));
        pool.run(chunks(r.sides()), c -> Relationships.release(c * JavaBackend.CHUNK,
                Math.min(r.sides(), (c + 1) * JavaBackend.CHUNK), r, buyerPartner, sellerPartner));
    }

    private static int chunks(int n) {
        return (n + JavaBackend.CHUNK - 1) / JavaBackend.CHUNK;
    }
}
