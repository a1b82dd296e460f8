package org.vaesim.bench.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.infra.Blackhole;

/**
 * decide: every decide kernel over the whole population (or one family's segments), single-threaded.
 * Score: microseconds per pass over the population.
 */
public class DecideBench extends KernelBench {
    /** "all", or a family's JSON name (zi-c, zi-u, fundamentalist, chartist, market-maker, hft, execution). */
    @Param({"all"})
    public String family;

    @Benchmark
    public void decide(Blackhole bh) {
        f.decide(family);
        bh.consume(f.population.bidQty);
    }
}
