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
import org.vaesim.models.scenario.ConfigException;
import org.vaesim.models.scenario.Scenario;
import org.vaesim.models.scenario.ScenarioLoader;

/**
 * Reading and validating a scenario file with many events ({@code vaesim validate} without the JVM's start):
 * {@code cohorts} cohorts of one agent, each its own principal, and {@code events} events that name them in
 * turn (inject_cash to a cohort, a kill of a principal, a kill of an agent). Validation must stay linear in
 * the events whatever the cohorts: a lookup per event that walks the cohorts made 2,000 cohorts x 700,000
 * events quadratic (docs/reliability.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class ConfigLoadBench {
    @Param({"700000"})
    public int events;

    @Param({"13", "2000"})
    public int cohorts;

    private String json;

    @Setup(Level.Trial)
    public void setUp() {
        json = document(cohorts, events);
    }

    @Benchmark
    public Scenario load() throws ConfigException {
        return ScenarioLoader.parse(json, "bench.json");
    }

    /** The scenario text: one market, {@code cohorts} one-agent ZI buyers, {@code events} events over them. */
    static String document(int cohorts, int events) {
        StringBuilder b = new StringBuilder(events * 80 + cohorts * 200);
        b.append("{\"name\": \"events\", \"seed\": 1, \"epochs\": 1000000, \"markets\": [{\"name\": \"m\",")
                .append(" \"resource\": \"compute\", \"tick_size\": 0.01, \"ticks\": 2000, \"initial_price\": 10}],")
                .append(" \"population\": [");
        for (int c = 0; c < cohorts; c++) {
            b.append(c == 0 ? "" : ", ").append("{\"name\": \"c").append(c).append("\", \"principal\": \"p").append(c)
                    .append("\", \"strategy\": \"zi-c\", \"market\": \"m\", \"count\": 1, \"cash\": 1000, \"params\":")
                    .append(" {\"side\": \"buy\", \"value_min\": 8, \"value_max\": 12}}");
        }
        b.append("], \"events\": [");
        for (int e = 0; e < events; e++) {
            int c = e % cohorts;
            b.append(e == 0 ? "" : ", ").append("{\"epoch\": ").append(e % 1000).append(", ");
            switch (e % 3) {
                case 0 -> b.append("\"type\": \"inject_cash\", \"cohort\": \"c").append(c).append("\", \"amount\": 1}");
                case 1 -> b.append("\"type\": \"kill\", \"target\": \"principal\", \"principal\": \"p").append(c)
                        .append("\"}");
                default -> b.append("\"type\": \"kill\", \"target\": \"agent\", \"agent\": ").append(c).append('}');
            }
        }
        return b.append("]}").toString();
    }
}
