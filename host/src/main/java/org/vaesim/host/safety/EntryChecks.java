package org.vaesim.host.safety;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.vaesim.host.stage.EpochContext;
import org.vaesim.kernels.AgentBoost;
import org.vaesim.kernels.Backend;
import org.vaesim.kernels.gate.Standing;
import org.vaesim.kernels.memory.Layout;
import org.vaesim.kernels.memory.Population;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.kernels.rng.Draws;
import org.vaesim.kernels.rng.Philox;
import org.vaesim.kernels.rng.Streams;
import org.vaesim.models.population.CohortSpec;
import org.vaesim.models.safety.SafetySpec;
import org.vaesim.models.scenario.Scenario;

/**
 * Admission of agents that arrive during the run (Tomasev et al. 2025: capability and safety checks at entry).
 * At the start of each epoch, the next batch of every arriving cohort applies, cohorts in population order;
 * a batch is judged as one, since its agents share a declaration and a principal. Without
 * {@code safety.entry} every arriving agent is admitted.
 *
 * <p>A principal is judged by its worst cohort ({@link Standing}): the lowest record among its cohorts with agents
 * in the economy, where a cohort's record is the mean reputation of its agents and killed agents count as 0. A
 * cohort is homogeneous (one rule, one parameter set), so its mean is a fair measure of that rule's conduct, while a
 * mean over all the principal's agents can be bought with agents that do nothing; and a kill leaves the record
 * behind instead of removing it. Killed agents also keep their place under the principal's cap, so stopping agents
 * does not make room for new ones.
 *
 * <p>Where a mechanism publishes an entry boost column ({@link AgentBoost#ENTRY}: capability, docs/capability.md), the
 * test task scores an arriving agent's true ability times 1 + B / 10^6, B the mean of the column over its
 * principal's agents already in the economy (active or killed) at the start of the epoch: the new agent runs on what
 * its principal has built. An arriving agent has no stock of its own (it could win and earn nothing while pending).
 *
 * <p>A {@link SafetyRule} that acts at the start of the epoch, before its events.
 */
public final class EntryChecks implements SafetyRule {
    /** Why a batch, or the part of it over the principal's cap, was refused. */
    public enum Refusal {
        /** No declared capability, or one below {@code min_capability}. */
        CAPABILITY("capability"),
        /** The record of one of the principal's cohorts is below {@code min_principal_reputation}. */
        PRINCIPAL_REPUTATION("principal_reputation"),
        /** The principal already has {@code max_agents_per_principal} active or killed agents (a Sybil cap). */
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
    private final SafetyState state;
    /** Per principal, the indices of its cohorts. */
    private final int[][] cohortsOf;
    /**
     * Per segment whose arrival epochs are drawn: the first agent of each epoch's batch, epoch fromEpoch + k at
     * [k], and the segment's end last; null for the others.
     */
    private final int[][] drawnBatches;
    /** The test task's Philox key and scratch (docs/safety.md#arrivals-entry-checks-and-probation). */
    private final int testKeyLo;
    private final int testKeyHi;
    private final int[] testScratch = Philox.agentWordScratch();

    /** The entry checks of {@code scenario}'s arriving cohorts over {@code layout}, counted in {@code state}. */
    EntryChecks(Layout layout, Scenario scenario, SafetyState state) {
        this.state = state;
        this.arriving = layout.segments().stream().filter(s -> s.cohort().arrival() != null).toList();
        this.entry = scenario.safety().entry();
        SafetySpec safety = scenario.safety();
        this.admittedReputation = entry != null ? entry.initialMillionths()
                : safety.tracksReputation() ? safety.reputation().initialMillionths() : Population.FULL_REPUTATION;
        this.principals = scenario.principals();
        this.layout = layout;
        this.cohortsOf = new int[principals.size()][];
        for (int p = 0; p < principals.size(); p++) {
            int principal = p;
            cohortsOf[p] = layout.segments().stream().filter(x -> layout.principalOf(x.index()) == principal)
                    .mapToInt(Segment::index).toArray();
        }
        this.drawnBatches = new int[layout.segments().size()][];
        long testKey = Philox.key(scenario.seed(), Streams.INIT);
        this.testKeyLo = Philox.keyLo(testKey);
        this.testKeyHi = Philox.keyHi(testKey);
        for (Segment s : arriving) {
            if (s.cohort().arrival().drawn()) {
                drawnBatches[s.index()] = drawnBatches(s, scenario.seed());
            }
        }
    }

    /**
     * The batches of a cohort whose agents draw their arrival epochs: agent i draws an epoch uniformly from
     * fromEpoch to untilEpoch (Philox, INIT stream, epoch 0, stage {@link Streams#STAGE_ARRIVAL}, a function of the
     * seed and i alone); each epoch's batch is as many agents, in index order, as drew it.
     */
    private static int[] drawnBatches(Segment s, long seed) {
        CohortSpec.Arrival a = s.cohort().arrival();
        int[] start = new int[a.untilEpoch() - a.fromEpoch() + 2];
        long key = Philox.key(seed, Streams.INIT);
        int[] rng = Philox.agentWordScratch();
        for (int i = s.start(); i < s.end(); i++) {
            int word = Philox.agentWord(i, 0, Streams.STAGE_ARRIVAL, 0, Philox.keyLo(key), Philox.keyHi(key), rng);
            start[Philox.uniform(word, 0, start.length - 2) + 1]++; // counts, shifted one up for the sums below
        }
        start[0] = s.start();
        for (int k = 1; k < start.length; k++) {
            start[k] += start[k - 1];
        }
        return start;
    }

    /** Lets this epoch's batches apply: admits or refuses them on the backend, counts and records why. */
    @Override
    public void epochStart(EpochContext c) {
        int epoch = c.epoch();
        Backend backend = c.backend();
        AuditSink audit = c.audit();
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
        long[] standing = new long[layout.segments().size() * Standing.SLOTS];
        if (entry != null) {
            backend.standing(standing);
        }
        double[] boostOf = entry != null && entry.testTask() != null
                ? principalBoosts(backend.boosts(AgentBoost.ENTRY), standing) : null;
        for (Segment s : due) {
            CohortSpec.Arrival a = s.cohort().arrival();
            int[] drawn = drawnBatches[s.index()];
            int from = drawn != null ? drawn[epoch - a.fromEpoch()]
                    : s.start() + (epoch - a.fromEpoch()) * a.perEpoch();
            int to = drawn != null ? drawn[epoch - a.fromEpoch() + 1] : Math.min(s.end(), from + a.perEpoch());
            int p = layout.principalOf(s.index());
            Refusal refusal = refusal(a, p, standing);
            // room under the principal's cap (all of the batch without entry checks)
            long room = entry == null ? to - from : Math.max(0, entry.maxAgentsPerPrincipal() - agents(p, standing));
            long admitted;
            long refused;
            long failedTest = 0;
            if (refusal == null && entry != null && entry.testTask() != null) {
                long[] counts = testBatch(from, to, room, boostedAbility(trueCapability(s), boostOf, p), backend);
                admitted = counts[ADMITTED];
                refused = counts[FAILED_TEST] + counts[OVER_CAP];
                failedTest = counts[FAILED_TEST];
                if (counts[OVER_CAP] > 0) {
                    refusal = Refusal.PRINCIPAL_CAP;
                } else if (failedTest > 0) {
                    refusal = Refusal.CAPABILITY;
                }
            } else {
                int admitTo = refusal != null ? from : (int) Math.min(to, from + room);
                if (refusal == null && admitTo < to) {
                    refusal = Refusal.PRINCIPAL_CAP;
                }
                admitted = backend.arrive(from, admitTo, 0, admittedReputation);
                refused = backend.arrive(admitTo, to, Population.REFUSED, 0);
            }
            standing[s.index() * Standing.SLOTS + Standing.ACTIVE] += admitted;
            standing[s.index() * Standing.SLOTS + Standing.REPUTATION] += admitted * admittedReputation;
            if (admitted + refused == 0) {
                continue; // a kill switch stopped the whole batch before it arrived
            }
            state.admitted += admitted;
            if (failedTest > 0) { // the test is a capability check: its failures count as capability refusals
                state.refused[Refusal.CAPABILITY.ordinal()] += failedTest;
                state.refused[Refusal.PRINCIPAL_CAP.ordinal()] += refused - failedTest;
            } else if (refusal != null) {
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
            if (entry != null && entry.testTask() != null) {
                f.put("failed_test", failedTest);
            }
            audit.record(epoch, "entry", f);
        }
    }

    /** Outcomes of the test task, as indices of {@link #testBatch}'s counts. */
    private static final int ADMITTED = 0;
    private static final int FAILED_TEST = 1;
    private static final int OVER_CAP = 2;

    /**
     * Admits the pending agents of [from, to) that pass the test task, in index order, while there is {@code room}
     * under the principal's cap; refuses the others. Returns the agents admitted, failed and refused for the cap (by
     * outcome index); agents stopped before they arrived count in none. A run of neighbours with the same outcome
     * arrives in one call.
     */
    private long[] testBatch(int from, int to, long room, double ability, Backend backend) {
        long[] counts = new long[3];
        long passed = 0;
        int runStart = from;
        int runOutcome = -1;
        for (int i = from; i < to; i++) {
            int outcome = !passesTest(i, ability) ? FAILED_TEST : passed < room ? ADMITTED : OVER_CAP;
            passed += outcome == ADMITTED ? 1 : 0;
            if (outcome != runOutcome) {
                arriveRun(runStart, i, runOutcome, counts, backend);
                runStart = i;
                runOutcome = outcome;
            }
        }
        arriveRun(runStart, to, runOutcome, counts, backend);
        return counts;
    }

    private void arriveRun(int from, int to, int outcome, long[] counts, Backend backend) {
        if (outcome >= 0 && from < to) {
            counts[outcome] += outcome == ADMITTED ? backend.arrive(from, to, 0, admittedReputation)
                    : backend.arrive(from, to, Population.REFUSED, 0);
        }
    }

    /**
     * Whether agent {@code i}, of true ability {@code ability}, passes the test task: its ability plus a normal error
     * of the test's noise (Philox, INIT stream, epoch 0, stage {@link Streams#STAGE_ENTRY_TEST}: a function of the seed
     * and i alone, so every backend and every resume tests the agent alike) reaches the minimum score.
     */
    private boolean passesTest(int i, double ability) {
        SafetySpec.TestTask t = entry.testTask();
        int word = Philox.agentWord(i, 0, Streams.STAGE_ENTRY_TEST, 0, testKeyLo, testKeyHi, testScratch);
        return ability + t.noise() * Draws.normal(word) >= t.minScore();
    }

    /**
     * The true ability of cohort {@code s}'s agents, which the scenario hides from the entry checks except through
     * the test: its {@code hidden_capability} (else its declared one), before any entry boost
     * ({@link #boostedAbility}).
     */
    private static double trueCapability(Segment s) {
        return s.cohort().arrival().trueCapability();
    }

    /**
     * Per principal, the mean of the entry boost column {@code boosts} over its agents in the economy (active and
     * killed, by {@code standing}), millionths; null without a column.
     */
    private double[] principalBoosts(int[] boosts, long[] standing) {
        if (boosts == null) {
            return null;
        }
        double[] mean = new double[principals.size()];
        for (int p = 0; p < mean.length; p++) {
            long sum = 0;
            for (int c : cohortsOf[p]) {
                Segment s = layout.segments().get(c);
                for (int i = s.start(); i < s.end(); i++) {
                    sum += boosts[i];
                }
            }
            long in = agents(p, standing);
            mean[p] = in == 0 ? 0 : (double) sum / in;
        }
        return mean;
    }

    /**
     * The ability the test scores for an agent of principal {@code p} of true ability {@code ability}: ability x (1 +
     * B / 10^6), B its principal's mean entry boost ({@link #principalBoosts}); ability itself without a column.
     */
    static double boostedAbility(double ability, double[] boostOf, int p) {
        return boostOf == null || boostOf[p] == 0 ? ability : ability * (1 + boostOf[p] / 1e6);
    }

    /** The agents of principal {@code p} that count under its cap: active and killed ones. */
    private long agents(int p, long[] standing) {
        long n = 0;
        for (int c : cohortsOf[p]) {
            n += standing[c * Standing.SLOTS + Standing.ACTIVE] + standing[c * Standing.SLOTS + Standing.KILLED];
        }
        return n;
    }

    /**
     * Why a batch of principal {@code p} is refused outright, or null: undeclared or too low capability, or a
     * cohort of the principal whose record is below the line (a principal none of whose agents has been in the
     * economy has no record and passes). A principal stopped by a kill switch needs no check: its pending agents
     * were killed with it.
     */
    private Refusal refusal(CohortSpec.Arrival a, int p, long[] standing) {
        if (entry == null) {
            return null;
        }
        // with a test task, what the cohort declares is not read: its agents are tested one by one (testBatch)
        if (entry.testTask() == null && (!a.declared() || a.declaredCapability() < entry.minCapability())) {
            return Refusal.CAPABILITY;
        }
        int line = SafetySpec.millionths(entry.minPrincipalReputation());
        for (int c : cohortsOf[p]) {
            long active = standing[c * Standing.SLOTS + Standing.ACTIVE];
            long killed = standing[c * Standing.SLOTS + Standing.KILLED];
            if (Standing.hasRecord(active, killed)
                    && Standing.recordBelow(active, killed, standing[c * Standing.SLOTS + Standing.REPUTATION], line)) {
                return Refusal.PRINCIPAL_REPUTATION;
            }
        }
        return null;
    }
}
