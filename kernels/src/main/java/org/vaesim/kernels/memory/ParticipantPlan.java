package org.vaesim.kernels.memory;

import java.util.List;
import java.util.function.Function;

/**
 * Where one mechanism's participants are (an auction's or a mission's bidders), built the same way from the scenario
 * by the host and by each backend: the mechanism's position in the scenario (its Philox draw number), its spec, its
 * participating cohorts laid out by {@link Participants}, and one range per cohort in population index order.
 *
 * @param <S> the mechanism's spec
 * @param <P> the spec's description of one participating cohort
 * @param <R> one participating cohort as the kernels see it
 */
public abstract class ParticipantPlan<S, P, R extends Participants.ColumnRange> {
    private final int index;
    private final S spec;
    private final Participants<P> participants;
    private final List<R> ranges;

    /** The plan of mechanism {@code index} of its kind, whose cohorts {@code range} turns into ranges. */
    protected ParticipantPlan(int index, S spec, Participants<P> participants,
                              Function<Participants.Placed<P>, R> range) {
        this.index = index;
        this.spec = spec;
        this.participants = participants;
        this.ranges = participants.placed().stream().map(range).toList();
    }

    /** The mechanism's position in the scenario: its Philox draw number. */
    public int index() {
        return index;
    }

    public S spec() {
        return spec;
    }

    /** The participating cohorts, in population index order. */
    public List<R> ranges() {
        return ranges;
    }

    /** The principals behind the participants, in order of first appearance (group g is groups().get(g)). */
    public List<String> groups() {
        return participants.groups();
    }

    /** Participating agents of group g. */
    public long groupAgents(int group) {
        return participants.groupAgents(group);
    }

    /** All participating agents: the length of the mechanism's per-participant columns. */
    public int bidders() {
        return participants.agents();
    }

    /** Blocks of {@link Participants#BLOCK} agents over all ranges. */
    public int blocks() {
        return participants.blocks();
    }
}
