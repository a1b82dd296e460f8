package org.vaesim.bench.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * gate: the pre-trade checks over one epoch's orders, single-threaded. Every pass starts from the orders decide
 * wrote and the buckets and reputation before the gate, put back outside the timed call, so every pass rejects
 * what that epoch's gate rejected (a pass over orders the gate had already thinned would see no rejections).
 */
public class GateBench extends KernelBench {
    @Setup(Level.Invocation)
    public void restore() {
        f.restoreGateInputs();
    }

    @Benchmark
    public void gate(Blackhole bh) {
        bh.consume(f.gate());
    }
}
