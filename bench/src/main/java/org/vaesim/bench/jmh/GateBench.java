package org.vaesim.bench.jmh;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * gate: the pre-trade checks over one epoch's orders, single-threaded. The gate zeroes what it rejects, so
 * repeated passes see only accepted orders; in the bench economy it rejects few, so this changes little.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GateBench {
    @Param({"100000", "1000000"})
    public int agents;

    private KernelFixture f;

    @Setup(Level.Trial)
    public void setUp() {
        f = new KernelFixture(agents);
    }

    @Benchmark
    public void gate(Blackhole bh) {
        bh.consume(f.gate());
    }
}
