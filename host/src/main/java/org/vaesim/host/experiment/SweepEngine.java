package org.vaesim.host.experiment;

import java.io.PrintStream;
import java.util.Optional;
import java.util.ServiceLoader;

import org.vaesim.models.scenario.ConfigException;

/**
 * An engine that executes sweeps elsewhere than in this JVM, found on the class path by its name (a
 * {@link ServiceLoader} service): the cluster module's {@code spark}. The in-process engine, {@code local}, is
 * {@link LocalSweepExecutor} and needs none.
 */
public interface SweepEngine {
    /** The name {@code --engine} takes. */
    String name();

    /**
     * Connects to {@code master} (null: the engine's default or its environment's, such as spark-submit's) for one
     * sweep named {@code sweepName}.
     *
     * @throws ConfigException when the master is not one the engine can use, or cannot be reached
     */
    SweepExecutor open(String master, String sweepName, PrintStream log) throws ConfigException;

    /** The engine named {@code name} on the class path, if there is one. */
    static Optional<SweepEngine> find(String name) {
        return ServiceLoader.load(SweepEngine.class).stream().map(ServiceLoader.Provider::get)
                .filter(e -> e.name().equals(name)).findFirst();
    }

}
