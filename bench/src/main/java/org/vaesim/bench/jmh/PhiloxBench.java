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
import org.vaesim.kernels.rng.Philox;
import org.vaesim.kernels.rng.Streams;

/**
 * Philox4x32-10, single-threaded: {@code block} computes one full block (four words) per agent; {@code agentWords}
 * draws each agent's word the way the decide kernels do ({@link Philox#agentWord}: one block per four agents).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PhiloxBench {
    @Param({"100000", "1000000"})
    public int agents;

    private final int[] out = new int[4];
    private final int[] scratch = Philox.agentWordScratch();
    private int keyLo;
    private int keyHi;
    private int epoch;

    @Setup(Level.Trial)
    public void setUp() {
        long key = Philox.key(20_250_911L, Streams.DECIDE);
        keyLo = Philox.keyLo(key);
        keyHi = Philox.keyHi(key);
    }

    @Benchmark
    public void block(Blackhole bh) {
        int acc = 0;
        int e = epoch++;
        for (int i = 0; i < agents; i++) {
            Philox.philox4x32_10(i, e, Streams.STAGE_DECIDE, 0, keyLo, keyHi, out);
            acc ^= out[0];
        }
        bh.consume(acc);
    }

    @Benchmark
    public void agentWords(Blackhole bh) {
        int acc = 0;
        int e = epoch++;
        Philox.forgetAgentWords(scratch);
        for (int i = 0; i < agents; i++) {
            acc ^= Philox.agentWord(i, e, Streams.STAGE_DECIDE, 0, keyLo, keyHi, scratch);
        }
        bh.consume(acc);
    }
}
