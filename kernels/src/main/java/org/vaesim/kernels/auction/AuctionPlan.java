package org.vaesim.kernels.auction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.vaesim.kernels.gate.Eligibility;
import org.vaesim.kernels.gate.ReputationRules;
import org.vaesim.kernels.memory.Layout;
import org.vaesim.kernels.memory.Participants;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.models.market.AuctionSpec;
import org.vaesim.models.population.CohortSpec;
import org.vaesim.models.scenario.Scenario;

/**
 * Where one auction's bidders are and how they are grouped: its bidder cohorts as index ranges of the
 * population in index order, each range's column offset (the auction's per-bidder columns hold its bidders
 * contiguously in that order), and the groups the mechanism allocates to: the principals behind the bidders,
 * in order of first appearance, each flagged small or not.
 *
 * <p>Built the same way from the scenario by the host and by each backend.
 */
public final class AuctionPlan {
    /**
     * One bidder cohort: its segment, its group, where its agents' columns start, its value parameters, its
     * limits in this auction (the one check's: largest order, spend limit per round, rate limit, probation), and
     * the blocks of {@link Participants#BLOCK} agents its range is cut into for queue positions.
     */
    public record Range(Segment segment, int group, int column, int valueMin, int valueMax, int maxUnits,
                        int decayPermille, Eligibility.Limits limits, int blockBase, int blocks)
            implements Participants.ColumnRange {
        @Override
        public int from() {
            return segment.start();
        }

        @Override
        public int to() {
            return segment.end();
        }

        public int size() {
            return segment.size();
        }
    }

    private final int index;
    private final AuctionSpec spec;
    private final List<Range> ranges;
    private final Participants<AuctionSpec.Bidder> bidders;
    private final boolean[] small;
    private final int maxUnits;

    private AuctionPlan(int index, AuctionSpec spec, Scenario scenario, Layout layout) {
        this.index = index;
        this.spec = spec;
        this.bidders = Participants.of(spec.bidders(), AuctionSpec.Bidder::cohortIndex, layout);
        List<Range> list = new ArrayList<>();
        ReputationRules rules = ReputationRules.of(scenario.safety());
        int units = 0;
        for (Participants.Placed<AuctionSpec.Bidder> p : bidders.placed()) {
            AuctionSpec.Bidder b = p.spec();
            Segment s = p.segment();
            Eligibility.Limits limits = Eligibility.Limits.of(s, spec.name(), spec.resource(), rules);
            if (b.bidUnits() > 0) { // demand reduction: every stage caps the units bid by the largest order
                limits = limits.withLargestAtMost(b.bidUnits());
            }
            list.add(new Range(s, p.group(), p.column(), b.valueMinTick(), b.valueMaxTick(), b.maxUnits(),
                    b.decayPermille(), limits, p.blockBase(), p.blocks()));
            units = Math.max(units, b.maxUnits());
        }
        this.ranges = List.copyOf(list);
        this.maxUnits = units;
        // "small" is judged on all of a principal's agents in the scenario, bidding or not
        Map<String, Long> principalAgents = new HashMap<>();
        for (CohortSpec c : scenario.cohorts()) {
            principalAgents.merge(c.identity().principal(), (long) c.count(), Long::sum);
        }
        List<String> groups = bidders.groups();
        this.small = new boolean[groups.size()];
        for (int g = 0; g < groups.size(); g++) {
            long agents = principalAgents.get(groups.get(g));
            small[g] = spec.smallPrincipalAgents() > 0 && agents <= spec.smallPrincipalAgents();
        }
    }

    /** The plans of every auction of the scenario, in file order. */
    public static List<AuctionPlan> of(Scenario scenario, Layout layout) {
        List<AuctionPlan> plans = new ArrayList<>();
        for (int a = 0; a < scenario.auctions().size(); a++) {
            plans.add(new AuctionPlan(a, scenario.auctions().get(a), scenario, layout));
        }
        return List.copyOf(plans);
    }

    /** The auction's position in the scenario: its Philox draw number. */
    public int index() {
        return index;
    }

    public AuctionSpec spec() {
        return spec;
    }

    public List<Range> ranges() {
        return ranges;
    }

    /** The principals behind the bidders, in order of first appearance (group g is groups().get(g)). */
    public List<String> groups() {
        return bidders.groups();
    }

    public boolean small(int group) {
        return small[group];
    }

    /** Bidding agents of group g. */
    public long groupAgents(int group) {
        return bidders.groupAgents(group);
    }

    /** All bidding agents: the length of the auction's per-bidder columns. */
    public int bidders() {
        return bidders.agents();
    }

    /** The largest max_units of any bidder: an agent wins 0..maxUnits units. */
    public int maxUnits() {
        return maxUnits;
    }

    /** Blocks of {@link Participants#BLOCK} agents over all ranges. */
    public int blocks() {
        return bidders.blocks();
    }

    /** Histogram width: ticks 0..ticks-1 of the auction's grid (tick 0 unused). */
    public int width() {
        return spec.ticks();
    }

    /** The token budget per agent and round (micro-tokens) for equal-endowment auctions, else 0 (pay in cash). */
    public long tokenBudget() {
        return spec.mechanism() instanceof AuctionSpec.EqualEndowment e ? e.budget() : 0;
    }
}
