package org.vaesim.host.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.vaesim.host.epoch.MarketState;
import org.vaesim.kernels.memory.Population;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.models.market.MarketSpec;

/**
 * Who stands behind the agents: per principal, how many agents and cohorts it deployed and what share of the
 * economy's wealth they hold, so that a Sybil-like principal (one principal, thousands of agents) shows.
 */
public record Principals(List<Principal> byAgents) {

    public record Principal(String name, int cohorts, long agents, double agentShare, double wealthShare) {
    }

    public static Principals of(Population p, List<Segment> segments, List<MarketSpec> specs, MarketState ms) {
        Map<String, long[]> totals = new LinkedHashMap<>(); // name -> {cohorts, agents, wealth}
        long allWealth = 0;
        for (Segment s : segments) {
            long price = specs.get(s.market()).priceOf(ms.lastTick[s.market()]);
            long wealth = 0;
            for (int i = s.start(); i < s.end(); i++) {
                wealth += p.cash[i] + p.inventory[i] * price;
            }
            long[] t = totals.computeIfAbsent(s.cohort().identity().principal(), k -> new long[3]);
            t[0]++;
            t[1] += s.size();
            t[2] += wealth;
            allWealth += wealth;
        }
        List<Principal> list = new ArrayList<>();
        for (Map.Entry<String, long[]> e : totals.entrySet()) {
            long[] t = e.getValue();
            list.add(new Principal(e.getKey(), (int) t[0], t[1], (double) t[1] / p.size,
                    allWealth == 0 ? 0 : (double) t[2] / allWealth));
        }
        list.sort(Comparator.comparingLong(Principal::agents).reversed().thenComparing(Principal::name));
        return new Principals(List.copyOf(list));
    }
}
