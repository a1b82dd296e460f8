package org.vaesim.kernels.device;

import java.util.List;

import org.vaesim.kernels.Backend;
import org.vaesim.kernels.EpochInputs;
import org.vaesim.kernels.EpochResult;
import org.vaesim.kernels.auction.Auction;
import org.vaesim.kernels.auction.AuctionClearing;
import org.vaesim.kernels.auction.AuctionPlan;
import org.vaesim.kernels.auction.AuctionRound;
import org.vaesim.kernels.auction.EnvyBundles;
import org.vaesim.kernels.capability.CapabilityColumns;
import org.vaesim.kernels.capability.CapabilityPlan;
import org.vaesim.kernels.clear.ClearingResult;
import org.vaesim.kernels.exchange.Exchange;
import org.vaesim.kernels.gate.Eligibility;
import org.vaesim.kernels.gate.RejectReason;
import org.vaesim.kernels.gate.ReputationRules;
import org.vaesim.kernels.gate.Standing;
import org.vaesim.kernels.inequality.Inequality;
import org.vaesim.kernels.inequality.WealthBuckets;
import org.vaesim.kernels.memory.AuctionColumns;
import org.vaesim.kernels.mission.MissionRound;
import org.vaesim.kernels.mission.MissionPlan;
import org.vaesim.kernels.mission.MissionAward;
import org.vaesim.kernels.mission.Mission;
import org.vaesim.kernels.memory.MissionColumns;
import org.vaesim.kernels.gateway.GatewayStep;
import org.vaesim.kernels.gateway.GatewayPlan;
import org.vaesim.kernels.gateway.Gateway;
import org.vaesim.kernels.memory.Layout;
import org.vaesim.kernels.memory.Population;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.kernels.rng.Philox;
import org.vaesim.kernels.rng.Streams;
import org.vaesim.kernels.settle.InducedSchedule;
import org.vaesim.kernels.settle.Settle;
import org.vaesim.models.market.MarketSpec;
import org.vaesim.models.safety.Identity;
import org.vaesim.models.scenario.Scenario;
import org.vaesim.models.strategy.BidderParams;
import org.vaesim.models.strategy.ChartistParams;
import org.vaesim.models.strategy.ExecutionParams;
import org.vaesim.models.strategy.FundamentalistParams;
import org.vaesim.models.strategy.HftParams;
import org.vaesim.models.strategy.KineticParams;
import org.vaesim.models.strategy.NegotiationParams;
import org.vaesim.models.strategy.NoiseParams;
import org.vaesim.models.strategy.OrderDrivenParams;
import org.vaesim.models.strategy.SwitchingParams;
import org.vaesim.models.strategy.ManipulatorParams;
import org.vaesim.models.strategy.MarketMakerParams;
import org.vaesim.models.strategy.Side;
import org.vaesim.models.strategy.StrategyFamily;
import org.vaesim.models.strategy.ZeroIntelligenceParams;

/**
 * The backends that keep the population in a device's memory and run the C kernels of {@code src/main/c} on it:
 * the epoch's sequence of launches, with their arguments, written once over a small {@link Device} interface that
 * OpenCL ({@code opencl.OpenClBackend}) and CUDA ({@code cuda.CudaBackend}) implement. Each epoch the host writes
 * the reference prices, reads back the clearing (a few words per market) and the counters, and launches the kernels
 * segment by segment. Results are bit-identical to the java backend on every device.
 */
public abstract class DeviceBackend implements Backend {
    /** Debug switch (CONVENTIONS: seatbelts): every launch's arguments checked against the C signature. */
    static final boolean CHECKS = Boolean.getBoolean("vaesim.checks");
    /** Work-group size of the agent kernels; VS_GROUP in vaesim.h. */
    static final int GROUP = Kernel.GROUP;
    /** An empty bucket's four slots: count and sum 0, min and max at their identities. */
    private static final long[] EMPTY_BUCKET = {0, 0, Long.MAX_VALUE, Long.MIN_VALUE};

    private final Scenario scenario;
    private final List<Segment> segments;
    private final int markets;
    private final int width;
    private final Device device;
    private final KernelSignatures signatures;
    /** Host copy for population(), allocated on first use: a run that never asks for it never pays for it. */
    private Population mirror;
    private final DeviceAuction[] auctions;
    private AuctionColumns auctionMirror;
    private final DeviceMission[] missions;
    private MissionColumns missionMirror;
    private final int agents;
    private final int[] segmentBlockBase;
    private final int keyLo;
    private final int keyHi;
    /** Bytes moved between host and device by reads and writes since construction (uploads excluded). */
    private long transferred;
    private long lastEpochBytes;

    // population columns (device-resident for the whole run)
    private final Buffer cash, inventory, trait, quota, status, tokens, reputation, bidTick, bidQty, askTick, askQty;
    private final ReputationRules reputationRules;
    // book, clearing and counters
    private final Buffer bids, asks, demand, maxTicks, referenceTicks, lowerBand, upperBand, halted, price, volume;
    private final Buffer bidMarginalTick, bidMarginalFill, bidMarginalTotal;
    private final Buffer askMarginalTick, askMarginalFill, askMarginalTotal;
    private final Buffer residualBid, residualAsk, breach, rejects, segmentRejects, segmentFlows, segmentSurplus,
            standing, totals, blockSums, net, taxPot;
    private final Buffer segmentMarket, segmentBlocks, segmentBlockBaseBuffer;
    /** Principal rate limits: each segment's limit index (-1 none), per-block order counts, allowed, totals. */
    private final int[] segmentLimit;
    private final int limits;
    private final Buffer segmentLimitBuffer, limitBlockSums, limitAllowed, limitTotals;
    // metrics: the decile column (device-resident like the others), the histogram and the transition matrix
    private final Buffer decile, histogram, emptyHistogram, cashTotal, thresholds, transitions;
    /** The trading periods' schedules (InducedSchedule), allocated at the first period. */
    private Buffer schedule;
    /**
     * Capability as state (docs/capability.md), null until installed: its plan, its columns on the device, the
     * invested sum, and the boost negotiation reads (a one-int stand-in, flagged off, without capability).
     */
    private CapabilityPlan capabilityPlan;
    private Buffer capStock, capLastCash, capBoost, capInvested;
    private CapabilityColumns capabilityMirror;
    private Buffer boostArg;

    /**
     * Uploads {@code population} and the auctions' per-bidder {@code auctionColumns} to {@code device}, which the
     * backend owns from here on (and closes, also when this constructor fails).
     */
    protected DeviceBackend(Scenario scenario, Layout layout, Population population, AuctionColumns auctionColumns,
                            MissionColumns missionColumns, Device device) {
        try {
            this.device = device;
            this.signatures = CHECKS ? KernelSignatures.program() : null;
            this.scenario = scenario;
            this.segments = layout.segments();
            this.markets = scenario.markets().size();
            this.width = layout.gridWidth();
            this.agents = population.size;
            cash = upload(population.cash);
            inventory = upload(population.inventory);
            trait = upload(population.trait);
            quota = upload(population.quota);
            status = upload(population.status);
            tokens = upload(population.tokens);
            reputation = upload(population.reputation);
            reputationRules = ReputationRules.of(scenario.safety());
            bidTick = upload(population.bidTick);
            bidQty = upload(population.bidQty);
            askTick = upload(population.askTick);
            askQty = upload(population.askQty);
            decile = upload(population.decile);
            histogram = longs(WealthBuckets.LENGTH);
            emptyHistogram = upload(emptyHistogram());
            cashTotal = longs(1);
            thresholds = upload(new int[Inequality.THRESHOLDS]);
            transitions = longs(Inequality.TRANSITIONS);
            bids = longs((long) markets * width);
            asks = longs((long) markets * width);
            demand = longs((long) markets * (width + 2));
            int[] max = new int[markets];
            for (int m = 0; m < markets; m++) {
                max[m] = scenario.markets().get(m).ticks() - 1;
            }
            maxTicks = upload(max);
            referenceTicks = upload(new int[markets]);
            lowerBand = upload(new int[markets]);
            upperBand = upload(new int[markets]);
            halted = upload(new int[markets]);
            price = upload(new int[markets]);
            volume = longs(markets);
            bidMarginalTick = upload(new int[markets]);
            bidMarginalFill = longs(markets);
            bidMarginalTotal = longs(markets);
            askMarginalTick = upload(new int[markets]);
            askMarginalFill = longs(markets);
            askMarginalTotal = longs(markets);
            residualBid = upload(new int[markets]);
            residualAsk = upload(new int[markets]);
            breach = upload(new int[markets]);
            rejects = longs((long) markets * RejectReason.COUNT);
            segmentRejects = longs(segments.size());
            segmentFlows = longs((long) segments.size() * Settle.FLOWS);
            segmentSurplus = longs(segments.size());
            standing = longs((long) segments.size() * Standing.SLOTS);
            totals = longs((long) markets * Settle.TOTALS);
            net = longs(1);
            taxPot = longs(2);
            int[] segMarket = new int[segments.size()];
            int[] segBlocks = new int[segments.size()];
            segmentBlockBase = new int[segments.size()];
            int blocks = 0;
            for (Segment s : segments) {
                segMarket[s.index()] = s.market();
                segBlocks[s.index()] = (s.size() + GROUP - 1) / GROUP;
                segmentBlockBase[s.index()] = blocks;
                blocks += segBlocks[s.index()];
            }
            blockSums = longs(2L * Math.max(1, blocks));
            limits = layout.principalLimits();
            segmentLimit = new int[segments.size()];
            for (Segment s : segments) {
                segmentLimit[s.index()] = layout.principalLimitOf(s.index());
            }
            segmentLimitBuffer = upload(segmentLimit);
            limitBlockSums = longs(limits == 0 ? 1 : Math.max(1, blocks));
            limitAllowed = longs(Math.max(1, limits));
            limitTotals = longs(Math.max(1, limits));
            segmentMarket = upload(segMarket);
            segmentBlocks = upload(segBlocks);
            segmentBlockBaseBuffer = upload(segmentBlockBase);
            long key = Philox.key(scenario.seed(), Streams.DECIDE);
            keyLo = Philox.keyLo(key);
            keyHi = Philox.keyHi(key);
            List<AuctionPlan> plans = AuctionPlan.of(scenario, layout);
            auctions = new DeviceAuction[plans.size()];
            for (int a = 0; a < plans.size(); a++) {
                auctions[a] = new DeviceAuction(plans.get(a), auctionColumns.won[a], auctionColumns.totalWon[a]);
            }
            List<MissionPlan> missionPlans = MissionPlan.of(scenario, layout);
            missions = new DeviceMission[missionPlans.size()];
            for (int m = 0; m < missions.length; m++) {
                missions[m] = new DeviceMission(missionPlans.get(m), missionColumns.awarded[m],
                        missionColumns.delivered[m], missionColumns.paid[m]);
            }
        } catch (RuntimeException | Error e) {
            device.close();
            throw e;
        }
    }

    /**
     * One auction's device buffers: its per-bidder columns (for the whole run), its histograms, block sums,
     * per-range totals and counts, and the envy tables the host writes each round.
     */
    private final class DeviceAuction {
        final AuctionPlan plan;
        final int span;
        final Buffer won, totalWon, demand, values, blockSums, totals, quantities, envy;
        final Buffer rangeGroup, rangeBlockBase, rangeBlocks, priceTicks, below, above, below1, above1;

        DeviceAuction(AuctionPlan plan, int[] wonColumn, long[] totalColumn) {
            this.plan = plan;
            this.span = plan.maxUnits() + 1;
            int groups = plan.groups().size();
            int ranges = plan.ranges().size();
            won = upload(wonColumn);
            totalWon = upload(totalColumn);
            demand = longs((long) groups * plan.width());
            values = longs(plan.width());
            blockSums = longs(Math.max(1, plan.blocks()));
            totals = longs((long) ranges * Auction.TOTALS);
            quantities = longs((long) ranges * span);
            envy = longs((long) ranges * Auction.ENVY);
            int[] group = new int[ranges];
            int[] base = new int[ranges];
            int[] blocks = new int[ranges];
            for (int r = 0; r < ranges; r++) {
                group[r] = plan.ranges().get(r).group();
                base[r] = plan.ranges().get(r).blockBase();
                blocks[r] = plan.ranges().get(r).blocks();
            }
            rangeGroup = upload(group);
            rangeBlockBase = upload(base);
            rangeBlocks = upload(blocks);
            priceTicks = upload(new int[groups]);
            below = upload(new int[groups * span]);
            above = upload(new int[groups * span]);
            below1 = upload(new int[groups * span]);
            above1 = upload(new int[groups * span]);
        }
    }

    @Override
    public void auctionBid(int a, int epoch, AuctionRound round) {
        DeviceAuction d = auctions[a];
        AuctionPlan plan = d.plan;
        zero(d.demand, round.demand.length);
        zero(d.values, round.values.length);
        for (AuctionPlan.Range r : plan.ranges()) {
            Eligibility.Limits l = r.limits();
            launch(Kernel.AUCTION_BID, r.size(), r.from(), r.to(), epoch, plan.index(), r.valueMin(), r.valueMax(),
                    r.maxUnits(), r.decayPermille(), plan.spec().reserveTick(), plan.spec().maxTick(),
                    plan.spec().tickSize(), plan.tokenBudget(), l.largest(), l.spendLimit(), l.capacity(),
                    l.probationBelow(), l.probationLargest(), l.probationSpendLimit(), cash, status, tokens,
                    reputation, d.demand, r.group() * plan.width(), d.values, keyLo, keyHi);
        }
        read(d.demand, round.demand);
        read(d.values, round.values);
    }

    @Override
    public void auctionAllocate(int a, int epoch, AuctionClearing c, AuctionRound round) {
        DeviceAuction d = auctions[a];
        AuctionPlan plan = d.plan;
        var spec = plan.spec();
        for (AuctionPlan.Range r : plan.ranges()) {
            Eligibility.Limits l = r.limits();
            launch(Kernel.AUCTION_BLOCK_SUMS, r.size(), r.from(), r.to(), r.blockBase(), epoch, plan.index(),
                    r.valueMin(), r.valueMax(), r.maxUnits(), r.decayPermille(), spec.reserveTick(), spec.maxTick(),
                    spec.tickSize(), plan.tokenBudget(), l.largest(), l.spendLimit(), l.capacity(),
                    l.probationBelow(), l.probationLargest(), l.probationSpendLimit(), c.marginalTick[r.group()],
                    cash, status, tokens, reputation, keyLo, keyHi, d.blockSums);
        }
        launch(Kernel.AUCTION_BLOCK_PREFIX, plan.groups().size(), plan.groups().size(), plan.ranges().size(),
                d.rangeGroup, d.rangeBlockBase, d.rangeBlocks, d.blockSums);
        zero(d.totals, round.totals.length);
        zero(d.quantities, round.quantities.length);
        for (int k = 0; k < plan.ranges().size(); k++) {
            AuctionPlan.Range r = plan.ranges().get(k);
            int g = r.group();
            Eligibility.Limits l = r.limits();
            launch(Kernel.AUCTION_ALLOCATE, r.size(), r.from(), r.to(), r.blockBase(), r.column(), epoch, plan.index(),
                    r.valueMin(), r.valueMax(), r.maxUnits(), r.decayPermille(), spec.reserveTick(), spec.maxTick(),
                    spec.tickSize(), plan.tokenBudget(), l.largest(), l.spendLimit(), l.capacity(),
                    l.probationBelow(), l.probationLargest(), l.probationSpendLimit(), c.marginalTick[g],
                    c.marginalFill[g], c.marginalTotal[g], c.offset[g], c.price[g], k * Auction.TOTALS, k * d.span,
                    cash, status, tokens, reputation, d.won, d.totalWon, d.blockSums, d.totals, d.quantities, keyLo,
                    keyHi);
        }
        read(d.totals, round.totals);
        read(d.quantities, round.quantities);
    }

    @Override
    public void auctionEnvy(int a, int epoch, AuctionClearing c, EnvyBundles b, AuctionRound round) {
        DeviceAuction d = auctions[a];
        AuctionPlan plan = d.plan;
        write(d.priceTicks, b.priceTicks);
        write(d.below, b.below);
        write(d.above, b.above);
        write(d.below1, b.below1);
        write(d.above1, b.above1);
        zero(d.envy, round.envy.length);
        int weight = plan.tokenBudget() > 0 ? 0 : 1;
        for (int k = 0; k < plan.ranges().size(); k++) {
            AuctionPlan.Range r = plan.ranges().get(k);
            launch(Kernel.AUCTION_ENVY, r.size(), r.from(), r.to(), r.column(), epoch, plan.index(), r.valueMin(),
                    r.valueMax(), r.maxUnits(), r.decayPermille(), c.price[r.group()], weight, b.prices, d.priceTicks,
                    d.below, d.above, d.below1, d.above1, b.span, d.won, d.envy, k * Auction.ENVY, keyLo, keyHi);
        }
        read(d.envy, round.envy);
    }

    /**
     * One mission's device buffers: its per-bidder columns (for the whole run), its score histogram, block sums and
     * per-range totals.
     */
    private final class DeviceMission {
        final MissionPlan plan;
        final Buffer awarded, delivered, paid, hist, blockSums, totals;

        DeviceMission(MissionPlan plan, int[] awardedColumn, int[] deliveredColumn, long[] paidColumn) {
            this.plan = plan;
            awarded = upload(awardedColumn);
            delivered = upload(deliveredColumn);
            paid = upload(paidColumn);
            hist = longs(plan.width());
            blockSums = longs(Math.max(1, plan.blocks()));
            totals = longs((long) plan.ranges().size() * Mission.TOTALS);
        }
    }

    @Override
    public void missionBid(int m, int epoch, long subsidy, MissionRound round) {
        DeviceMission d = missions[m];
        zero(d.hist, round.hist.length);
        for (MissionPlan.Range r : d.plan.ranges()) {
            Mission.Rules x = d.plan.rules(r, epoch, subsidy, keyLo, keyHi);
            Eligibility.Limits l = x.limits();
            launch(Kernel.MISSION_BID, r.size(), r.from(), r.to(), epoch, d.plan.index(), x.costMin(), x.costMax(),
                    x.capMin(), x.capMax(), x.minCapability(), x.minReputation(), x.subsidyTicks(), x.reserve(),
                    x.weight(), l.largest(), l.spendLimit(), l.capacity(), l.probationBelow(), l.probationLargest(),
                    status, tokens, reputation, d.hist, keyLo, keyHi, x.i0(), x.i1());
        }
        read(d.hist, round.hist);
    }

    @Override
    public void missionDeliver(int m, int epoch, long subsidy, MissionAward a, MissionRound round) {
        DeviceMission d = missions[m];
        MissionPlan plan = d.plan;
        var spec = plan.spec();
        if (a.marginal() < plan.width() && a.fill() < a.total()) { // queue positions matter only then
            for (MissionPlan.Range r : plan.ranges()) {
                Mission.Rules x = plan.rules(r, epoch, subsidy, keyLo, keyHi);
                Eligibility.Limits l = x.limits();
                launch(Kernel.MISSION_BLOCK_SUMS, r.size(), r.from(), r.to(), r.blockBase(), epoch, plan.index(),
                        x.costMin(), x.costMax(), x.capMin(), x.capMax(), x.minCapability(), x.minReputation(),
                        x.subsidyTicks(), x.reserve(), x.weight(), l.largest(), l.spendLimit(), l.capacity(),
                        l.probationBelow(), l.probationLargest(), a.marginal(), status, tokens, reputation, keyLo,
                        keyHi, x.i0(), x.i1(), d.blockSums);
            }
            launch(Kernel.MISSION_BLOCK_PREFIX, 1, 1, plan.blocks(), d.blockSums);
        }
        zero(d.totals, round.totals.length);
        for (int k = 0; k < plan.ranges().size(); k++) {
            MissionPlan.Range r = plan.ranges().get(k);
            Mission.Rules x = plan.rules(r, epoch, subsidy, keyLo, keyHi);
            Eligibility.Limits l = x.limits();
            launch(Kernel.MISSION_DELIVER, r.size(), r.from(), r.to(), r.blockBase(), r.column(), epoch, plan.index(),
                    x.costMin(), x.costMax(), x.capMin(), x.capMax(), x.minCapability(), x.minReputation(),
                    x.subsidyTicks(), x.reserve(), x.weight(), l.largest(), l.spendLimit(), l.capacity(),
                    l.probationBelow(), l.probationLargest(), a.marginal(), a.fill(), a.total(), a.offset(),
                    a.payScore(), spec.advancePpm(), subsidy, spec.tickSize(), spec.reputationGainPpm(),
                    spec.reputationLossPpm(), cash, status, tokens, reputation, d.awarded, d.delivered, d.paid,
                    d.blockSums, d.totals, k * Mission.TOTALS, keyLo, keyHi, x.i0(), x.i1());
        }
        read(d.totals, round.totals);
    }

    @Override
    public MissionColumns missionColumns() {
        if (missionMirror == null) {
            int[] sizes = new int[missions.length];
            for (int m = 0; m < sizes.length; m++) {
                sizes[m] = missions[m].plan.bidders();
            }
            missionMirror = new MissionColumns(sizes);
        }
        for (int m = 0; m < missions.length; m++) {
            read(missions[m].awarded, missionMirror.awarded[m]);
            read(missions[m].delivered, missionMirror.delivered[m]);
            read(missions[m].paid, missionMirror.paid[m]);
        }
        return missionMirror;
    }

    /** The gateway passes' per-range sums and per-block leg sums, allocated at the first stage. */
    private Buffer gatewayOut;
    private Buffer gatewayBlocks;
    private Buffer gatewayRangeBase;
    private Buffer gatewayRangeBlocks;
    private int[] gatewayBlockBase;

    private void gatewayBuffers(GatewayPlan plan) {
        if (gatewayOut != null) {
            return;
        }
        int ranges = plan.ranges().size();
        gatewayOut = longs((long) Math.max(1, ranges) * Math.max(Gateway.REQUESTS, Gateway.FLOWS));
        gatewayBlockBase = new int[ranges];
        int[] blocks = new int[ranges];
        int total = 0;
        for (int k = 0; k < ranges; k++) {
            gatewayBlockBase[k] = total;
            blocks[k] = (plan.ranges().get(k).size() + GROUP - 1) / GROUP;
            total += blocks[k];
        }
        gatewayBlocks = longs((long) Gateway.LEGS * Math.max(1, total));
        gatewayRangeBase = upload(gatewayBlockBase);
        gatewayRangeBlocks = upload(blocks);
    }

    @Override
    public void gatewayRequest(GatewayPlan plan, GatewayStep step, long[] out) {
        gatewayBuffers(plan);
        zero(gatewayOut, Math.max(1, out.length));
        for (int k = 0; k < plan.ranges().size(); k++) {
            GatewayPlan.Range r = plan.ranges().get(k);
            if (step.active[k] != 0) {
                Eligibility.Limits l = r.limits();
                launch(Kernel.GATEWAY_REQUEST, r.size(), r.from(), r.to(), step.lastTick[k], r.tickSize(),
                        step.anchorTick[k], step.externalPrice[k], step.ratePpm, step.feeBps, step.band[k],
                        r.maxUnits(), r.cashTarget(), l.largest(), l.spendLimit(), l.maxPosition(), l.capacity(),
                        l.probationBelow(), l.probationLargest(), l.probationSpendLimit(), l.probationMaxPosition(),
                        cash, inventory, status, tokens, reputation, gatewayOut, k * Gateway.REQUESTS);
            }
        }
        read(gatewayOut, out);
    }

    /** Block sums of every leg, their prefix per range, then the crossings: the twin of the Java backend's. */
    @Override
    public void gatewayApply(GatewayPlan plan, GatewayStep step, long[] out) {
        gatewayBuffers(plan);
        int ranges = plan.ranges().size();
        for (int k = 0; k < ranges; k++) {
            GatewayPlan.Range r = plan.ranges().get(k);
            if (step.active[k] != 0) {
                Eligibility.Limits l = r.limits();
                launch(Kernel.GATEWAY_BLOCK_SUMS, r.size(), r.from(), r.to(), gatewayBlockBase[k], step.lastTick[k],
                        step.anchorTick[k], step.band[k], r.maxUnits(), r.cashTarget(), l.largest(), l.spendLimit(),
                        l.maxPosition(), l.capacity(), l.probationBelow(), l.probationLargest(),
                        l.probationSpendLimit(), l.probationMaxPosition(), cash, inventory, status, tokens, reputation,
                        gatewayBlocks);
            }
        }
        launch(Kernel.GATEWAY_BLOCK_PREFIX, ranges, ranges, gatewayRangeBase, gatewayRangeBlocks, gatewayBlocks);
        zero(gatewayOut, Math.max(1, out.length));
        for (int k = 0; k < ranges; k++) {
            GatewayPlan.Range r = plan.ranges().get(k);
            int f = k * Gateway.LEGS;
            if (step.active[k] != 0) {
                Eligibility.Limits l = r.limits();
                launch(Kernel.GATEWAY_APPLY, r.size(), r.from(), r.to(), gatewayBlockBase[k], step.lastTick[k],
                        step.anchorTick[k], step.externalPrice[k], step.ratePpm, step.feeBps, step.band[k],
                        r.maxUnits(), r.cashTarget(), l.largest(), l.spendLimit(), l.maxPosition(), l.capacity(),
                        l.probationBelow(), l.probationLargest(), l.probationSpendLimit(), l.probationMaxPosition(),
                        step.fill[f + Gateway.EXPORT], step.fill[f + Gateway.IMPORT], step.fill[f + Gateway.SELL],
                        step.fill[f + Gateway.BUY], gatewayBlocks, cash, inventory, status, tokens, reputation,
                        gatewayOut, k * Gateway.FLOWS);
            }
        }
        read(gatewayOut, out);
    }

    @Override
    public AuctionColumns auctionColumns() {
        if (auctionMirror == null) {
            int[] sizes = new int[auctions.length];
            for (int a = 0; a < sizes.length; a++) {
                sizes[a] = auctions[a].plan.bidders();
            }
            auctionMirror = new AuctionColumns(sizes);
        }
        for (int a = 0; a < auctions.length; a++) {
            read(auctions[a].won, auctionMirror.won[a]);
            read(auctions[a].totalWon, auctionMirror.totalWon[a]);
        }
        return auctionMirror;
    }

    @Override
    public void installCapability(CapabilityPlan plan, CapabilityColumns columns) {
        if (columns.agents() != agents) {
            throw new IllegalArgumentException("capability columns of " + columns.agents() + " agents for " + agents);
        }
        capabilityPlan = plan;
        capStock = upload(columns.stock);
        capLastCash = upload(columns.lastCash);
        capBoost = upload(columns.boost);
        capInvested = longs(1);
        boostArg = capBoost;
    }

    @Override
    public long capabilityStep(boolean[] ranRound) {
        CapabilityPlan plan = capabilityPlan;
        for (CapabilityPlan.Gain g : plan.gains()) {
            if (ranRound[g.auction()]) {
                launch(Kernel.CAPABILITY_GAIN, g.to() - g.from(), g.from(), g.to(), g.column(),
                        plan.spec().computeWeight(), auctions[g.auction()].won, capStock);
            }
        }
        zero(capInvested, 1);
        for (Segment s : plan.cohorts()) {
            launch(Kernel.CAPABILITY_UPDATE, s.size(), s.start(), s.end(), plan.spec().reinvestInForce(),
                    plan.spec().unitCost(), plan.spec().depreciation(), plan.feedback(), plan.half(), status, cash,
                    capLastCash, capStock, capBoost, capInvested);
        }
        long[] invested = new long[1];
        read(capInvested, invested);
        return invested[0];
    }

    @Override
    public CapabilityColumns capabilityColumns() {
        if (capabilityPlan == null) {
            return null;
        }
        if (capabilityMirror == null) {
            capabilityMirror = new CapabilityColumns(agents);
        }
        read(capStock, capabilityMirror.stock);
        read(capLastCash, capabilityMirror.lastCash);
        read(capBoost, capabilityMirror.boost);
        return capabilityMirror.copy();
    }

    /**
     * The twin of the Java backend's wealth tax: collection per cohort (its pot and takers read back), then each
     * cohort's rebate with the part of the remainder that falls on its takers (those whose rank over all cohorts is
     * below it: the first max(0, min(takers, remainder - takers before it)) of the cohort).
     */
    @Override
    public long[] wealthTax(List<Segment> cohorts, double rate) {
        long[][] pots = new long[cohorts.size()][2];
        long pot = 0;
        long takers = 0;
        for (int j = 0; j < cohorts.size(); j++) {
            Segment s = cohorts.get(j);
            Eligibility.Limits l = taxLimits(s);
            zero(taxPot, 2);
            launch(Kernel.COLLECT_TAX, s.size(), s.start(), s.end(), segmentBlockBase[s.index()], rate, l.largest(),
                    l.spendLimit(), l.probationBelow(), l.probationLargest(), l.probationSpendLimit(), status,
                    reputation, cash, blockSums, taxPot);
            read(taxPot, pots[j]);
            pot += pots[j][0];
            takers += pots[j][1];
        }
        long share = takers == 0 ? 0 : pot / takers;
        long remainder = takers == 0 ? 0 : pot % takers;
        long before = 0;
        for (int j = 0; j < cohorts.size(); j++) {
            Segment s = cohorts.get(j);
            Eligibility.Limits l = taxLimits(s);
            int base = segmentBlockBase[s.index()];
            long own = Math.max(0, Math.min(pots[j][1], remainder - before));
            launch(Kernel.REFUND_BLOCK_PREFIX, 1, 1, base, (s.size() + GROUP - 1) / GROUP, blockSums);
            launch(Kernel.REFUND, s.size(), s.start(), s.end(), base, share, own, l.largest(), l.spendLimit(),
                    l.probationBelow(), l.probationLargest(), l.probationSpendLimit(), status, reputation, blockSums,
                    cash);
            before += pots[j][1];
        }
        return new long[] {pot, takers};
    }

    private Eligibility.Limits taxLimits(Segment s) {
        return Eligibility.Limits.ofOwnMarket(s, scenario.markets().get(s.market()), reputationRules)
                .withoutRateLimit();
    }

    /** The boost buffer negotiation reads: the capability columns', or a one-int stand-in that it never reads. */
    private Buffer boostArgument() {
        if (boostArg == null) {
            boostArg = upload(new int[1]);
        }
        return boostArg;
    }

    @Override
    public int threads() {
        return 0;
    }

    @Override
    public String device() {
        return device.describe();
    }

    @Override
    public void epoch(EpochInputs in, EpochResult out) {
        long before = transferred;
        zero(bids, (long) markets * width);
        zero(asks, (long) markets * width);
        zero(rejects, (long) markets * RejectReason.COUNT);
        zero(segmentRejects, segments.size());
        zero(segmentFlows, (long) segments.size() * Settle.FLOWS);
        zero(segmentSurplus, segments.size());
        zero(totals, (long) markets * Settle.TOTALS);
        ReputationRules rep = reputationRules;
        for (Segment s : segments) {
            MarketSpec market = scenario.markets().get(s.market());
            decide(s, market, in);
            Identity.Scope scope = s.cohort().identity().scope();
            launch(Kernel.GATE, s.size(), s.start(), s.end(), market.tickSize(), market.feeBps(), s.maxPosition(),
                    s.maxShort(), scope.largestOrder(), scope.spendLimit(), scope.ordersPerEpochMilli(),
                    scope.burst() * 1000, rep.probationBelow(), rep.probationMaxPosition(),
                    rep.probationMaxOrderQty(), rep.probationSpendLimit(), rep.gain(), rep.loss(), cash, inventory,
                    status, tokens, reputation, bidTick, bidQty, askTick, askQty, rejects,
                    s.market() * RejectReason.COUNT, segmentRejects, s.index());
            if (segmentLimit[s.index()] < 0) { // a rate-limited principal's orders are booked after its limit
                launch(Kernel.BOOK, s.size(), s.start(), s.end(), s.market() * width, bidTick, bidQty, askTick, askQty,
                        bids, asks);
            }
        }
        if (limits > 0) {
            limitPrincipals(in, out);
        }
        write(referenceTicks, in.lastTick);
        write(lowerBand, in.lowerBand);
        write(upperBand, in.upperBand);
        write(halted, in.halted);
        launch(Kernel.CLEAR, markets, markets, width, maxTicks, referenceTicks, lowerBand, upperBand, halted, bids,
                asks, demand, price, volume, bidMarginalTick, bidMarginalFill, bidMarginalTotal, askMarginalTick,
                askMarginalFill, askMarginalTotal, residualBid, residualAsk, breach);
        readClearing(out.clearing);
        ClearingResult r = out.clearing;
        for (Segment s : segments) {
            int m = s.market();
            launch(Kernel.SETTLE_BLOCK_SUMS, s.size(), s.start(), s.end(), segmentBlockBase[s.index()],
                    r.bidMarginalTick[m], r.askMarginalTick[m], bidTick, bidQty, askTick, askQty, blockSums);
        }
        launch(Kernel.SETTLE_BLOCK_PREFIX, markets, markets, segments.size(), segmentMarket, segmentBlockBaseBuffer,
                segmentBlocks, blockSums);
        int nextEpoch = in.epoch + 1;
        for (Segment s : segments) {
            int m = s.market();
            MarketSpec market = scenario.markets().get(m);
            launch(Kernel.SETTLE, s.size(), s.start(), s.end(), segmentBlockBase[s.index()], m, r.price[m],
                    market.tickSize(), market.feeBps(), r.bidMarginalTick[m], r.bidMarginalFill[m],
                    r.bidMarginalTotal[m], r.askMarginalTick[m], r.askMarginalFill[m], r.askMarginalTotal[m],
                    s.tracksQuota() ? 1 : 0, s.surplusSign(), cash, inventory, quota, trait, bidTick, bidQty,
                    askTick, askQty, blockSums, totals, segmentFlows, segmentSurplus, s.index());
            if (s.cohort().params() instanceof ZeroIntelligenceParams zi && nextEpoch % zi.periodEpochs() == 0) {
                launch(Kernel.REFILL_QUOTA, s.size(), s.start(), s.end(), zi.units(), quota);
            }
        }
        for (Segment s : segments) {
            if (s.cohort().params() instanceof KineticParams k) {
                exchange(s, k, in.epoch);
            } else if (s.cohort().params() instanceof NegotiationParams n) {
                int size = s.size();
                MarketSpec market = scenario.markets().get(s.market());
                Eligibility.Limits l = Eligibility.Limits.ofOwnMarket(s, market, reputationRules);
                launch(Kernel.NEGOTIATE, size / 2, 0, size / 2, s.start(), size, Exchange.halfBits(size),
                        n.valueMinTick(), n.valueMaxTick(), n.spread(), market.tickSize(), l.largest(), l.spendLimit(),
                        l.capacity(), l.probationBelow(), l.probationLargest(), l.probationSpendLimit(), cash, status,
                        tokens, reputation, trait, keyLo, keyHi, in.epoch, boostArgument(),
                        capabilityPlan == null ? 0 : 1);
            }
        }
        read(rejects, out.rejects);
        read(segmentRejects, out.segmentRejects);
        read(totals, out.totals);
        read(segmentFlows, out.segmentFlows);
        read(segmentSurplus, out.segmentSurplus);
        lastEpochBytes = transferred - before;
    }

    /** The twin of the Java backend's limitPrincipals: block sums, per-principal prefix, limit, then book. */
    private void limitPrincipals(EpochInputs in, EpochResult out) {
        for (Segment s : segments) {
            if (segmentLimit[s.index()] >= 0) {
                launch(Kernel.PRINCIPAL_LIMIT_BLOCK_SUMS, s.size(), s.start(), s.end(), segmentBlockBase[s.index()],
                        bidQty, askQty, limitBlockSums);
            }
        }
        launch(Kernel.PRINCIPAL_LIMIT_PREFIX, limits, limits, segments.size(), segmentLimitBuffer,
                segmentBlockBaseBuffer, segmentBlocks, limitBlockSums, limitTotals);
        write(limitAllowed, in.principalAllowed);
        for (Segment s : segments) {
            int limit = segmentLimit[s.index()];
            if (limit >= 0) {
                launch(Kernel.PRINCIPAL_LIMIT, s.size(), s.start(), s.end(), segmentBlockBase[s.index()], limit,
                        in.epoch, limitAllowed, limitTotals, limitBlockSums, bidQty, askQty, rejects,
                        s.market() * RejectReason.COUNT, segmentRejects, s.index());
                launch(Kernel.BOOK, s.size(), s.start(), s.end(), s.market() * width, bidTick, bidQty, askTick, askQty,
                        bids, asks);
            }
        }
        read(limitTotals, out.principalOrders);
    }

    /**
     * Kinetic exchange over one cohort, then its redistribution: the twin of the Java backend's. The takers' counts
     * per block use the settlement's block sums, free once settlement is done, at the cohort's blocks.
     */
    private void exchange(Segment s, KineticParams k, int epoch) {
        int n = s.size();
        Eligibility.Limits l = Eligibility.Limits.ofOwnMarket(s, scenario.markets().get(s.market()), reputationRules)
                .withoutRateLimit();
        launch(Kernel.EXCHANGE, n / 2, 0, n / 2, s.start(), n, Exchange.halfBits(n), Exchange.model(k), k.lambda(),
                k.distributed() ? 1 : 0, k.beta(), l.largest(), l.spendLimit(), l.probationBelow(),
                l.probationLargest(), l.probationSpendLimit(), cash, status, reputation, trait, keyLo, keyHi, epoch,
                boostArgument(), capabilityPlan == null ? 0 : 1);
        if (k.tax() > 0) {
            int base = segmentBlockBase[s.index()];
            zero(taxPot, 2);
            launch(Kernel.COLLECT_TAX, n, s.start(), s.end(), base, k.tax(), l.largest(), l.spendLimit(),
                    l.probationBelow(), l.probationLargest(), l.probationSpendLimit(), status, reputation, cash,
                    blockSums, taxPot);
            long[] pot = new long[2]; // collected, agents that took part
            read(taxPot, pot);
            launch(Kernel.REFUND_BLOCK_PREFIX, 1, 1, base, (n + GROUP - 1) / GROUP, blockSums);
            long share = pot[1] == 0 ? 0 : pot[0] / pot[1]; // nobody took part: nothing was collected either
            long remainder = pot[1] == 0 ? 0 : pot[0] % pot[1];
            launch(Kernel.REFUND, n, s.start(), s.end(), base, share, remainder, l.largest(), l.spendLimit(),
                    l.probationBelow(), l.probationLargest(), l.probationSpendLimit(), status, reputation, blockSums,
                    cash);
        }
    }

    /** The segment's family kernel with its parameters: the twin of DecideSegment. */
    private void decide(Segment s, MarketSpec market, EpochInputs in) {
        int m = s.market();
        int maxTick = market.ticks() - 1;
        int last = in.lastTick[m];
        int from = s.start();
        int to = s.end();
        switch (s.cohort().params()) {
            case ZeroIntelligenceParams zi when s.cohort().family() == StrategyFamily.TRUTHFUL ->
                    launch(Kernel.DECIDE_TRUTHFUL, s.size(), from, to, zi.side() == Side.BUY ? 1 : 0, trait, quota,
                            bidTick, bidQty, askTick, askQty);
            case ZeroIntelligenceParams zi -> launch(Kernel.DECIDE_ZERO_INTELLIGENCE, s.size(), from, to,
                    s.cohort().family() == StrategyFamily.ZI_C ? 1 : 0, zi.side() == Side.BUY ? 1 : 0, maxTick,
                    trait, quota, bidTick, bidQty, askTick, askQty, keyLo, keyHi, in.epoch);
            case FundamentalistParams f -> launch(Kernel.DECIDE_FUNDAMENTALIST, s.size(), from, to,
                    // a gateway broker values its good at the external price (its anchor), others at the fundamental
                    in.anchorTick[s.index()] > 0 ? in.anchorTick[s.index()] : in.fundamentalTick[m], last, maxTick, f.thresholdTicks(), f.reaction(), f.maxQty(),
                    Philox.probabilityThreshold(f.activity()), trait, bidTick, bidQty, askTick, askQty,
                    keyLo, keyHi, in.epoch);
            case ChartistParams c -> launch(Kernel.DECIDE_CHARTIST, s.size(), from, to, last,
                    in.lookbackTick[s.index()], maxTick, c.thresholdTicks(), c.aggressionTicks(), c.qty(),
                    Philox.probabilityThreshold(c.activity()), bidTick, bidQty, askTick, askQty, keyLo, keyHi,
                    in.epoch);
            case NoiseParams n -> launch(Kernel.DECIDE_NOISE, s.size(), from, to, last, maxTick, n.reachTicks(),
                    n.sizeMin(), 1.0 / n.tail(), n.maxQty(), Philox.probabilityThreshold(n.activity()), bidTick, bidQty,
                    askTick, askQty, keyLo, keyHi, in.epoch);
            case OrderDrivenParams o -> {
                double[] g = in.signals;
                int b = s.index() * EpochInputs.SIGNALS;
                launch(Kernel.DECIDE_ORDER_DRIVEN, s.size(), from, to, last, maxTick, g[b], g[b + 1], g[b + 2],
                        g[b + 3], g[b + 4], g[b + 5], g[b + 6], g[b + 7], g[b + 8], o.fundamentalWeight(),
                        o.chartistWeight(), o.noiseWeight(), o.noiseSigma(), o.spread(), o.qty(),
                        Philox.probabilityThreshold(o.activity()), trait, bidTick, bidQty, askTick, askQty, keyLo,
                        keyHi, in.epoch);
            }
            case SwitchingParams w -> {
                double[] g = in.signals;
                int b = s.index() * EpochInputs.SIGNALS;
                launch(Kernel.DECIDE_SWITCHING, s.size(), from, to, last, maxTick,
                        Philox.probabilityThreshold(w.activity() * g[b]), g[b + 1], g[b + 2], g[b + 3], g[b + 4],
                        w.qty(),
                        Philox.probabilityThreshold(w.activity()), bidTick, bidQty, askTick, askQty, keyLo, keyHi,
                        in.epoch);
            }
            case MarketMakerParams mm -> launch(Kernel.DECIDE_MARKET_MAKER, s.size(), from, to, last, maxTick,
                    mm.halfSpreadTicks(), mm.quoteQty(), mm.maxInventory(), mm.skewTicks(), inventory,
                    bidTick, bidQty, askTick, askQty);
            case HftParams h -> launch(Kernel.DECIDE_HFT, s.size(), from, to, last, in.previousTick[m], maxTick,
                    h.quoteQty(), h.maxInventory(), h.aggressionTicks(), inventory, bidTick, bidQty, askTick,
                    askQty);
            case ExecutionParams x -> launch(Kernel.DECIDE_EXECUTION, s.size(), from, to, x.side() == Side.BUY ? 1 : 0,
                    in.epoch, x.startEpoch(), in.previousVolume[m], x.participation(), x.maxOrder(),
                    x.limitTick(), maxTick, quota, bidTick, bidQty, askTick, askQty);
            case KineticParams k -> {
                // kinetic agents exchange wealth in pairs after settlement; their order slots stay empty
            }
            case NegotiationParams n -> {
                // negotiators bargain in pairs after settlement; their order slots stay empty
            }
            case BidderParams b -> {
                // bidders act only in resource auctions, after settlement; their order slots stay empty
            }
            case ManipulatorParams mp -> launch(Kernel.DECIDE_MANIPULATOR, s.size(), from, to, last, maxTick, mp.qty(),
                    mp.washTicks(), Philox.probabilityThreshold(mp.activity()), bidTick, bidQty, askTick, askQty,
                    keyLo, keyHi, in.epoch);
        }
    }

    private void readClearing(ClearingResult r) {
        read(price, r.price);
        read(volume, r.volume);
        read(bidMarginalTick, r.bidMarginalTick);
        read(bidMarginalFill, r.bidMarginalFill);
        read(bidMarginalTotal, r.bidMarginalTotal);
        read(askMarginalTick, r.askMarginalTick);
        read(askMarginalFill, r.askMarginalFill);
        read(askMarginalTotal, r.askMarginalTotal);
        read(residualBid, r.residualBid);
        read(residualAsk, r.residualAsk);
        read(breach, r.breach);
    }

    private static long[] emptyHistogram() {
        long[] h = new long[WealthBuckets.LENGTH];
        for (int i = 0; i < h.length; i += EMPTY_BUCKET.length) {
            System.arraycopy(EMPTY_BUCKET, 0, h, i, EMPTY_BUCKET.length);
        }
        return h;
    }

    @Override
    public long wealthHistogram(long[] unitPrice, long[] out) {
        device.copy(emptyHistogram, histogram);
        zero(cashTotal, 1);
        for (Segment s : segments) {
            launch(Kernel.WEALTH_HISTOGRAM, s.size(), s.start(), s.end(), unitPrice[s.market()], cash, inventory,
                    histogram, cashTotal);
        }
        read(histogram, out);
        long[] total = new long[1];
        read(cashTotal, total);
        return total[0];
    }

    @Override
    public void rankMobility(long[] unitPrice, int[] thresholdBuckets, long[] out) {
        write(thresholds, thresholdBuckets);
        zero(transitions, Inequality.TRANSITIONS);
        for (Segment s : segments) {
            launch(Kernel.RANK_MOBILITY, s.size(), s.start(), s.end(), unitPrice[s.market()], thresholds, cash,
                    inventory, decile, transitions);
        }
        read(transitions, out);
    }

    @Override
    public long adjustCash(int from, int to, long delta) {
        return counted(Kernel.ADJUST_CASH, from, to, delta, cash);
    }

    @Override
    public long adjustGoods(int from, int to, int delta) {
        return counted(Kernel.ADJUST_GOODS, from, to, delta, inventory);
    }

    @Override
    public long kill(int from, int to) {
        return counted(Kernel.KILL_AGENTS, from, to, status);
    }

    @Override
    public void inducedSchedule(long[] out) {
        if (schedule == null) {
            schedule = longs(out.length);
        }
        zero(schedule, out.length);
        for (Segment s : segments) {
            if (s.hasInducedValue()) {
                MarketSpec market = scenario.markets().get(s.market());
                boolean buyer = s.surplusSign() > 0;
                launch(Kernel.INDUCED_SCHEDULE, s.size(), s.start(), s.end(), buyer ? 1 : 0, s.periodUnits(),
                        market.tickSize(), market.feeBps(), cash, inventory, status, trait, schedule,
                        InducedSchedule.at(s.market(), s.isZeroIntelligence(), buyer, width));
            }
        }
        read(schedule, out);
    }

    @Override
    public void standing(long[] out) {
        zero(standing, out.length);
        for (Segment s : segments) {
            launch(Kernel.STANDING, s.size(), s.start(), s.end(), status, reputation, standing, s.index());
        }
        read(standing, out);
    }

    @Override
    public long arrive(int from, int to, int newStatus, int reputationMillionths) {
        return counted(Kernel.ARRIVE_AGENTS, from, to, newStatus, reputationMillionths, status, reputation);
    }

    /**
     * Runs a kernel over agents [from, to) whose arguments are (from, to, {@code args}..., counter) and that
     * adds what it changed into the counter; returns the count.
     */
    private long counted(Kernel kernel, int from, int to, Object... args) {
        zero(net, 1);
        Object[] all = new Object[args.length + 3];
        all[0] = from;
        all[1] = to;
        System.arraycopy(args, 0, all, 2, args.length);
        all[all.length - 1] = net;
        launch(kernel, to - from, all);
        long[] result = new long[1];
        read(net, result);
        return result[0];
    }

    @Override
    public Population population() {
        if (mirror == null) {
            mirror = new Population(agents);
        }
        read(cash, mirror.cash);
        read(inventory, mirror.inventory);
        read(trait, mirror.trait);
        read(quota, mirror.quota);
        read(status, mirror.status);
        read(tokens, mirror.tokens);
        read(reputation, mirror.reputation);
        read(bidTick, mirror.bidTick);
        read(bidQty, mirror.bidQty);
        read(askTick, mirror.askTick);
        read(askQty, mirror.askQty);
        read(decile, mirror.decile);
        return mirror;
    }

    // ---- plumbing ----

    /**
     * Launches {@code kernel} over {@code items} work-items (none when there are none), grouped as the kernel
     * says; under the debug switch the arguments are checked against the C signature first.
     */
    private void launch(Kernel kernel, long items, Object... args) {
        if (items <= 0) {
            return;
        }
        if (signatures != null) {
            signatures.check(kernel, args);
        }
        device.launch(kernel, items, args);
    }

    private Buffer upload(int[] data) {
        Buffer b = device.alloc(Buffer.Type.INT, Math.max(1, data.length));
        if (data.length > 0) {
            device.write(b, data);
        }
        return b;
    }

    private Buffer upload(long[] data) {
        Buffer b = device.alloc(Buffer.Type.LONG, Math.max(1, data.length));
        if (data.length > 0) {
            device.write(b, data);
        }
        return b;
    }

    private Buffer upload(byte[] data) {
        Buffer b = device.alloc(Buffer.Type.BYTE, Math.max(1, data.length));
        if (data.length > 0) {
            device.write(b, data);
        }
        return b;
    }

    /** A buffer of {@code count} longs (at least one), zero. */
    private Buffer longs(long count) {
        return device.alloc(Buffer.Type.LONG, Math.max(1, count));
    }

    private void zero(Buffer buffer, long elements) {
        if (elements > 0) {
            device.zero(buffer, elements);
        }
    }

    /**
     * Bytes the last {@link #epoch} moved between host and device: the reference prices, bands and halts in,
     * the clearing and the counters out. Population copies ({@link #population()}, for metrics and checkpoints)
     * are not part of an epoch.
     */
    public long lastEpochBytes() {
        return lastEpochBytes;
    }

    /** Bytes moved between host and device by reads and writes since the backend started (uploads excluded). */
    public long transferredBytes() {
        return transferred;
    }

    private void write(Buffer to, int[] from) {
        transferred += (long) from.length * Integer.BYTES;
        if (from.length > 0) {
            device.write(to, from);
        }
    }

    private void write(Buffer to, long[] from) {
        transferred += (long) from.length * Long.BYTES;
        if (from.length > 0) {
            device.write(to, from);
        }
    }

    private void read(Buffer from, int[] into) {
        transferred += (long) into.length * Integer.BYTES;
        if (into.length > 0) {
            device.read(from, into);
        }
    }

    private void read(Buffer from, long[] into) {
        transferred += (long) into.length * Long.BYTES;
        if (into.length > 0) {
            device.read(from, into);
        }
    }

    private void read(Buffer from, byte[] into) {
        transferred += into.length;
        if (into.length > 0) {
            device.read(from, into);
        }
    }

    @Override
    public void close() {
        device.close();
    }
}
