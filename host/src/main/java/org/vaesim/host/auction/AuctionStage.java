package org.vaesim.host.auction;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.vaesim.host.epoch.Engine;
import org.vaesim.host.metrics.AuctionMetrics;
import org.vaesim.host.metrics.WealthDistribution;
import org.vaesim.host.stage.EpochContext;
import org.vaesim.host.stage.ListedStage;
import org.vaesim.host.stage.SectionFields;
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
public final class AuctionStage extends ListedStage<AuctionPlan, AuctionLedger, AuctionColumns, AuctionMetrics> {
    /** auctions.csv's header (docs/outputs.md). */
    private static final String HEADER = "epoch,auction,mechanism,price,small_price,reserve_binding,supply,allocated,"
            + "unsold,payment,value,max_value,efficiency,allocation_gini,envy_share,envy_share_up_to_one_unit,"
            + "small_principal_share,max_principal_share,bidders,rejected_bids";

    private static final StageKind.Listed KIND = new Kind();

    private final AuctionRounds rounds;
    private final AuctionKernels kernels;

    private AuctionStage(StageSetup setup, List<AuctionPlan> plans, AuctionLedger ledger, AuctionColumns columns) {
        super(KIND, setup.scenario(), plans, ledger, HEADER);
        this.rounds = new AuctionRounds(scenario, plans);
        this.kernels = setup.backend().half(AuctionKernels.halves(plans, columns));
    }

    /** The auctions' registration: second in the epoch, after the gateway; first of the sections in the state. */
    public static final class Kind extends StageKind.Listed {
        public Kind() { // name, epoch rank, state rank, section version, what the scenario lists
            super(NAME, 200, 100, 1, Scenario::auctions);
        }

        @Override
        public Stage create(StageSetup setup, SectionIn r) throws IOException {
            List<AuctionPlan> plans = AuctionPlan.of(setup.scenario(), setup.layout());
            AuctionLedger ledger = new AuctionLedger(plans);
            AuctionColumns columns = new AuctionColumns(plans.stream().mapToInt(AuctionPlan::bidders).toArray());
            if (r != null) {
                fields(SectionFields.reading(r), ledger, columns, strategic(plans));
            }
            return new AuctionStage(setup, plans, ledger, columns);
        }

        @Override
        protected String section(JsonNode summary, Path csv) throws IOException {
            return AuctionReport.section(summary, csv);
        }
    }

    /** The stage's name: its checkpoint section's, its summary.json key's and its CSV's. */
    public static final String NAME = "auctions";
    /** auctions.csv: one row per round (docs/outputs.md). */
    public static final String FILE = StageKind.Listed.file(NAME);

    @Override
    public AuctionColumns columns() {
        return kernels.columns();
    }

    /** The auctions' backend half, for a stage that builds on what they awarded (capability, docs/capability.md). */
    public AuctionKernels kernels() {
        return kernels;
    }

    @Override
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
        if (ledger.size() == 0) {
            return;
        }
        AuctionColumns columns = kernels.columns();
        for (int a = 0; a < ledger.size(); a++) {
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
        fields(SectionFields.writing(w), ledger, ledger.size() == 0 ? new AuctionColumns(new int[0])
                : kernels.columns(), strategic(plans));
    }

    /** Which auctions have a strategic bidder ({@code bid_units}): only their sections carry value and payment. */
    private static boolean[] strategic(List<AuctionPlan> plans) {
        boolean[] strategic = new boolean[plans.size()];
        for (int k = 0; k < strategic.length; k++) {
            strategic[k] = plans.get(k).spec().strategic();
        }
        return strategic;
    }

    /** The auctions' checkpoint section, written or read by this one list of fields. */
    private static void fields(SectionFields section, AuctionLedger ledger, AuctionColumns columns,
                               boolean[] strategic) throws IOException {
        ledger.fields(section, "auctions", (f, k, x) -> {
            x.rounds = f.longValue(x.rounds);
            x.supplied = f.longValue(x.supplied);
            x.allocated = f.longValue(x.allocated);
            x.unsold = f.longValue(x.unsold);
            x.revenue = f.longValue(x.revenue);
            x.tokensIssued = f.longValue(x.tokensIssued);
            x.tokensSpent = f.longValue(x.tokensSpent);
            x.valueRealized = f.longValue(x.valueRealized);
            x.valueMax = f.longValue(x.valueMax);
            x.envious = f.longValue(x.envious);
            x.enviousUpToOne = f.longValue(x.enviousUpToOne);
            x.bidderRounds = f.longValue(x.bidderRounds);
            x.smallUnits = f.longValue(x.smallUnits);
            x.reserveBindingRounds = f.longValue(x.reserveBindingRounds);
            x.giniSum = f.doubleValue(x.giniSum);
            x.lastPrice = f.intValue(x.lastPrice);
            x.lastSmallPrice = f.intValue(x.lastSmallPrice);
            f.count(x.principalUnits.length, "principals bidding in auction " + k);
            f.longs(x.principalUnits);
            f.longs(x.principalEnvious);
            f.longs(x.principalEnviousUpToOne);
            if (strategic[k]) { // only there, so that other auctions keep their bytes
                f.longs(x.principalValue);
                f.longs(x.principalPayment);
            }
            f.count(columns.won[k].length, "bidders in auction " + k);
            f.ints(columns.won[k]);
            f.longs(columns.totalWon[k]);
        });
    }

    @Override
    public void moneyAccounts(ObjectNode c) {
        c.put("auction_sink", Money.toCredits(ledger.revenue()));
    }

    @Override
    public boolean conservation(ObjectNode c) {
        if (ledger.size() == 0) {
            return true;
        }
        boolean all = true;
        ObjectNode units = c.putObject("auction_units");
        AuctionColumns columns = kernels.columns();
        for (int k = 0; k < ledger.size(); k++) {
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

    /** One auctions.csv row. */
    @Override
    protected String row(AuctionMetrics m) {
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
    @Override
    protected ArrayNode summary(Engine engine) {
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
                n.put("bidder_surplus", credits(acc.valueRealized, spec.tickSize(), acc.revenue));
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
                    pr.put("value", credits(acc.principalValue[g], spec.tickSize(), 0));
                    pr.put("payment", Money.toCredits(acc.principalPayment[g]));
                    pr.put("surplus", credits(acc.principalValue[g], spec.tickSize(), acc.principalPayment[g]));
                }
            }
        }
        return arr;
    }

    /**
     * ticks x tickSize - paid micro-credits, in credits, exactly as {@link Money#toCredits} writes them. Values won
     * are not money: no conservation bounds them, and a round of 10^6 units valued near 10^9 credits each is
     * 10^21 micro-credits, which a long product wrapped into a wrong bidder surplus.
     */
    private static BigDecimal credits(long ticks, long tickSize, long paid) {
        BigInteger micros = BigInteger.valueOf(ticks).multiply(BigInteger.valueOf(tickSize))
                .subtract(BigInteger.valueOf(paid));
        return new BigDecimal(micros, 6).stripTrailingZeros();
    }
}
