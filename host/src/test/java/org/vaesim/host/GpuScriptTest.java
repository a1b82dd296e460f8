package org.vaesim.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * bench/gpu/run-on-gpu.sh is the only place the cuda cases of the host's suites run (no GPU elsewhere): it must
 * select every host test class with cases parameterized over the cuda backend, or those cases never run at all.
 */
class GpuScriptTest {
    private static final Path SCRIPT = Path.of("..", "bench", "gpu", "run-on-gpu.sh");
    /** A value or CSV source that names the cuda backend, as a string or as the constant. */
    private static final Pattern CUDA_CASES = Pattern.compile(
            "@(ValueSource|CsvSource)\\([^)]*(\"cuda\"|\\bcuda\"|Backends\\.CUDA)", Pattern.DOTALL);

    @Test
    void theGpuScriptSelectsEveryHostSuiteWithCudaCases() throws IOException {
        String script = Files.readString(SCRIPT, StandardCharsets.UTF_8);
        Path root = Path.of("src", "test", "java");
        List<String> suites = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith("Test.java")).sorted().toList()) {
                if (CUDA_CASES.matcher(Files.readString(f, StandardCharsets.UTF_8)).find()) {
                    suites.add(root.relativize(f).toString().replace('/', '.').replace(".java", ""));
                }
            }
        }
        assertTrue(suites.contains("org.vaesim.host.epoch.BackendParityTest"), "the pattern finds them: " + suites);
        List<String> unselected = suites.stream().filter(c -> !script.contains("--select-class " + c)).toList();
        assertEquals(List.of(), unselected, "host suites with cuda cases that " + SCRIPT + " does not select");
    }
}
