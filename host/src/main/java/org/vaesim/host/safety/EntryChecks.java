package org.vaesim.host.safety;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.vaesim.kernels.Backend;
import org.vaesim.kernels.gate.Standing;
import org.vaesim.kernels.memory.Layout;
import org.vaesim.kernels.memory.Population;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.models.population.CohortSpec;
import org.vaesim.models.safety.SafetySpec;
import org.vaesim.models.scenario.Scenario;

/**
 * Admission of agents that arrive during the run (Tomasev et al. 2025: capability and safety checks at entry).
 * At the start of each epoch, the next batch of every arriving cohort applies, cohorts in population order;
 * a batch is judged as one, since its agents share a declaration and a principal. Without
 * {@code safety.entry} every arriving agent is admitted.
 */
public final class EntryChecks {
    /** Why a batch, or the part of it over the principal's cap, was refused. */
    public enum Refusal {
        /** No declared capability, or one below {@code min_capability}. */
        CAPABILITY("capability"),
        /** The mean reputation of the principal's active agents is below {@code min_principal_reputation}. */
        PRINCIPAL_REPUTATION("principal_reputation"),
        /** The principal already has {@code max_agents_per_principal} active agents (a Sybil cap). */
        PRINCIPAL_CAP("principal_cap");

        public static final int COUNT = values().length;

        private final String label;

        Refusal(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final List<Segment> arriving;
    private final SafetySpec.EntrySpec entry;
    /** Reputation (millionths) an admitted agent starts at. */
    private final int admittedReputation;
    private final List<String> principals;
    private final Layout layout;

    public EntryChecks(Layout layout, Scenario scenario) {
        this.arriving = layout.segments().stream().filter(s -> s.cohort().arrival() != null).toList();
        this.entry = scenario.safety().entry();
        SafetySpec safety = scenario.safety();
        this.admittedReputation = entry != null ? entry.initialMillionths()
                : safety.tracksReputation() ? safety.reputation().initialMillionths() : Population.FULL_REPUTATION;
        this.principals = scenario.principals();
        this.layout = layout;
    }

    /** Lets this epoch's batches apply: admits or refuses them on the backend, counts and records why. */
    public void apply(int epoch, Backend backend, SafetyState state, AuditSink audit) {
        List<Segment> due = new ArrayList<>();
        for (Segment s : arriving) {
            CohortSpec.Arrival a = s.cohort().arrival();
            if (epoch >= a.fromEpoch() && epoch <= a.lastEpoch(s.size())) {
                due.add(s);
            }
        }
        if (due.isEmpty()) {
            return;
        }
        long[] active = new long[principals.size()];
        long[] reputation = new long[principals.size()];
        if (entry != null) {
            int segments = layout.segments().size();
            long[] standing = new long[segments * Standing.SLOTS];
            backend.standing(standing);
            for (int s = 0; s < segments; s++) {
                active[layout.principalOf(s)] += standing[s * Standing.SLOTS + Standing.ACTIVE];
                reputation[layout.principalOf(s)] += standing[s * Standing.SLOTS + Standing.REPUTATION];
            }
        }
        for (Segment s : due) {
            CohortSpec.Arrival a = s.cohort().arrival();
            int from = s.start() + (epoch - a.fromEpoch()) * a.perEpoch();
            int to = Math.min(s.end(), from + a.perEpoch());
            int p = layout.principalOf(s.index());
            Refusal refusal = refusal(a, active[p], reputation[p]);
            // room under the principal's cap (all of the batch without entry checks)
            long room = entry == null ? to - from : Math.max(0, entry.maxAgentsPerPrincipal() - active[p]);
            int admitTo = refusal != null ? from : (int) Math.min(to, from + room);
            if (refusal == null && admitTo < to) {
                refusal = Refusal.PRINCIPAL_CAP;
            }
            long admitted = backend.arrive(from, admitTo, 0, admittedReputation);
            long refused = backend.arrive(admitTo, to, Population.REFUSED, 0);
            active[p] += admitted;
            reputation[p] += admitted * admittedReputation;
            if (admitted + refused == 0) {
                continue; // a kill switch stopped the whole batch before it arrived
            }
            state.admitted += admitted;
            if (refusal != null) {
                state.refused[refusal.ordinal()] += refused;
            }
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("cohort", s.cohort().name());
            f.put("principal", principals.get(p));
            f.put("agents_from", from);
            f.put("agents_to", to);
            f.put("admitted", admitted);
            f.put("refused", refused);
            if (refusal != null) {
                f.put("reason", refusal.label());
            }
            audit.record(epoch, "entry", f);
        }
    }

    /**
     * Why a batch is refused outright, or null: undeclared or too low capability, or a principal whose active
     * agents' mean reputation is below the line (a principal with no active agents has no record and passes).
     * A principal stopped by a kill switch needs no check: its pending agents were killed with it.
     */
    private Refusal refusal(CohortSpec.Arrival a, long active, long reputationSum) {
        if (entry == null) {
            return null;
        }
        if (!a.declared() || a.declaredCapability() < entry.minCapability()) {
            return Refusal.CAPABILITY;
        }
        // mean < line, as sum < line x count in integers
        if (active > 0 && reputationSum < (long) SafetySpec.millionths(entry.minPrincipalReputation()) * active) {
            return Refusal.PRINCIPAL_REPUTATION;
        }
        return null;
    }
}
