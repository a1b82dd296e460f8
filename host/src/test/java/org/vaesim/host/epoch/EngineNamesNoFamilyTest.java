package org.vaesim.host.epoch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The engine, the summary, the report and the checkpoint codec name no strategy family (docs/extending.md): what a
 * family needs from the host each epoch is its record's observe hook (DecideFamily.Observe), and what a mechanism
 * adds to a cohort's entry of summary.json is its stage's ({@code Stage.summarizeCohort}: negotiation's tiers). A
 * source scan, as the compiler cannot tell a hub from a plug-in.
 */
class EngineNamesNoFamilyTest {
    private static final Path HOST = Path.of("src", "main", "java", "org", "vaesim", "host");
    private static final List<Path> HUBS = List.of(HOST.resolve("epoch/Engine.java"), HOST.resolve("run/Summary.java"),
            HOST.resolve("report/HtmlReport.java"), HOST.resolve("io/StateCodec.java"));
    private static final Path STRATEGIES = Path.of("..", "models", "src", "main", "java", "org", "vaesim", "models",
            "strategy");

    @Test
    void noHubNamesAFamilysParams() throws IOException {
        List<String> params = new ArrayList<>();
        try (Stream<Path> files = Files.list(STRATEGIES)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith("Params.java")) {
                    params.add(name.substring(0, name.length() - ".java".length()));
                }
            }
        }
        assertTrue(params.containsAll(List.of("ChartistParams", "FundamentalistParams", "KineticParams")),
                "the scan finds the families' params: " + params);
        for (Path hub : HUBS) {
            String source = Files.readString(hub, StandardCharsets.UTF_8);
            List<String> named = params.stream().filter(source::contains).toList();
            assertEquals(List.of(), named, hub.getFileName() + " names these families' params");
        }
        String engine = Files.readString(HUBS.getFirst(), StandardCharsets.UTF_8);
        assertTrue(!engine.contains("org.vaesim.models.strategy."), "Engine imports nothing of the strategy package");
    }
}
