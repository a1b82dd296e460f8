package org.vaesim.kernels.gateway;

import java.util.ArrayList;
import java.util.List;

import org.vaesim.kernels.memory.Layout;
import org.vaesim.kernels.memory.Participants;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.models.gateway.GatewaySpec;
import org.vaesim.models.market.MarketSpec;
import org.vaesim.models.scenario.Scenario;

/**
 * Where the gateway's brokers are: their cohorts as index ranges of the population, in index order, each with
 * its link, its principal (numbered in order of first appearance among the brokers) and the per-range constants
 * of the {@link Gateway} kernels. Built the same way from the scenario by the host and by each backend.
 */
public final class GatewayPlan {
    /**
     * One broker cohort: its segment, link and principal, its market's tick size, the most units an agent moves
     * per epoch (max_units and the scope's max_order_qty), its position cap (the
     * strategy's and the scope's), its cash target and the most one currency leg may move (the target and the
     * scope's spend limit).
     */
    public record Range(Segment segment, int link, int market, int principal, long tickSize, int maxUnits,
                        int maxPosition, long cashTarget, long legCap) {
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

    private GatewayPlan(List<Range> ranges, List<String> principals) {
        this.ranges = List.copyOf(ranges);
        this.principals = List.copyOf(principals);
    }

    /** The plan of the scenario's gateway; empty when it has none. */
    public static GatewayPlan of(Scenario scenario, Layout layout) {
        List<Range> list = new ArrayList<>();
        GatewaySpec g = scenario.gateway();
        Participants<GatewaySpec.Broker> brokers = Participants.of(g == null ? List.of() : g.brokers(),
                GatewaySpec.Broker::cohortIndex, layout);
        for (Participants.Placed<GatewaySpec.Broker> p : brokers.placed()) {
            GatewaySpec.Broker b = p.spec();
            Segment s = p.segment();
            MarketSpec market = scenario.markets().get(s.market());
            var scope = s.cohort().identity().scope();
            list.add(new Range(s, b.linkIndex(), s.market(), p.group(), market.tickSize(),
                    Math.min(b.maxUnits(), scope.maxOrderQty()), s.maxPosition(), b.cashTarget(),
                    Math.min(b.cashTarget(), scope.spendLimit())));
        }
        List<String> principals = brokers.groups();
        return new GatewayPlan(list, principals);
    }

    public List<Range> ranges() {
        return ranges;
    }

    /** The brokers' principals, in order of first appearance; a range's {@code principal} indexes this. */
    public List<String> principals() {
        return principals;
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }
}
