package org.vaesim.host.mission;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.vaesim.host.epoch.Engine;
import org.vaesim.host.metrics.MissionMetrics;
import org.vaesim.host.metrics.WealthDistribution;
import org.vaesim.host.stage.EpochContext;
import org.vaesim.host.stage.ListedStage;
import org.vaesim.host.stage.SectionFields;
import org.vaesim.host.stage.SectionIn;
import org.vaesim.host.stage.SectionOut;
import org.vaesim.host.stage.Stage;
import org.vaesim.host.stage.StageKind;
import org.vaesim.host.stage.StageSetup;
import org.vaesim.kernels.memory.MissionColumns;
import org.vaesim.kernels.memory.Population;
import org.vaesim.kernels.mission.MissionKernels;
import org.vaesim.kernels.mission.MissionPlan;
import org.vaesim.models.mission.MissionSpec;
import org.vaesim.models.scenario.Money;
import org.vaesim.models.scenario.Scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The missions' stage (docs/mechanisms.md#missions): their funding, tax, rounds and closing at the end of an epoch
 * ({@link MissionRounds} on the missions' backend half), their ledger, their checkpoint section, their part of
 * summary.json, of the conservation checks and of report.html, and missions.csv.
 */
public final class MissionStage extends ListedStage<MissionPlan, MissionLedger, MissionColumns, MissionMetrics> {
    /** The stage's name: its checkpoint section's, its summary.json key's and its CSV's. */
    public static final String NAME = "missions";
    /** missions.csv: one row per round (docs/outputs.md). */
    public static final String FILE = StageKind.Listed.file(NAME);
    /** missions.csv's header. */
    private static final String HEADER = "epoch,mission,policy,posted,bidders,awarded,delivered,failed,price,mean_price,"
            + "paid,advance_lost,subsidy_paid,tax_collected,escrow,subsidy_balance,completed,completion_rate,"
            + "cost_per_completed_task,free_riding_share,payment_hhi,mean_winner_capability,mean_winner_reputation,"
            + "rejected_bids";

    private static final StageKind.Listed KIND = new Kind();

    private final MissionRounds rounds;
    private final MissionKernels kernels;

    private MissionStage(StageSetup setup, List<MissionPlan> plans, MissionLedger ledger, MissionColumns columns) {
        super(KIND, setup.scenario(), plans, ledger, HEADER);
        this.rounds = new MissionRounds(scenario, setup.layout(), plans);
        this.kernels = setup.backend().half(MissionKernels.halves(plans, columns));
    }

    /** The missions' registration: last of the epoch's mechanisms, after the safety rules' inputs are final. */
    public static final class Kind extends StageKind.Listed {
        public Kind() { // name, epoch rank, state rank, section version, what the scenario lists
            super(NAME, 300, 200, 1, Scenario::missions);
        }

        @Override
        public Stage create(StageSetup setup, SectionIn r) throws IOException {
            List<MissionPlan> plans = MissionPlan.of(setup.scenario(), setup.layout());
            MissionLedger ledger = new MissionLedger(plans);
            MissionColumns columns = new MissionColumns(plans.stream().mapToInt(MissionPlan::bidders).toArray());
            if (r != null) {
                fields(SectionFields.reading(r), ledger, columns);
            }
            return new MissionStage(setup, plans, ledger, columns);
        }

        @Override
        protected String section(JsonNode summary, Path csv) throws IOException {
            return MissionReport.section(summary, csv);
        }
    }

    @Override
    public MissionColumns columns() {
        return kernels.columns();
    }

    @Override
    public List<MissionMetrics> lastRounds() {
        return rounds.last();
    }

    @Override
    public void run(EpochContext c) {
        rounds.run(c.epoch(), c.backend(), kernels, ledger, c.accounting(), c.result().totals, c.rejects());
    }

    /** The escrow and subsidy accounts. */
    @Override
    public long moneyHeld() {
        return ledger.held();
    }

    /** The fees the missions' taxes moved from the fee sink into their escrow. */
    @Override
    public long feesTaken() {
        return ledger.feesDiverted();
    }

    @Override
    public void verify(int epoch) {
        if (ledger.size() == 0) {
            return;
        }
        MissionColumns columns = kernels.columns();
        for (int m = 0; m < ledger.size(); m++) {
            String problem = problem(m, ledger.get(m), columns);
            if (problem != null) {
                throw new IllegalStateException("mission " + scenario.missions().get(m).name()
                        + " not conserved after epoch " + epoch + ": " + problem);
            }
        }
    }

    /**
     * What is wrong with mission m's accounts, or null: escrow = funded + tax - paid - returned and the subsidy
     * account = funded - paid - returned, neither negative; awarded = delivered + failed, at most the tasks posted;
     * delivered at most the mission's tasks; the per-bidder columns add up to the ledger's awards, deliveries and
     * payments (escrow and subsidy).
     */
    private String problem(int m, MissionLedger.Account a, MissionColumns columns) {
        long awarded = 0;
        long delivered = 0;
        long paid = 0;
        for (int i = 0; i < columns.awarded[m].length; i++) {
            awarded += columns.awarded[m][i];
            delivered += columns.delivered[m][i];
            paid += columns.paid[m][i];
        }
        if (a.escrow != a.funded + a.taxCollected - a.paid - a.escrowReturned || a.escrow < 0) {
            return "escrow " + a.escrow + " != funded " + a.funded + " + tax " + a.taxCollected + " - paid " + a.paid
                    + " - returned " + a.escrowReturned;
        }
        if (a.subsidy != a.subsidyFunded - a.subsidyPaid - a.subsidyReturned || a.subsidy < 0) {
            return "subsidy account " + a.subsidy + " != funded " + a.subsidyFunded + " - paid " + a.subsidyPaid
                    + " - returned " + a.subsidyReturned;
        }
        if (a.awarded > a.posted || a.delivered > a.awarded || a.delivered > scenario.missions().get(m).tasks()) {
            return "tasks posted " + a.posted + ", awarded " + a.awarded + ", delivered " + a.delivered;
        }
        if (awarded != a.awarded || delivered != a.delivered || paid != a.paid + a.subsidyPaid) {
            return "bidders hold " + awarded + " awards, " + delivered + " deliveries and " + paid
                    + " micro-credits; the ledger " + a.awarded + ", " + a.delivered + " and "
                    + (a.paid + a.subsidyPaid);
        }
        return null;
    }

    /** The ledger's accounts, then each mission's per-bidder columns: the bytes of every vaesim since missions. */
    @Override
    public void write(SectionOut w) throws IOException {
        fields(SectionFields.writing(w), ledger, ledger.size() == 0 ? new MissionColumns(new int[0])
                : kernels.columns());
    }

    /** The missions' checkpoint section, written or read by this one list of fields. */
    private static void fields(SectionFields section, MissionLedger ledger, MissionColumns columns)
            throws IOException {
        ledger.fields(section, "missions", (f, k, x) -> {
            x.state = f.intValue(x.state);
            x.closedEpoch = f.intValue(x.closedEpoch);
            x.completedEpoch = f.intValue(x.completedEpoch);
            x.funded = f.longValue(x.funded);
            x.taxCollected = f.longValue(x.taxCollected);
            x.paid = f.longValue(x.paid);
            x.escrowReturned = f.longValue(x.escrowReturned);
            x.escrow = f.longValue(x.escrow);
            x.advanceLost = f.longValue(x.advanceLost);
            x.subsidyFunded = f.longValue(x.subsidyFunded);
            x.subsidyPaid = f.longValue(x.subsidyPaid);
            x.subsidyReturned = f.longValue(x.subsidyReturned);
            x.subsidy = f.longValue(x.subsidy);
            x.rounds = f.longValue(x.rounds);
            x.posted = f.longValue(x.posted);
            x.bids = f.longValue(x.bids);
            x.awarded = f.longValue(x.awarded);
            x.delivered = f.longValue(x.delivered);
            x.capabilitySum = f.longValue(x.capabilitySum);
            x.reputationSum = f.longValue(x.reputationSum);
            x.lastPayScore = f.longValue(x.lastPayScore);
            f.count(x.principalPaid.length, "principals bidding in mission " + k);
            f.longs(x.principalAwarded);
            f.longs(x.principalDelivered);
            f.longs(x.principalPaid);
            f.count(columns.awarded[k].length, "bidders in mission " + k);
            f.ints(columns.awarded[k]);
            f.ints(columns.delivered[k]);
            f.longs(columns.paid[k]);
        });
    }

    @Override
    public void moneyAccounts(ObjectNode c) {
        if (ledger.size() > 0) {
            c.put("fees_to_missions", Money.toCredits(ledger.feesDiverted()));
            c.put("mission_accounts", Money.toCredits(ledger.held()));
        }
    }

    @Override
    public boolean conservation(ObjectNode c) {
        if (ledger.size() == 0) {
            return true;
        }
        boolean all = true;
        MissionLedger missions = ledger;
        ObjectNode accounts = c.putObject("missions");
        MissionColumns columns = kernels.columns();
        for (int k = 0; k < missions.size(); k++) {
            MissionLedger.Account acc = missions.get(k);
            String problem = problem(k, acc, columns);
            ObjectNode u = accounts.putObject(scenario.missions().get(k).name());
            u.put("funded", Money.toCredits(acc.funded));
            u.put("tax_collected", Money.toCredits(acc.taxCollected));
            u.put("paid", Money.toCredits(acc.paid));
            u.put("escrow_returned", Money.toCredits(acc.escrowReturned));
            u.put("escrow", Money.toCredits(acc.escrow));
            u.put("subsidy_funded", Money.toCredits(acc.subsidyFunded));
            u.put("subsidy_paid", Money.toCredits(acc.subsidyPaid));
            u.put("subsidy_returned", Money.toCredits(acc.subsidyReturned));
            u.put("subsidy", Money.toCredits(acc.subsidy));
            u.put("conserved", problem == null);
            if (problem != null) {
                u.put("problem", problem);
            }
            all &= problem == null;
        }
        return all;
    }

    /** One missions.csv row. */
    @Override
    protected String row(MissionMetrics m) {
        List<MissionSpec> missions = scenario.missions();
        MissionSpec spec = missions.get(m.mission());
        StringBuilder sb = new StringBuilder(256);
        sb.append(m.epoch()).append(',').append(spec.name()).append(',').append(m.policy());
        for (long v : new long[] {m.posted(), m.bidders(), m.awarded(), m.delivered(), m.failed()}) {
            sb.append(',').append(v);
        }
        sb.append(',').append(m.posted() == 0 ? "" : Money.format(m.price() * spec.tickSize()));
        sb.append(',').append(credits(m.meanPrice()));
        for (long v : new long[] {m.paid(), m.advanceLost(), m.subsidyPaid(), m.taxCollected(), m.escrow(),
            m.subsidyBalance()}) {
            sb.append(',').append(Money.format(v));
        }
        sb.append(',').append(m.completed());
        sb.append(',').append(decimal(m.completionRate()));
        sb.append(',').append(credits(m.costPerCompletedTask()));
        for (double v : new double[] {m.freeRidingShare(), m.paymentHhi(), m.meanWinnerCapability(),
            m.meanWinnerReputation()}) {
            sb.append(',').append(decimal(v));
        }
        sb.append(',').append(m.rejectedBids());
        return sb.toString();
    }

    private static String decimal(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6f", v);
    }

    /** Micro-credits (a mean, so not whole) as credits with six decimals; empty for NaN. */
    private static String credits(double micros) {
        return Double.isNaN(micros) ? "" : String.format(Locale.ROOT, "%.6f", micros / Money.MICROS_PER_CREDIT);
    }

    /** Per mission: its rules, outcome, accounts and measures over the run (docs/outputs.md#summaryjson). */
    @Override
    protected ArrayNode summary(Engine engine) {
        ArrayNode arr = JsonNodeFactory.instance.arrayNode();
        MissionColumns columns = kernels.columns();
        Population population = engine.population();
        for (MissionPlan plan : plans) {
            MissionSpec spec = plan.spec();
            MissionLedger.Account acc = ledger.get(plan.index());
            ObjectNode n = arr.addObject();
            n.put("name", spec.name());
            n.put("sponsor", spec.sponsor() instanceof MissionSpec.CohortSponsor c
                    ? engine.scenario().cohorts().get(c.cohortIndex()).name() : "external");
            ObjectNode policy = n.putObject("policy");
            policy.put("levers", spec.policy().label());
            policy.put("reputation_weight", spec.policy().reputationWeight());
            policy.put("min_reputation", spec.policy().minReputationPpm() / 1e6);
            if (spec.policy().subsidy() != null) {
                policy.put("subsidy_per_task", Money.toCredits(spec.policy().subsidy().perTask()));
                policy.put("subsidy_budget", Money.toCredits(spec.policy().subsidy().budget()));
            }
            if (spec.policy().tax() != null) {
                policy.put("tax_fee_share", spec.policy().tax().feeSharePpm() / 1e6);
            }
            n.put("state", acc.state == MissionLedger.CLOSED ? "closed" : acc.state == MissionLedger.OPEN ? "open"
                    : "pending");
            n.put("success", acc.delivered >= spec.tasks());
            if (acc.completedEpoch >= 0) {
                n.put("completed_epoch", acc.completedEpoch);
            }
            if (acc.closedEpoch >= 0) {
                n.put("closed_epoch", acc.closedEpoch);
            }
            n.put("deadline_epoch", spec.deadlineEpoch());
            n.put("bidders", plan.bidders());
            n.put("tasks", spec.tasks());
            n.put("tasks_completed", acc.delivered);
            n.put("mission_completion", (double) acc.delivered / spec.tasks());
            n.put("rounds", acc.rounds);
            n.put("tasks_posted", acc.posted);
            n.put("tasks_awarded", acc.awarded);
            n.put("tasks_failed", acc.failed());
            n.put("mean_bidders_per_round", acc.rounds == 0 ? 0 : (double) acc.bids / acc.rounds);
            putRatio(n, "completion", acc.delivered, acc.posted);
            n.put("budget", Money.toCredits(spec.budget()));
            n.put("funded", Money.toCredits(acc.funded));
            n.put("tax_collected", Money.toCredits(acc.taxCollected));
            n.put("paid", Money.toCredits(acc.paid));
            n.put("advance_lost", Money.toCredits(acc.advanceLost));
            n.put("subsidy_paid", Money.toCredits(acc.subsidyPaid));
            n.put("escrow_returned", Money.toCredits(acc.escrowReturned));
            n.put("subsidy_returned", Money.toCredits(acc.subsidyReturned));
            n.put("escrow", Money.toCredits(acc.escrow));
            if (acc.delivered > 0) {
                n.put("cost_per_completed_task", (acc.paid + acc.subsidyPaid) / 1e6 / acc.delivered);
                n.put("escrow_cost_per_completed_task", acc.paid / 1e6 / acc.delivered);
                n.put("mean_price", (acc.paid - acc.advanceLost) / 1e6 / acc.delivered);
            }
            double freeRiding = MissionMetrics.freeRiding(acc.advanceLost, acc.paid + acc.subsidyPaid);
            if (!Double.isNaN(freeRiding)) {
                n.put("free_riding_share", freeRiding);
            }
            putRatio(n, "non_delivery_share", acc.failed(), acc.awarded);
            int[] awarded = columns.awarded[plan.index()];
            int[] delivered = columns.delivered[plan.index()];
            long winners = 0;
            long repeat = 0;
            for (int i = 0; i < awarded.length; i++) {
                winners += awarded[i] > 0 ? 1 : 0;
                repeat += awarded[i] >= 2 && delivered[i] == 0 ? 1 : 0;
            }
            n.put("bidders_awarded", winners);
            putRatio(n, "repeat_non_deliverers", repeat, winners);
            double hhi = MissionMetrics.hhi(acc.principalPaid);
            if (!Double.isNaN(hhi)) {
                n.put("payment_hhi", hhi);
            }
            long[] paid = columns.paid[plan.index()].clone();
            Arrays.parallelSort(paid);
            n.put("payment_gini", WealthDistribution.ofSorted(paid).gini());
            if (acc.awarded > 0) {
                n.put("mean_winner_capability", acc.capabilitySum / 1e6 / acc.awarded);
                n.put("mean_winner_reputation", acc.reputationSum / 1e6 / acc.awarded);
            }
            if (acc.rounds > 0) {
                n.put("last_price", Money.toCredits(spec.tickSize() * MissionSpec.payment(acc.lastPayScore,
                        MissionSpec.PPM, spec.policy().reputationWeight(), spec.reserveTick())));
            }
            long totalPaid = acc.paid + acc.subsidyPaid;
            var principals = n.putArray("principals");
            for (int g = 0; g < plan.groups().size(); g++) {
                ObjectNode pr = principals.addObject();
                pr.put("name", plan.groups().get(g));
                pr.put("bidders", plan.groupAgents(g));
                pr.put("awarded", acc.principalAwarded[g]);
                pr.put("delivered", acc.principalDelivered[g]);
                putRatio(pr, "delivery_rate", acc.principalDelivered[g], acc.principalAwarded[g]);
                pr.put("paid", Money.toCredits(acc.principalPaid[g]));
                pr.put("payment_share", totalPaid == 0 ? 0 : (double) acc.principalPaid[g] / totalPaid);
                long reputation = 0;
                for (MissionPlan.Range r : plan.ranges()) {
                    if (r.group() == g) {
                        for (int i = r.from(); i < r.to(); i++) {
                            reputation += population.reputation[i];
                        }
                    }
                }
                pr.put("mean_reputation", reputation / 1e6 / plan.groupAgents(g));
            }
        }
        return arr;
    }

    /** {@code name}: num / den, left out when den is 0. */
    private static void putRatio(ObjectNode n, String name, long num, long den) {
        if (den > 0) {
            n.put(name, (double) num / den);
        }
    }
}
