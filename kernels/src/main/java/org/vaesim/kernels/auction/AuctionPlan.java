package org.vaesim.kernels.auction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.vaesim.kernels.gate.Eligibility;
import org.vaesim.kernels.gate.ReputationRules;
import org.vaesim.kernels.memory.Layout;
import org.vaesim.kernels.memory.ParticipantPlan;
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
public final class AuctionPlan extends ParticipantPlan<AuctionSpec, AuctionSpec.Bidder, AuctionPlan.Range> {
    /**
     * One bidder cohort: its segment, its group, where its agents' columns start, its value parameters, its
     * limits in this auction (the one check's: largest order, spend limit per round, rate limit, probation), and
     * the blocks of {@link Participants#BLOCK} agents its range is cut into for queue positions.
     */
    public record Range(Segment segment, int group, int column, int valueMin, int valueMax, int maxUnits,
                        int decayPermille, Eligibility.Limits limits, int blockBase, int blocks)
            implements Participants.ColumnRange {
    }

    private final boolean[] small;
    private final int maxUnits;

    private AuctionPlan(int index, AuctionSpec spec, Scenario scenario, Layout layout, ReputationRules rules) {
        super(index, spec, Participants.of(spec.bidders(), AuctionSpec.Bidder::cohortIndex, layout),
                p -> new Range(p.segment(), p.group(), p.column(), p.spec().valueMinTick(), p.spec().valueMaxTick(),
                        p.spec().maxUnits(), p.spec().decayPermille(), limits(p, spec, rules), p.blockBase(),
                        p.blocks()));
        this.maxUnits = ranges().stream().mapToInt(Range::maxUnits).max().orElse(0);
        // "small" is judged on all of a principal's agents in the scenario, bidding or not
        Map<String, Long> principalAgents = new HashMap<>();
        for (CohortSpec c : scenario.cohorts()) {
            principalAgents.merge(c.identity().principal(), (long) c.count(), Long::sum);
        }
        List<String> groups = groups();
        this.small = new boolean[groups.size()];
        for (int g = 0; g < groups.size(); g++) {
            long agents = principalAgents.get(groups.get(g));
            small[g] = spec.smallPrincipalAgents() > 0 && agents <= spec.smallPrincipalAgents();
        }
    }

    /** A bidder's gate limits; with demand reduction ({@code bid_units}) every stage caps the units bid. */
    private static Eligibility.Limits limits(Participants.Placed<AuctionSpec.Bidder> p, AuctionSpec spec,
                                             ReputationRules rules) {
        Eligibility.Limits limits = Eligibility.Limits.of(p.segment(), spec.name(), spec.resource(), rules);
        return p.spec().bidUnits() > 0 ? limits.withLargestAtMost(p.spec().bidUnits()) : limits;
    }

    /** The plans of every auction of the scenario, in file order. */
    public static List<AuctionPlan> of(Scenario scenario, Layout layout) {
        ReputationRules rules = ReputationRules.of(scenario.safety());
        List<AuctionPlan> plans = new ArrayList<>();
        for (int a = 0; a < scenario.auctions().size(); a++) {
            plans.add(new AuctionPlan(a, scenario.auctions().get(a), scenario, layout, rules));
        }
        return List.copyOf(plans);
    }

    public boolean small(int group) {
        return small[group];
    }

    /** The largest max_units of any bidder: an agent wins 0..maxUnits units. */
    public int maxUnits() {
        return maxUnits;
    }

    /** Histogram width: ticks 0..ticks-1 of the auction's grid (tick 0 unused). */
    public int width() {
        return spec().ticks();
    }

    /** The token budget per agent and round (micro-tokens) for equal-endowment auctions, else 0 (pay in cash). */
    public long tokenBudget() {
        return spec().mechanism() instanceof AuctionSpec.EqualEndowment e ? e.budget() : 0;
    }
}
