package org.vaesim.host.stage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The registered mechanisms (docs/extending.md), found once with {@link ServiceLoader} and held in their fixed
 * order: {@link StageKind#epochRank} for the epoch, {@link StageKind#stateRank} for the state's bytes. Names and
 * ranks are unique, or no run starts. A checkpoint records the epoch order and its sections; {@link #create}
 * checks both against this build's before any stage reads its section.
 */
public final class Stages {
    private static final List<StageKind> EPOCH_ORDER;
    private static final List<StageKind> STATE_ORDER;

    static {
        List<StageKind> kinds = new ArrayList<>();
        for (StageKind k : ServiceLoader.load(StageKind.class, Stages.class.getClassLoader())) {
            kinds.add(k);
        }
        check(kinds);
        EPOCH_ORDER = kinds.stream().sorted(Comparator.comparingInt(StageKind::epochRank)).toList();
        STATE_ORDER = kinds.stream().sorted(Comparator.comparingInt(StageKind::stateRank)).toList();
    }

    private Stages() {
    }

    /** Throws unless names, epoch ranks and state ranks are each unique and every name is lower case. */
    static void check(List<StageKind> kinds) {
        Set<String> names = new HashSet<>();
        Set<Integer> epoch = new HashSet<>();
        Set<Integer> state = new HashSet<>();
        for (StageKind k : kinds) {
            if (!k.name().matches("[a-z][a-z0-9_]*") || !names.add(k.name()) || !epoch.add(k.epochRank())
                    || !state.add(k.stateRank())) {
                throw new IllegalStateException("stage " + k.name() + " (" + k.getClass().getName() + ") repeats a "
                        + "name or rank of another stage, or its name is not lower case: " + describe(kinds));
            }
        }
    }

    private static String describe(List<StageKind> kinds) {
        StringBuilder b = new StringBuilder();
        for (StageKind k : kinds) {
            b.append(b.isEmpty() ? "" : ", ").append(k.name()).append(" (epoch ").append(k.epochRank())
                    .append(", state ").append(k.stateRank()).append(')');
        }
        return b.toString();
    }

    /** Every registered kind, in the order the epoch runs them. */
    public static List<StageKind> epochOrder() {
        return EPOCH_ORDER;
    }

    /** Every registered kind, in the order their sections sit in the state's bytes. */
    public static List<StageKind> stateOrder() {
        return STATE_ORDER;
    }

    /** The names of {@link #epochOrder}: what a checkpoint records. */
    public static List<String> epochNames() {
        return EPOCH_ORDER.stream().map(StageKind::name).toList();
    }

    /**
     * Every registered stage for a run, in epoch order; {@code sections} are a checkpoint's (by name), or null at
     * epoch 0. A checkpoint must have been written with this build's order ({@code recordedOrder}) and a section of
     * the current version for every stage, and no other section; only a stage that is
     * {@link StageKind#implicitInOlderCheckpoints implicit in older checkpoints} may be missing from both, and then
     * reads an empty section.
     */
    public static List<Stage> create(StageSetup setup, List<String> recordedOrder, Map<String, Section> sections)
            throws IOException {
        if (sections != null) {
            List<String> older = EPOCH_ORDER.stream()
                    .filter(k -> !k.implicitInOlderCheckpoints() || recordedOrder.contains(k.name()))
                    .map(StageKind::name).toList();
            if (!recordedOrder.equals(older)) {
                throw new IOException("checkpoint was written by a vaesim whose epoch ran the stages " + recordedOrder
                        + " in that order; this one runs " + epochNames());
            }
            for (String name : sections.keySet()) {
                if (!epochNames().contains(name)) {
                    throw new IOException("checkpoint has a section of stage " + name + ", which this vaesim has not");
                }
            }
        }
        List<Stage> stages = new ArrayList<>();
        for (StageKind k : EPOCH_ORDER) {
            Section.In in = null;
            if (sections != null) {
                Section s = sections.get(k.name());
                if (s == null && k.implicitInOlderCheckpoints() && !recordedOrder.contains(k.name())) {
                    // written before the stage was registered: it had no state then either
                    s = new Section(k.name(), k.sectionVersion(), new byte[0]);
                }
                if (s == null) {
                    throw new IOException("checkpoint has no section of stage " + k.name());
                }
                if (s.version() != k.sectionVersion()) {
                    throw new IOException("checkpoint's " + k.name() + " section is of version " + s.version()
                            + "; this vaesim reads version " + k.sectionVersion());
                }
                in = s.in();
            }
            stages.add(k.create(setup, in));
            if (in != null) {
                in.finish();
            }
        }
        return List.copyOf(stages);
    }

    /** The sections of {@code stages} (a run's, in epoch order), in state order. */
    public static List<Section> sections(List<Stage> stages) {
        Map<String, Stage> byName = new HashMap<>();
        for (Stage s : stages) {
            byName.put(s.kind().name(), s);
        }
        List<Section> out = new ArrayList<>();
        for (StageKind k : STATE_ORDER) {
            out.add(Section.of(byName.get(k.name())));
        }
        return out;
    }
}
