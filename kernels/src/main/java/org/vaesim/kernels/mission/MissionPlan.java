package org.vaesim.kernels.mission;

import java.util.ArrayList;
import java.util.List;

import org.vaesim.kernels.gate.Eligibility;
import org.vaesim.kernels.gate.ReputationRules;
import org.vaesim.kernels.memory.Layout;
import org.vaesim.kernels.memory.ParticipantPlan;
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
public final class MissionPlan extends ParticipantPlan<MissionSpec, MissionSpec.Bidder, MissionPlan.Range> {
    /**
     * One bidder cohort: its segment, principal group, first column, bidding parameters, limits in this mission
     * (the one check's) and blocks.
     */
    public record Range(Segment segment, int group, int column, int costMin, int costMax, int capMin, int capMax,
                        Eligibility.Limits limits, int blockBase, int blocks)
            implements Participants.ColumnRange {
    }

    private final int i0;
    private final int i1;

    private MissionPlan(int index, MissionSpec spec, Scenario scenario, Layout layout, ReputationRules rules) {
        // a mission is a venue of its own name that trades no resource type
        super(index, spec, Participants.of(spec.bidders(), MissionSpec.Bidder::cohortIndex, layout),
                p -> new Range(p.segment(), p.group(), p.column(), p.spec().costMinTick(), p.spec().costMaxTick(),
                        p.spec().capabilityMinPpm(), p.spec().capabilityMaxPpm(),
                        Eligibility.Limits.of(p.segment(), spec.name(), null, rules), p.blockBase(), p.blocks()));
        long init = Philox.key(scenario.seed(), Streams.INIT);
        this.i0 = Philox.keyLo(init);
        this.i1 = Philox.keyHi(init);
    }

    /** The plans of every mission of the scenario, in file order. */
    public static List<MissionPlan> of(Scenario scenario, Layout layout) {
        ReputationRules rules = ReputationRules.of(scenario.safety());
        List<MissionPlan> plans = new ArrayList<>();
        for (int m = 0; m < scenario.missions().size(); m++) {
            plans.add(new MissionPlan(m, scenario.missions().get(m), scenario, layout, rules));
        }
        return List.copyOf(plans);
    }

    /** Score histogram width: scores 0..width-1 (0 unused). */
    public int width() {
        return spec().scoreWidth();
    }

    /** Ticks the subsidy in force lowers every ask by. */
    public int subsidyTicks(long subsidy) {
        return (int) Math.min(Integer.MAX_VALUE, subsidy / spec().tickSize());
    }

    /** Range r's bidding rules in the round at {@code epoch}, with {@code subsidy} in force; (k0, k1) the DECIDE key. */
    public Mission.Rules rules(Range r, int epoch, long subsidy, int k0, int k1) {
        MissionSpec spec = spec();
        return new Mission.Rules(epoch, index(), r.costMin(), r.costMax(), r.capMin(), r.capMax(),
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
