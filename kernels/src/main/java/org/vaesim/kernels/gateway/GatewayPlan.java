package org.vaesim.kernels.gateway;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.vaesim.kernels.memory.Layout;
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
        List<String> principals = new ArrayList<>();
        GatewaySpec g = scenario.gateway();
        if (g != null) {
            List<GatewaySpec.Broker> brokers = new ArrayList<>(g.brokers());
            brokers.sort(Comparator.comparingInt(GatewaySpec.Broker::cohortIndex));
            for (GatewaySpec.Broker b : brokers) {
                Segment s = layout.segments().get(b.cohortIndex());
                String principal = s.cohort().identity().principal();
                int p = principals.indexOf(principal);
                if (p < 0) {
                    p = principals.size();
                    principals.add(principal);
                }
                MarketSpec market = scenario.markets().get(s.market());
                var scope = s.cohort().identity().scope();
                list.add(new Range(s, b.linkIndex(), s.market(), p, market.tickSize(),
                        Math.min(b.maxUnits(), scope.maxOrderQty()), s.maxPosition(), b.cashTarget(),
                        Math.min(b.cashTarget(), scope.spendLimit())));
            }
        }
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
