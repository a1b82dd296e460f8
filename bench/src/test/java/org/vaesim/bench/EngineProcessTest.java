package org.vaesim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** An engine in a JVM of its own runs the epochs it is told to, and a child that fails is reported clearly. */
class EngineProcessTest {

    @Test
    void aChildRunsTheStepsItIsSentAndReportsItsRun() {
        try (EngineProcess child = new EngineProcess("java", 1000, 1, 5, true)) {
            child.step();
            child.step();
            child.startTiming();
            child.step();
            child.step();
            child.step();
            HardwareBench.EngineRun run = child.finish();
            assertEquals(1000, run.throughput().agents());
            assertEquals(3, run.throughput().epochs(), "only the epochs after startTiming are timed");
            assertEquals(1, run.throughput().threads());
            assertEquals("java", run.throughput().backend());
            assertTrue(run.throughput().agentEpochsPerSecond() > 0);
            assertEquals(5, run.activity().auditRecords(), "one audit record per epoch, warm-up included");
            assertTrue(run.activity().tradedUnits() > 0);
        }
    }

    /** Both economies, a JVM each, stepped in turn: each is timed on its own epochs and its agents trade. */
    @Test
    void theHeterogeneousEconomysCostIsMeasuredAgainstTheStandardOne() {
        HardwareBench.EconomyComparison c = HardwareBench.measureHeterogeneousCost("java", 2000, 1, 2, 4);
        assertEquals(4, c.standard().throughput().epochs());
        assertEquals(4, c.heterogeneous().throughput().epochs());
        assertTrue(c.standard().activity().tradedUnits() > 0 && c.heterogeneous().activity().tradedUnits() > 0);
        assertEquals(c.standard().throughput().agentEpochsPerSecond()
                / c.heterogeneous().throughput().agentEpochsPerSecond(), c.costRatio(), 1e-12);
    }

    @Test
    void aChildThatCannotStartIsNamedWithItsExitCode() {
        // below the bench scenario's smallest population: the child fails while building its engine
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new EngineProcess("java", BenchScenario.MIN_AGENTS - 1, 1, 5, false).close());
        assertTrue(e.getMessage().contains("the plain engine's JVM ended without answering"), e.getMessage());
        assertTrue(e.getMessage().contains("exit code 1"), e.getMessage());
    }

    @Test
    void heapAndNativeAccessOptionsArePassedOnButNotDebuggersOrProfilers() {
        List<String> kept = EngineProcess.jvmOptionsToPass(List.of("-Xmx20g", "-XX:MaxRAMPercentage=75",
                "--enable-native-access=ALL-UNNAMED", "-Dvaesim.checks=true",
                "-agentlib:jdwp=transport=dt_socket,server=y,address=5005", "-javaagent:/tmp/profiler.jar",
                "-XX:StartFlightRecording=filename=bench.jfr", "-XX:FlightRecorderOptions=stackdepth=128"));
        assertEquals(List.of("-Xmx20g", "-XX:MaxRAMPercentage=75", "--enable-native-access=ALL-UNNAMED",
                "-Dvaesim.checks=true"), kept);
    }
}
