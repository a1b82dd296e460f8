package org.vaesim.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.vaesim.models.scenario.ConfigException;
import org.vaesim.models.scenario.Scenario;
import org.vaesim.models.scenario.ScenarioLoader;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The shipped scenario files, optionally edited, for tests. */
public final class Fixtures {
    public static final Path CONFIGS = Path.of("..", "configs");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    public static Path config(String name) {
        return CONFIGS.resolve(name);
    }

    /** A shipped config as an editable JSON tree. */
    public static ObjectNode tree(String name) {
        try {
            return (ObjectNode) JSON.readTree(config(name).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Scenario scenario(ObjectNode tree) {
        try {
            return ScenarioLoader.parse(tree.toString(), "test");
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    public static Scenario scenario(String json) {
        try {
            return ScenarioLoader.parse(json, "test");
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Writes a tree to {@code dir/name} and returns the path. */
    public static Path write(Path dir, String name, ObjectNode tree) {
        try {
            Path p = dir.resolve(name);
            Files.writeString(p, tree.toPrettyString());
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
