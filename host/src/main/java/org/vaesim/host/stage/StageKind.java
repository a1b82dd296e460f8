package org.vaesim.host.stage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import org.vaesim.models.scenario.Scenario;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A registered mechanism (docs/extending.md): its name, its place in the epoch and in the state's bytes, its
 * checkpoint section's version, how it builds its {@link Stage} for a run, and its section of the HTML report.
 * Kinds are found with {@link java.util.ServiceLoader} (META-INF/services/org.vaesim.host.stage.StageKind), so a
 * new mechanism is registered by a line in its own module, not in a hub; {@link Stages} orders them.
 */
public interface StageKind {
    /** The stage's name: unique, lower case; its checkpoint section's name and its entry in the recorded order. */
    String name();

    /**
     * Where the stage runs in an epoch, smaller first (the gateway 100, auctions 200, missions 300). Fixed: the
     * order is part of the results, recorded in every checkpoint and checked on resume.
     */
    int epochRank();

    /**
     * Where the stage's section sits in the state's bytes, smaller first. Fixed: the state checksum hashes the
     * sections in this order, so a new stage takes a rank after every existing one (and writes nothing when its
     * scenario does not use it), which leaves the checksums of every earlier economy as they were.
     */
    int stateRank();

    /** The version of the stage's checkpoint section; a checkpoint with another is refused with both named. */
    int sectionVersion();

    /**
     * The stage for a run of {@code setup}'s scenario, from its checkpoint section {@code section} (null at epoch 0).
     * Reads the section whole or throws; builds its backend half on {@code setup.backend()}.
     */
    Stage create(StageSetup setup, SectionIn section) throws IOException;

    /**
     * The stage's section of report.html from a finished run's {@code summary} and run directory {@code runDir}, or
     * "" when the run has none of it.
     */
    default String report(JsonNode summary, Path runDir) throws IOException {
        return "";
    }

    /** The files a run of the stage writes in its run directory (what {@code --force} removes with the rest). */
    default List<String> files() {
        return List.of();
    }

    /**
     * Whether a checkpoint may lack this stage, in its recorded order and in its sections: true only for a stage that
     * keeps no state (its section is always empty) and whose work the vaesim before it did at the place its epoch
     * rank gives it, so that a run resumed from such a checkpoint goes on as it would have. Kinetic exchange and
     * negotiation ran at the end of the backends' epoch, before every stage, until they became the first stages.
     * A stage whose section is empty in every scenario that does not use it, and that no scenario an older vaesim ran
     * could use (order routing, registered after them), may say true for the same reason.
     * Default false: a checkpoint without the stage is refused.
     */
    default boolean implicitInOlderCheckpoints() {
        return false;
    }

    /** Whether {@code scenario} uses this mechanism (for outputs that list only the mechanisms a run has). */
    default boolean usedBy(Scenario scenario) {
        return true;
    }

    /**
     * A kind of mechanism that a scenario lists zero or more of ({@code listed}: the resource auctions, the
     * missions): used when the list is not empty; its stage writes NAME.csv, one row per round, and adds the
     * summary.json key NAME, from which (and the CSV) its report section is drawn.
     */
    abstract class Listed extends Ranked {
        private final Function<Scenario, List<?>> listed;

        protected Listed(String name, int epochRank, int stateRank, int sectionVersion,
                         Function<Scenario, List<?>> listed) {
            super(name, epochRank, stateRank, sectionVersion);
            this.listed = listed;
        }

        /** The per-round CSV of a kind named {@code name}. */
        public static String file(String name) {
            return name + ".csv";
        }

        @Override
        public final boolean usedBy(Scenario scenario) {
            return !listed.apply(scenario).isEmpty();
        }

        @Override
        public final List<String> files() {
            return List.of(file(name()));
        }

        @Override
        public final String report(JsonNode summary, Path runDir) throws IOException {
            return summary.has(name()) ? section(summary, runDir.resolve(file(name()))) : "";
        }

        /** The report section from a summary that has the kind's key and from its per-round CSV {@code csv}. */
        protected abstract String section(JsonNode summary, Path csv) throws IOException;
    }

    /**
     * A kind configured by one {@code stages.<name>} section of the scenario, read into a spec of type {@code S} by
     * its {@code StageReader}: used when the scenario has that section.
     */
    abstract class Sectioned<S> extends Ranked {
        private final Class<S> specType;

        protected Sectioned(String name, int epochRank, int stateRank, int sectionVersion, Class<S> specType) {
            super(name, epochRank, stateRank, sectionVersion);
            this.specType = specType;
        }

        /** The scenario's spec of this kind ({@code stages.<name>}), or null when it has none. */
        protected final S spec(Scenario scenario) {
            return scenario.stage(name(), specType);
        }

        @Override
        public final boolean usedBy(Scenario scenario) {
            return spec(scenario) != null;
        }
    }

    /**
     * A {@link Sectioned} kind whose stage writes one per-round CSV, {@code file}, in the run directory (its
     * {@link Stage#rounds}), and adds the summary.json key NAME when the scenario uses it; its report section is drawn
     * from that entry.
     */
    abstract class SectionedCsv<S> extends Sectioned<S> {
        private final String file;

        protected SectionedCsv(String name, int epochRank, int stateRank, int sectionVersion, Class<S> specType,
                               String file) {
            super(name, epochRank, stateRank, sectionVersion, specType);
            this.file = file;
        }

        @Override
        public final List<String> files() {
            return List.of(file);
        }

        @Override
        public final String report(JsonNode summary, Path runDir) throws IOException {
            return summary.has(name()) ? section(summary, runDir) : "";
        }

        /** The report section from a summary that has the kind's key and from the run directory {@code runDir}. */
        protected abstract String section(JsonNode summary, Path runDir) throws IOException;
    }

    /** A kind whose name, ranks and section version are constants given once; subclasses add {@link #create}. */
    abstract class Ranked implements StageKind {
        private final String name;
        private final int epochRank;
        private final int stateRank;
        private final int sectionVersion;

        protected Ranked(String name, int epochRank, int stateRank, int sectionVersion) {
            this.name = name;
            this.epochRank = epochRank;
            this.stateRank = stateRank;
            this.sectionVersion = sectionVersion;
        }

        @Override
        public final String name() {
            return name;
        }

        @Override
        public final int epochRank() {
            return epochRank;
        }

        @Override
        public final int stateRank() {
            return stateRank;
        }

        @Override
        public final int sectionVersion() {
            return sectionVersion;
        }
    }
}
