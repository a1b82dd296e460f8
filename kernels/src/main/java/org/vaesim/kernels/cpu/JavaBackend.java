package org.vaesim.kernels.cpu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.vaesim.kernels.AgentBoost;
import org.vaesim.kernels.Backend;
import org.vaesim.kernels.EpochInputs;
import org.vaesim.kernels.EpochResult;
import org.vaesim.kernels.Halves;
import org.vaesim.kernels.book.Book;
import org.vaesim.kernels.clear.Clear;
import org.vaesim.kernels.clear.ClearingResult;
import org.vaesim.kernels.decide.DecideSegment;
import org.vaesim.kernels.gate.Gate;
import org.vaesim.kernels.gate.PrincipalLimit;
import org.vaesim.kernels.gate.RejectReason;
import org.vaesim.kernels.gate.ReputationRules;
import org.vaesim.kernels.gate.Standing;
import org.vaesim.kernels.inequality.Inequality;
import org.vaesim.kernels.inequality.WealthBuckets;
import org.vaesim.kernels.memory.Layout;
import org.vaesim.kernels.memory.MarketBook;
import org.vaesim.kernels.memory.Population;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.kernels.rng.Philox;
import org.vaesim.kernels.rng.Streams;
import org.vaesim.kernels.settle.InducedSchedule;
import org.vaesim.kernels.settle.Settle;
import org.vaesim.kernels.update.Update;
import org.vaesim.models.market.MarketSpec;
import org.vaesim.models.safety.Identity;
import org.vaesim.models.scenario.Scenario;
import org.vaesim.models.strategy.ZeroIntelligenceParams;

/**
 * The default backend: the Java twins of the kernels, multi-threaded over fixed chunks of the population.
 *
 * <p>Each chunk of {@link #chunkSize} agents owns its own book histograms and counters, so threads never
 * share a write and every reduction adds chunk slots in chunk order: results are bit-identical for any
 * thread count. Within a chunk, decide, gate and book run block by block so the orders a block writes are
 * still in cache when the gate and the book read them.
 */
public final class JavaBackend implements Backend {
    /** The most agents per chunk: the unit of work per thread and of histogram ownership. */
    public static final int CHUNK = 1 << 16;
    /** Chunks per thread a small population is cut into at least, so that the last chunk leaves no thread idle. */
    private static final int CHUNKS_PER_THREAD = 4;
    /** Agents per cache block inside a chunk (5 columns x 4 bytes x 2048 = 40 KiB). */
    private static final int BLOCK = 2048;

    /**
     * A segment's part inside one chunk, with the segment's per-epoch constants resolved once; {@code limit} is the
     * index of its principal's rate limit, or -1.
     */
    private record Piece(Segment segment, int from, int to, Rules rules, int limit) {
    }

    /**
     * What the kernels need of a segment's market and family, looked up once instead of per block (again when order
     * routing moves the segment to another venue: {@link #followVenues}).
     */
    private record Rules(MarketSpec market, int marketIndex, long tickSize, int feeBps, int maxPosition,
                         int maxShort, Identity.Scope scope, int largestOrder, boolean tracksQuota, int surplusSign,
                         int refillPeriod, int refillUnits) {
        static Rules of(Segment s, Scenario scenario) {
            MarketSpec market = scenario.markets().get(s.market());
            int period = s.cohort().params() instanceof ZeroIntelligenceParams zi ? zi.periodEpochs() : 0;
            int units = s.cohort().params() instanceof ZeroIntelligenceParams zi ? zi.units() : 0;
            return new Rules(market, s.market(), market.tickSize(), market.feeBps(), s.maxPosition(),
                    s.maxShort(), s.cohort().identity().scope(), s.largestOrder(), s.tracksQuota(), s.surplusSign(),
                    period, units);
        }
    }

    private final Scenario scenario;
    private final Population population;
    private final List<Segment> segments;
    private final WorkerPool pool;
    private final int markets;
    private final int width;
    private final Piece[][] pieces;
    private final int[][] chunkBids;
    private final int[][] chunkAsks;
    private final long[][] chunkRejects;
    private final long[][] chunkTotals;
    private final long[][] chunkCursor;
    private final long[][] chunkSegmentRejects;
    private final long[][] chunkFlows;
    private final long[][] chunkSurplus;
    /** Per chunk and principal limit: orders its limited pieces placed this epoch, and the orders before it. */
    private final long[][] chunkLimitOrders;
    private final long[][] chunkLimitCursor;
    private final MarketBook book;
    private final long[] demand;
    private final ReputationRules reputationRules;
    private final int keyLo;
    private final int keyHi;
    /**
     * The optional per-agent boost columns by {@link AgentBoost} (millionths, indexed by agent; null: not published),
     * which a mechanism's Java half publishes ({@link #boost}) and keeps up to date in place (capability as state,
     * docs/capability.md) and other halves read.
     */
    private final int[][] boosts = new int[AgentBoost.COUNT][];
    /** Per-task histograms and transition counts of the metrics passes, allocated at the first metrics epoch. */
    private long[][] taskHistograms;
    private long[][] taskTransitions;

    /** Runs on {@code threads} worker threads over {@code population}, which the backend works on in place. */
    public JavaBackend(Scenario scenario, Layout layout, Population population, int threads) {
        this.scenario = scenario;
        this.population = population;
        this.segments = layout.segments();
        this.pool = new WorkerPool(threads);
        this.markets = scenario.markets().size();
        this.width = layout.gridWidth();
        int chunk = chunkSize(population.size, threads);
        int chunks = Math.max(1, (population.size + chunk - 1) / chunk);
        this.pieces = new Piece[chunks][];
        for (int c = 0; c < chunks; c++) {
            int cs = c * chunk;
            int ce = (int) Math.min((long) cs + chunk, population.size);
            List<Piece> list = new ArrayList<>();
            for (Segment s : segments) {
                int from = Math.max(cs, s.start());
                int to = Math.min(ce, s.end());
                if (from < to) {
                    list.add(new Piece(s, from, to, Rules.of(s, scenario), layout.principalLimitOf(s.index())));
                }
            }
            pieces[c] = list.toArray(new Piece[0]);
        }
        this.chunkBids = new int[chunks][markets * width];
        this.chunkAsks = new int[chunks][markets * width];
        this.chunkRejects = new long[chunks][markets * RejectReason.COUNT];
        this.chunkTotals = new long[chunks][markets * Settle.TOTALS];
        this.chunkCursor = new long[chunks][markets * 2];
        this.chunkSegmentRejects = new long[chunks][segments.size()];
        this.chunkFlows = new long[chunks][segments.size() * Settle.FLOWS];
        this.chunkSurplus = new long[chunks][segments.size()];
        this.chunkLimitOrders = new long[chunks][layout.principalLimits()];
        this.chunkLimitCursor = new long[chunks][layout.principalLimits()];
        this.book = new MarketBook(markets, width);
        this.demand = new long[width + 2];
        this.reputationRules = ReputationRules.of(scenario.safety());
        long key = Philox.key(scenario.seed(), Streams.DECIDE);
        this.keyLo = Philox.keyLo(key);
        this.keyHi = Philox.keyHi(key);
    }

    /**
     * Agents per chunk for a population of {@code agents} on {@code threads} threads: {@link #CHUNK}, or for a
     * small population a multiple of the cache block that gives each thread at least {@link #CHUNKS_PER_THREAD}
     * chunks. Threads take chunks one at a time, so with few large chunks one thread finishes early: 10^5 agents
     * were two chunks, of 65,536 and 34,464, and one of two threads idled a third of each phase. Results do not
     * depend on the size: every reduction over chunks is an integer sum or an exclusive prefix in index order.
     */
    public static int chunkSize(int agents, int threads) {
        long tasks = (long) Math.max(1, threads) * CHUNKS_PER_THREAD;
        long perTask = (agents + tasks - 1) / tasks;
        long blocks = Math.max(1, (perTask + BLOCK - 1) / BLOCK);
        return (int) Math.min(CHUNK, blocks * BLOCK);
    }

    @Override
    public String name() {
        return "java";
    }

    @Override
    public int threads() {
        return pool.threads();
    }

    @Override
    public Population population() {
        return population;
    }

    @Override
    public String device() {
        return Runtime.getRuntime().availableProcessors() + " CPU cores";
    }

    @Override
    public <H> H half(Halves<H> halves) {
        return halves.java(this);
    }

    /** The worker pool a mechanism's Java half runs its pieces on (results must not depend on its thread count). */
    public WorkerPool pool() {
        return pool;
    }

    /** The scenario the backend runs (the seed keys a mechanism's draws). */
    public Scenario scenario() {
        return scenario;
    }

    /**
     * From now on the halves that read {@code channel} read {@code column} (one int per agent, millionths, held by
     * the caller and read in place every epoch; null: none, the arithmetic without it): a primitive for a
     * mechanism's Java half (docs/extending.md), such as capability (docs/capability.md).
     */
    public void boost(AgentBoost channel, int[] column) {
        if (column != null && column.length != population.size) {
            throw new IllegalArgumentException("a boost column of " + column.length + " agents for "
                    + population.size);
        }
        boosts[channel.ordinal()] = column;
    }

    /** The column published on {@code channel}, read in place, or null when none is. */
    @Override
    public int[] boosts(AgentBoost channel) {
        return boosts[channel.ordinal()];
    }

    @Override
    public void epoch(EpochInputs inputs, EpochResult out) {
        followVenues();
        placeOrders(inputs, out.rejects, out.segmentRejects, out.principalOrders);
        int width = book.ticks;
        for (int m = 0; m < scenario.markets().size(); m++) {
            Clear.clear(m, m * width, scenario.markets().get(m).ticks() - 1, inputs.lastTick[m],
                    inputs.lowerBand[m], inputs.upperBand[m], inputs.halted[m] != 0, book.bids, book.asks, demand,
                    out.clearing);
        }
        settle(inputs, out.clearing, out.totals, out.segmentFlows, out.segmentSurplus);
    }

    /** Re-resolves the rules of every piece whose segment order routing moved to another venue since the last epoch. */
    private void followVenues() {
        for (Piece[] chunk : pieces) {
            for (int k = 0; k < chunk.length; k++) {
                Piece piece = chunk[k];
                if (piece.rules().marketIndex() != piece.segment().market()) {
                    chunk[k] = new Piece(piece.segment(), piece.from(), piece.to(),
                            Rules.of(piece.segment(), scenario), piece.limit());
                }
            }
        }
    }

    private void placeOrders(EpochInputs inputs, long[] rejects, long[] segmentRejects, long[] principalOrders) {
        int chunks = pieces.length;
        pool.run(chunks, c -> placeOrdersInChunk(c, inputs));
        if (principalOrders.length > 0) {
            limitPrincipals(inputs, principalOrders);
        }
        // Sum the chunk histograms in chunk order; slices of the grid are independent tasks.
        int cells = markets * width;
        int slices = Math.min(cells, 64);
        pool.run(slices, s -> {
            int from = (int) ((long) cells * s / slices);
            int to = (int) ((long) cells * (s + 1) / slices);
            for (int i = from; i < to; i++) {
                long b = 0;
                long a = 0;
                for (int c = 0; c < chunks; c++) {
                    b += chunkBids[c][i];
                    a += chunkAsks[c][i];
                }
                book.bids[i] = b;
                book.asks[i] = a;
            }
        });
        sumInChunkOrder(chunkRejects, rejects);
        sumInChunkOrder(chunkSegmentRejects, segmentRejects);
    }

    /**
     * The rate-limited principals' limits. Each chunk booked and counted its limited principals' orders while
     * their blocks were in cache; a chunk's cursor is the orders of the chunks before it (the exclusive prefix
     * in chunk order, as for settlement's queues), so the chunks rank their orders in parallel and the result is
     * the one a single pass in index order gives. Only a principal over its allowance costs more: its pieces
     * are taken out of the book, limited and booked again (the device books after limiting; the sums agree).
     */
    private void limitPrincipals(EpochInputs in, long[] principalOrders) {
        int limits = principalOrders.length;
        long[] run = new long[limits];
        for (int c = 0; c < pieces.length; c++) {
            for (int l = 0; l < limits; l++) {
                chunkLimitCursor[c][l] = run[l];
                run[l] += chunkLimitOrders[c][l];
            }
        }
        System.arraycopy(run, 0, principalOrders, 0, limits);
        long[] offset = new long[limits];
        for (int l = 0; l < limits; l++) {
            offset[l] = PrincipalLimit.offset(in.epoch, run[l]);
        }
        boolean binds = false;
        for (int l = 0; l < limits; l++) {
            binds |= in.principalAllowed[l] < run[l];
        }
        if (binds) {
            pool.run(pieces.length, c -> limitChunk(c, in.principalAllowed, principalOrders, offset));
        }
    }

    private void limitChunk(int c, long[] allowed, long[] total, long[] offset) {
        Population p = population;
        long[] cursor = chunkLimitCursor[c];
        for (Piece piece : pieces[c]) {
            int limit = piece.limit();
            if (limit < 0) {
                continue;
            }
            long orders = PrincipalLimit.orders(piece.from(), piece.to(), p.bidQty, p.askQty);
            if (allowed[limit] >= total[limit]) {
                cursor[limit] += orders;
                continue; // within its allowance: already booked as it is
            }
            int m = piece.rules().marketIndex();
            Book.unbook(piece.from(), piece.to(), m * width, p.bidTick, p.bidQty, p.askTick, p.askQty, chunkBids[c],
                    chunkAsks[c]);
            int dropped = PrincipalLimit.limit(piece.from(), piece.to(), cursor[limit], allowed[limit], total[limit],
                    offset[limit], p.bidQty, p.askQty);
            cursor[limit] += orders;
            chunkRejects[c][m * RejectReason.COUNT + RejectReason.PRINCIPAL_RATE_LIMIT.ordinal()] += dropped;
            chunkSegmentRejects[c][piece.segment().index()] += dropped;
            Book.book(piece.from(), piece.to(), m * width, p.bidTick, p.bidQty, p.askTick, p.askQty, chunkBids[c],
                    chunkAsks[c]);
        }
    }

    private void placeOrdersInChunk(int c, EpochInputs in) {
        int[] bids = chunkBids[c];
        int[] asks = chunkAsks[c];
        long[] rejects = chunkRejects[c];
        long[] segmentRejects = chunkSegmentRejects[c];
        Arrays.fill(segmentRejects, 0L);
        Arrays.fill(bids, 0);
        Arrays.fill(asks, 0);
        Arrays.fill(rejects, 0L);
        long[] limitOrders = chunkLimitOrders[c];
        Arrays.fill(limitOrders, 0L);
        int[] rng = Philox.agentWordScratch();
        long[] reasons = new long[RejectReason.COUNT];
        Population p = population;
        ReputationRules rep = reputationRules;
        for (Piece piece : pieces[c]) {
            Rules r = piece.rules();
            int m = r.marketIndex();
            Arrays.fill(reasons, 0L);
            for (int b = piece.from(); b < piece.to(); b += BLOCK) {
                int e = Math.min(b + BLOCK, piece.to());
                DecideSegment.decide(piece.segment(), r.market(), b, e, in, p, keyLo, keyHi, rng);
                Gate.gate(b, e, r.tickSize(), r.feeBps(), r.maxPosition(), r.maxShort(), r.largestOrder(),
                        r.scope().spendLimit(), r.scope().ordersPerEpochMilli(), r.scope().burst() * 1000,
                        rep.probationBelow(), rep.probationMaxPosition(), rep.probationMaxOrderQty(),
                        rep.probationSpendLimit(), rep.gain(), rep.loss(), p.cash, p.inventory, p.status, p.tokens,
                        p.reputation, p.bidTick, p.bidQty, p.askTick, p.askQty, reasons);
                Book.book(b, e, m * width, p.bidTick, p.bidQty, p.askTick, p.askQty, bids, asks);
                if (piece.limit() >= 0) { // counted now, while the block is in cache, for its principal's limit
                    limitOrders[piece.limit()] += PrincipalLimit.orders(b, e, p.bidQty, p.askQty);
                }
            }
            for (int k = 0; k < RejectReason.COUNT; k++) {
                rejects[m * RejectReason.COUNT + k] += reasons[k];
                if (k != RejectReason.KILLED.ordinal()) {
                    segmentRejects[piece.segment().index()] += reasons[k];
                }
            }
        }
    }

    private void settle(EpochInputs inputs, ClearingResult clearing, long[] totals, long[] flows, long[] surplus) {
        int chunks = pieces.length;
        // Each chunk's starting position in the marginal-tick queues: the quantity the chunks before it
        // placed at that tick (the exclusive prefix sum over chunks, in chunk order).
        for (int m = 0; m < markets; m++) {
            int bidCell = m * width + clearing.bidMarginalTick[m];
            int askCell = m * width + clearing.askMarginalTick[m];
            long bidRun = 0;
            long askRun = 0;
            for (int c = 0; c < chunks; c++) {
                chunkCursor[c][2 * m] = bidRun;
                chunkCursor[c][2 * m + 1] = askRun;
                bidRun += chunkBids[c][bidCell];
                askRun += chunkAsks[c][askCell];
            }
        }
        int nextEpoch = inputs.epoch + 1;
        pool.run(chunks, c -> settleChunk(c, clearing, nextEpoch));
        sumInChunkOrder(chunkTotals, totals);
        sumInChunkOrder(chunkFlows, flows);
        sumInChunkOrder(chunkSurplus, surplus);
    }

    /** into[i] = the sum over chunks of perChunk[c][i], added in chunk order. */
    private static void sumInChunkOrder(long[][] perChunk, long[] into) {
        Arrays.fill(into, 0L);
        for (long[] t : perChunk) {
            for (int i = 0; i < t.length; i++) {
                into[i] += t[i];
            }
        }
    }

    private void settleChunk(int c, ClearingResult r, int nextEpoch) {
        long[] totals = chunkTotals[c];
        long[] flows = chunkFlows[c];
        long[] surplus = chunkSurplus[c];
        Arrays.fill(totals, 0L);
        Arrays.fill(flows, 0L);
        Arrays.fill(surplus, 0L);
        Population p = population;
        for (Piece piece : pieces[c]) {
            Rules rules = piece.rules();
            int m = rules.marketIndex();
            Settle.settle(piece.from(), piece.to(), r.price[m], rules.tickSize(), rules.feeBps(),
                    r.bidMarginalTick[m], r.bidMarginalFill[m], r.bidMarginalTotal[m],
                    r.askMarginalTick[m], r.askMarginalFill[m], r.askMarginalTotal[m],
                    rules.tracksQuota(), rules.surplusSign(),
                    p.cash, p.inventory, p.quota, p.trait, p.bidTick, p.bidQty, p.askTick, p.askQty,
                    chunkCursor[c], 2 * m, totals, m * Settle.TOTALS, flows,
                    piece.segment().index() * Settle.FLOWS, surplus, piece.segment().index());
            if (rules.refillPeriod() > 0 && nextEpoch % rules.refillPeriod() == 0) {
                Update.refillQuota(piece.from(), piece.to(), rules.refillUnits(), p.quota);
            }
        }
    }

    /**
     * One pass over the cohorts with induced values, in one thread: it runs once per trading period (every ten
     * epochs in quickstart) over the zero-intelligence traders, a small cost beside an epoch's.
     */
    @Override
    public void inducedSchedule(long[] out) {
        Arrays.fill(out, 0L);
        Population p = population;
        for (Segment s : segments) {
            if (s.hasInducedValue()) {
                MarketSpec market = scenario.markets().get(s.market());
                boolean buyer = s.surplusSign() > 0;
                InducedSchedule.inducedSchedule(s.start(), s.end(), buyer, s.periodUnits(), market.tickSize(),
                        market.feeBps(), p.cash, p.inventory, p.status, p.trait, out,
                        InducedSchedule.at(s.market(), s.isZeroIntelligence(), buyer, width));
            }
        }
    }

    /** Tasks of the metrics passes: one per worker thread, each over a fixed run of whole chunks. */
    private int metricsTasks() {
        return Math.min(pool.threads(), pieces.length);
    }

    private int firstChunk(int task, int tasks) {
        return (int) ((long) pieces.length * task / tasks);
    }

    @Override
    public long wealthHistogram(long[] unitPrice, long[] histogram) {
        followVenues();
        int tasks = metricsTasks();
        if (taskHistograms == null) {
            taskHistograms = new long[tasks][WealthBuckets.LENGTH];
        }
        long[] cashSums = new long[tasks];
        Population p = population;
        pool.run(tasks, t -> {
            long[] h = taskHistograms[t];
            WealthBuckets.clear(h);
            long sum = 0;
            for (int c = firstChunk(t, tasks); c < firstChunk(t + 1, tasks); c++) {
                for (Piece piece : pieces[c]) {
                    sum += Inequality.wealthHistogram(piece.from(), piece.to(),
                            unitPrice[piece.rules().marketIndex()], p.cash, p.inventory, h);
                }
            }
            cashSums[t] = sum;
        });
        // Integer sums, minima and maxima: the merged histogram is the same for any number of tasks.
        WealthBuckets.clear(histogram);
        long cash = 0;
        for (int t = 0; t < tasks; t++) {
            WealthBuckets.merge(taskHistograms[t], histogram);
            cash += cashSums[t];
        }
        return cash;
    }

    @Override
    public void rankMobility(long[] unitPrice, int[] thresholds, long[] transitions) {
        followVenues();
        int tasks = metricsTasks();
        if (taskTransitions == null) {
            taskTransitions = new long[tasks][Inequality.TRANSITIONS];
        }
        Population p = population;
        pool.run(tasks, t -> {
            long[] counts = taskTransitions[t];
            Arrays.fill(counts, 0L);
            for (int c = firstChunk(t, tasks); c < firstChunk(t + 1, tasks); c++) {
                for (Piece piece : pieces[c]) {
                    Inequality.rankMobility(piece.from(), piece.to(), unitPrice[piece.rules().marketIndex()],
                            thresholds, p.cash, p.inventory, p.decile, counts);
                }
            }
        });
        Arrays.fill(transitions, 0L);
        for (int t = 0; t < tasks; t++) {
            for (int k = 0; k < Inequality.TRANSITIONS; k++) {
                transitions[k] += taskTransitions[t][k];
            }
        }
    }

    @Override
    public long adjustCash(int from, int to, long delta) {
        return Update.adjustCash(from, to, delta, population.cash);
    }

    @Override
    public long adjustGoods(int from, int to, int delta) {
        return Update.adjustGoods(from, to, delta, population.inventory);
    }

    @Override
    public long kill(int from, int to) {
        return Update.kill(from, to, population.status);
    }

    @Override
    public void standing(long[] out) {
        Arrays.fill(out, 0L);
        for (Segment s : segments) {
            Standing.standing(s.start(), s.end(), population.status, population.reputation, out,
                    s.index() * Standing.SLOTS);
        }
    }

    @Override
    public long arrive(int from, int to, int status, int reputationMillionths) {
        return Update.arrive(from, to, status, reputationMillionths, population.status, population.reputation);
    }

    @Override
    public void close() {
        pool.close();
    }
}
