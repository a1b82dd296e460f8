package org.vaesim.host.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import org.vaesim.host.run.RunDirectory;
import org.vaesim.models.scenario.ConfigException;
import org.vaesim.models.scenario.ConfigFiles;
import org.vaesim.models.scenario.ScenarioLoader;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a sweep's run is, as a key: the SHA-256 of its effective scenario (every field but the seed, in sorted
 * order, numbers as written, and its epochs) and its seed. A sweep reuses a finished run only under its own key,
 * so a run can never be reported under another point's values, whatever the edit to the sweep between two
 * invocations (values reordered, the base scenario changed).
 */
final class RunKey {
    /** Fields in sorted order, so that the key does not depend on how a file orders them. */
    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED).build();

    private RunKey() {
    }

    /** The key of a scenario tree without its seed, run for {@code epochs} epochs (its validated value). */
    static String ofScenario(ObjectNode scenario, int epochs) {
        ObjectNode copy = scenario.deepCopy();
        copy.remove("seed");
        copy.remove("epochs"); // as a validated integer below: 300 and 300.0 are the same run
        try {
            return sha256(CANONICAL.writeValueAsString(copy) + "\nepochs " + epochs);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    /** The key of the run of a scenario (its {@link #ofScenario} key) with {@code seed}. */
    static String of(String scenarioKey, long seed) {
        return sha256(scenarioKey + "\nseed " + seed);
    }

    /**
     * The key of the run in {@code dir}, from the scenario and the settings it was run with, or empty when
     * either is missing or unreadable (then it is no run a sweep can reuse).
     */
    static Optional<String> ofRunDirectory(Path dir) {
        RunDirectory run = new RunDirectory(dir);
        try {
            String source = run.scenario().toString();
            JsonNode scenario = ScenarioLoader.parseTree(ConfigFiles.read(run.scenario(), source), source);
            JsonNode settings = RunDirectory.JSON.readTree(run.settings().toFile());
            if (!(scenario instanceof ObjectNode tree) || !settings.path("seed").isIntegralNumber()
                    || !settings.path("epochs").isInt()) {
                return Optional.empty();
            }
            return Optional.of(of(ofScenario(tree, settings.get("epochs").intValue()),
                    settings.get("seed").longValue()));
        } catch (ConfigException | IOException e) {
            return Optional.empty();
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
