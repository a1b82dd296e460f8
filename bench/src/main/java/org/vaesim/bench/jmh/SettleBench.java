package org.vaesim.bench.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.infra.Blackhole;

/**
 * settle: fills, cash and inventory moves and fees for one epoch's cleared orders, single-threaded. Each pass
 * settles the same orders again (holdings drift, which the kernel does not check), so the work per pass is
 * that of one real epoch.
 */
public class SettleBench extends KernelBench {
    @Benchmark
    public void settle(Blackhole bh) {
        bh.consume(f.settle());
    }
}
