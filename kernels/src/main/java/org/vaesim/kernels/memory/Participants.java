package org.vaesim.kernels.memory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The cohorts that take part in one mechanism (an auction's or a mission's bidders, the gateway's brokers), laid
 * out the one way the host and every backend rely on: in population index order, each with its principal's group
 * (principals numbered in order of first appearance), the first of the mechanism's per-participant columns
 * (participants held contiguously in that order), and its blocks of {@link #BLOCK} agents for queue-position
 * prefix sums.
 *
 * @param <P> the mechanism's description of one participating cohort
 */
public final class Participants<P> {
    /** Agents per block in the queue-position prefix (VS_GROUP of the C kernels). */
    public static final int BLOCK = 256;

    /** A participating cohort: its segment's agents [from, to), their per-participant columns from {@code column}. */
    public interface ColumnRange {
        Segment segment();

        int column();

        default int from() {
            return segment().start();
        }

        default int to() {
            return segment().end();
        }

        default int size() {
            return segment().size();
        }
    }

    /** One participating cohort: its description, segment, group, first column and blocks. */
    public record Placed<P>(P spec, Segment segment, int group, int column, int blockBase, int blocks) {
    }

    private final List<Placed<P>> placed;
    private final List<String> groups;
    private final long[] groupAgents;
    private final int agents;
    private final int blocks;

    private Participants(List<Placed<P>> placed, List<String> groups, int agents, int blocks) {
        this.placed = List.copyOf(placed);
        this.groups = List.copyOf(groups);
        this.groupAgents = new long[groups.size()];
        for (Placed<P> p : placed) {
            groupAgents[p.group()] += p.segment().size();
        }
        this.agents = agents;
        this.blocks = blocks;
    }

    /** Lays out {@code specs}, each naming its cohort by {@code cohortIndex}, on the population of {@code layout}. */
    public static <P> Participants<P> of(Collection<P> specs, ToIntFunction<P> cohortIndex, Layout layout) {
        List<P> byIndex = new ArrayList<>(specs);
        byIndex.sort(Comparator.comparingInt(cohortIndex));
        List<Placed<P>> placed = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        int column = 0;
        int block = 0;
        for (P spec : byIndex) {
            Segment s = layout.segments().get(cohortIndex.applyAsInt(spec));
            String principal = s.cohort().identity().principal();
            int group = groups.indexOf(principal);
            if (group < 0) {
                group = groups.size();
                groups.add(principal);
            }
            int n = (s.size() + BLOCK - 1) / BLOCK;
            placed.add(new Placed<>(spec, s, group, column, block, n));
            column += s.size();
            block += n;
        }
        return new Participants<>(placed, groups, column, block);
    }

    /** The participating cohorts in population index order. */
    public List<Placed<P>> placed() {
        return placed;
    }

    /** The principals behind the participants, in order of first appearance (group g is groups().get(g)). */
    public List<String> groups() {
        return groups;
    }

    /** Participating agents of group g. */
    public long groupAgents(int group) {
        return groupAgents[group];
    }

    /** All participating agents: the length of the mechanism's per-participant columns. */
    public int agents() {
        return agents;
    }

    /** Blocks of {@link #BLOCK} agents over all participating cohorts. */
    public int blocks() {
        return blocks;
    }
}
