package org.vaesim.host.safety;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.vaesim.kernels.Backend;
import org.vaesim.kernels.memory.Layout;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.models.safety.KillTarget;
import org.vaesim.models.safety.SafetySpec;

/**
 * Kill switches by agent, cohort, strategy family or globally, pulled by the operator (kill events) or by
 * rules. Policy: a killed agent's orders are dropped at the gate from the next epoch on (counted as
 * {@code killed} rejections); its cash and goods stay frozen where they are, so conservation is untouched.
 */
public final class KillSwitch {
    private final Layout layout;
    private final List<SafetySpec.KillRule> rules;

    public KillSwitch(Layout layout, SafetySpec safety) {
        this.layout = layout;
        this.rules = safety.killRules();
    }

    /** Kills {@code target}'s agents, records why, and returns how many were still active. */
    public long kill(KillTarget target, String reason, int epoch, Backend backend, SafetyState state,
                     AuditSink audit) {
        long total = 0;
        for (int[] range : ranges(target)) {
            long newly = backend.kill(range[0], range[1]);
            state.killed += newly;
            total += newly;
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("reason", reason);
            f.put("target", describe(target));
            f.put("agents_from", range[0]);
            f.put("agents_to", range[1]);
            f.put("newly_killed", newly);
            audit.record(epoch, "kill", f);
        }
        return total;
    }

    /**
     * Fires the rules whose condition holds after this epoch: a breaker-trips rule once, a rejections rule on
     * every principal over its threshold whose agents are not all stopped yet ({@code segmentRejects} from the
     * epoch's gate), so the kill acts from the next epoch on.
     */
    public void applyRules(int epoch, Backend backend, SafetyState state, AuditSink audit, long[] segmentRejects) {
        long trips = state.totalTrips();
        for (int r = 0; r < rules.size(); r++) {
            SafetySpec.KillRule rule = rules.get(r);
            switch (rule.when()) {
                case BREAKER_TRIPS -> {
                    if ((state.killRulesFired & (1L << r)) == 0 && trips >= rule.count()) {
                        state.killRulesFired |= 1L << r;
                        kill(rule.target(), "rule: breaker_trips >= " + rule.count(), epoch, backend, state, audit);
                    }
                }
                case REJECTIONS -> {
                    Map<String, Long> byPrincipal = new LinkedHashMap<>();
                    for (Segment s : layout.segments()) {
                        byPrincipal.merge(s.cohort().identity().principal(), segmentRejects[s.index()], Long::sum);
                    }
                    for (Map.Entry<String, Long> p : byPrincipal.entrySet()) {
                        if (p.getValue() >= rule.count()) {
                            kill(new KillTarget.Principal(p.getKey()), "rule: " + p.getValue()
                                    + " rejected orders in one epoch >= " + rule.count(), epoch, backend, state, audit);
                        }
                    }
                }
            }
        }
    }

    /**
     * The agent index ranges [from, to) of a target: one for an agent, a cohort, a family (families are laid
     * out together) or everyone; one per cohort for a principal.
     */
    List<int[]> ranges(KillTarget target) {
        if (target instanceof KillTarget.Principal p) {
            return layout.segments().stream().filter(s -> s.cohort().identity().principal().equals(p.name()))
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
