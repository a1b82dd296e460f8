package org.vaesim.host.capability;

import java.io.IOException;
import java.util.Arrays;

import org.vaesim.host.auction.AuctionStage;
import org.vaesim.host.epoch.Engine;
import org.vaesim.host.metrics.AuctionMetrics;
import org.vaesim.host.metrics.WealthDistribution;
import org.vaesim.host.stage.EpochContext;
import org.vaesim.host.stage.SectionIn;
import org.vaesim.host.stage.SectionOut;
import org.vaesim.host.stage.Stage;
import org.vaesim.host.stage.StageKind;
import org.vaesim.host.stage.StageSetup;
import org.vaesim.kernels.capability.CapabilityColumns;
import org.vaesim.kernels.capability.CapabilityKernels;
import org.vaesim.kernels.capability.CapabilityPlan;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.models.capability.CapabilitySpec;
import org.vaesim.models.scenario.Money;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Capability as evolving state (docs/capability.md), the stage after the epoch's mechanisms: the units each
 * capability bidder won in the auction rounds that just ran become stock, a share of the epoch's earnings is
 * reinvested (cash into the capability account, which this stage keeps), the stock depreciates, and the boost that
 * the channels switched on in {@code feeds} read next epoch follows (negotiation and the yard sale, auction values,
 * mission delivery and cost, the entry test). The columns live in its backend half ({@link CapabilityKernels}),
 * which hands the boosts to the backend's power and boost primitives when feedback is above 0.
 */
public final class CapabilityStage implements Stage {
    /** Opens the section, only in scenarios that have capability: "VAESIMCA" (the bytes it had before sections). */
    static final long MAGIC = 0x56414553494D4341L;
    private static final StageKind KIND = new Kind();

    private final CapabilityPlan plan;
    private final CapabilityKernels kernels;
    /** Per auction: whether it ran a round this epoch (its latest units won are new). */
    private final boolean[] ranRound;
    /** Micro-credits reinvested over the run: money that left the agents for capability. */
    private long invested;

    private CapabilityStage(CapabilityPlan plan, CapabilityKernels kernels, int auctions, long invested) {
        this.plan = plan;
        this.kernels = kernels;
        this.ranRound = new boolean[auctions];
        this.invested = invested;
    }

    /**
     * The registration: in the epoch after the wealth tax (400), before the entrenchment metrics (600); in the state
     * after the entrenchment section and before the wealth tax's, where their bytes were before sections had names.
     */
    public static final class Kind extends StageKind.Sectioned<CapabilitySpec> {
        public Kind() { // name, epoch rank, state rank, section version, spec
            super(CapabilitySpec.NAME, 500, 500, 1, CapabilitySpec.class);
        }

        @Override
        public Stage create(StageSetup setup, SectionIn in) throws IOException {
            CapabilitySpec spec = spec(setup.scenario());
            if (spec == null) {
                return new CapabilityStage(null, null, 0, 0);
            }
            CapabilityPlan plan = CapabilityPlan.of(spec, setup.scenario(), setup.layout());
            int agents = setup.layout().agents();
            CapabilityColumns columns;
            long invested = 0;
            if (in == null) { // no stock yet; the starting cash is the base of the first epoch's earnings
                columns = CapabilityColumns.initial(setup.backend().population().cash);
            } else {
                if (in.longValue() != MAGIC || in.intValue() != agents) {
                    throw in.corrupt("it is not a capability section of the scenario's " + agents + " agents");
                }
                columns = new CapabilityColumns(agents);
                in.longs(columns.stock);
                in.longs(columns.lastCash);
                in.ints(columns.boost);
                invested = in.longValue();
                if (invested < 0) {
                    throw in.corrupt("its capability account is negative: " + invested);
                }
            }
            return new CapabilityStage(plan, setup.backend().half(CapabilityKernels.halves(plan, columns)),
                    setup.scenario().auctions().size(), invested);
        }
    }

    @Override
    public StageKind kind() {
        return KIND;
    }

    /** Whether the scenario has capability ({@code stages.capability}). */
    public boolean active() {
        return plan != null;
    }

    public CapabilityPlan plan() {
        return plan;
    }

    /** Micro-credits reinvested over the run (the capability account). */
    public long invested() {
        return invested;
    }

    /** The capability columns as of the last epoch (a copy), or null without capability. */
    public CapabilityColumns columns() {
        return plan == null ? null : kernels.columns();
    }

    @Override
    public void run(EpochContext c) {
        if (plan == null) {
            return;
        }
        AuctionStage auctions = c.stage(AuctionStage.class);
        Arrays.fill(ranRound, false);
        for (AuctionMetrics round : auctions.lastRounds()) {
            ranRound[round.auction()] = true;
        }
        invested = Math.addExact(invested, kernels.step(ranRound, auctions.kernels()));
    }

    /** The capability account is money outside the agents. */
    @Override
    public long moneyHeld() {
        return invested;
    }

    /** Nothing without capability, so every other economy's state checksum is what it was. */
    @Override
    public void write(SectionOut out) throws IOException {
        if (plan == null) {
            return;
        }
        CapabilityColumns c = kernels.columns();
        out.longs(MAGIC);
        out.ints(c.agents());
        out.longs(c.stock);
        out.longs(c.lastCash);
        out.ints(c.boost);
        out.longs(invested);
    }

    /** The stocks of the capability cohorts' agents in {@code columns}, sorted ascending (micro-units). */
    long[] sortedStocks(CapabilityColumns columns) {
        int n = 0;
        for (Segment seg : plan.cohorts()) {
            n += seg.size();
        }
        long[] stocks = new long[n];
        int k = 0;
        for (Segment seg : plan.cohorts()) {
            System.arraycopy(columns.stock, seg.start(), stocks, k, seg.size());
            k += seg.size();
        }
        Arrays.sort(stocks);
        return stocks;
    }

    /** The exact Gini of the capability stocks now; NaN without capability or before any stock. */
    public double stockGini() {
        if (plan == null) {
            return Double.NaN;
        }
        long[] sorted = sortedStocks(kernels.columns());
        return sorted.length == 0 || sorted[sorted.length - 1] == 0 ? Double.NaN
                : WealthDistribution.ofSorted(sorted).gini();
    }

    /** The mean boost of the capability cohorts' agents in {@code columns}, as a share (0.25 = +25% power). */
    double meanBoost(CapabilityColumns columns) {
        long sum = 0;
        long n = 0;
        for (Segment seg : plan.cohorts()) {
            for (int i = seg.start(); i < seg.end(); i++) {
                sum += columns.boost[i];
            }
            n += seg.size();
        }
        return (double) sum / n / 1e6;
    }

    /** summary.json's {@code capability} section (docs/outputs.md). */
    @Override
    public void summarize(ObjectNode root, Engine engine) {
        if (plan == null) {
            return;
        }
        CapabilitySpec spec = plan.spec();
        ObjectNode n = root.putObject(CapabilitySpec.NAME);
        n.put("feedback", spec.feedback() / 1e6);
        n.put("half_stock", spec.halfStock() / 1e6);
        n.put("compute_weight", spec.computeWeight() / 1e6);
        n.put("reinvest", spec.reinvest() / 1e6);
        n.put("reinvest_in_force", spec.reinvestInForce() / 1e6);
        n.put("unit_cost", Money.toCredits(spec.unitCost()));
        n.put("depreciation", spec.depreciation() / 1e6);
        CapabilitySpec.Feeds feeds = spec.feeds();
        n.putObject("feeds").put("negotiation", feeds.negotiation()).put("auctions", feeds.auctions())
                .put("missions", feeds.missions()).put("entry", feeds.entry());
        n.put("reinvested", Money.toCredits(invested));
        CapabilityColumns columns = kernels.columns();
        long[] sorted = sortedStocks(columns);
        n.put("agents", sorted.length);
        double total = 0;
        for (long x : sorted) {
            total += x;
        }
        n.put("mean_stock", total / sorted.length / 1e6);
        n.put("max_stock", sorted[sorted.length - 1] / 1e6);
        EntrenchmentStage.putOrNull(n, "stock_gini",
                total == 0 ? Double.NaN : WealthDistribution.ofSorted(sorted).gini());
        n.put("mean_boost", meanBoost(columns));
    }

    @Override
    public void moneyAccounts(ObjectNode conservation) {
        if (plan != null) {
            conservation.put("capability_account", Money.toCredits(invested));
        }
    }
}
