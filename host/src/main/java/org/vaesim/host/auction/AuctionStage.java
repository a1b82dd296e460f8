package org.vaesim.host.auction;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.vaesim.host.epoch.Engine;
import org.vaesim.host.metrics.AuctionMetrics;
import org.vaesim.host.metrics.WealthDistribution;
import org.vaesim.host.report.MechanismSections;
import org.vaesim.host.stage.EpochContext;
import org.vaesim.host.stage.SectionIn;
import org.vaesim.host.stage.SectionOut;
import org.vaesim.host.stage.Stage;
import org.vaesim.host.stage.StageKind;
import org.vaesim.host.stage.StageSetup;
import org.vaesim.kernels.auction.AuctionKernels;
import org.vaesim.kernels.auction.AuctionPlan;
import org.vaesim.kernels.memory.AuctionColumns;
import org.vaesim.models.market.AuctionSpec;
import org.vaesim.models.scenario.Money;
import org.vaesim.models.scenario.Scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The resource auctions' stage (docs/mechanisms.md): the rounds due at the end of an epoch ({@link AuctionRounds}
 * on the auctions' backend half), their ledger, their checkpoint section, their part of summary.json, of the
 * conservation checks and of report.html, and auctions.csv.
 */
public final class AuctionStage implements Stage {
    /** auctions.csv's header (docs/outputs.md). */
    private static final String HEADER = "epoch,auction,mechanism,price,small_price,reserve_binding,supply,allocated,"
            + "unsold,payment,value,max_value,efficiency,allocation_gini,envy_share,envy_share_up_to_one_unit,"
            + "small_principal_share,max_principal_share,bidders,rejected_bids";

    private static final StageKind KIND = new Kind();

    private final Scenario scenario;
    private final List<AuctionPlan> plans;
    private final AuctionLedger ledger;
    private final AuctionRounds rounds;
    private final AuctionKernels kernels;

    private AuctionStage(StageSetup setup, List<AuctionPlan> plans, AuctionLedger ledger, AuctionColumns columns) {
        this.scenario = setup.scenario();
        this.plans = plans;
        this.ledger = ledger;
        this.rounds = new AuctionRounds(scenario, plans);
        this.kernels = setup.backend().half(AuctionKernels.halves(plans, columns));
    }

    /** The auctions' registration: second in the epoch, after the gateway; first of the sections in the state. */
    public static final class Kind extends StageKind.Ranked {
        public Kind() { // name, epoch rank, state rank, section version
            super("auctions", 200, 100, 1);
        }

        @Override
        public boolean usedBy(Scenario scenario) {
            return !scenario.auctions().isEmpty();
        }

        @Override
        public Stage create(StageSetup setup, SectionIn r) throws IOException {
            List<AuctionPlan> plans = AuctionPlan.of(setup.scenario(), setup.layout());
            AuctionLedger ledger = new AuctionLedger(plans);
            int[] bidders = plans.stream().mapToInt(AuctionPlan::bidders).toArray();
            AuctionColumns columns = new AuctionColumns(bidders);
            if (r != null) {
                boolean[] strategic = new boolean[plans.size()];
                for (int k = 0; k < strategic.length; k++) {
                    strategic[k] = plans.get(k).spec().strategic();
                }
                read(r, ledger, columns, bidders, strategic);
            }
            return new AuctionStage(setup, plans, ledger, columns);
        }

        @Override
        public List<String> files() {
            return List.of(FILE);
        }

        @Override
        public String report(JsonNode summary, Path runDir) throws IOException {
            return summary.has("auctions") ? MechanismSections.auctions(summary, runDir.resolve(FILE)) : "";
        }
    }

    /** auctions.csv: one row per round (docs/outputs.md). */
    public static final String FILE = "auctions.csv";

    @Override
    public StageKind kind() {
        return KIND;
    }

    /** The auctions' plans (bidder ranges and principal groups), in scenario order. */
    public List<AuctionPlan> plans() {
        return plans;
    }

    /** The auctions' accounts. */
    public AuctionLedger ledger() {
        return ledger;
    }

    /** The per-bidder columns as of the last round (a copy from the device where there is one). */
    public AuctionColumns columns() {
        return kernels.columns();
    }

    /** The rounds the latest epoch ran, with their metrics (empty when none was due). */
    public List<AuctionMetrics> lastRounds() {
        return rounds.last();
    }

    @Override
    public void run(EpochContext c) {
        rounds.run(c.epoch(), kernels, ledger, c.rejects());
    }

    /** The cash auctions' revenue account. */
    @Override
    public long moneyHeld() {
        return ledger.revenue();
    }

    /** Per auction: supplied = allocated + unsold, and the bidders hold what was allocated. */
    @Override
    public void verify(int epoch) {
        if (ledger.auctions() == 0) {
            return;
        }
        AuctionColumns columns = kernels.columns();
        for (int a = 0; a < ledger.auctions(); a++) {
            AuctionLedger.Account acc = ledger.get(a);
            long won = held(columns, a);
            if (acc.supplied != acc.allocated + acc.unsold || won != acc.allocated) {
                throw new IllegalStateException("units of auction " + scenario.auctions().get(a).name()
                        + " not conserved after epoch " + epoch + ": supplied " + acc.supplied + ", allocated "
                        + acc.allocated + " (bidders hold " + won + "), unsold " + acc.unsold);
            }
        }
    }

    private static long held(AuctionColumns columns, int auction) {
        long won = 0;
        for (long w : columns.totalWon[auction]) {
            won += w;
        }
        return won;
    }

    /**
     * The ledger's accounts, then each auction's per-bidder columns: the bytes of every vaesim since auctions; an
     * auction with a strategic bidder adds its principals' value and payment after their envy counts.
     */
    @Override
    public void write(SectionOut w) throws IOException {
        AuctionLedger auctions = ledger;
        AuctionColumns columns = ledger.auctions() == 0 ? new AuctionColumns(new int[0]) : kernels.columns();
        w.ints(auctions.auctions());
        for (int k = 0; k < auctions.auctions(); k++) {
            AuctionLedger.Account x = auctions.get(k);
            w.longs(x.rounds, x.supplied, x.allocated, x.unsold, x.revenue, x.tokensIssued, x.tokensSpent,
                    x.valueRealized, x.valueMax, x.envious, x.enviousUpToOne, x.bidderRounds, x.smallUnits,
                    x.reserveBindingRounds, Double.doubleToLongBits(x.giniSum));
            w.ints(x.lastPrice, x.lastSmallPrice, x.principalUnits.length);
            w.longs(x.principalUnits);
            w.longs(x.principalEnvious);
            w.longs(x.principalEnviousUpToOne);
            if (plans.get(k).spec().strategic()) { // only there, so that other auctions keep their bytes
                w.longs(x.principalValue);
                w.longs(x.principalPayment);
            }
            w.ints(columns.won[k].length);
            w.ints(columns.won[k]);
            w.longs(columns.totalWon[k]);
        }
    }

    private static void read(SectionIn r, AuctionLedger freshAuctions, AuctionColumns columns, int[] bidders,
                             boolean[] strategic) throws IOException {
        int auctions = r.intValue();
        if (auctions != freshAuctions.auctions()) {
            throw r.corrupt("it has " + auctions + " auctions, the scenario " + freshAuctions.auctions());
        }
        for (int k = 0; k < auctions; k++) {
            AuctionLedger.Account x = freshAuctions.get(k);
            x.rounds = r.longValue();
            x.supplied = r.longValue();
            x.allocated = r.longValue();
            x.unsold = r.longValue();
            x.revenue = r.longValue();
            x.tokensIssued = r.longValue();
            x.tokensSpent = r.longValue();
            x.valueRealized = r.longValue();
            x.valueMax = r.longValue();
            x.envious = r.longValue();
            x.enviousUpToOne = r.longValue();
            x.bidderRounds = r.longValue();
            x.smallUnits = r.longValue();
            x.reserveBindingRounds = r.longValue();
            x.giniSum = Double.longBitsToDouble(r.longValue());
            x.lastPrice = r.intValue();
            x.lastSmallPrice = r.intValue();
            int groups = r.intValue();
            int n = 0;
            if (groups == x.principalUnits.length) {
                r.longs(x.principalUnits);
                r.longs(x.principalEnvious);
                r.longs(x.principalEnviousUpToOne);
                if (strategic[k]) {
                    r.longs(x.principalValue);
                    r.longs(x.principalPayment);
                }
                n = r.intValue();
            }
            if (groups != x.principalUnits.length || n != bidders[k]) {
                throw r.corrupt("its auction " + k + " has other bidders than the scenario's");
            }
            r.ints(columns.won[k]);
            r.longs(columns.totalWon[k]);
        }
    }

    @Override
    public void summarize(ObjectNode root, Engine engine) {
        if (!plans.isEmpty()) {
            root.set("auctions", summary());
        }
    }

    @Override
    public void moneyAccounts(ObjectNode c) {
        c.put("auction_sink", Money.toCredits(ledger.revenue()));
    }

    @Override
    public boolean conservation(ObjectNode c) {
        if (ledger.auctions() == 0) {
            return true;
        }
        boolean all = true;
        ObjectNode units = c.putObject("auction_units");
        AuctionColumns columns = kernels.columns();
        for (int k = 0; k < ledger.auctions(); k++) {
            AuctionLedger.Account acc = ledger.get(k);
            long held = held(columns, k);
            boolean ok = acc.supplied == acc.allocated + acc.unsold && held == acc.allocated;
            ObjectNode u = units.putObject(scenario.auctions().get(k).name());
            u.put("supplied", acc.supplied);
            u.put("allocated", acc.allocated);
            u.put("unsold", acc.unsold);
            u.put("held_by_bidders", held);
            u.put("conserved", ok);
            all &= ok;
        }
        return all;
    }

    @Override
    public Rounds rounds() {
        if (plans.isEmpty()) {
            return null;
        }
        return Rounds.of(FILE, HEADER, () -> {
            List<String> rows = new ArrayList<>();
            for (AuctionMetrics m : rounds.last()) {
                rows.add(row(m));
            }
            return rows;
        });
    }

    /** One auctions.csv row. */
    private String row(AuctionMetrics m) {
        List<AuctionSpec> auctions = scenario.auctions();
        AuctionSpec spec = auctions.get(m.auction());
        StringBuilder sb = new StringBuilder(256);
        sb.append(m.epoch()).append(',').append(spec.name()).append(',').append(spec.mechanism().jsonName());
        sb.append(',').append(Money.format(m.price() * spec.tickSize()));
        sb.append(',').append(Money.format(m.smallPrice() * spec.tickSize()));
        sb.append(',').append(m.reserveBinding() ? 1 : 0);
        sb.append(',').append(m.supply()).append(',').append(m.allocated()).append(',').append(m.unsold());
        sb.append(',').append(Money.format(m.payment()));
        sb.append(',').append(m.value()).append(',').append(m.maxValue());
        for (double v : new double[] {m.efficiency(), m.allocationGini(), m.envyShare(), m.envyShareUpToOne(),
            m.smallShare(), m.maxPrincipalShare()}) {
            sb.append(',').append(Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6f", v));
        }
        sb.append(',').append(m.bidders()).append(',').append(m.rejectedBids());
        return sb.toString();
    }

    /** Per auction: its mechanism, accounts, efficiency and fairness over the run (docs/outputs.md). */
    private ArrayNode summary() {
        ArrayNode arr = JsonNodeFactory.instance.arrayNode();
        AuctionColumns columns = kernels.columns();
        for (AuctionPlan plan : plans) {
            AuctionSpec spec = plan.spec();
            AuctionLedger.Account acc = ledger.get(plan.index());
            ObjectNode n = arr.addObject();
            n.put("name", spec.name());
            n.put("resource", spec.resource().jsonName());
            ObjectNode mech = n.putObject("mechanism");
            mech.put("type", spec.mechanism().jsonName());
            switch (spec.mechanism()) {
                case AuctionSpec.PrincipalCap cap -> {
                    mech.put("max_share", BigDecimal.valueOf(cap.maxSharePpm(), 6).stripTrailingZeros());
                    mech.put("cap_units", cap.capUnits());
                }
                case AuctionSpec.ReservedShare r -> {
                    mech.put("share", BigDecimal.valueOf(r.sharePpm(), 6).stripTrailingZeros());
                    mech.put("reserved_units", r.reservedUnits());
                }
                case AuctionSpec.EqualEndowment e -> mech.put("budget", Money.toCredits(e.budget()));
                case AuctionSpec.UniformPrice u -> {
                }
            }
            n.put("rounds", acc.rounds);
            n.put("bidders", plan.bidders());
            n.put("supply_per_round", spec.supply());
            n.put("units_supplied", acc.supplied);
            n.put("units_allocated", acc.allocated);
            n.put("units_unsold", acc.unsold);
            if (spec.mechanism().paysInTokens()) {
                n.put("tokens_issued", Money.toCredits(acc.tokensIssued));
                n.put("tokens_spent", Money.toCredits(acc.tokensSpent));
            } else {
                n.put("revenue", Money.toCredits(acc.revenue));
                // the bidders' surplus: value of the units won less what they paid (docs/mechanisms.md#metrics)
                n.put("bidder_surplus", Money.toCredits(acc.valueRealized * spec.tickSize() - acc.revenue));
            }
            n.put("last_price", Money.toCredits(spec.tickSize() * acc.lastPrice));
            n.put("last_small_price", Money.toCredits(spec.tickSize() * acc.lastSmallPrice));
            n.put("reserve_binding_rounds", acc.reserveBindingRounds);
            if (acc.rounds > 0) {
                n.put("efficiency", acc.valueMax == 0 ? 1.0 : (double) acc.valueRealized / acc.valueMax);
                n.put("allocation_gini", acc.giniSum / acc.rounds);
                long[] total = columns.totalWon[plan.index()].clone();
                Arrays.parallelSort(total);
                n.put("cumulative_allocation_gini", WealthDistribution.ofSorted(total).gini());
                n.put("envy_share", (double) acc.envious / acc.bidderRounds);
                n.put("envy_share_up_to_one_unit", (double) acc.enviousUpToOne / acc.bidderRounds);
                if (spec.smallPrincipalAgents() > 0) {
                    n.put("small_principal_share", (double) acc.smallUnits / acc.supplied);
                }
                long largest = 0;
                for (long u : acc.principalUnits) {
                    largest = Math.max(largest, u);
                }
                n.put("max_principal_share", (double) largest / acc.supplied);
            }
            if (spec.smallPrincipalAgents() > 0) {
                n.put("small_principal_agents", spec.smallPrincipalAgents());
            }
            var principals = n.putArray("principals");
            for (int g = 0; g < plan.groups().size(); g++) {
                ObjectNode pr = principals.addObject();
                pr.put("name", plan.groups().get(g));
                pr.put("small", plan.small(g));
                pr.put("bidders", plan.groupAgents(g));
                pr.put("units", acc.principalUnits[g]);
                pr.put("share", acc.supplied == 0 ? 0 : (double) acc.principalUnits[g] / acc.supplied);
                double bidderRounds = (double) plan.groupAgents(g) * acc.rounds;
                pr.put("envy_share", bidderRounds == 0 ? 0 : acc.principalEnvious[g] / bidderRounds);
                pr.put("envy_share_up_to_one_unit", bidderRounds == 0 ? 0
                        : acc.principalEnviousUpToOne[g] / bidderRounds);
                if (spec.strategic() && !spec.mechanism().paysInTokens()) {
                    long value = acc.principalValue[g] * spec.tickSize();
                    pr.put("value", Money.toCredits(value));
                    pr.put("payment", Money.toCredits(acc.principalPayment[g]));
                    pr.put("surplus", Money.toCredits(value - acc.principalPayment[g]));
                }
            }
        }
        return arr;
    }
}
