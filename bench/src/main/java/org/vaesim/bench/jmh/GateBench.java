package org.vaesim.bench.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.infra.Blackhole;

/**
 * gate: the pre-trade checks over one epoch's orders, single-threaded. The gate zeroes what it rejects, so
 * repeated passes see only accepted orders; in the bench economy it rejects few, so this changes little.
 */
public class GateBench extends KernelBench {
    @Benchmark
    public void gate(Blackhole bh) {
        bh.consume(f.gate());
    }
}
