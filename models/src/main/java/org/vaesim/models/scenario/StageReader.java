package org.vaesim.models.scenario;

/**
 * The JSON reader of a mechanism registered as a stage (docs/extending.md): it reads the mechanism's section of the
 * scenario file, {@code "stages": {"<name>": {...}}}, into the mechanism's own immutable spec, which the run's
 * stage finds with {@link Scenario#stage}. Readers are found with {@link java.util.ServiceLoader}
 * (META-INF/services/org.vaesim.models.scenario.StageReader); a section no reader claims is an error that lists
 * the ones there are.
 *
 * @param <T> the mechanism's spec
 */
public interface StageReader<T> {
    /** The section's name under {@code stages}: the stage's name. */
    String name();

    /**
     * The spec from {@code section}; every bad value is a {@link ConfigException} that names the file, the JSON
     * path, the value and what is allowed ({@link StageConfig}'s accessors throw them).
     */
    T read(StageConfig section) throws ConfigException;
}
