package org.vaesim.host.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vaesim.host.Fixtures;
import org.vaesim.models.scenario.ConfigException;
import org.vaesim.models.scenario.Scenario;
import org.vaesim.models.scenario.ScenarioLoader;

/**
 * Every shipped config (configs/*.json and the *.json of every folder in configs/ but sweeps/) run as
 * {@code vaesim run CONFIG --epochs N} does, on the java backend, ends with the state checksum pinned in
 * {@value #FILE}: any change to results fails here, and a change meant to happen is a reviewed diff of that file.
 * N is each config's own length, or a shorter one where the whole run would take more than a few seconds (the
 * file says which). With
 * {@code -Dvaesim.golden.write=true} the test writes the file from this build's results instead (see
 * {@link #REGENERATE}).
 */
class GoldenChecksumTest {
    static final String FILE = "src/test/resources/golden-checksums.txt";
    static final String REGENERATE = "./mvnw -B -q -pl host -am -Dtest=GoldenChecksumTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dvaesim.golden.write=true verify";
    private static final Path PINNED = Path.of(FILE);
    private static final boolean WRITE = Boolean.getBoolean("vaesim.golden.write");
    private static final PrintStream SILENT = new PrintStream(OutputStream.nullOutputStream());
    /** A config new to the file is pinned at its own length, or at as many epochs as about this many agent-epochs. */
    private static final long NEW_CONFIG_AGENT_EPOCHS = 20_000_000;

    /** One line of the file: the config (relative to configs/), the epochs run, the state checksum. */
    record Pin(String config, int epochs, String checksum) {
    }

    private static final Map<String, Pin> WRITTEN = new TreeMap<>();

    /** The file's pins by config (none before the file is first written). */
    static Map<String, Pin> pins() throws IOException {
        Map<String, Pin> pins = new TreeMap<>();
        if (WRITE && !Files.exists(PINNED)) {
            return pins;
        }
        for (String line : Files.readAllLines(PINNED, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            assertEquals(3, f.length, FILE + ": expected 'config epochs checksum', got: " + line);
            assertTrue(pins.put(f[0], new Pin(f[0], Integer.parseInt(f[1]), f[2])) == null, FILE + ": twice: " + f[0]);
        }
        return pins;
    }

    /**
     * The shipped configs, relative to configs/: its own and those of each folder in it (quadrants/, adversary/,
     * ...), so that a new folder is pinned without an edit here; sweep files, which are not scenarios, are out.
     */
    static List<String> configs() throws IOException {
        List<Path> dirs = new ArrayList<>(List.of(Fixtures.CONFIGS));
        try (Stream<Path> entries = Files.list(Fixtures.CONFIGS)) {
            entries.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().equals("sweeps"))
                    .forEach(dirs::add);
        }
        List<String> names = new ArrayList<>();
        for (Path dir : dirs) {
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(p -> p.getFileName().toString().endsWith(".json"))
                        .forEach(p -> names.add(Fixtures.CONFIGS.relativize(p).toString().replace('\\', '/')));
            }
        }
        names.sort(null);
        return names;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void endsWithItsPinnedChecksum(String config, @TempDir Path tmp) throws IOException, ConfigException {
        Path file = Fixtures.config(config);
        Scenario full = ScenarioLoader.load(file);
        Pin pin = pins().get(config);
        if (pin == null && !WRITE) {
            fail("configs/" + config + " has no golden checksum in host/" + FILE + "; pin it deliberately with\n  "
                    + REGENERATE + "\nand commit the file");
        }
        int epochs = pin != null ? pin.epochs()
                : (int) Math.max(1, Math.min(full.epochs(), NEW_CONFIG_AGENT_EPOCHS / full.agentCount()));
        RunSession.Outcome o = RunSession.start(full.withEpochs(epochs), file, tmp.resolve("run"), "java", 2, SILENT,
                true, false);
        assertTrue(o.complete(), config + ": " + o.error());
        if (WRITE) {
            synchronized (WRITTEN) {
                WRITTEN.put(config, new Pin(config, epochs, o.checksum()));
            }
            return;
        }
        assertEquals(pin.checksum(), o.checksum(), "configs/" + config + " at " + epochs + " epochs no longer ends"
                + " with its pinned state_checksum: the results changed. If that is intended, regenerate the pins"
                + " with\n  " + REGENERATE + "\nand commit host/" + FILE + " with a message saying why the results"
                + " changed (and update every doc that quotes the checksum); if not, this change broke the results");
    }

    /** A pin for a config that is gone (renamed, removed) would pass silently: the file lists exactly the configs. */
    @Test
    void theFilePinsExactlyTheShippedConfigs() throws IOException {
        if (WRITE) {
            return;
        }
        assertEquals(new TreeSet<>(configs()), new TreeSet<>(pins().keySet()),
                "host/" + FILE + " must list every config in configs/ and its folders but sweeps/, and no other;"
                        + " regenerate with\n  " + REGENERATE);
    }

    /**
     * With -Dvaesim.golden.write=true: the file, rewritten from this build's results (the configs this run did not
     * reach keep their lines; configs no longer shipped lose theirs).
     */
    @AfterAll
    static void writeThePins() throws IOException {
        if (!WRITE) {
            return;
        }
        Map<String, Pin> merged = new TreeMap<>(pins());
        merged.keySet().retainAll(configs());
        merged.putAll(WRITTEN);
        List<String> lines = new ArrayList<>(List.of(
                "# The state_checksum that `vaesim run configs/CONFIG --epochs EPOCHS` ends with (java backend; any",
                "# backend and thread count must give the same), pinned by GoldenChecksumTest. An intended change of",
                "# results regenerates this file (from the repository root):",
                "#   ./mvnw -B -q -pl host -am -Dtest=GoldenChecksumTest -Dsurefire.failIfNoSpecifiedTests=false \\",
                "#       -Dvaesim.golden.write=true verify",
                "# and the diff is reviewed with the change. EPOCHS is the config's own length, or fewer where the",
                "# whole run takes more than a few seconds.",
                String.format("%-41s%6s  %s", "# config", "epochs", "state_checksum")));
        for (Pin p : merged.values()) {
            lines.add(String.format("%-40s %6d  %s", p.config(), p.epochs(), p.checksum()));
        }
        Files.write(PINNED, lines, StandardCharsets.UTF_8);
    }
}
