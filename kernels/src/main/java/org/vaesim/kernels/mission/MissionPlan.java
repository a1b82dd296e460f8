package org.vaesim.kernels.mission;

import java.util.ArrayList;
import java.util.List;

import org.vaesim.kernels.gate.Eligibility;
import org.vaesim.kernels.gate.ReputationRules;
import org.vaesim.kernels.memory.Layout;
import org.vaesim.kernels.memory.Participants;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.kernels.rng.Philox;
import org.vaesim.kernels.rng.Streams;
import org.vaesim.models.mission.MissionSpec;
import org.vaesim.models.scenario.Scenario;

/**
 * Where one mission's bidders are: its bidder cohorts as index ranges of the population in index order, each
 * range's column offset (the mission's per-bidder columns hold its bidders contiguously in that order) and
 * block base (blocks of {@link Participants#BLOCK} agents, for queue positions at the marginal score), and the principals
 * behind the bidders (groups, in order of first appearance), for the concentration of payments.
 *
 * <p>Built the same way from the scenario by the host and by each backend.
 */
public final class MissionPlan {
    /**
     * One bidder cohort: its segment, principal group, first column, bidding parameters, limits in this mission
     * (the one check's) and blocks.
     */
    public record Range(Segment segment, int group, int column, int costMin, int costMax, int capMin, int capMax,
                        Eligibility.Limits limits, int blockBase, int blocks)
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
    private final MissionSpec spec;
    private final List<Range> ranges;
    private final Participants<MissionSpec.Bidder> bidders;
    private final int i0;
    private final int i1;

    private MissionPlan(int index, MissionSpec spec, Scenario scenario, Layout layout) {
        this.index = index;
        this.spec = spec;
        this.bidders = Participants.of(spec.bidders(), MissionSpec.Bidder::cohortIndex, layout);
        List<Range> list = new ArrayList<>();
        ReputationRules rules = ReputationRules.of(scenario.safety());
        for (Participants.Placed<MissionSpec.Bidder> p : bidders.placed()) {
            MissionSpec.Bidder b = p.spec();
            // a mission is a venue of its own name that trades no resource type
            list.add(new Range(p.segment(), p.group(), p.column(), b.costMinTick(), b.costMaxTick(),
                    b.capabilityMinPpm(), b.capabilityMaxPpm(), Eligibility.Limits.of(p.segment(), spec.name(), null,
                    rules), p.blockBase(), p.blocks()));
        }
        this.ranges = List.copyOf(list);
        long init = Philox.key(scenario.seed(), Streams.INIT);
        this.i0 = Philox.keyLo(init);
        this.i1 = Philox.keyHi(init);
    }

    /** The plans of every mission of the scenario, in file order. */
    public static List<MissionPlan> of(Scenario scenario, Layout layout) {
        List<MissionPlan> plans = new ArrayList<>();
        for (int m = 0; m < scenario.missions().size(); m++) {
            plans.add(new MissionPlan(m, scenario.missions().get(m), scenario, layout));
        }
        return List.copyOf(plans);
    }

    /** The mission's position in the scenario: its Philox draw number. */
    public int index() {
        return index;
    }

    public MissionSpec spec() {
        return spec;
    }

    public List<Range> ranges() {
        return ranges;
    }

    /** The principals behind the bidders, in order of first appearance (group g is groups().get(g)). */
    public List<String> groups() {
        return bidders.groups();
    }

    /** Bidding agents of group g. */
    public long groupAgents(int group) {
        return bidders.groupAgents(group);
    }

    /** All bidding agents: the length of the mission's per-bidder columns. */
    public int bidders() {
        return bidders.agents();
    }

    /** Blocks of {@link Participants#BLOCK} agents over all ranges. */
    public int blocks() {
        return bidders.blocks();
    }

    /** Score histogram width: scores 0..width-1 (0 unused). */
    public int width() {
        return spec.scoreWidth();
    }

    /** Ticks the subsidy in force lowers every ask by. */
    public int subsidyTicks(long subsidy) {
        return (int) Math.min(Integer.MAX_VALUE, subsidy / spec.tickSize());
    }

    /** Range r's bidding rules in the round at {@code epoch}, with {@code subsidy} in force; (k0, k1) the DECIDE key. */
    public Mission.Rules rules(Range r, int epoch, long subsidy, int k0, int k1) {
        return new Mission.Rules(epoch, index, r.costMin(), r.costMax(), r.capMin(), r.capMax(),
                spec.minCapabilityPpm(), spec.policy().minReputationPpm(), subsidyTicks(subsidy), spec.reserveTick(),
                spec.policy().reputationWeight(), k0, k1, i0, i1, r.limits());
    }

    /** The INIT key words capabilities are drawn with. */
    public int initKeyLo() {
        return i0;
    }

    public int initKeyHi() {
        return i1;
    }
}
