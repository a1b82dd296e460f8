package org.vaesim.kernels.device;

import java.util.List;

import org.vaesim.kernels.AgentBoost;
import org.vaesim.kernels.Backend;
import org.vaesim.kernels.EpochInputs;
import org.vaesim.kernels.EpochResult;
import org.vaesim.kernels.Halves;
import org.vaesim.kernels.clear.ClearingResult;
import org.vaesim.kernels.gate.RejectReason;
import org.vaesim.kernels.gate.ReputationRules;
import org.vaesim.kernels.gate.Standing;
import org.vaesim.kernels.inequality.Inequality;
import org.vaesim.kernels.inequality.WealthBuckets;
import org.vaesim.kernels.decide.DecideFamilies;
import org.vaesim.kernels.decide.DecideFamily;
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
    private final int agents;
    private final int[] segmentBlockBase;
    private final int keyLo;
    private final int keyHi;
    /** What the families' decide kernels get (DecideFamily.DeviceDecide). */
    private final DecideFamily.Columns decideColumns;
    /** Bytes moved between host and device by reads and writes since construction (uploads excluded). */
    private long transferred;
    private long lastEpochBytes;

    /** The population columns a mechanism's device half reads and writes. */
    private final AgentColumns agentColumns;
    // population columns (device-resident for the whole run)
    private final Buffer cash, inventory, trait, quota, status, tokens, reputation, bidTick, bidQty, askTick, askQty;
    private final ReputationRules reputationRules;
    // book, clearing and counters
    private final Buffer bids, asks, demand, maxTicks, referenceTicks, lowerBand, upperBand, halted, price, volume;
    private final Buffer bidMarginalTick, bidMarginalFill, bidMarginalTotal;
    private final Buffer askMarginalTick, askMarginalFill, askMarginalTotal;
    private final Buffer residualBid, residualAsk, breach, rejects, segmentRejects, segmentFlows, segmentSurplus,
            standing, totals, blockSums, net;
    private final Buffer segmentMarket, segmentBlocks, segmentBlockBaseBuffer;
    /** What {@code segmentMarket} holds: each segment's market as uploaded, re-uploaded when routing moves one. */
    private final int[] segmentMarketUploaded;
    /** Principal rate limits: each segment's limit index (-1 none), per-block order counts, allowed, totals. */
    private final int[] segmentLimit;
    private final int limits;
    private final Buffer segmentLimitBuffer, limitBlockSums, limitAllowed, limitTotals;
    // metrics: the decile column (device-resident like the others), the histogram and the transition matrix
    private final Buffer decile, histogram, emptyHistogram, cashTotal, thresholds, transitions;
    /** The trading periods' schedules (InducedSchedule), allocated at the first period. */
    private Buffer schedule;
    /** The optional boost columns by {@link AgentBoost} (null: not published). */
    private final Buffer[] boosts = new Buffer[AgentBoost.COUNT];
    /** The one-int buffer a kernel gets for a boost column that is not published (and never reads). */
    private Buffer standIn;

    /**
     * Uploads {@code population} to {@code device}, which the backend owns from here on (and closes, also when this
     * constructor fails).
     */
    protected DeviceBackend(Scenario scenario, Layout layout, Population population, Device device) {
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
            segmentMarketUploaded = segMarket;
            segmentBlocks = upload(segBlocks);
            segmentBlockBaseBuffer = upload(segmentBlockBase);
            long key = Philox.key(scenario.seed(), Streams.DECIDE);
            keyLo = Philox.keyLo(key);
            keyHi = Philox.keyHi(key);
            decideColumns = new DecideFamily.Columns(cash, inventory, trait, quota, bidTick, bidQty, askTick, askQty,
                    keyLo, keyHi, this::launch);
            agentColumns = new AgentColumns(cash, inventory, trait, status, tokens, reputation, bidTick, bidQty, askTick,
                    askQty);
        } catch (RuntimeException | Error e) {
            device.close();
            throw e;
        }
    }

    /**
     * The population's device buffers that mechanisms work on: each agent's cash (long), inventory, trait, status,
     * rate-limit tokens and reputation (ints), and its order slots as the gate left them this epoch (bid and ask
     * tick and quantity, ints), indexed by agent.
     */
    public record AgentColumns(Buffer cash, Buffer inventory, Buffer trait, Buffer status, Buffer tokens,
                               Buffer reputation, Buffer bidTick, Buffer bidQty, Buffer askTick, Buffer askQty) {
    }

    @Override
    public <H> H half(Halves<H> halves) {
        return halves.device(this);
    }

    /** The population's buffers, for a mechanism's device half. */
    public AgentColumns agentColumns() {
        return agentColumns;
    }

    /** The scenario the backend runs (the seed keys a mechanism's draws). */
    public Scenario scenario() {
        return scenario;
    }

    /**
     * From now on the kernels that read {@code channel} read {@code column} (a device buffer of one int per agent,
     * millionths, kept up to date by its owner; null: none, the arithmetic without it): the twin of
     * {@link org.vaesim.kernels.cpu.JavaBackend#boost}, a primitive for a mechanism's device half
     * (docs/extending.md).
     */
    public void boost(AgentBoost channel, Buffer column) {
        boosts[channel.ordinal()] = column;
    }

    /** Whether a column is published on {@code channel}: 1 or 0, the flag its kernels take beside it. */
    public int boosted(AgentBoost channel) {
        return boosts[channel.ordinal()] == null ? 0 : 1;
    }

    /** The column a kernel gets for {@code channel}: the one published, or a stand-in it does not read. */
    public Buffer boostArgument(AgentBoost channel) {
        Buffer column = boosts[channel.ordinal()];
        if (column != null) {
            return column;
        }
        if (standIn == null) {
            standIn = upload(new int[1]);
        }
        return standIn;
    }

    /** A copy of the column published on {@code channel}, read back from the device, or null when none is. */
    @Override
    public int[] boosts(AgentBoost channel) {
        Buffer column = boosts[channel.ordinal()];
        if (column == null) {
            return null;
        }
        int[] out = new int[agents];
        read(column, out);
        return out;
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
        followVenues();
        ReputationRules rep = reputationRules;
        for (Segment s : segments) {
            MarketSpec market = scenario.markets().get(s.market());
            decide(s, market, in);
            Identity.Scope scope = s.cohort().identity().scope();
            launch(Kernel.GATE, s.size(), s.start(), s.end(), market.tickSize(), market.feeBps(), s.maxPosition(),
                    s.maxShort(), s.largestOrder(), scope.spendLimit(), scope.ordersPerEpochMilli(),
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

    /** The segment's decide kernel, launched through its family's record: the twin of DecideSegment. */
    /**
     * Uploads the segments' markets again when order routing moved one since the last epoch (the settlement's block
     * prefix walks them on the device; every other launch takes its segment's market as an argument).
     */
    private void followVenues() {
        boolean moved = false;
        for (Segment s : segments) {
            moved |= segmentMarketUploaded[s.index()] != s.market();
            segmentMarketUploaded[s.index()] = s.market();
        }
        if (moved) {
            write(segmentMarket, segmentMarketUploaded);
        }
    }

    private void decide(Segment s, MarketSpec market, EpochInputs in) {
        DecideFamily family = DecideFamilies.of(s.cohort().family());
        if (family.placesOrders()) {
            family.device().launch(decideColumns, DecideFamilies.kernel(family.family()), s, market, in);
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

    // ---- primitives: what the epoch's launches and the mechanisms' device halves are written with ----

    /**
     * Launches {@code kernel} over {@code items} work-items (none when there are none), grouped as the kernel
     * says; under the debug switch the arguments are checked against the C signature first.
     */
    public void launch(KernelEntry kernel, long items, Object... args) {
        if (items <= 0) {
            return;
        }
        if (signatures != null) {
            signatures.check(kernel, args);
        }
        device.launch(kernel, items, args);
    }

    /** A new buffer holding {@code data} (at least one element); uploads do not count as transfers. */
    public Buffer upload(int[] data) {
        Buffer b = device.alloc(Buffer.Type.INT, Math.max(1, data.length));
        if (data.length > 0) {
            device.write(b, data);
        }
        return b;
    }

    /** A new buffer holding {@code data} (at least one element). */
    public Buffer upload(long[] data) {
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
    public Buffer longs(long count) {
        return device.alloc(Buffer.Type.LONG, Math.max(1, count));
    }

    /** Zeroes the first {@code elements} of {@code buffer}. */
    public void zero(Buffer buffer, long elements) {
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

    /** Copies {@code from} to the device, counted in the epoch's transfers. */
    public void write(Buffer to, int[] from) {
        transferred += (long) from.length * Integer.BYTES;
        if (from.length > 0) {
            device.write(to, from);
        }
    }

    /** Copies {@code from} to the device, counted in the epoch's transfers. */
    public void write(Buffer to, long[] from) {
        transferred += (long) from.length * Long.BYTES;
        if (from.length > 0) {
            device.write(to, from);
        }
    }

    /** Copies the first {@code into.length} elements back from the device, counted in the transfers. */
    public void read(Buffer from, int[] into) {
        transferred += (long) into.length * Integer.BYTES;
        if (into.length > 0) {
            device.read(from, into);
        }
    }

    /** Copies the first {@code into.length} elements back from the device, counted in the transfers. */
    public void read(Buffer from, long[] into) {
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
