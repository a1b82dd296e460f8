package org.vaesim.bench.jmh;

import java.util.concurrent.TimeUnit;

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

/**
 * What every per-kernel benchmark shares (JMH inherits state, parameters, setup and run settings): one
 * single-threaded pass of a kernel over the standard economy of {@code agents} agents, in µs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public abstract class KernelBench {
    @Param({"100000", "1000000"})
    public int agents;

    /** {@code -p safety=true}: the economy under the full safety layer (scopes, rate limits, reputation...). */
    @Param({"false"})
    public boolean safety;

    /**
     * Engine epochs run before the kernels are measured: {@code -p epochsBefore=1500} measures them on a later
     * state of the economy, with many more rejections and agents below full reputation (docs/bench.md).
     */
    @Param({"20"})
    public int epochsBefore;

    protected KernelFixture f;

    @Setup(Level.Trial)
    public void setUp() {
        f = new KernelFixture(agents, safety, epochsBefore);
    }
}
