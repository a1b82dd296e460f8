package org.vaesim.host.safety;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.vaesim.host.epoch.MarketState;
import org.vaesim.host.stage.EpochContext;
import org.vaesim.kernels.Backend;
import org.vaesim.kernels.EpochResult;
import org.vaesim.kernels.memory.Endowments;
import org.vaesim.kernels.memory.Layout;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.kernels.settle.Settle;
import org.vaesim.models.market.MarketSpec;
import org.vaesim.models.event.EventSpec;
import org.vaesim.models.population.CohortSpec;
import org.vaesim.models.safety.KillTarget;
import org.vaesim.models.safety.SafetySpec;
import org.vaesim.models.scenario.Scenario;

/**
 * Kill switches by agent, cohort, strategy family, principal or globally, pulled by the operator (kill events)
 * or by rules. Policy: a killed agent's orders are dropped at the gate from the next epoch on (counted as
 * {@code killed} rejections); its cash and goods stay frozen where they are, so conservation is untouched.
 * Agents of the target that have not arrived yet are killed too, so a stopped principal or cohort adds no one
 * later. A {@link SafetyRule}: it takes the kill events and fires its rules after the stages.
 */
public final class KillSwitch implements SafetyRule {
    private final Layout layout;
    private final SafetyState state;
    private final List<MarketSpec> markets;
    private final List<SafetySpec.KillRule> rules;
    private final List<String> principals;
    /** Per principal: its agents' endowment at the opening prices, micro-credits (the loss rule's base). */
    private final long[] capital;

    /** The kill switches of {@code scenario} over {@code layout}, what they did kept in {@code state}. */
    KillSwitch(Layout layout, Scenario scenario, SafetyState state) {
        this.layout = layout;
        this.state = state;
        this.markets = scenario.markets();
        this.rules = scenario.safety().killRules();
        this.principals = scenario.principals();
        this.capital = new long[principals.size()];
        for (Segment s : layout.segments()) {
            CohortSpec c = s.cohort();
            MarketSpec m = markets.get(s.market());
            long[] endowed = Endowments.totals(c, s.start(), s.end(), scenario.seed()); // cash, units
            capital[layout.principalOf(s.index())] += endowed[0] + endowed[1] * m.priceOf(m.initialTick());
        }
    }

    /** Slots of {@link SafetyState#principalRules} a scenario needs: one per kill rule and principal. */
    public static int principalRuleSlots(Scenario scenario) {
        return scenario.safety().killRules().size() * scenario.principals().size();
    }

    /** The operator's kill switch: a kill event of the epoch kills its target. */
    @Override
    public boolean event(EventSpec event, EpochContext c) {
        if (!(event instanceof EventSpec.Kill k)) {
            return false;
        }
        kill(k.target(), "operator", c.epoch(), c.backend(), c.audit());
        return true;
    }

    /** Kills {@code target}'s agents and records why, one record per index range. */
    private void kill(KillTarget target, String reason, int epoch, Backend backend, AuditSink audit) {
        for (int[] range : ranges(target)) {
            long newly = backend.kill(range[0], range[1]);
            state.killed += newly;
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("reason", reason);
            f.put("target", describe(target));
            f.put("agents_from", range[0]);
            f.put("agents_to", range[1]);
            f.put("newly_killed", newly);
            audit.record(epoch, "kill", f);
        }
    }

    /**
     * Fires the rules whose condition holds after this epoch, from its gate's rejections and settlement's flows
     * ({@code result}) and the run's flows so far ({@code state.flows}, this epoch included): a breaker-trips
     * rule once; a rejections rule on every principal over its threshold whose agents are not all stopped yet;
     * an order-to-trade or loss rule once per principal. Kills act from the next epoch on.
     */
    @Override
    public void afterStages(EpochContext c) {
        int epoch = c.epoch();
        Backend backend = c.backend();
        AuditSink audit = c.audit();
        EpochResult result = c.result();
        long trips = state.totalTrips();
        for (int r = 0; r < rules.size(); r++) {
            SafetySpec.KillRule rule = rules.get(r);
            switch (rule.when()) {
                case BREAKER_TRIPS -> {
                    if ((state.killRulesFired & (1L << r)) == 0 && trips >= rule.count()) {
                        state.killRulesFired |= 1L << r;
                        kill(rule.target(), "rule: breaker_trips >= " + rule.count(), epoch, backend, audit);
                    }
                }
                case REJECTIONS -> {
                    long[] byPrincipal = new long[principals.size()];
                    for (Segment s : layout.segments()) {
                        byPrincipal[layout.principalOf(s.index())] += result.segmentRejects[s.index()];
                    }
                    for (int p = 0; p < byPrincipal.length; p++) {
                        if (byPrincipal[p] >= rule.count()) {
                            kill(new KillTarget.Principal(principals.get(p)), "rule: " + byPrincipal[p]
                                    + " rejected orders in one epoch >= " + rule.count(), epoch, backend, audit);
                        }
                    }
                }
                case ORDER_TO_TRADE -> orderToTrade(r, rule, epoch, backend, audit, result);
                case LOSS -> loss(r, rule, epoch, backend, audit, c.markets());
            }
        }
    }

    /**
     * Counts, per principal, the epochs in a row in which it sent at least {@code minOrders} orders into
     * markets that traded and more than {@code ratio} orders per order filled; stops it at {@code epochs}.
     * An epoch in which none of its markets traded leaves the count as it is.
     */
    private void orderToTrade(int r, SafetySpec.KillRule rule, int epoch, Backend backend, AuditSink audit,
                              EpochResult result) {
        int n = principals.size();
        long[] sent = new long[n];
        long[] filled = new long[n];
        boolean[] traded = new boolean[n];
        for (Segment s : layout.segments()) {
            if (result.clearing.volume[s.market()] == 0) {
                continue;
            }
            int p = layout.principalOf(s.index());
            int at = s.index() * Settle.FLOWS;
            sent[p] += result.segmentFlows[at + Settle.FLOW_ORDERS] + result.segmentRejects[s.index()];
            filled[p] += result.segmentFlows[at + Settle.FLOW_FILLED];
            traded[p] = true;
        }
        for (int p = 0; p < n; p++) {
            int slot = r * n + p;
            if (state.principalRules[slot] == SafetyState.FIRED || !traded[p]) {
                continue;
            }
            boolean over = sent[p] >= rule.minOrders() && sent[p] > rule.threshold() * Math.max(1, filled[p]);
            state.principalRules[slot] = over ? state.principalRules[slot] + 1 : 0;
            if (state.principalRules[slot] >= rule.count()) {
                state.principalRules[slot] = SafetyState.FIRED;
                kill(new KillTarget.Principal(principals.get(p)), "rule: order_to_trade " + sent[p] + " sent / "
                        + filled[p] + " filled > " + rule.threshold() + " for " + rule.count() + " epochs",
                        epoch, backend, audit);
            }
        }
    }

    /** Stops, once, every principal whose trading loss so far exceeds {@code percent} of its endowment. */
    private void loss(int r, SafetySpec.KillRule rule, int epoch, Backend backend, AuditSink audit,
                      MarketState ms) {
        long[] pnl = tradingPnl(state, ms);
        for (int p = 0; p < pnl.length; p++) {
            int slot = r * principals.size() + p;
            if (state.principalRules[slot] == SafetyState.FIRED || capital[p] <= 0) {
                continue;
            }
            if (-pnl[p] > rule.threshold() / 100.0 * capital[p]) {
                state.principalRules[slot] = SafetyState.FIRED;
                kill(new KillTarget.Principal(principals.get(p)), "rule: loss " + (-pnl[p]) + " > "
                        + rule.threshold() + "% of endowment " + capital[p], epoch, backend, audit);
            }
        }
    }

    /**
     * Per principal, in micro-credits: the cash its agents received from trading net of what they paid (fees
     * included), plus the units they bought net of those they sold, marked at each market's last price.
     */
    public long[] tradingPnl(SafetyState state, MarketState ms) {
        long[] pnl = new long[principals.size()];
        for (Segment s : layout.segments()) {
            int at = s.index() * Settle.FLOWS;
            long price = markets.get(s.market()).priceOf(ms.lastTick[s.market()]);
            pnl[layout.principalOf(s.index())] += state.flows[at + Settle.FLOW_CASH]
                    + state.flows[at + Settle.FLOW_GOODS] * price;
        }
        return pnl;
    }

    /**
     * The agent index ranges [from, to) of a target: one for an agent, a cohort, a family (families are laid
     * out together) or everyone; one per cohort for a principal.
     */
    List<int[]> ranges(KillTarget target) {
        if (target instanceof KillTarget.Principal p) {
            int index = principals.indexOf(p.name());
            return layout.segments().stream().filter(s -> layout.principalOf(s.index()) == index)
                    .map(s -> new int[] {s.start(), s.end()}).toList();
        }
        return List.of(range(target));
    }

    private int[] range(KillTarget target) {
        return switch (target) {
            case KillTarget.Agent a -> new int[] {a.index(), a.index() + 1};
            case KillTarget.Cohort c -> {
                Segment s = layout.segments().get(c.cohortIndex());
                yield new int[] {s.start(), s.end()};
            }
            case KillTarget.Principal p -> throw new IllegalArgumentException("a principal may span several ranges");
            case KillTarget.Family f -> {
                int from = Integer.MAX_VALUE;
                int to = 0;
                for (Segment s : layout.segments()) {
                    if (s.cohort().family() == f.family()) {
                        from = Math.min(from, s.start());
                        to = Math.max(to, s.end());
                    }
                }
                yield from < to ? new int[] {from, to} : new int[] {0, 0};
            }
            case KillTarget.Global g -> new int[] {0, layout.agents()};
        };
    }

    static String describe(KillTarget target) {
        return switch (target) {
            case KillTarget.Agent a -> "agent " + a.index();
            case KillTarget.Cohort c -> "cohort #" + c.cohortIndex();
            case KillTarget.Family f -> "family " + f.family().jsonName();
            case KillTarget.Principal p -> "principal " + p.name();
            case KillTarget.Global g -> "global";
        };
    }
}
