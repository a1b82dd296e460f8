package org.vaesim.kernels.linkage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.vaesim.kernels.cpu.JavaBackend;
import org.vaesim.kernels.cpu.WorkerPool;
import org.vaesim.kernels.memory.Population;

/** The linking scan's Java half: the twin over each cohort cut into chunks, on the backend's worker pool. */
final class LinkageJava implements LinkageKernels {
    private final int[] from;
    private final int[] to;
    private final Population population;
    private final WorkerPool pool;

    LinkageJava(int[] from, int[] to, JavaBackend backend) {
        this.from = from.clone();
        this.to = to.clone();
        this.population = backend.population();
        this.pool = backend.pool();
    }

    /** Each chunk counts into its own row, then the rows are added in chunk order (integer sums: any order). */
    @Override
    public void signatures(int[] reference, int width, long[] clearing, long[] out) {
        Arrays.fill(out, 0L);
        List<int[]> work = new ArrayList<>(); // {cohort, from, to}
        for (int k = 0; k < from.length; k++) {
            if (reference[k] >= 0) {
                for (int a = from[k]; a < to[k]; a += JavaBackend.CHUNK) {
                    work.add(new int[] {k, a, Math.min(to[k], a + JavaBackend.CHUNK)});
                }
            }
        }
        Population p = population;
        long[][] rows = new long[work.size()][Linkage.ROW];
        pool.run(work.size(), w -> {
            int[] piece = work.get(w);
            int c = piece[0] * Linkage.CLEARING;
            Linkage.signature(piece[1], piece[2], reference[piece[0]], width, (int) clearing[c + Linkage.BID_MARGINAL],
                    clearing[c + Linkage.BID_MARGINAL_FILL], clearing[c + Linkage.BID_MARGINAL_TOTAL],
                    (int) clearing[c + Linkage.ASK_MARGINAL], clearing[c + Linkage.ASK_MARGINAL_FILL],
                    clearing[c + Linkage.ASK_MARGINAL_TOTAL], p.status, p.bidTick, p.bidQty, p.askTick, p.askQty,
                    rows[w], 0);
        });
        for (int w = 0; w < work.size(); w++) {
            int base = work.get(w)[0] * Linkage.ROW;
            for (int s = 0; s < Linkage.ROW; s++) {
                out[base + s] += rows[w][s];
            }
        }
    }
}
