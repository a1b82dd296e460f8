package org.vaesim.bench.jmh;

import java.util.Arrays;
import java.util.List;

import org.vaesim.bench.BenchScenario;
import org.vaesim.host.epoch.Engine;
import org.vaesim.host.epoch.MarketState;
import org.vaesim.kernels.EpochInputs;
import org.vaesim.kernels.book.Book;
import org.vaesim.kernels.clear.Clear;
import org.vaesim.kernels.clear.ClearingResult;
import org.vaesim.kernels.decide.DecideSegment;
import org.vaesim.kernels.gate.Gate;
import org.vaesim.kernels.gate.ReputationRules;
import org.vaesim.kernels.gate.RejectReason;
import org.vaesim.kernels.memory.Layout;
import org.vaesim.kernels.memory.Population;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.kernels.rng.Philox;
import org.vaesim.kernels.rng.Streams;
import org.vaesim.kernels.settle.Settle;
import org.vaesim.models.market.MarketSpec;
import org.vaesim.models.scenario.Scenario;
import org.vaesim.models.strategy.ChartistParams;

/**
 * The state the per-kernel benchmarks run on: the standard bench economy after {@code epochsBefore} engine
 * epochs (so prices have moved, inventories are mixed and chartists see a trend), and single-threaded loops
 * that call one kernel over every segment of the population, as the java backend does per chunk.
 */
final class KernelFixture {
    /**
     * Engine epochs run before the kernels are measured in isolation, by default. The bench economy's traders
     * run out of goods and money as it goes, so a later state has many more rejections and more agents below
     * full reputation (docs/bench.md); {@code -p epochsBefore=1500} measures the kernels there.
     */
    static final int DEFAULT_EPOCHS_BEFORE = 20;

    final Scenario scenario;
    final Layout layout;
    final Population population;
    final List<Segment> segments;
    final EpochInputs inputs;
    final int width;
    final int markets;
    final int[] bids;
    final int[] asks;
    final long[] longBids;
    final long[] longAsks;
    final long[] demand;
    final ClearingResult clearing;
    final long[] rejects = new long[RejectReason.COUNT];
    final long[] cursor;
    final long[] totals;
    final long[] flows;
    final long[] surplus;
    final int[] rng = Philox.agentWordScratch();
    final int keyLo;
    final int keyHi;

    /** The gate's inputs as decide left them, before the gate ran (see {@link #restoreGateInputs}). */
    private final int[] decidedBidQty;
    private final int[] decidedAskQty;
    private final int[] tokensBefore;
    private final int[] reputationBefore;

    KernelFixture(int agents, boolean safety, int epochsBefore) {
        if (epochsBefore < 1) {
            throw new IllegalArgumentException("epochsBefore must be at least 1, got " + epochsBefore);
        }
        scenario = BenchScenario.build(agents, Math.max(1000, epochsBefore + 1), safety);
        layout = new Layout(scenario);
        MarketState state;
        try (Engine engine = Engine.start(scenario, 1)) {
            for (int e = 0; e < epochsBefore; e++) {
                engine.step();
            }
            population = engine.population();
            state = engine.markets();
        }
        segments = layout.segments();
        markets = scenario.markets().size();
        width = layout.gridWidth();
        inputs = new EpochInputs(markets, segments.size());
        inputs.epoch = epochsBefore;
        System.arraycopy(state.lastTick, 0, inputs.lastTick, 0, markets);
        System.arraycopy(state.previousTick, 0, inputs.previousTick, 0, markets);
        System.arraycopy(state.fundamentalTick, 0, inputs.fundamentalTick, 0, markets);
        System.arraycopy(state.lastVolume, 0, inputs.previousVolume, 0, markets);
        for (Segment s : segments) {
            if (s.cohort().params() instanceof ChartistParams c) {
                int m = s.market();
                inputs.lookbackTick[s.index()] = state.tickAfter(m, epochsBefore - 1 - c.lookback(),
                        scenario.markets().get(m).initialTick());
            }
        }
        bids = new int[markets * width];
        asks = new int[markets * width];
        longBids = new long[markets * width];
        longAsks = new long[markets * width];
        demand = new long[width + 2];
        clearing = new ClearingResult(markets);
        cursor = new long[markets * 2];
        totals = new long[markets * Settle.TOTALS];
        flows = new long[layout.segments().size() * Settle.FLOWS];
        surplus = new long[layout.segments().size()];
        long key = Philox.key(scenario.seed(), Streams.DECIDE);
        keyLo = Philox.keyLo(key);
        keyHi = Philox.keyHi(key);
        // One full epoch's orders and clearing, so gate, book, clear and settle have real inputs.
        decide(null);
        decidedBidQty = population.bidQty.clone();
        decidedAskQty = population.askQty.clone();
        tokensBefore = population.tokens.clone();
        reputationBefore = population.reputation.clone();
        gate();
        book();
        clear();
    }

    /** decide over every segment of {@code family} (its JSON name), or all segments when null or "all". */
    void decide(String family) {
        for (Segment s : segments) {
            if (family == null || family.equals("all") || family.equals(s.cohort().family().jsonName())) {
                DecideSegment.decide(s, scenario.markets().get(s.market()), s.start(), s.end(), inputs, population,
                        keyLo, keyHi, rng);
            }
        }
    }

    /**
     * Puts back what the gate reads and changes (the orders decide wrote, the token buckets, reputation), so
     * that every pass of the gate sees the same epoch, its rejections included.
     */
    void restoreGateInputs() {
        System.arraycopy(decidedBidQty, 0, population.bidQty, 0, decidedBidQty.length);
        System.arraycopy(decidedAskQty, 0, population.askQty, 0, decidedAskQty.length);
        System.arraycopy(tokensBefore, 0, population.tokens, 0, tokensBefore.length);
        System.arraycopy(reputationBefore, 0, population.reputation, 0, reputationBefore.length);
    }

    /** The gate over every segment; returns the number of rejections. */
    long gate() {
        Population p = population;
        Arrays.fill(rejects, 0L);
        ReputationRules reputation = ReputationRules.of(scenario.safety());
        for (Segment s : segments) {
            MarketSpec market = scenario.markets().get(s.market());
            var scope = s.cohort().identity().scope();
            Gate.gate(s.start(), s.end(), market.tickSize(), market.feeBps(), s.maxPosition(), s.maxShort(),
                    scope.largestOrder(), scope.spendLimit(), scope.ordersPerEpochMilli(), scope.burst() * 1000,
                    reputation.probationBelow(), reputation.probationMaxPosition(), reputation.probationMaxOrderQty(),
                    reputation.probationSpendLimit(), reputation.gain(), reputation.loss(),
                    p.cash, p.inventory, p.status, p.tokens, p.reputation, p.bidTick, p.bidQty, p.askTick, p.askQty,
                    rejects);
        }
        long sum = 0;
        for (long r : rejects) {
            sum += r;
        }
        return sum;
    }

    /** The book over every segment into one set of histograms (cleared first). */
    void book() {
        Population p = population;
        Arrays.fill(bids, 0);
        Arrays.fill(asks, 0);
        for (Segment s : segments) {
            Book.book(s.start(), s.end(), s.market() * width, p.bidTick, p.bidQty, p.askTick, p.askQty, bids, asks);
        }
        for (int i = 0; i < bids.length; i++) {
            longBids[i] = bids[i];
            longAsks[i] = asks[i];
        }
    }

    /** Clears every market from the current histograms. */
    void clear() {
        for (int m = 0; m < markets; m++) {
            Clear.clear(m, m * width, scenario.markets().get(m).ticks() - 1, inputs.lastTick[m], 0, 0, false,
                    longBids, longAsks, demand, clearing);
        }
    }

    /** Settles every segment at the current clearing result; returns the fees collected. */
    long settle() {
        Population p = population;
        Arrays.fill(cursor, 0L);
        Arrays.fill(totals, 0L);
        ClearingResult r = clearing;
        for (Segment s : segments) {
            int m = s.market();
            MarketSpec market = scenario.markets().get(m);
            int base = m * width;
            Settle.settle(s.start(), s.end(), r.price[m], market.tickSize(), market.feeBps(),
                    r.bidMarginalTick[m], r.bidMarginalFill[m], longBids[base + r.bidMarginalTick[m]],
                    r.askMarginalTick[m], r.askMarginalFill[m], longAsks[base + r.askMarginalTick[m]],
                    s.tracksQuota(), s.surplusSign(),
                    p.cash, p.inventory, p.quota, p.trait, p.bidTick, p.bidQty, p.askTick, p.askQty,
                    cursor, 2 * m, totals, m * Settle.TOTALS, flows, s.index() * Settle.FLOWS, surplus, s.index());
        }
        long fees = 0;
        for (int m = 0; m < markets; m++) {
            fees += totals[m * Settle.TOTALS + Settle.FEES];
        }
        return fees;
    }
}
