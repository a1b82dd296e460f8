package org.vaesim.kernels.opencl;

import static org.jocl.CL.CL_CONTEXT_PLATFORM;
import static org.jocl.CL.CL_MEM_COPY_HOST_PTR;
import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.CL_PROGRAM_BUILD_LOG;
import static org.jocl.CL.CL_TRUE;
import static org.jocl.CL.clBuildProgram;
import static org.jocl.CL.clCreateBuffer;
import static org.jocl.CL.clCreateCommandQueueWithProperties;
import static org.jocl.CL.clCreateContext;
import static org.jocl.CL.clCreateKernel;
import static org.jocl.CL.clCreateProgramWithSource;
import static org.jocl.CL.clEnqueueFillBuffer;
import static org.jocl.CL.clEnqueueNDRangeKernel;
import static org.jocl.CL.clEnqueueReadBuffer;
import static org.jocl.CL.clEnqueueWriteBuffer;
import static org.jocl.CL.clFinish;
import static org.jocl.CL.clGetProgramBuildInfo;
import static org.jocl.CL.clReleaseCommandQueue;
import static org.jocl.CL.clReleaseContext;
import static org.jocl.CL.clReleaseKernel;
import static org.jocl.CL.clReleaseMemObject;
import static org.jocl.CL.clReleaseProgram;
import static org.jocl.CL.clSetKernelArg;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_program;
import org.vaesim.kernels.Backend;
import org.vaesim.kernels.EpochInputs;
import org.vaesim.kernels.EpochResult;
import org.vaesim.kernels.auction.Auction;
import org.vaesim.kernels.auction.AuctionClearing;
import org.vaesim.kernels.auction.AuctionPlan;
import org.vaesim.kernels.auction.AuctionRound;
import org.vaesim.kernels.auction.EnvyBundles;
import org.vaesim.kernels.clear.ClearingResult;
import org.vaesim.kernels.exchange.Exchange;
import org.vaesim.kernels.gateway.Gateway;
import org.vaesim.kernels.gateway.GatewayPlan;
import org.vaesim.kernels.gateway.GatewayStep;
import org.vaesim.kernels.gate.RejectReason;
import org.vaesim.kernels.gate.ReputationRules;
import org.vaesim.kernels.gate.Standing;
import org.vaesim.kernels.inequality.Inequality;
import org.vaesim.kernels.inequality.WealthBuckets;
import org.vaesim.kernels.memory.AuctionColumns;
import org.vaesim.kernels.memory.Layout;
import org.vaesim.kernels.memory.MissionColumns;
import org.vaesim.kernels.memory.Population;
import org.vaesim.kernels.mission.Mission;
import org.vaesim.kernels.mission.MissionAward;
import org.vaesim.kernels.mission.MissionPlan;
import org.vaesim.kernels.mission.MissionRound;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.kernels.rng.Philox;
import org.vaesim.kernels.rng.Streams;
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
import org.vaesim.models.strategy.ManipulatorParams;
import org.vaesim.models.strategy.MarketMakerParams;
import org.vaesim.models.strategy.Side;
import org.vaesim.models.strategy.StrategyFamily;
import org.vaesim.models.strategy.ZeroIntelligenceParams;

/**
 * The OpenCL backend: the C kernels of {@code src/main/c} run through JOCL on any OpenCL device with 64-bit
 * integer atomics and doubles (a GPU, or a CPU through PoCL). The population stays in device memory; each
 * epoch the host writes the reference prices, reads back the clearing (a few words per market) and the
 * counters, and launches the kernels segment by segment. Results are bit-identical to the java backend.
 */
public final class OpenClBackend implements Backend {
    /** Work-group size of every launch; VS_GROUP in vaesim.h. */
    static final int GROUP = 256;

    private final Scenario scenario;
    private final List<Segment> segments;
    private final int markets;
    private final int width;
    private final OpenClDevice device;
    private final cl_context context;
    private final cl_command_queue queue;
    private final cl_program program;
    private final Map<String, cl_kernel> kernels = new HashMap<>();
    private final List<cl_mem> buffers = new ArrayList<>();
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
    private final cl_mem cash, inventory, trait, quota, status, tokens, reputation, bidTick, bidQty, askTick, askQty;
    private final ReputationRules reputationRules;
    // book, clearing and counters
    private final cl_mem bids, asks, demand, maxTicks, referenceTicks, lowerBand, upperBand, halted, price, volume;
    private final cl_mem bidMarginalTick, bidMarginalFill, bidMarginalTotal;
    private final cl_mem askMarginalTick, askMarginalFill, askMarginalTotal;
    private final cl_mem residualBid, residualAsk, breach, rejects, segmentRejects, segmentFlows, standing, totals,
            blockSums, net;
    private final cl_mem segmentMarket, segmentBlocks, segmentBlockBaseBuffer;
    /** Principal rate limits: each segment's limit index (-1 none), per-block order counts, allowed, totals. */
    private final int[] segmentLimit;
    private final int limits;
    private final cl_mem segmentLimitBuffer, limitBlockSums, limitAllowed, limitTotals;
    // metrics: the decile column (device-resident like the others), the histogram and the transition matrix
    private final cl_mem decile, histogram, cashTotal, thresholds, transitions;

    public OpenClBackend(Scenario scenario, Layout layout, Population population, OpenClDevice device) {
        this(scenario, layout, population, AuctionColumns.of(AuctionPlan.of(scenario, layout)), device);
    }

    public OpenClBackend(Scenario scenario, Layout layout, Population population, AuctionColumns auctionColumns,
                         OpenClDevice device) {
        this(scenario, layout, population, auctionColumns, MissionColumns.of(MissionPlan.of(scenario, layout)),
                device);
    }

    public OpenClBackend(Scenario scenario, Layout layout, Population population, AuctionColumns auctionColumns,
                         MissionColumns missionColumns, OpenClDevice device) {
        this.scenario = scenario;
        this.segments = layout.segments();
        this.markets = scenario.markets().size();
        this.width = layout.gridWidth();
        this.device = device;
        this.agents = population.size;
        cl_context_properties props = new cl_context_properties();
        props.addProperty(CL_CONTEXT_PLATFORM, device.platform());
        this.context = clCreateContext(props, 1, new org.jocl.cl_device_id[] {device.device()}, null, null, null);
        this.queue = clCreateCommandQueueWithProperties(context, device.device(), null, null);
        this.program = build(context, device);
        for (String k : new String[] {"decide_zero_intelligence", "decide_fundamentalist", "decide_chartist",
            "decide_market_maker", "decide_hft", "decide_execution", "gate", "book", "clear", "settle_block_sums",
            "settle_block_prefix", "settle", "refill_quota", "adjust_cash", "adjust_goods", "kill_agents",
            "arrive_agents", "standing", "principal_limit_block_sums", "principal_limit_prefix", "principal_limit",
            "exchange", "collect_tax", "refund", "negotiate", "decide_manipulator", "wealth_histogram",
            "rank_mobility", "auction_bid", "auction_block_sums", "auction_block_prefix", "auction_allocate",
            "auction_envy", "mission_bid", "mission_block_sums", "mission_block_prefix", "mission_deliver",
            "gateway_request", "gateway_block_sums", "gateway_block_prefix", "gateway_apply"}) {
            kernels.put(k, clCreateKernel(program, k, null));
        }
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
        standing = longs((long) segments.size() * Standing.SLOTS);
        totals = longs((long) markets * Settle.TOTALS);
        net = longs(1);
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
    }

    /**
     * One mission's device buffers: its per-bidder columns (for the whole run), its score histogram, block sums and
     * per-range totals.
     */
    private final class DeviceMission {
        final MissionPlan plan;
        final cl_mem awarded, delivered, paid, hist, blockSums, totals;

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
            launch("mission_bid", r.size(), r.from(), r.to(), epoch, d.plan.index(), x.costMin(), x.costMax(),
                    x.capMin(), x.capMax(), x.minCapability(), x.minReputation(), x.subsidyTicks(), x.reserve(),
                    x.weight(), status, reputation, d.hist, keyLo, keyHi, x.i0(), x.i1());
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
                launch("mission_block_sums", r.size(), r.from(), r.to(), r.blockBase(), epoch, plan.index(),
                        x.costMin(), x.costMax(), x.capMin(), x.capMax(), x.minCapability(), x.minReputation(),
                        x.subsidyTicks(), x.reserve(), x.weight(), a.marginal(), status, reputation, keyLo, keyHi,
                        x.i0(), x.i1(), d.blockSums);
            }
            launchItems("mission_block_prefix", 1, plan.blocks(), d.blockSums);
        }
        zero(d.totals, round.totals.length);
        for (int k = 0; k < plan.ranges().size(); k++) {
            MissionPlan.Range r = plan.ranges().get(k);
            Mission.Rules x = plan.rules(r, epoch, subsidy, keyLo, keyHi);
            launch("mission_deliver", r.size(), r.from(), r.to(), r.blockBase(), r.column(), epoch, plan.index(),
                    x.costMin(), x.costMax(), x.capMin(), x.capMax(), x.minCapability(), x.minReputation(),
                    x.subsidyTicks(), x.reserve(), x.weight(), a.marginal(), a.fill(), a.total(), a.offset(),
                    a.payScore(), spec.advancePpm(), subsidy, spec.tickSize(), spec.reputationGainPpm(),
                    spec.reputationLossPpm(), cash, status, reputation, d.awarded, d.delivered, d.paid, d.blockSums,
                    d.totals, k * Mission.TOTALS, keyLo, keyHi, x.i0(), x.i1());
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

    /**
     * One auction's device buffers: its per-bidder columns (for the whole run), its histograms, block sums,
     * per-range totals and counts, and the envy tables the host writes each round.
     */
    private final class DeviceAuction {
        final AuctionPlan plan;
        final int span;
        final cl_mem won, totalWon, demand, values, blockSums, totals, quantities, envy;
        final cl_mem rangeGroup, rangeBlockBase, rangeBlocks, priceTicks, below, above, below1, above1;

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
            launch("auction_bid", r.size(), r.from(), r.to(), epoch, plan.index(), r.valueMin(), r.valueMax(),
                    r.maxUnits(), r.decayPermille(), plan.spec().reserveTick(), plan.spec().maxTick(),
                    plan.spec().tickSize(), plan.tokenBudget(), r.spendLimit(), cash, d.demand,
                    r.group() * plan.width(), d.values,
                    keyLo, keyHi);
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
            launch("auction_block_sums", r.size(), r.from(), r.to(), r.blockBase(), epoch, plan.index(), r.valueMin(),
                    r.valueMax(), r.maxUnits(), r.decayPermille(), spec.reserveTick(), spec.maxTick(), spec.tickSize(),
                    plan.tokenBudget(), r.spendLimit(), c.marginalTick[r.group()], cash, keyLo, keyHi, d.blockSums);
        }
        launchItems("auction_block_prefix", plan.groups().size(), plan.groups().size(), plan.ranges().size(),
                d.rangeGroup, d.rangeBlockBase, d.rangeBlocks, d.blockSums);
        zero(d.totals, round.totals.length);
        zero(d.quantities, round.quantities.length);
        for (int k = 0; k < plan.ranges().size(); k++) {
            AuctionPlan.Range r = plan.ranges().get(k);
            int g = r.group();
            launch("auction_allocate", r.size(), r.from(), r.to(), r.blockBase(), r.column(), epoch, plan.index(),
                    r.valueMin(), r.valueMax(), r.maxUnits(), r.decayPermille(), spec.reserveTick(), spec.maxTick(),
                    spec.tickSize(), plan.tokenBudget(), r.spendLimit(), c.marginalTick[g], c.marginalFill[g],
                    c.marginalTotal[g],
                    c.offset[g], c.price[g], k * Auction.TOTALS, k * d.span, cash, d.won, d.totalWon, d.blockSums,
                    d.totals, d.quantities, keyLo, keyHi);
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
            launch("auction_envy", r.size(), r.from(), r.to(), r.column(), epoch, plan.index(), r.valueMin(),
                    r.valueMax(), r.maxUnits(), r.decayPermille(), c.price[r.group()], weight, b.prices, d.priceTicks,
                    d.below, d.above, d.below1, d.above1, b.span, d.won, d.envy, k * Auction.ENVY, keyLo, keyHi);
        }
        read(d.envy, round.envy);
    }

    /** The gateway passes' per-range sums and per-block leg sums, allocated at the first stage. */
    private cl_mem gatewayOut;
    private cl_mem gatewayBlocks;
    private cl_mem gatewayRangeBase;
    private cl_mem gatewayRangeBlocks;
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
                launch("gateway_request", r.size(), r.from(), r.to(), step.lastTick[k], r.tickSize(),
                        step.anchorTick[k], step.externalPrice[k], step.ratePpm, step.feeBps, step.band[k],
                        r.maxUnits(), r.maxPosition(), r.cashTarget(), r.legCap(), cash, inventory, status, gatewayOut,
                        k * Gateway.REQUESTS);
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
                launch("gateway_block_sums", r.size(), r.from(), r.to(), gatewayBlockBase[k], step.lastTick[k],
                        step.anchorTick[k], step.band[k], r.maxUnits(), r.maxPosition(), r.cashTarget(), r.legCap(),
                        cash, inventory, status, gatewayBlocks);
            }
        }
        launchItems("gateway_block_prefix", ranges, ranges, gatewayRangeBase, gatewayRangeBlocks, gatewayBlocks);
        zero(gatewayOut, Math.max(1, out.length));
        for (int k = 0; k < ranges; k++) {
            GatewayPlan.Range r = plan.ranges().get(k);
            int f = k * Gateway.LEGS;
            if (step.active[k] != 0) {
                launch("gateway_apply", r.size(), r.from(), r.to(), gatewayBlockBase[k], step.lastTick[k],
                        step.anchorTick[k], step.externalPrice[k], step.ratePpm, step.feeBps, step.band[k],
                        r.maxUnits(), r.maxPosition(), r.cashTarget(), r.legCap(), step.fill[f + Gateway.EXPORT],
                        step.fill[f + Gateway.IMPORT], step.fill[f + Gateway.SELL], step.fill[f + Gateway.BUY],
                        gatewayBlocks, cash, inventory, status, gatewayOut, k * Gateway.FLOWS);
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

    private static cl_program build(cl_context context, OpenClDevice device) {
        cl_program p = clCreateProgramWithSource(context, 1, new String[] {OpenClBackendSources.program()}, null,
                null);
        try {
            clBuildProgram(p, 1, new org.jocl.cl_device_id[] {device.device()}, "", null, null);
        } catch (CLException e) {
            long[] size = new long[1];
            clGetProgramBuildInfo(p, device.device(), CL_PROGRAM_BUILD_LOG, 0, null, size);
            byte[] log = new byte[(int) size[0]];
            clGetProgramBuildInfo(p, device.device(), CL_PROGRAM_BUILD_LOG, log.length, Pointer.to(log), null);
            throw new IllegalStateException("OpenCL build of vaesim's kernels failed on " + device + ":\n"
                    + new String(log, StandardCharsets.UTF_8).trim(), e);
        }
        return p;
    }

    @Override
    public String name() {
        return "opencl";
    }

    @Override
    public int threads() {
        return 0;
    }

    @Override
    public String device() {
        return device.toString();
    }

    @Override
    public void epoch(EpochInputs in, EpochResult out) {
        long before = transferred;
        zero(bids, (long) markets * width);
        zero(asks, (long) markets * width);
        zero(rejects, (long) markets * RejectReason.COUNT);
        zero(segmentRejects, segments.size());
        zero(segmentFlows, (long) segments.size() * Settle.FLOWS);
        zero(totals, (long) markets * Settle.TOTALS);
        ReputationRules rep = reputationRules;
        for (Segment s : segments) {
            MarketSpec market = scenario.markets().get(s.market());
            decide(s, market, in);
            Identity.Scope scope = s.cohort().identity().scope();
            launch("gate", s.size(), s.start(), s.end(), market.tickSize(), market.feeBps(), s.maxPosition(),
                    s.maxShort(), scope.largestOrder(), scope.spendLimit(), scope.ordersPerEpochMilli(),
                    scope.burst() * 1000, rep.probationBelow(), rep.probationMaxPosition(),
                    rep.probationMaxOrderQty(), rep.probationSpendLimit(), rep.gain(), rep.loss(), cash, inventory,
                    status, tokens, reputation, bidTick, bidQty, askTick, askQty, rejects,
                    s.market() * RejectReason.COUNT, segmentRejects, s.index());
            if (segmentLimit[s.index()] < 0) { // a rate-limited principal's orders are booked after its limit
                launch("book", s.size(), s.start(), s.end(), s.market() * width, bidTick, bidQty, askTick, askQty,
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
        launchItems("clear", markets, markets, width, maxTicks, referenceTicks, lowerBand, upperBand, halted, bids,
                asks, demand, price, volume, bidMarginalTick, bidMarginalFill, bidMarginalTotal, askMarginalTick,
                askMarginalFill, askMarginalTotal, residualBid, residualAsk, breach);
        readClearing(out.clearing);
        ClearingResult r = out.clearing;
        for (Segment s : segments) {
            int m = s.market();
            launch("settle_block_sums", s.size(), s.start(), s.end(), segmentBlockBase[s.index()],
                    r.bidMarginalTick[m], r.askMarginalTick[m], bidTick, bidQty, askTick, askQty, blockSums);
        }
        launchItems("settle_block_prefix", markets, markets, segments.size(), segmentMarket, segmentBlockBaseBuffer,
                segmentBlocks, blockSums);
        int nextEpoch = in.epoch + 1;
        for (Segment s : segments) {
            int m = s.market();
            MarketSpec market = scenario.markets().get(m);
            launch("settle", s.size(), s.start(), s.end(), segmentBlockBase[s.index()], m, r.price[m],
                    market.tickSize(), market.feeBps(), r.bidMarginalTick[m], r.bidMarginalFill[m],
                    r.bidMarginalTotal[m], r.askMarginalTick[m], r.askMarginalFill[m], r.askMarginalTotal[m],
                    s.tracksQuota() ? 1 : 0, s.surplusSign(), cash, inventory, quota, trait, bidTick, bidQty,
                    askTick, askQty, blockSums, totals, segmentFlows, s.index());
            if (s.cohort().params() instanceof ZeroIntelligenceParams zi && nextEpoch % zi.periodEpochs() == 0) {
                launch("refill_quota", s.size(), s.start(), s.end(), zi.units(), quota);
            }
        }
        for (Segment s : segments) {
            if (s.cohort().params() instanceof KineticParams k) {
                exchange(s, k, in.epoch);
            } else if (s.cohort().params() instanceof NegotiationParams n) {
                int size = s.size();
                launch("negotiate", size / 2, 0, size / 2, s.start(), size, Exchange.halfBits(size), n.valueMinTick(),
                        n.valueMaxTick(), n.spread(), scenario.markets().get(s.market()).tickSize(), cash, trait, keyLo,
                        keyHi, in.epoch);
            }
        }
        read(rejects, out.rejects);
        read(segmentRejects, out.segmentRejects);
        read(totals, out.totals);
        read(segmentFlows, out.segmentFlows);
        lastEpochBytes = transferred - before;
    }

    /** The twin of the Java backend's limitPrincipals: block sums, per-principal prefix, limit, then book. */
    private void limitPrincipals(EpochInputs in, EpochResult out) {
        for (Segment s : segments) {
            if (segmentLimit[s.index()] >= 0) {
                launch("principal_limit_block_sums", s.size(), s.start(), s.end(), segmentBlockBase[s.index()],
                        bidQty, askQty, limitBlockSums);
            }
        }
        launchItems("principal_limit_prefix", limits, limits, segments.size(), segmentLimitBuffer,
                segmentBlockBaseBuffer, segmentBlocks, limitBlockSums, limitTotals);
        write(limitAllowed, in.principalAllowed);
        for (Segment s : segments) {
            int limit = segmentLimit[s.index()];
            if (limit >= 0) {
                launch("principal_limit", s.size(), s.start(), s.end(), segmentBlockBase[s.index()], limit, in.epoch,
                        limitAllowed, limitTotals, limitBlockSums, bidQty, askQty, rejects,
                        s.market() * RejectReason.COUNT, segmentRejects, s.index());
                launch("book", s.size(), s.start(), s.end(), s.market() * width, bidTick, bidQty, askTick, askQty,
                        bids, asks);
            }
        }
        read(limitTotals, out.principalOrders);
    }

    /** Kinetic exchange over one cohort, then its redistribution: the twin of the Java backend's. */
    private void exchange(Segment s, KineticParams k, int epoch) {
        int n = s.size();
        launch("exchange", n / 2, 0, n / 2, s.start(), n, Exchange.halfBits(n), Exchange.model(k), k.lambda(),
                k.distributed() ? 1 : 0, k.beta(), cash, trait, keyLo, keyHi, epoch);
        if (k.tax() > 0) {
            long pot = counted("collect_tax", s.start(), s.end(), k.tax(), cash);
            launch("refund", n, s.start(), s.end(), s.start(), pot / n, pot % n, cash);
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
            case ZeroIntelligenceParams zi -> launch("decide_zero_intelligence", s.size(), from, to,
                    s.cohort().family() == StrategyFamily.ZI_C ? 1 : 0, zi.side() == Side.BUY ? 1 : 0, maxTick,
                    trait, quota, bidTick, bidQty, askTick, askQty, keyLo, keyHi, in.epoch);
            case FundamentalistParams f -> launch("decide_fundamentalist", s.size(), from, to,
                    in.anchorTick[s.index()] > 0 ? in.anchorTick[s.index()] : in.fundamentalTick[m], last, maxTick, f.thresholdTicks(), f.reaction(), f.maxQty(),
                    Philox.probabilityThreshold(f.activity()), trait, bidTick, bidQty, askTick, askQty,
                    keyLo, keyHi, in.epoch);
            case ChartistParams c -> launch("decide_chartist", s.size(), from, to, last,
                    in.lookbackTick[s.index()], maxTick, c.thresholdTicks(), c.aggressionTicks(), c.qty(),
                    Philox.probabilityThreshold(c.activity()), bidTick, bidQty, askTick, askQty, keyLo, keyHi,
                    in.epoch);
            case MarketMakerParams mm -> launch("decide_market_maker", s.size(), from, to, last, maxTick,
                    mm.halfSpreadTicks(), mm.quoteQty(), mm.maxInventory(), mm.skewTicks(), inventory,
                    bidTick, bidQty, askTick, askQty);
            case HftParams h -> launch("decide_hft", s.size(), from, to, last, in.previousTick[m], maxTick,
                    h.quoteQty(), h.maxInventory(), h.aggressionTicks(), inventory, bidTick, bidQty, askTick,
                    askQty);
            case ExecutionParams x -> launch("decide_execution", s.size(), from, to, x.side() == Side.BUY ? 1 : 0,
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
            case ManipulatorParams mp -> launch("decide_manipulator", s.size(), from, to, last, maxTick, mp.qty(),
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

    /** An empty bucket's four slots: count and sum 0, min and max at their identities. */
    private static final long[] EMPTY_BUCKET = {0, 0, Long.MAX_VALUE, Long.MIN_VALUE};

    @Override
    public long wealthHistogram(long[] unitPrice, long[] out) {
        clEnqueueFillBuffer(queue, histogram, Pointer.to(EMPTY_BUCKET), (long) WealthBuckets.FIELDS * Sizeof.cl_long,
                0, (long) WealthBuckets.LENGTH * Sizeof.cl_long, 0, null, null);
        zero(cashTotal, 1);
        for (Segment s : segments) {
            launch("wealth_histogram", s.size(), s.start(), s.end(), unitPrice[s.market()], cash, inventory,
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
            launch("rank_mobility", s.size(), s.start(), s.end(), unitPrice[s.market()], thresholds, cash, inventory,
                    decile, transitions);
        }
        read(transitions, out);
    }

    @Override
    public long adjustCash(int from, int to, long delta) {
        return counted("adjust_cash", from, to, delta, cash);
    }

    @Override
    public long adjustGoods(int from, int to, int delta) {
        return counted("adjust_goods", from, to, delta, inventory);
    }

    @Override
    public long kill(int from, int to) {
        return counted("kill_agents", from, to, status);
    }

    @Override
    public void standing(long[] out) {
        zero(standing, out.length);
        for (Segment s : segments) {
            launch("standing", s.size(), s.start(), s.end(), status, reputation, standing, s.index());
        }
        read(standing, out);
    }

    @Override
    public long arrive(int from, int to, int newStatus, int reputationMillionths) {
        return counted("arrive_agents", from, to, newStatus, reputationMillionths, status, reputation);
    }

    /**
     * Runs a kernel over agents [from, to) whose arguments are (from, to, {@code args}..., counter) and that
     * adds what it changed into the counter; returns the count.
     */
    private long counted(String kernel, int from, int to, Object... args) {
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

    /** Launches {@code name} over {@code agents} work-items in groups of GROUP (none when there are none). */
    private void launch(String name, int agents, Object... args) {
        if (agents <= 0) {
            return;
        }
        cl_kernel k = args(name, args);
        long global = (agents + GROUP - 1L) / GROUP * GROUP;
        clEnqueueNDRangeKernel(queue, k, 1, null, new long[] {global}, new long[] {GROUP}, 0, null, null);
    }

    /** Launches {@code name} over exactly {@code items} work-items, group size left to the driver. */
    private void launchItems(String name, int items, Object... args) {
        cl_kernel k = args(name, args);
        clEnqueueNDRangeKernel(queue, k, 1, null, new long[] {items}, null, 0, null, null);
    }

    private cl_kernel args(String name, Object... args) {
        cl_kernel k = kernels.get(name);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case Integer v -> clSetKernelArg(k, i, Sizeof.cl_int, Pointer.to(new int[] {v}));
                case Long v -> clSetKernelArg(k, i, Sizeof.cl_long, Pointer.to(new long[] {v}));
                case Double v -> clSetKernelArg(k, i, Sizeof.cl_double, Pointer.to(new double[] {v}));
                case cl_mem v -> clSetKernelArg(k, i, Sizeof.cl_mem, Pointer.to(v));
                default -> throw new IllegalArgumentException("unsupported kernel argument " + args[i]);
            }
        }
        return k;
    }

    private cl_mem upload(int[] data) {
        cl_mem mem = clCreateBuffer(context, CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR,
                (long) Math.max(1, data.length) * Sizeof.cl_int, data.length == 0 ? null : Pointer.to(data), null);
        buffers.add(mem);
        return mem;
    }

    private cl_mem upload(long[] data) {
        cl_mem mem = clCreateBuffer(context, CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR,
                (long) Math.max(1, data.length) * Sizeof.cl_long, data.length == 0 ? null : Pointer.to(data), null);
        buffers.add(mem);
        return mem;
    }

    private cl_mem upload(byte[] data) {
        cl_mem mem = clCreateBuffer(context, CL_MEM_READ_WRITE | CL_MEM_COPY_HOST_PTR, Math.max(1, data.length),
                data.length == 0 ? null : Pointer.to(data), null);
        buffers.add(mem);
        return mem;
    }

    private cl_mem longs(long count) {
        cl_mem mem = clCreateBuffer(context, CL_MEM_READ_WRITE, Math.max(1, count) * Sizeof.cl_long, null, null);
        buffers.add(mem);
        zero(mem, Math.max(1, count));
        return mem;
    }

    private void zero(cl_mem mem, long longs) {
        clEnqueueFillBuffer(queue, mem, Pointer.to(new long[] {0}), Sizeof.cl_long, 0, longs * Sizeof.cl_long,
                0, null, null);
    }

    /**
     * Bytes the last {@link #epoch} moved between host and device: the reference prices, bands and halts in,
     * the clearing and the counters out. Population copies ({@link #population()}, for metrics and checkpoints) are not part of
     * an epoch.
     */
    public long lastEpochBytes() {
        return lastEpochBytes;
    }

    /** Bytes moved between host and device by reads and writes since the backend started (uploads excluded). */
    public long transferredBytes() {
        return transferred;
    }

    private void write(cl_mem mem, int[] from) {
        clEnqueueWriteBuffer(queue, mem, CL_TRUE, 0, (long) from.length * Sizeof.cl_int, Pointer.to(from), 0,
                null, null);
        transferred += (long) from.length * Sizeof.cl_int;
    }

    private void write(cl_mem mem, long[] from) {
        if (from.length > 0) {
            clEnqueueWriteBuffer(queue, mem, CL_TRUE, 0, (long) from.length * Sizeof.cl_long, Pointer.to(from), 0,
                    null, null);
        }
        transferred += (long) from.length * Sizeof.cl_long;
    }

    private void read(cl_mem mem, int[] into) {
        transferred += (long) into.length * Sizeof.cl_int;
        if (into.length > 0) {
            clEnqueueReadBuffer(queue, mem, CL_TRUE, 0, (long) into.length * Sizeof.cl_int, Pointer.to(into), 0,
                    null, null);
        }
    }

    private void read(cl_mem mem, byte[] into) {
        transferred += into.length;
        if (into.length > 0) {
            clEnqueueReadBuffer(queue, mem, CL_TRUE, 0, into.length, Pointer.to(into), 0, null, null);
        }
    }

    private void read(cl_mem mem, long[] into) {
        transferred += (long) into.length * Sizeof.cl_long;
        if (into.length > 0) {
            clEnqueueReadBuffer(queue, mem, CL_TRUE, 0, (long) into.length * Sizeof.cl_long, Pointer.to(into), 0,
                    null, null);
        }
    }

    @Override
    public void close() {
        clFinish(queue);
        for (cl_kernel k : kernels.values()) {
            clReleaseKernel(k);
        }
        for (cl_mem m : buffers) {
            clReleaseMemObject(m);
        }
        clReleaseProgram(program);
        clReleaseCommandQueue(queue);
        clReleaseContext(context);
    }
}
