package org.vaesim.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vaesim.kernels.book.Book;
import org.vaesim.kernels.clear.Clear;
import org.vaesim.kernels.clear.ClearingResult;
import org.vaesim.kernels.decide.DecideChartist;
import org.vaesim.kernels.decide.DecideExecution;
import org.vaesim.kernels.decide.DecideFundamentalist;
import org.vaesim.kernels.decide.DecideHft;
import org.vaesim.kernels.decide.DecideMarketMaker;
import org.vaesim.kernels.decide.DecideNoise;
import org.vaesim.kernels.decide.DecideOrderDriven;
import org.vaesim.kernels.decide.DecideSwitching;
import org.vaesim.kernels.decide.DecideTruthful;
import org.vaesim.kernels.decide.DecideZeroIntelligence;
import org.vaesim.kernels.exchange.Exchange;
import org.vaesim.kernels.gate.Eligibility;
import org.vaesim.kernels.gate.Gate;
import org.vaesim.kernels.gate.PrincipalLimit;
import org.vaesim.kernels.gate.RejectReason;
import org.vaesim.kernels.gate.Standing;
import org.vaesim.kernels.memory.Layout;
import org.vaesim.kernels.memory.Population;
import org.vaesim.kernels.inequality.Inequality;
import org.vaesim.kernels.inequality.WealthBuckets;
import org.vaesim.kernels.rng.Philox;
import org.vaesim.kernels.settle.InducedSchedule;
import org.vaesim.kernels.settle.Settle;
import org.vaesim.kernels.update.Update;

/**
 * Each C kernel against its Java twin on random inputs: the same arguments must give bit-identical outputs
 * (orders, cash, inventories, histograms, counters). The agent range starts and ends off the work-group
 * grid, so the kernels' bounds handling is exercised. Every test runs on each device backend: opencl (skipped
 * without an OpenCL device, failed in CI, which sets VAESIM_REQUIRE_OPENCL=1) and cuda (skipped without a CUDA
 * device, failed on a GPU machine with VAESIM_REQUIRE_CUDA=1).
 */
@ParameterizedClass(name = "{0}")
@ValueSource(strings = {Backends.OPENCL, Backends.CUDA})
class TwinParityTest {
    private final String backend;

    TwinParityTest(String backend) {
        this.backend = backend;
    }

    private static final int N = 3001;
    private static final int FROM = 37;
    private static final int TO = N - 11;
    private static final int MAX_TICK = 499;

    /** Four order columns, as the twin and the kernel each write them. */
    private static final class Orders {
        final int[] bidTick = new int[N];
        final int[] bidQty = new int[N];
        final int[] askTick = new int[N];
        final int[] askQty = new int[N];

        void assertSame(Orders o) {
            assertArrayEquals(bidTick, o.bidTick, "bid ticks");
            assertArrayEquals(bidQty, o.bidQty, "bid quantities");
            assertArrayEquals(askTick, o.askTick, "ask ticks");
            assertArrayEquals(askQty, o.askQty, "ask quantities");
        }
    }

    private static int[] ints(SplittableRandom r, int lo, int hi) {
        return r.ints(N, lo, hi + 1).toArray();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void decideZeroIntelligence(long seed) {
        DeviceKernels cl = KernelBackends.of(backend);
        SplittableRandom r = new SplittableRandom(seed);
        int[] trait = ints(r, 1, MAX_TICK);
        int[] quota = ints(r, -1, 2);
        int k0 = r.nextInt();
        int k1 = r.nextInt();
        int epoch = r.nextInt(1000);
        for (int constrained = 0; constrained <= 1; constrained++) {
            for (int buyer = 0; buyer <= 1; buyer++) {
                Orders a = new Orders();
                Orders b = new Orders();
                DecideZeroIntelligence.decideZeroIntelligence(FROM, TO, constrained == 1, buyer == 1, MAX_TICK, trait,
                        quota, a.bidTick, a.bidQty, a.askTick, a.askQty, k0, k1, epoch, Philox.agentWordScratch());
                cl.run("decide_zero_intelligence", TO - FROM, true, FROM, TO, constrained, buyer, MAX_TICK, trait,
                        quota, b.bidTick, b.bidQty, b.askTick, b.askQty, k0, k1, epoch);
                a.assertSame(b);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void decideTruthful(long seed) {
        DeviceKernels cl = KernelBackends.of(backend);
        SplittableRandom r = new SplittableRandom(seed);
        int[] trait = ints(r, 1, MAX_TICK);
        int[] quota = ints(r, -1, 2);
        for (int buyer = 0; buyer <= 1; buyer++) {
            Orders a = new Orders();
            Orders b = new Orders();
            DecideTruthful.decideTruthful(FROM, TO, buyer == 1, trait, quota, a.bidTick, a.bidQty, a.askTick, a.askQty);
            cl.run("decide_truthful", TO - FROM, true, FROM, TO, buyer, trait, quota, b.bidTick, b.bidQty, b.askTick,
                    b.askQty);
            a.assertSame(b);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void decideFundamentalist(long seed) {
        DeviceKernels cl = KernelBackends.of(backend);
        SplittableRandom r = new SplittableRandom(seed);
        int[] trait = ints(r, -60, 60);
        double reaction = r.nextDouble() * 0.7;
        long activity = Philox.probabilityThreshold(r.nextDouble());
        int fundamental = 200 + r.nextInt(100);
        int last = 150 + r.nextInt(200);
        Orders a = new Orders();
        Orders b = new Orders();
        DecideFundamentalist.decideFundamentalist(FROM, TO, fundamental, last, MAX_TICK, 5, reaction, 9, activity,
                trait, a.bidTick, a.bidQty, a.askTick, a.askQty, 11, 22, 7, Philox.agentWordScratch());
        cl.run("decide_fundamentalist", TO - FROM, true, FROM, TO, fundamental, last, MAX_TICK, 5, reaction, 9,
                activity, trait, b.bidTick, b.bidQty, b.askTick, b.askQty, 11, 22, 7);
        a.assertSame(b);
    }

    @ParameterizedTest
    @ValueSource(ints = {-30, -3, 0, 3, 30})
    void decideChartist(int trend) {
        DeviceKernels cl = KernelBackends.of(backend);
        Orders a = new Orders();
        Orders b = new Orders();
        long activity = Philox.probabilityThreshold(0.37);
        DecideChartist.decideChartist(FROM, TO, 250 + trend, 250, MAX_TICK, 3, 4, 2, activity,
                a.bidTick, a.bidQty, a.askTick, a.askQty, 5, 6, 9, Philox.agentWordScratch());
        cl.run("decide_chartist", TO - FROM, true, FROM, TO, 250 + trend, 250, MAX_TICK, 3, 4, 2, activity,
                b.bidTick, b.bidQty, b.askTick, b.askQty, 5, 6, 9);
        a.assertSame(b);
    }

    /** Heavy-tailed sizes: with a small cap some orders hit it, with a large one the Pareto tail shows in full. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void decideNoise(long seed) {
        DeviceKernels cl = KernelBackends.of(backend);
        SplittableRandom r = new SplittableRandom(seed);
        int last = 5 + r.nextInt(MAX_TICK - 10);
        long activity = Philox.probabilityThreshold(0.2 + 0.8 * r.nextDouble());
        int k0 = r.nextInt();
        int k1 = r.nextInt();
        int epoch = r.nextInt(5000);
        for (int maxQty : new int[] {7, 1_000_000}) {
            double inverseTail = 1 / (1.1 + 3 * r.nextDouble());
            int reach = r.nextInt(40);
            int sizeMin = 1 + r.nextInt(3);
            Orders a = new Orders();
            Orders b = new Orders();
            DecideNoise.decideNoise(FROM, TO, last, MAX_TICK, reach, sizeMin, inverseTail, maxQty, activity,
                    a.bidTick, a.bidQty, a.askTick, a.askQty, k0, k1, epoch, Philox.agentWordScratch());
            cl.run("decide_noise", TO - FROM, true, FROM, TO, last, MAX_TICK, reach, sizeMin, inverseTail, maxQty,
                    activity, b.bidTick, b.bidQty, b.askTick, b.askQty, k0, k1, epoch);
            a.assertSame(b);
            assertTrue(Arrays.stream(a.bidQty).anyMatch(q -> q > sizeMin) && Arrays.stream(a.askQty).anyMatch(q -> q > 0),
                    "both sides trade, some above the smallest size");
        }
    }

    /** Random weights and horizons in the traits, random signals: each agent's expected price and spread differ. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void decideOrderDriven(long seed) {
        DeviceKernels cl = KernelBackends.of(backend);
        SplittableRandom r = new SplittableRandom(seed);
        int[] trait = new int[N];
        for (int i = 0; i < N; i++) {
            trait[i] = Layout.orderDrivenTrait(r.nextInt(256), r.nextInt(256), r.nextInt(256), r.nextInt(8));
        }
        double[] g = r.doubles(9, -0.02, 0.02).toArray();
        int last = 200 + r.nextInt(250);
        double noiseSigma = 0.02 + 0.05 * r.nextDouble();
        double spread = 0.02 * r.nextDouble();
        long activity = Philox.probabilityThreshold(0.3 + 0.7 * r.nextDouble());
        int k0 = r.nextInt();
        int k1 = r.nextInt();
        int epoch = r.nextInt(5000);
        Orders a = new Orders();
        Orders b = new Orders();
        DecideOrderDriven.decideOrderDriven(FROM, TO, last, MAX_TICK, g[0], g[1], g[2], g[3], g[4], g[5], g[6], g[7],
                g[8], 1.0, 0.7, 1.3, noiseSigma, spread, 3, activity, trait, a.bidTick, a.bidQty, a.askTick, a.askQty,
                k0, k1, epoch);
        cl.run("decide_order_driven", TO - FROM, true, FROM, TO, last, MAX_TICK, g[0], g[1], g[2], g[3], g[4], g[5],
                g[6], g[7], g[8], 1.0, 0.7, 1.3, noiseSigma, spread, 3, activity, trait, b.bidTick, b.bidQty,
                b.askTick, b.askQty, k0, k1, epoch);
        a.assertSame(b);
        assertTrue(Arrays.stream(a.bidQty).filter(q -> q > 0).count() > 100
                && Arrays.stream(a.askQty).filter(q -> q > 0).count() > 100, "agents bid and ask");
        assertTrue(Arrays.stream(a.bidTick).filter(t -> t > 0).distinct().count() > 5, "at many prices");
    }

    /** Shares of fundamentalists from none to all, with expected returns that straddle zero. */
    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.3, 0.8, 1.0})
    void decideSwitching(double fundamentalists) {
        DeviceKernels cl = KernelBackends.of(backend);
        SplittableRandom r = new SplittableRandom(Double.doubleToLongBits(fundamentalists));
        long threshold = Philox.probabilityThreshold(fundamentalists);
        double fundamentalMean = 0.01 * r.nextGaussian();
        double chartistMean = 0.01 * r.nextGaussian();
        long activity = Philox.probabilityThreshold(0.6);
        Orders a = new Orders();
        Orders b = new Orders();
        DecideSwitching.decideSwitching(FROM, TO, 250, MAX_TICK, threshold, fundamentalMean, chartistMean, 0.004,
                0.03, 2, activity, a.bidTick, a.bidQty, a.askTick, a.askQty, 3, 4, 77);
        cl.run("decide_switching", TO - FROM, true, FROM, TO, 250, MAX_TICK, threshold, fundamentalMean, chartistMean,
                0.004, 0.03, 2, activity, b.bidTick, b.bidQty, b.askTick, b.askQty, 3, 4, 77);
        a.assertSame(b);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void decideMarketMaker(long seed) {
        DeviceKernels cl = KernelBackends.of(backend);
        int[] inventory = ints(new SplittableRandom(seed), -120, 120);
        Orders a = new Orders();
        Orders b = new Orders();
        DecideMarketMaker.decideMarketMaker(FROM, TO, 3, MAX_TICK, 2, 7, 100, 9, inventory,
                a.bidTick, a.bidQty, a.askTick, a.askQty);
        cl.run("decide_market_maker", TO - FROM, true, FROM, TO, 3, MAX_TICK, 2, 7, 100, 9, inventory,
                b.bidTick, b.bidQty, b.askTick, b.askQty);
        a.assertSame(b);
    }

    @ParameterizedTest
    @ValueSource(ints = {-4, 0, 4})
    void decideHft(int move) {
        DeviceKernels cl = KernelBackends.of(backend);
        int[] inventory = ints(new SplittableRandom(move + 10), -12, 12);
        for (int dipQty : new int[] {3, 8, 40}) { // below, within and beyond the room under the limit of 10
            Orders a = new Orders();
            Orders b = new Orders();
            DecideHft.decideHft(FROM, TO, 300, 300 - move, MAX_TICK, 3, 10, 6, dipQty, inventory,
                    a.bidTick, a.bidQty, a.askTick, a.askQty);
            cl.run("decide_hft", TO - FROM, true, FROM, TO, 300, 300 - move, MAX_TICK, 3, 10, 6, dipQty, inventory,
                    b.bidTick, b.bidQty, b.askTick, b.askQty);
            a.assertSame(b);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 17, 12_345, 9_999_999})
    void decideExecution(long previousVolume) {
        DeviceKernels cl = KernelBackends.of(backend);
        int[] quota = ints(new SplittableRandom(previousVolume), -2, 5_000);
        for (int buyer = 0; buyer <= 1; buyer++) {
            for (int limit : new int[] {0, 123}) {
                Orders a = new Orders();
                Orders b = new Orders();
                DecideExecution.decideExecution(FROM, TO, buyer == 1, 30, 20, previousVolume, 0.09, 700, limit,
                        MAX_TICK, quota, a.bidTick, a.bidQty, a.askTick, a.askQty);
                cl.run("decide_execution", TO - FROM, true, FROM, TO, buyer, 30, 20, previousVolume, 0.09, 700, limit,
                        MAX_TICK, quota, b.bidTick, b.bidQty, b.askTick, b.askQty);
                a.assertSame(b);
            }
        }
    }

    /** Random two-sided orders with cash and inventories that make every gate rule fire sometimes. */
    private static Orders randomOrders(SplittableRandom r) {
        Orders o = new Orders();
        for (int i = 0; i < N; i++) {
            if (r.nextBoolean()) {
                o.bidTick[i] = 1 + r.nextInt(MAX_TICK);
                o.bidQty[i] = 1 + r.nextInt(9);
            }
            if (r.nextBoolean()) {
                o.askTick[i] = 1 + r.nextInt(MAX_TICK);
                o.askQty[i] = 1 + r.nextInt(9);
            }
        }
        return o;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void gateAndBook(long seed) {
        DeviceKernels cl = KernelBackends.of(backend);
        SplittableRandom r = new SplittableRandom(seed);
        long[] cash = r.longs(N, 0, 60_000_000L).toArray(); // up to 60 credits: some bids are unaffordable
        int[] inventory = ints(r, 0, 12);
        // mostly active agents, some killed, pending and refused ones
        int[] status = r.ints(N, 0, 12).map(x -> x < 3 ? x + 1 : 0).toArray();
        int[] tokensA = ints(r, 0, 3_000);
        int[] tokensB = tokensA.clone();
        int[] reputationA = ints(r, 0, 1_000_000);
        int[] reputationB = reputationA.clone();
        Orders a = randomOrders(new SplittableRandom(seed));
        Orders b = randomOrders(new SplittableRandom(seed));
        long[] rejectsA = new long[RejectReason.COUNT];
        long[] rejectsB = new long[2 * RejectReason.COUNT];
        long[] segmentRejects = new long[2];
        // probation below 0.5 (position 9, order 3, spend 5 credits), reputation gain 2%, loss 25%
        Gate.gate(FROM, TO, 10_000, 30, 15, 2, 7, 20_000_000L, 700, 2_000, 500_000, 9, 3, 5_000_000L, 20_000, 250_000,
                cash, inventory, status, tokensA, reputationA, a.bidTick, a.bidQty, a.askTick, a.askQty, rejectsA);
        cl.run("gate", TO - FROM, true, FROM, TO, 10_000L, 30, 15, 2, 7, 20_000_000L, 700, 2_000, 500_000, 9, 3,
                5_000_000L, 20_000, 250_000, cash, inventory, status, tokensB, reputationB, b.bidTick, b.bidQty,
                b.askTick, b.askQty, rejectsB, RejectReason.COUNT, segmentRejects, 1);
        a.assertSame(b);
        long notKilled = java.util.Arrays.stream(rejectsA).sum() - rejectsA[RejectReason.KILLED.ordinal()];
        assertArrayEquals(new long[] {0, notKilled}, segmentRejects, "the cohort's count leaves kills out");
        assertArrayEquals(tokensA, tokensB, "token buckets");
        assertArrayEquals(reputationA, reputationB, "reputations");
        assertArrayEquals(rejectsA, java.util.Arrays.copyOfRange(rejectsB, RejectReason.COUNT, 2 * RejectReason.COUNT));
        for (RejectReason reason : RejectReason.values()) {
            if (reason != RejectReason.PRINCIPAL_RATE_LIMIT) { // a later stage, see principalLimitPassesTheSameOrders
                assertTrue(rejectsA[reason.ordinal()] > 0, "every rule of the gate fired: " + reason);
            }
        }

        int width = MAX_TICK + 1;
        int[] bidsA = new int[2 * width];
        int[] asksA = new int[2 * width];
        Book.book(FROM, TO, width, a.bidTick, a.bidQty, a.askTick, a.askQty, bidsA, asksA);
        long[] bidsB = new long[2 * width];
        long[] asksB = new long[2 * width];
        cl.run("book", TO - FROM, true, FROM, TO, width, b.bidTick, b.bidQty, b.askTick, b.askQty, bidsB, asksB);
        for (int t = 0; t < 2 * width; t++) {
            assertEquals(bidsA[t], bidsB[t], "bids at cell " + t);
            assertEquals(asksA[t], asksB[t], "asks at cell " + t);
        }
    }

    /** Settlement of a random cleared book: the three device launches against the twin, cursor and all. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void settle(long seed) {
        DeviceKernels cl = KernelBackends.of(backend);
        SplittableRandom r = new SplittableRandom(seed);
        Orders o = randomOrders(r);
        long[] bookBids = new long[MAX_TICK + 1];
        long[] bookAsks = new long[MAX_TICK + 1];
        for (int i = FROM; i < TO; i++) {
            bookBids[o.bidTick[i]] += o.bidQty[i];
            bookAsks[o.askTick[i]] += o.askQty[i];
        }
        ClearingResult c = new ClearingResult(1);
        Clear.clear(0, 0, MAX_TICK, 250, 0, 0, false, bookBids, bookAsks, new long[MAX_TICK + 2], c);
        long[] cashA = r.longs(N, 1_000_000_000L, 2_000_000_000L).toArray();
        long[] cashB = cashA.clone();
        int[] invA = ints(r, 0, 20);
        int[] invB = invA.clone();
        int[] quotaA = ints(r, 0, 5);
        int[] quotaB = quotaA.clone();
        int[] trait = ints(r, 1, MAX_TICK);
        long[] totalsA = new long[Settle.TOTALS];
        long[] flowsA = new long[2 * Settle.FLOWS];
        long[] surplusA = new long[2];
        long cashBefore = Arrays.stream(cashA).sum();
        long goodsBefore = Arrays.stream(invA).asLongStream().sum();
        Settle.settle(FROM, TO, c.price[0], 10_000, 17, c.bidMarginalTick[0], c.bidMarginalFill[0],
                c.bidMarginalTotal[0], c.askMarginalTick[0], c.askMarginalFill[0], c.askMarginalTotal[0], true, 1,
                cashA, invA, quotaA, trait, o.bidTick, o.bidQty, o.askTick, o.askQty, new long[2], 0, totalsA, 0,
                flowsA, Settle.FLOWS, surplusA, 1);

        int blocks = (TO - FROM + 255) / 256;
        long[] blockSums = new long[2 * blocks];
        cl.run("settle_block_sums", TO - FROM, true, FROM, TO, 0, c.bidMarginalTick[0], c.askMarginalTick[0],
                o.bidTick, o.bidQty, o.askTick, o.askQty, blockSums);
        cl.run("settle_block_prefix", 1, false, 1, 1, new int[] {0}, new int[] {0}, new int[] {blocks}, blockSums);
        long[] totalsB = new long[Settle.TOTALS];
        long[] flowsB = new long[2 * Settle.FLOWS];
        long[] surplusB = new long[2];
        cl.run("settle", TO - FROM, true, FROM, TO, 0, 0, c.price[0], 10_000L, 17, c.bidMarginalTick[0],
                c.bidMarginalFill[0], c.bidMarginalTotal[0], c.askMarginalTick[0], c.askMarginalFill[0],
                c.askMarginalTotal[0], 1, 1, cashB, invB, quotaB, trait, o.bidTick, o.bidQty, o.askTick, o.askQty,
                blockSums, totalsB, flowsB, surplusB, 1);
        assertArrayEquals(cashA, cashB, "cash");
        assertArrayEquals(invA, invB, "inventory");
        assertArrayEquals(quotaA, quotaB, "quota");
        assertArrayEquals(totalsA, totalsB, "fees and surplus");
        assertArrayEquals(flowsA, flowsB, "the cohort's flows");
        assertArrayEquals(surplusA, surplusB, "the cohort's surplus");
        assertEquals(totalsA[Settle.SURPLUS], surplusA[1], "a single cohort's surplus is its market's");
        assertEquals(Arrays.stream(cashA).sum() - cashBefore, flowsA[Settle.FLOWS + Settle.FLOW_CASH],
                "net cash is the change in the cohort's cash");
        assertEquals(Arrays.stream(invA).asLongStream().sum() - goodsBefore, flowsA[Settle.FLOWS + Settle.FLOW_GOODS],
                "net units are the change in the cohort's inventory");
    }

    /** A trading period's schedules: random statuses, cash for 0 to 4 units at the value, holdings about zero. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void inducedSchedule(long seed) {
        DeviceKernels cl = KernelBackends.of(backend);
        SplittableRandom r = new SplittableRandom(seed);
        int[] status = r.ints(N, 0, 4).toArray();
        int[] inventory = ints(r, -2, 4);
        int[] trait = ints(r, 1, MAX_TICK);
        long[] cash = new long[N];
        for (int i = 0; i < N; i++) {
            cash[i] = r.nextLong(5L * trait[i] * 10_000);
        }
        int width = MAX_TICK + 1;
        for (int buyer = 0; buyer <= 1; buyer++) {
            long[] a = new long[2 * width];
            long[] b = new long[2 * width];
            InducedSchedule.inducedSchedule(FROM, TO, buyer == 1, 3, 10_000, 17, cash, inventory, status, trait, a,
                    width);
            cl.run("induced_schedule", TO - FROM, true, FROM, TO, buyer, 3, 10_000L, 17, cash, inventory, status,
                    trait, b, width);
            assertArrayEquals(a, b, buyer == 1 ? "demand" : "supply");
            assertTrue(Arrays.stream(a).sum() > 0, "some traders can trade");
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void killSwitch(long seed) {
        DeviceKernels cl = KernelBackends.of(backend);
        int[] statusA = new SplittableRandom(seed).ints(N, 0, 4).toArray(); // active, killed, pending, refused
        int[] statusB = statusA.clone();
        long newlyA = Update.kill(FROM, TO, statusA);
        long[] newlyB = new long[1];
        cl.run("kill_agents", TO - FROM, true, FROM, TO, statusB, newlyB);
        assertArrayEquals(statusA, statusB);
        assertEquals(newlyA, newlyB[0]);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, Population.REFUSED})
    void entryAdmitsOrRefusesOnlyPendingAgents(int newStatus) {
        DeviceKernels cl = KernelBackends.of(backend);
        SplittableRandom r = new SplittableRandom(newStatus);
        int[] statusA = r.ints(N, 0, 4).toArray();
        int[] statusB = statusA.clone();
        int[] reputationA = ints(r, 0, 1_000_000);
        int[] reputationB = reputationA.clone();
        long pending = java.util.Arrays.stream(statusA, FROM, TO).filter(s -> s == Population.PENDING).count();
        long arrivedA = Update.arrive(FROM, TO, newStatus, 300_000, statusA, reputationA);
        long[] arrivedB = new long[1];
        cl.run("arrive_agents", TO - FROM, true, FROM, TO, newStatus, 300_000, statusB, reputationB, arrivedB);
        assertEquals(pending, arrivedA, "every pending agent, and only those");
        assertEquals(arrivedA, arrivedB[0]);
        assertArrayEquals(statusA, statusB);
        assertArrayEquals(reputationA, reputationB);
    }

    /**
     * The one check in the pair kernels, on random statuses (killed, pending, refused beside active agents),
     * reputations around a probation line, token buckets and cash that the spend limits bind: yard-sale exchange,
     * negotiation under a rate limit, and the redistribution's tax and refund by rank among the agents that take
     * part. Cash, buckets, the pot and the count of agents that took part must agree.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void pairsAndRedistributionApplyTheOneCheck(long seed) {
        DeviceKernels cl = KernelBackends.of(backend);
        SplittableRandom r = new SplittableRandom(seed);
        int[] status = r.ints(N, 0, 10).map(x -> x < 3 ? x + 1 : 0).toArray();
        int[] reputation = ints(r, 0, 1_000_000);
        int[] trait = ints(r, 0, 3);
        long[] cashA = r.longs(N, 0, 200_000_000L).toArray();
        long[] cashB = cashA.clone();
        int[] bucketA = ints(r, 0, 3_000);
        int[] bucketB = bucketA.clone();
        // spend 60 credits, 30 on probation (below 0.5); a rate limit of burst 2 for negotiation only
        Eligibility.Limits limits = new Eligibility.Limits(Integer.MAX_VALUE, 60_000_000L, Integer.MAX_VALUE, 2_000,
                500_000, 3, 30_000_000L, Integer.MAX_VALUE);
        Eligibility.Limits kinetic = limits.withoutRateLimit();
        int n = TO - FROM;
        int h = Exchange.halfBits(n);
        int k0 = r.nextInt();
        int k1 = r.nextInt();
        Exchange.exchange(0, n / 2, FROM, n, Exchange.YARD_SALE, 0, false, 0.3, kinetic, cashA, status, reputation,
                trait, k0, k1, 7, new int[4], null);
        cl.run("exchange", n / 2, true, 0, n / 2, FROM, n, h, Exchange.YARD_SALE, 0.0, 0, 0.3, kinetic.largest(),
                kinetic.spendLimit(), kinetic.probationBelow(), kinetic.probationLargest(),
                kinetic.probationSpendLimit(), cashB, status, reputation, trait, k0, k1, 7, new int[1], 0);
        assertArrayEquals(cashA, cashB, "after the exchange");
        int[] yardBoost = ints(r, 0, 2_000_000); // capability as state: the yard sale's coin biased by power
        Exchange.exchange(0, n / 2, FROM, n, Exchange.YARD_SALE, 0, false, 0.3, kinetic, cashA, status, reputation,
                trait, k0, k1, 9, new int[4], yardBoost);
        cl.run("exchange", n / 2, true, 0, n / 2, FROM, n, h, Exchange.YARD_SALE, 0.0, 0, 0.3, kinetic.largest(),
                kinetic.spendLimit(), kinetic.probationBelow(), kinetic.probationLargest(),
                kinetic.probationSpendLimit(), cashB, status, reputation, trait, k0, k1, 9, yardBoost, 1);
        assertArrayEquals(cashA, cashB, "after the exchange with boosts");
        Exchange.negotiate(0, n / 2, FROM, n, 20, 90, 0.5, 1_000_000L, limits, cashA, status, bucketA, reputation,
                trait, k0, k1, 7, new int[4], null);
        cl.run("negotiate", n / 2, true, 0, n / 2, FROM, n, h, 20, 90, 0.5, 1_000_000L, limits.largest(),
                limits.spendLimit(), limits.capacity(), limits.probationBelow(), limits.probationLargest(),
                limits.probationSpendLimit(), cashB, status, bucketB, reputation, trait, k0, k1, 7, new int[1], 0);
        assertArrayEquals(cashA, cashB, "after negotiation");
        assertArrayEquals(bucketA, bucketB, "token buckets");
        // with capability as state: each side's power scaled by 1 + boost / 10^6 (docs/capability.md)
        int[] boost = ints(r, 0, 3_000_000);
        long[] before = cashA.clone();
        Exchange.negotiate(0, n / 2, FROM, n, 20, 90, 0.5, 1_000_000L, limits, cashA, status, bucketA, reputation,
                trait, k0, k1, 8, new int[4], boost);
        cl.run("negotiate", n / 2, true, 0, n / 2, FROM, n, h, 20, 90, 0.5, 1_000_000L, limits.largest(),
                limits.spendLimit(), limits.capacity(), limits.probationBelow(), limits.probationLargest(),
                limits.probationSpendLimit(), cashB, status, bucketB, reputation, trait, k0, k1, 8, boost, 1);
        assertArrayEquals(cashA, cashB, "after negotiation with boosts");
        assertTrue(!Arrays.equals(before, cashA), "the boosted round traded");
        assertArrayEquals(bucketA, bucketB, "token buckets");
        long[] sums = new long[2];
        Exchange.collectTax(FROM, TO, 0.07, kinetic, status, reputation, cashA, sums, 0);
        int blocks = (n + 255) / 256;
        long[] counts = new long[blocks];
        long[] pot = new long[2];
        cl.run("collect_tax", n, true, FROM, TO, 0, 0.07, kinetic.largest(), kinetic.spendLimit(),
                kinetic.probationBelow(), kinetic.probationLargest(), kinetic.probationSpendLimit(), status,
                reputation, cashB, counts, pot);
        assertArrayEquals(sums, pot, "collected, and the agents that took part");
        long active = java.util.Arrays.stream(status, FROM, TO).filter(x -> x == 0).count();
        assertEquals(active, sums[1], "everyone active takes part (no scope here)");
        long share = sums[0] / sums[1];
        long remainder = sums[0] % sums[1];
        assertTrue(remainder > 0, "the case exercises the ranks");
        Exchange.refund(FROM, TO, 0, share, remainder, kinetic, status, reputation, cashA);
        cl.run("refund_block_prefix", 1, false, 1, 0, blocks, counts);
        cl.run("refund", n, true, FROM, TO, 0, share, remainder, kinetic.largest(), kinetic.spendLimit(),
                kinetic.probationBelow(), kinetic.probationLargest(), kinetic.probationSpendLimit(), status,
                reputation, counts, cashB);
        assertArrayEquals(cashA, cashB, "after the refund");
    }

    /** The three launches of principal_limit against PrincipalLimit over one range, as one principal's only cohort. */
    @ParameterizedTest
    @ValueSource(ints = {0, 3, 41})
    void principalLimitPassesTheSameOrders(int epoch) {
        DeviceKernels cl = KernelBackends.of(backend);
        Orders a = randomOrders(new SplittableRandom(epoch));
        Orders b = randomOrders(new SplittableRandom(epoch));
        long total = PrincipalLimit.orders(FROM, TO, a.bidQty, a.askQty);
        long allowed = total * 2 / 5;
        long droppedA = PrincipalLimit.limit(FROM, TO, 0, allowed, total, PrincipalLimit.offset(epoch, total),
                a.bidQty, a.askQty);
        int blocks = (TO - FROM + 255) / 256;
        long[] blockSums = new long[blocks];
        cl.run("principal_limit_block_sums", TO - FROM, true, FROM, TO, 0, b.bidQty, b.askQty, blockSums);
        long[] totals = new long[1];
        cl.run("principal_limit_prefix", 1, false, 1, 1, new int[] {0}, new int[] {0}, new int[] {blocks}, blockSums,
                totals);
        assertEquals(total, totals[0], "the principal's orders");
        long[] rejects = new long[RejectReason.COUNT];
        long[] segmentRejects = new long[1];
        cl.run("principal_limit", TO - FROM, true, FROM, TO, 0, 0, epoch, new long[] {allowed}, totals, blockSums,
                b.bidQty, b.askQty, rejects, 0, segmentRejects, 0);
        a.assertSame(b);
        assertEquals(total - allowed, droppedA);
        assertEquals(droppedA, rejects[RejectReason.PRINCIPAL_RATE_LIMIT.ordinal()]);
        assertEquals(droppedA, segmentRejects[0]);
    }

    @ParameterizedTest
    @ValueSource(longs = {3, 4})
    void standingCountsActiveAgentsTheirReputationAndKilledAgents(long seed) {
        DeviceKernels cl = KernelBackends.of(backend);
        SplittableRandom r = new SplittableRandom(seed);
        int[] status = r.ints(N, 0, 4).toArray();
        int[] reputation = ints(r, 0, 1_000_000);
        long[] a = new long[2 * Standing.SLOTS];
        Standing.standing(FROM, TO, status, reputation, a, Standing.SLOTS);
        long[] b = new long[2 * Standing.SLOTS];
        cl.run("standing", TO - FROM, true, FROM, TO, status, reputation, b, 1);
        assertArrayEquals(a, b);
        long active = 0;
        long sum = 0;
        long killed = 0;
        for (int i = FROM; i < TO; i++) {
            active += status[i] == 0 ? 1 : 0;
            sum += status[i] == 0 ? reputation[i] : 0;
            killed += status[i] == Population.KILLED ? 1 : 0;
        }
        assertArrayEquals(new long[] {0, 0, 0, active, sum, killed}, a);
    }

    @ParameterizedTest
    @ValueSource(longs = {-7, 0, 5})
    void updatesAndEventAdjustments(long delta) {
        DeviceKernels cl = KernelBackends.of(backend);
        SplittableRandom r = new SplittableRandom(delta + 100);
        int[] quotaA = ints(r, -3, 3);
        int[] quotaB = quotaA.clone();
        Update.refillQuota(FROM, TO, 4, quotaA);
        cl.run("refill_quota", TO - FROM, true, FROM, TO, 4, quotaB);
        assertArrayEquals(quotaA, quotaB);

        long[] cash = r.longs(N, 0, 10).toArray();
        long[] cashB = cash.clone();
        long netA = Update.adjustCash(FROM, TO, delta, cash);
        long[] netB = new long[1];
        cl.run("adjust_cash", TO - FROM, true, FROM, TO, delta, cashB, netB);
        assertArrayEquals(cash, cashB);
        assertEquals(netA, netB[0]);

        int[] inventory = ints(r, -3, 6);
        int[] inventoryB = inventory.clone();
        long goodsA = Update.adjustGoods(FROM, TO, (int) delta, inventory);
        long[] goodsB = new long[1];
        cl.run("adjust_goods", TO - FROM, true, FROM, TO, (int) delta, inventoryB, goodsB);
        assertArrayEquals(inventory, inventoryB);
        assertEquals(goodsA, goodsB[0]);
    }

    /**
     * Metrics passes over random wealth spread across many orders of magnitude, both signs, and runs of equal
     * values: histogram slots, cash total, deciles and transitions bit for bit.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void wealthHistogramAndRankMobility(long seed) {
        DeviceKernels cl = KernelBackends.of(backend);
        SplittableRandom r = new SplittableRandom(seed);
        long[] cash = new long[N];
        for (int i = 0; i < N; i++) {
            // runs of six equal values among values spread over all magnitudes
            cash[i] = (i / 6) % 4 == 0 ? 1_000_000_000L : (r.nextLong() >> r.nextInt(8, 63));
        }
        int[] inventory = ints(r, -50, 5_000);
        for (int i = 0; i < N; i++) {
            inventory[i] = (i / 6) % 4 == 0 ? 0 : inventory[i];
        }
        long price = 1 + r.nextInt(3_000_000);
        long[] histA = new long[WealthBuckets.LENGTH];
        long[] histB = new long[WealthBuckets.LENGTH];
        WealthBuckets.clear(histA);
        WealthBuckets.clear(histB);
        long cashA = Inequality.wealthHistogram(FROM, TO, price, cash, inventory, histA);
        long[] cashB = new long[1];
        cl.run("wealth_histogram", TO - FROM, true, FROM, TO, price, cash, inventory, histB, cashB);
        assertArrayEquals(histA, histB, "histogram");
        assertEquals(cashA, cashB[0], "cash total");

        int[] thresholds = r.ints(Inequality.THRESHOLDS, 0, WealthBuckets.COUNT).sorted().toArray();
        byte[] decileA = new byte[N];
        for (int i = 0; i < N; i++) {
            decileA[i] = (byte) (r.nextInt(11) - 1); // -1 is NO_DECILE
        }
        byte[] decileB = decileA.clone();
        long[] transA = new long[Inequality.TRANSITIONS];
        long[] transB = new long[Inequality.TRANSITIONS];
        Inequality.rankMobility(FROM, TO, price, thresholds, cash, inventory, decileA, transA);
        cl.run("rank_mobility", TO - FROM, true, FROM, TO, price, thresholds, cash, inventory, decileB, transB);
        assertArrayEquals(decileA, decileB, "deciles");
        assertArrayEquals(transA, transB, "transitions");
    }
}
