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
import org.openjdk.jmh.annotations.TearDown;
import org.vaesim.bench.BenchScenario;
import org.vaesim.host.epoch.Engine;

/**
 * One whole engine epoch (Engine.step: events, observe, decide/gate/book, clear, settle/update, bookkeeping)
 * on the java backend. {@code threads} 0 means all cores; the backend is java, the only one in this build.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EngineEpochBench {
    /**
     * The scenario's length: more than a JMH run steps (stepping past it is harmless). Not larger, because the
     * engine keeps one event list per scenario epoch.
     */
    private static final int EPOCHS = 100_000;

    @Param({"100000", "1000000"})
    public int agents;

    @Param({"0"})
    public int threads;

    @Param({"java"})
    public String backend;

    /** The economy under the full safety layer (BenchScenario.buildWithSafety), without an audit log. */
    @Param({"false", "true"})
    public boolean safety;

    private Engine engine;

    @Setup(Level.Trial)
    public void setUp() {
        if (!backend.equals("java")) {
            throw new IllegalArgumentException("this build has only the java backend, not " + backend);
        }
        int t = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        engine = Engine.start(BenchScenario.build(agents, EPOCHS, safety), t);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
    }

    @Benchmark
    public void epoch(Blackhole bh) {
        engine.step();
        bh.consume(engine.epoch());
    }
}
