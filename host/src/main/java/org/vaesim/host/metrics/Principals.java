package org.vaesim.host.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.vaesim.host.epoch.MarketState;
import org.vaesim.kernels.gate.Standing;
import org.vaesim.kernels.memory.Population;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.kernels.settle.Settle;
import org.vaesim.models.market.MarketSpec;

/**
 * Who stands behind the agents: per principal, how many agents and cohorts it deployed, what share of the
 * economy's wealth they hold, so that a Sybil-like principal (one principal, thousands of agents) shows, and
 * how they traded: orders booked and filled (the order-to-trade ratio) and the trading profit or loss.
 */
public record Principals(List<Principal> byAgents) {

    /**
     * @param tradingPnl     micro-credits: cash from trading net of cash paid, plus net units at the last price
     * @param activeAgents   agents neither killed, pending nor refused
     * @param meanReputation mean reputation of the active agents, NaN without any
     * @param belowFullReputation active agents whose reputation is below 1
     * @param onProbation    active agents whose reputation is below the probation line (0 without probation)
     * @param killedAgents   agents stopped by a kill switch
     * @param record         what the entry checks judge the principal by: the lowest record of its cohorts, a
     *                       cohort's record being the mean reputation of its active and killed agents, the killed
     *                       ones counting as 0 ({@link Standing}); NaN when none of its agents is or was in the
     *                       economy
     */
    public record Principal(String name, int cohorts, long agents, double agentShare, double wealthShare,
                            long ordersBooked, long ordersFilled, long tradingPnl, long activeAgents,
                            double meanReputation, long belowFullReputation, long onProbation, long killedAgents,
                            double record) {
    }

    /**
     * {@code flows}: the run's per-cohort trading flows ({@code SafetyState.flows}); {@code probationBelow}: the
     * probation line in millionths, 0 without probation.
     */
    public static Principals of(Population p, List<Segment> segments, List<MarketSpec> specs, MarketState ms,
                                long[] flows, int probationBelow) {
        // name -> {cohorts, agents, wealth, orders booked, orders filled, trading P&L, active, reputation sum,
        // below full reputation, on probation, killed}
        Map<String, long[]> totals = new LinkedHashMap<>();
        Map<String, Double> records = new LinkedHashMap<>();
        long allWealth = 0;
        for (Segment s : segments) {
            long price = specs.get(s.market()).priceOf(ms.lastTick[s.market()]);
            long wealth = 0;
            long active = 0;
            long reputation = 0;
            long belowFull = 0;
            long onProbation = 0;
            long killed = 0;
            for (int i = s.start(); i < s.end(); i++) {
                wealth += p.cash[i] + p.inventory[i] * price;
                if (p.status[i] == 0) {
                    active++;
                    reputation += p.reputation[i];
                    belowFull += p.reputation[i] < Population.FULL_REPUTATION ? 1 : 0;
                    onProbation += p.reputation[i] < probationBelow ? 1 : 0;
                } else if (p.status[i] == Population.KILLED) {
                    killed++;
                }
            }
            String principal = s.cohort().identity().principal();
            long[] t = totals.computeIfAbsent(principal, k -> new long[11]);
            t[6] += active;
            t[7] += reputation;
            t[8] += belowFull;
            t[9] += onProbation;
            t[10] += killed;
            double record = Standing.record(active, killed, reputation);
            records.merge(principal, record, (x, y) -> Double.isNaN(x) ? y : Double.isNaN(y) ? x : Math.min(x, y));
            int at = s.index() * Settle.FLOWS;
            t[0]++;
            t[1] += s.size();
            t[2] += wealth;
            t[3] += flows[at + Settle.FLOW_ORDERS];
            t[4] += flows[at + Settle.FLOW_FILLED];
            t[5] += flows[at + Settle.FLOW_CASH] + flows[at + Settle.FLOW_GOODS] * price;
            allWealth += wealth;
        }
        List<Principal> list = new ArrayList<>();
        for (Map.Entry<String, long[]> e : totals.entrySet()) {
            long[] t = e.getValue();
            list.add(new Principal(e.getKey(), (int) t[0], t[1], (double) t[1] / p.size,
                    allWealth == 0 ? 0 : (double) t[2] / allWealth, t[3], t[4], t[5], t[6],
                    t[6] == 0 ? Double.NaN : t[7] / (double) t[6] / Population.FULL_REPUTATION, t[8], t[9], t[10],
                    records.get(e.getKey())));
        }
        list.sort(Comparator.comparingLong(Principal::agents).reversed().thenComparing(Principal::name));
        return new Principals(List.copyOf(list));
    }
}
