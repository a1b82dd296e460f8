package org.vaesim.bench.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.infra.Blackhole;

/**
 * clear: the uniform-price auction of all four markets from one epoch's histograms (2000 ticks each). Its
 * cost is O(markets x ticks) and does not grow with the population; the sizes only change the book's shape.
 */
public class ClearBench extends KernelBench {
    @Benchmark
    public void clear(Blackhole bh) {
        f.clear();
        bh.consume(f.clearing.price);
        bh.consume(f.clearing.volume);
    }
}
