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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.vaesim.bench.BenchScenario;
import org.vaesim.host.epoch.Engine;
import org.vaesim.host.metrics.MetricsRow;
import org.vaesim.host.metrics.WealthHistogram;

/**
 * One metrics epoch's sampling ({@link MetricsRow#sample}: prices, volumes, efficiency and the wealth
 * distribution) on the standard bench economy after {@link KernelFixture#DEFAULT_EPOCHS_BEFORE} epochs, so
 * wealth is spread. This is the cost a run pays every {@code metrics_every} epochs on top of its epochs: two
 * passes over the population on the backend (docs/inequality.md); before them, a copy of the population and a
 * host sort.
 * {@code threads} 0 means all cores.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class MetricsBench {
    @Param({"1000000"})
    public int agents;

    @Param({"0"})
    public int threads;

    @Param({"java"})
    public String backend;

    private Engine engine;
    private long[] maxSurplus;

    @Setup(Level.Trial)
    public void setUp() {
        int t = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        engine = Engine.start(BenchScenario.build(agents, 1000), backend, t);
        for (int e = 0; e < KernelFixture.DEFAULT_EPOCHS_BEFORE; e++) {
            engine.step();
        }
        maxSurplus = MetricsRow.maxSurplus(engine);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
    }

    @Benchmark
    public MetricsRow sample() {
        return MetricsRow.sample(engine, maxSurplus);
    }

    /** Pass 1 alone (the wealth histogram and what the host derives from it); summary.json's cost. */
    @Benchmark
    public WealthHistogram histogram() {
        return WealthHistogram.sample(engine);
    }
}
