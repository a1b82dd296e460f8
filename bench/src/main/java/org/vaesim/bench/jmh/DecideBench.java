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
 * decide: every decide kernel over the whole population (or one family's segments), single-threaded.
 * Score: microseconds per pass over the population.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DecideBench {
    @Param({"100000", "1000000"})
    public int agents;

    /** "all", or a family's JSON name (zi-c, zi-u, fundamentalist, chartist, market-maker, hft, execution). */
    @Param({"all"})
    public String family;

    private KernelFixture f;

    @Setup(Level.Trial)
    public void setUp() {
        f = new KernelFixture(agents);
    }

    @Benchmark
    public void decide(Blackhole bh) {
        f.decide(family);
        bh.consume(f.population.bidQty);
    }
}
