package org.vaesim.kernels.gateway;

import java.util.ArrayList;
import java.util.List;

import org.vaesim.kernels.gate.Eligibility;
import org.vaesim.kernels.gate.ReputationRules;
import org.vaesim.kernels.memory.Layout;
import org.vaesim.kernels.memory.Participants;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.kernels.rng.Philox;
import org.vaesim.kernels.rng.Streams;
import org.vaesim.models.gateway.GatewaySpec;
import org.vaesim.models.market.MarketSpec;
import org.vaesim.models.scenario.Scenario;

/**
 * Where the gateway's brokers are: their cohorts as index ranges of the population, in index order, each with
 * its link, its principal (numbered in order of first appearance among the brokers) and the per-range constants
 * of the {@link Gateway} kernels; then the open-access cohorts, if any, in index order, their principals numbered
 * after the brokers' (a principal that also has brokers keeps its number). Built the same way from the scenario by
 * the host and by each backend.
 */
public final class GatewayPlan {
    /**
     * One broker cohort: its segment, link and principal, its market's tick size, the most units an agent moves
     * per epoch by the broker's own rule (max_units), its cash target, and its limits on its own market (the one
     * check's: largest order, position, spend limit, rate limit, probation), which cap the units and currency legs
     * further; {@code open} is the open-access rule of a range of ordinary agents, null for brokers.
     */
    public record Range(Segment segment, int link, int market, int principal, long tickSize, int maxUnits,
                        long cashTarget, Eligibility.Limits limits, Gateway.Crossers open) {
        public int from() {
            return segment.start();
        }

        public int to() {
            return segment.end();
        }

        public int size() {
            return segment.size();
        }
    }

    private final List<Range> ranges;
    private final List<String> principals;
    private final int brokerPrincipals;

    private GatewayPlan(List<Range> ranges, List<String> principals, int brokerPrincipals) {
        this.ranges = List.copyOf(ranges);
        this.principals = List.copyOf(principals);
        this.brokerPrincipals = brokerPrincipals;
    }

    /** The plan of the scenario's gateway; empty when it has none. */
    public static GatewayPlan of(Scenario scenario, Layout layout) {
        List<Range> list = new ArrayList<>();
        GatewaySpec g = scenario.gateway();
        Participants<GatewaySpec.Broker> brokers = Participants.of(g == null ? List.of() : g.brokers(),
                GatewaySpec.Broker::cohortIndex, layout);
        ReputationRules rules = ReputationRules.of(scenario.safety());
        for (Participants.Placed<GatewaySpec.Broker> p : brokers.placed()) {
            GatewaySpec.Broker b = p.spec();
            Segment s = p.segment();
            MarketSpec market = scenario.markets().get(s.market());
            list.add(new Range(s, b.linkIndex(), s.market(), p.group(), market.tickSize(), b.maxUnits(),
                    b.cashTarget(), Eligibility.Limits.ofOwnMarket(s, market, rules), null));
        }
        List<String> principals = new ArrayList<>(brokers.groups());
        int brokerPrincipals = principals.size();
        if (g != null && g.hasOpenAccess()) {
            GatewaySpec.OpenAccess o = g.openAccess();
            long key = Philox.key(scenario.seed(), Streams.GATEWAY);
            Gateway.Crossers rule = new Gateway.Crossers(o.thresholdMin(), o.thresholdMax(), Philox.keyLo(key),
                    Philox.keyHi(key));
            for (int cohort : o.cohorts()) {
                Segment s = layout.segments().get(cohort);
                MarketSpec market = scenario.markets().get(s.market());
                String name = s.cohort().identity().principal();
                if (!principals.contains(name)) {
                    principals.add(name);
                }
                list.add(new Range(s, g.linkOf(s.market()), s.market(), principals.indexOf(name), market.tickSize(),
                        o.maxUnits(), 0, Eligibility.Limits.ofOwnMarket(s, market, rules), rule));
            }
        }
        return new GatewayPlan(list, principals, brokerPrincipals);
    }

    public List<Range> ranges() {
        return ranges;
    }

    /** The brokers' principals, in order of first appearance; a range's {@code principal} indexes this. */
    public List<String> principals() {
        return principals;
    }

    /**
     * Principals [0, brokerPrincipals) have broker cohorts: the offshore funds, external parties. The others have
     * only open-access agents, who hold no external money.
     */
    public int brokerPrincipals() {
        return brokerPrincipals;
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }
}
