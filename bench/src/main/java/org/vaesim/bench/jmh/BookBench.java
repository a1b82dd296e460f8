package org.vaesim.bench.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.infra.Blackhole;

/** book: binning one epoch's gated orders into the per-market tick histograms, single-threaded. */
public class BookBench extends KernelBench {
    @Benchmark
    public void book(Blackhole bh) {
        f.book();
        bh.consume(f.bids);
    }
}
