package org.vaesim.host.cli;

import java.nio.file.Path;

import org.vaesim.host.run.MemoryBudget;
import org.vaesim.models.scenario.ConfigException;
import org.vaesim.models.scenario.Scenario;
import org.vaesim.models.scenario.ScenarioLoader;

/** Loading a scenario file for a command: parse, validate, and check it fits this JVM's heap. */
final class Scenarios {
    private Scenarios() {
    }

    /** The scenario in {@code file}; when there is no such file, the error suggests one in configs/. */
    static Scenario load(Path file) throws ConfigException {
        Scenario s;
        try {
            s = ScenarioLoader.load(file);
        } catch (ConfigException e) {
            throw Options.withConfigHint(e, file);
        }
        MemoryBudget.check(s, file.toString(), Runtime.getRuntime().maxMemory());
        return s;
    }
}
