package org.vaesim.kernels.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.vaesim.kernels.KernelBackends;
import org.vaesim.kernels.DeviceKernels;
import org.vaesim.kernels.gate.Eligibility;
import org.vaesim.kernels.gate.RejectReason;

/**
 * The gateway kernel's contract, on every backend: the Java twin called directly and the C source on an OpenCL or
 * CUDA device (request, then block sums, their prefix and the crossings). Expected values are worked out by hand from
 * the rules in Gateway's documentation; random cases compare the two backends column by column.
 */
class GatewayTest {
    private static final long TICK = 10_000; // 0.01 credits
    private static final long CREDIT = 1_000_000;
    private static final int GROUP = 256;

    /** One broker range in plain columns, with its per-range parameters and limits. */
    private static final class Range {
        final long[] cash;
        final int[] inventory;
        final int[] status;
        final int[] bucket;
        final int[] reputation;
        int from;
        int to;
        int last = 2000;
        int anchor = 2000;
        long price = 20 * CREDIT;
        long rate = CREDIT;
        int fee = 0;
        int band = 0;
        int maxUnits = 10;
        int maxPosition = 20;
        long target = 0;
        /** The scope's spend limit, which caps the currency legs below the target. */
        long spend = Long.MAX_VALUE;
        /** The scope's largest order (0: the broker's market is outside its scope). */
        int largest = Integer.MAX_VALUE;
        /** The token bucket's size (thousandths of an order; 0: no rate limit). */
        int capacity = 0;
        /** The open-access rule, or null for brokers. */
        Gateway.Crossers open = null;

        Range(long[] cash, int[] inventory, int[] status) {
            this.cash = cash;
            this.inventory = inventory;
            this.status = status;
            this.to = cash.length;
            this.bucket = new int[cash.length];
            this.reputation = new int[cash.length];
            java.util.Arrays.fill(reputation, 1_000_000);
        }

        Eligibility.Limits limits() {
            return new Eligibility.Limits(largest, spend, maxPosition, capacity, 0, Integer.MAX_VALUE, Long.MAX_VALUE,
                    Integer.MAX_VALUE);
        }

        /** The kernels' eligibility arguments, as DeviceBackend passes them. */
        Object[] limitArgs() {
            Eligibility.Limits l = limits();
            return new Object[] {l.largest(), l.spendLimit(), l.maxPosition(), l.capacity(), l.probationBelow(),
                l.probationLargest(), l.probationSpendLimit(), l.probationMaxPosition()};
        }

        /** Compute at {@code price} credits outside (anchor in ticks), a 1% fee and its band, 2 units per agent. */
        Range outside(int price) {
            anchor = price * 100;
            this.price = price * CREDIT;
            fee = 100;
            band = price; // ceil(price x 100 ticks x 1%)
            maxUnits = 2;
            return this;
        }

        Range openAccess() {
            open = CROSSERS;
            return this;
        }

        /** The kernels' open-access arguments: open_access, threshold_min, threshold_max, k0, k1. */
        Object[] openArgs() {
            return open == null ? new Object[] {0, 0, 0, 0, 0} : new Object[] {1, open.thresholdMin(),
                open.thresholdMax(), open.keyLo(), open.keyHi()};
        }

        long[] request(String backend) {
            long[] out = new long[Gateway.REQUESTS];
            if (backend.equals("java")) {
                Gateway.request(from, to, last, TICK, anchor, price, rate, fee, band, maxUnits, target, open,
                        limits(), cash, inventory, status, bucket, reputation, out, 0);
            } else {
                KernelBackends.of(backend).run("gateway_request", to - from, true, args(new Object[] {from, to, last,
                    TICK, anchor, price, rate, fee, band, maxUnits, target}, openArgs(), limitArgs(),
                    new Object[] {cash, inventory, status, bucket, reputation, out, 0}));
            }
            return out;
        }

        /** Pass 2 with the leg fractions {@code fills} (export, import, sell, buy); returns the flows. */
        long[] apply(String backend, long... fills) {
            long[] out = new long[Gateway.FLOWS];
            if (backend.equals("java")) {
                Gateway.apply(from, to, last, TICK, anchor, price, rate, fee, band, maxUnits, target, open, limits(),
                        fills[0], fills[1], fills[2], fills[3], new long[Gateway.LEGS], cash, inventory, status,
                        bucket, reputation, out, 0);
            } else {
                DeviceKernels cl = KernelBackends.of(backend);
                int blocks = (to - from + GROUP - 1) / GROUP;
                long[] blockSums = new long[Gateway.LEGS * blocks];
                cl.run("gateway_block_sums", to - from, true, args(new Object[] {from, to, 0, last, anchor, TICK, fee,
                    band, maxUnits, target}, openArgs(), limitArgs(), new Object[] {cash, inventory, status, bucket,
                    reputation, blockSums}));
                cl.run("gateway_block_prefix", 1, false, 1, new int[] {0}, new int[] {blocks}, blockSums);
                cl.run("gateway_apply", to - from, true, args(new Object[] {from, to, 0, last, TICK, anchor, price,
                    rate, fee, band, maxUnits, target}, openArgs(), limitArgs(), new Object[] {fills[0], fills[1],
                    fills[2], fills[3], blockSums, cash, inventory, status, bucket, reputation, out, 0}));
            }
            return out;
        }

        private static Object[] args(Object[]... parts) {
            return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray();
        }
    }

    /**
     * The good is dearer outside (anchor 21.00 over 20.00, beyond the 1% fee's 21 ticks): each broker exports
     * min(inventory, 2), 8 units in all, but the cap lets 5/8 of them cross. Cumulative rounding in index order
     * gives floor(2 x 5/8) = 1, floor(4 x 5/8) - 1 = 1, floor(6 x 5/8) - 2 = 1, floor(8 x 5/8) - 3 = 2: exactly 5.
     */
    @ParameterizedTest
    @ValueSource(strings = {"java", "opencl", "cuda"})
    void exportsAtTheExternalPriceByCumulativeRoundingOfTheCap(String backend) {
        Range r = new Range(new long[4], new int[] {5, 5, 5, 3}, new int[4]).outside(21);
        long[] req = r.request(backend);
        assertEquals(8 * 2000 * TICK, req[Gateway.VALUE], "8 units at the internal price");
        assertEquals(0, req[Gateway.PAY], "exports cost the principal nothing");
        assertEquals(8, req[Gateway.EXPORT_UNITS]);
        long[] flows = r.apply(backend, Gateway.ONE / 8 * 5, 0, 0, 0);
        assertArrayEquals(new int[] {4, 4, 4, 1}, r.inventory);
        assertEquals(5, flows[Gateway.EXPORTED]);
        assertEquals(105 * CREDIT, flows[Gateway.EXPORT_EM], "5 x 21.00 external credits");
        assertEquals(1_050_000, flows[Gateway.EXPORT_FEES], "1% of 105");
        assertEquals(0, flows[Gateway.IMPORTED] + flows[Gateway.SOLD_AC] + flows[Gateway.BOUGHT_AC]);
    }

    /** Killed (1), pending (2) and refused (3) brokers do not cross, and take no place in the queue. */
    @ParameterizedTest
    @ValueSource(strings = {"java", "opencl", "cuda"})
    void onlyActiveBrokersCross(String backend) {
        Range r = new Range(new long[5], new int[] {5, 5, 5, 5, 5}, new int[] {0, 1, 2, 3, 0});
        r.anchor = 2100;
        r.maxUnits = 2;
        assertEquals(4, r.request(backend)[Gateway.EXPORT_UNITS]);
        long[] flows = r.apply(backend, Gateway.ONE / 4 * 3, 0, 0, 0); // floor(2 x 3/4) = 1, floor(4 x 3/4) - 1 = 2
        assertArrayEquals(new int[] {4, 5, 5, 5, 3}, r.inventory);
        assertEquals(3, flows[Gateway.EXPORTED]);
    }

    /**
     * The one check on the brokers: killed (1) and pending (2) ones do not cross, nor does an active one with an
     * empty token bucket; the killed and the rate-limited are counted by reason, and each broker that crosses spends
     * one token. Then a scope that leaves out the brokers' market (largest order 0): nobody crosses, the active
     * brokers with legs are counted as out of scope.
     */
    @ParameterizedTest
    @ValueSource(strings = {"java", "opencl", "cuda"})
    void killedOutOfScopeAndRateLimitedBrokersDoNotCrossAndAreCounted(String backend) {
        Range r = new Range(new long[5], new int[] {5, 5, 5, 5, 5}, new int[] {0, 1, 0, 0, 2});
        r.anchor = 2100;
        r.maxUnits = 2;
        r.capacity = 2000;
        System.arraycopy(new int[] {1000, 1000, 999, 1500, 1000}, 0, r.bucket, 0, 5);
        assertEquals(4, r.request(backend)[Gateway.EXPORT_UNITS], "agents 0 and 3, two units each");
        long[] flows = r.apply(backend, Gateway.ONE, 0, 0, 0);
        assertArrayEquals(new int[] {3, 5, 5, 3, 5}, r.inventory);
        assertArrayEquals(new int[] {0, 1000, 999, 500, 1000}, r.bucket, "a token for each broker that crossed");
        assertEquals(1, flows[Gateway.REJECTS + RejectReason.KILLED.ordinal()]);
        assertEquals(1, flows[Gateway.REJECTS + RejectReason.RATE_LIMIT.ordinal()]);
        assertEquals(0, flows[Gateway.REJECTS + RejectReason.SCOPE.ordinal()], "pending agents are not counted");

        Range out = new Range(new long[5], new int[] {5, 5, 5, 5, 5}, new int[] {0, 1, 0, 0, 2});
        out.anchor = 2100;
        out.largest = 0;
        assertEquals(0, out.request(backend)[Gateway.VALUE]);
        flows = out.apply(backend, Gateway.ONE, 0, 0, 0);
        assertArrayEquals(new int[] {5, 5, 5, 5, 5}, out.inventory);
        assertEquals(3, flows[Gateway.REJECTS + RejectReason.SCOPE.ordinal()]);
        assertEquals(1, flows[Gateway.REJECTS + RejectReason.KILLED.ordinal()]);
    }

    /**
     * The good is cheaper outside (anchor 16.00): brokers with room import up to 5 units (5 and 2; the third is at
     * its position cap of 20). The first is short of agent currency (10 < 100 / 2) and buys 90; the third holds
     * more than twice its target and sells 300 - 100 = 200, capped at the leg cap of 100. Rate 2 EM per credit, fee
     * 0.5%. Half the paying legs cross: imports floor(5/2) = 2 then floor(7/2) - 2 = 1; the buy 45 credits for
     * 90 EM (+0.45 fee); the sale crosses whole: 100 credits for 200 EM (+1 fee).
     */
    @ParameterizedTest
    @ValueSource(strings = {"java", "opencl", "cuda"})
    void importsAndConvertsCurrencyWithFeesAndBudget(String backend) {
        Range r = new Range(new long[] {10 * CREDIT, 60 * CREDIT, 300 * CREDIT}, new int[] {0, 18, 20}, new int[3]);
        r.anchor = 1600;
        r.price = 16 * CREDIT;
        r.rate = 2 * CREDIT;
        r.fee = 50;
        r.band = 8;
        r.maxUnits = 5;
        r.target = 100 * CREDIT;
        r.spend = 100 * CREDIT;
        long[] req = r.request(backend);
        assertEquals(7 * 2000 * TICK + 100 * CREDIT + 90 * CREDIT, req[Gateway.VALUE]);
        // imports 80 + 0.4 and 32 + 0.16, the buy 180 + 0.9 external credits
        assertEquals(80_400_000 + 32_160_000 + 180_900_000, req[Gateway.PAY]);
        assertEquals(7, req[Gateway.IMPORT_UNITS]);
        assertEquals(100 * CREDIT, req[Gateway.SELL_AC]);
        assertEquals(90 * CREDIT, req[Gateway.BUY_AC]);
        long half = Gateway.ONE / 2;
        long[] flows = r.apply(backend, Gateway.ONE, half, Gateway.ONE, half);
        assertArrayEquals(new int[] {2, 19, 20}, r.inventory);
        assertArrayEquals(new long[] {55 * CREDIT, 60 * CREDIT, 200 * CREDIT}, r.cash);
        assertEquals(3, flows[Gateway.IMPORTED]);
        assertEquals(48 * CREDIT, flows[Gateway.IMPORT_EM]);
        assertEquals(160_000 + 80_000, flows[Gateway.IMPORT_FEES], "0.5% of 32 and of 16, agent by agent");
        assertEquals(100 * CREDIT, flows[Gateway.SOLD_AC]);
        assertEquals(200 * CREDIT, flows[Gateway.SOLD_EM]);
        assertEquals(CREDIT, flows[Gateway.SOLD_FEES]);
        assertEquals(45 * CREDIT, flows[Gateway.BOUGHT_AC]);
        assertEquals(90 * CREDIT, flows[Gateway.BOUGHT_EM]);
        assertEquals(450_000, flows[Gateway.BOUGHT_FEES]);
    }

    /** Within the band (or with nothing to move) nothing crosses, and a zero fraction moves nothing. */
    @ParameterizedTest
    @ValueSource(strings = {"java", "opencl", "cuda"})
    void nothingCrossesInsideTheBandOrAtAZeroFraction(String backend) {
        Range r = new Range(new long[] {70 * CREDIT, 70 * CREDIT}, new int[] {5, 5}, new int[2]);
        r.anchor = 2010;
        r.band = 10;
        r.target = 100 * CREDIT;
        r.spend = 100 * CREDIT;
        long[] req = r.request(backend);
        assertEquals(0, req[Gateway.VALUE], "a gap of 10 ticks does not exceed the band; cash within [T/2, 2T]");
        r.anchor = 2011;
        assertEquals(10, r.request(backend)[Gateway.EXPORT_UNITS]);
        long[] flows = r.apply(backend, 0, 0, 0, 0);
        assertEquals(0, flows[Gateway.EXPORTED]);
        assertArrayEquals(new int[] {5, 5}, r.inventory);
    }

    /** The thresholds of agents 0-4 under the open-access rule of the tests below: [60, 99] ticks, key (12345, 678). */
    private static final Gateway.Crossers CROSSERS = new Gateway.Crossers(60, 99, 12345, 678);

    @org.junit.jupiter.api.Test
    void openAccessThresholdsAreDrawnPerAgentFromTheGatewaysKey() {
        int[] scratch = org.vaesim.kernels.rng.Philox.agentWordScratch();
        int[] drawn = new int[5];
        for (int i = 0; i < 5; i++) {
            drawn[i] = CROSSERS.threshold(i, scratch);
        }
        assertArrayEquals(new int[] {80, 69, 91, 94, 64}, drawn);
        int[] otherSeed = new int[5];
        Gateway.Crossers other = new Gateway.Crossers(60, 99, 12346, 678);
        for (int i = 0; i < 5; i++) {
            otherSeed[i] = other.threshold(i, scratch);
        }
        assertTrue(!java.util.Arrays.equals(drawn, otherSeed), "another seed's key draws other thresholds");
    }

    /**
     * Open access, dearer outside: 21.00 against 20.00 (a gap of 100 ticks), a 1% fee (band 21 ticks), so an agent
     * exports when 21 + its threshold < 100. Thresholds 80, 69, 91, 94, 64 (above): agents 1 and 4 cross, agent 0
     * (80) does not. Agent 1 exports min(5, 2) = 2 units, agent 4 its only unit. Each receives u x - fee(u x) at
     * u = 21 credits: 42 - 0.42 = 41.58 and 21 - 0.21 = 20.79 credits, out of offshore; the external market pays
     * 63 EM for the goods, 0.63 EM of fees go to the fee account, and 62.37 EM buy the agents' 62.37 credits.
     */
    @ParameterizedTest
    @ValueSource(strings = {"java", "opencl", "cuda"})
    void openAccessAgentsExportWhenTheGapBeatsTheirOwnThreshold(String backend) {
        Range r = new Range(new long[5], new int[] {5, 5, 5, 5, 1}, new int[5]).outside(21).openAccess();
        long[] req = r.request(backend);
        assertEquals(3 * 2000 * TICK, req[Gateway.VALUE], "3 units at the internal price, for the caps");
        assertEquals(0, req[Gateway.PAY], "open-access agents pay no external money");
        assertEquals(3, req[Gateway.EXPORT_UNITS]);
        assertEquals(63 * CREDIT, req[Gateway.BUY_AC], "the most agent currency the exports draw from offshore");
        long[] flows = r.apply(backend, Gateway.ONE, Gateway.ONE, 0, 0);
        assertArrayEquals(new int[] {5, 3, 5, 5, 0}, r.inventory);
        assertArrayEquals(new long[] {0, 41_580_000, 0, 0, 20_790_000}, r.cash);
        assertEquals(3, flows[Gateway.EXPORTED]);
        assertEquals(63 * CREDIT, flows[Gateway.EXPORT_EM]);
        assertEquals(630_000, flows[Gateway.EXPORT_FEES]);
        assertEquals(62_370_000, flows[Gateway.BOUGHT_AC]);
        assertEquals(62_370_000, flows[Gateway.BOUGHT_EM], "the proceeds net of the fee buy the agent currency");
        assertEquals(0, flows[Gateway.BOUGHT_FEES] + flows[Gateway.IMPORTED] + flows[Gateway.SOLD_AC]);
        assertEquals(2, flows[Gateway.CROSSED]);
        // the cap lets 2/3 of the units cross: floor(2 x 2/3) = 1 for agent 1, floor(3 x 2/3) - 1 = 1 for agent 4
        Range capped = new Range(new long[5], new int[] {5, 5, 5, 5, 1}, new int[5]).outside(21).openAccess();
        flows = capped.apply(backend, Gateway.ONE * 2 / 3 + 1, 0, 0, 0);
        assertArrayEquals(new int[] {5, 4, 5, 5, 0}, capped.inventory);
        assertEquals(2, flows[Gateway.EXPORTED]);
    }

    /**
     * Open access, cheaper outside: 19.00 against 20.00, band ceil(19 x 1%) = 19 ticks; an agent imports when 19 + its
     * threshold < 100: agents 0 (80, just), 1 (69) and 4 (64). A unit costs at most u + ceil(u x 1%) = 19.19 credits:
     * agent 0 (100 credits) affords 5 and imports its max_units 2 for 38 + 0.38 = 38.38 credits; agent 1 (30
     * credits) affords 1, for 19.19; agent 4 has no cash and does nothing. The 57.57 credits go offshore and buy
     * 57.57 EM, which pay 57 EM for the goods and 0.57 EM of fees.
     */
    @ParameterizedTest
    @ValueSource(strings = {"java", "opencl", "cuda"})
    void openAccessAgentsImportWhatTheirCashPaysFor(String backend) {
        Range r = new Range(new long[] {100 * CREDIT, 30 * CREDIT, 100 * CREDIT, 100 * CREDIT, 0},
                new int[] {5, 5, 5, 5, 0}, new int[5]).outside(19).openAccess();
        long[] req = r.request(backend);
        assertEquals(3, req[Gateway.IMPORT_UNITS]);
        assertEquals(0, req[Gateway.PAY] + req[Gateway.BUY_AC]);
        long[] flows = r.apply(backend, Gateway.ONE, Gateway.ONE, 0, 0);
        assertArrayEquals(new int[] {7, 6, 5, 5, 0}, r.inventory);
        assertArrayEquals(new long[] {61_620_000, 10_810_000, 100 * CREDIT, 100 * CREDIT, 0}, r.cash);
        assertEquals(3, flows[Gateway.IMPORTED]);
        assertEquals(57 * CREDIT, flows[Gateway.IMPORT_EM]);
        assertEquals(570_000, flows[Gateway.IMPORT_FEES]);
        assertEquals(57_570_000, flows[Gateway.SOLD_AC]);
        assertEquals(57_570_000, flows[Gateway.SOLD_EM]);
        assertEquals(2, flows[Gateway.CROSSED]);
    }

    /** Killed and out-of-scope open-access agents do not cross and are counted, as brokers are. */
    @ParameterizedTest
    @ValueSource(strings = {"java", "opencl", "cuda"})
    void killedAndOutOfScopeOpenAccessAgentsDoNotCross(String backend) {
        Range r = new Range(new long[5], new int[] {5, 5, 5, 5, 1}, new int[] {0, 1, 0, 0, 0}).outside(21)
                .openAccess();
        long[] flows = r.apply(backend, Gateway.ONE, Gateway.ONE, 0, 0);
        assertArrayEquals(new int[] {5, 5, 5, 5, 0}, r.inventory, "agent 1 is killed; agent 4 still crosses");
        assertEquals(1, flows[Gateway.REJECTS + RejectReason.KILLED.ordinal()]);
        Range out = new Range(new long[5], new int[] {5, 5, 5, 5, 1}, new int[5]).outside(21).openAccess();
        out.largest = 0;
        flows = out.apply(backend, Gateway.ONE, Gateway.ONE, 0, 0);
        assertArrayEquals(new int[] {5, 5, 5, 5, 1}, out.inventory);
        assertEquals(2, flows[Gateway.REJECTS + RejectReason.SCOPE.ordinal()]);
    }

    /** Random ranges off the work-group grid: the C kernels and the twin agree on every output and column. */
    @ParameterizedTest
    @CsvSource({"1, opencl", "2, opencl", "3, opencl", "4, opencl", "5, opencl", "1, cuda", "2, cuda", "3, cuda",
        "4, cuda", "5, cuda", "-1, opencl", "-2, opencl", "-3, opencl", "-1, cuda", "-2, cuda"})
    void twinAndKernelAgreeOnRandomRanges(long seed, String device) {
        // negative seeds: open-access ranges (thresholds drawn in the kernel, goods settled in agent currency)
        boolean open = seed < 0;
        seed = Math.abs(seed);
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 3001;
        long[] cash = rnd.longs(n, 0, 400 * CREDIT).toArray();
        int[] inventory = rnd.ints(n, -3, 25).toArray();
        int[] status = rnd.ints(n, 0, 10).map(x -> x < 2 ? x + 1 : 0).toArray();
        Range a = new Range(cash.clone(), inventory.clone(), status.clone());
        Range b = new Range(cash.clone(), inventory.clone(), status.clone());
        for (Range r : new Range[] {a, b}) {
            SplittableRandom p = new SplittableRandom(seed * 31);
            r.from = 37;
            r.to = n - 11;
            r.last = 1900 + p.nextInt(200);
            r.anchor = 1900 + p.nextInt(200);
            r.price = 15 * CREDIT + p.nextLong(10 * CREDIT);
            r.rate = CREDIT / 2 + p.nextLong(2 * CREDIT);
            r.fee = p.nextInt(1001);
            r.band = p.nextInt(20);
            r.maxUnits = 1 + p.nextInt(12);
            r.maxPosition = 10 + p.nextInt(15);
            r.target = open ? 0 : 100 * CREDIT;
            r.spend = 50 * CREDIT + p.nextLong(50 * CREDIT);
            if (open) { // a gap of 50 to 150 ticks either way, against thresholds of 0 to 99
                r.anchor = r.last + (p.nextBoolean() ? 1 : -1) * (50 + p.nextInt(100));
                int lo = p.nextInt(40);
                r.open = new Gateway.Crossers(lo, lo + p.nextInt(60), (int) seed * 7919, 31);
            }
        }
        assertArrayEquals(a.request("java"), b.request(device), "request sums");
        long[] fills = {rnd.nextLong(Gateway.ONE + 1), rnd.nextLong(Gateway.ONE + 1), rnd.nextLong(Gateway.ONE + 1),
            rnd.nextLong(Gateway.ONE + 1)};
        long[] before = a.request("java");
        long[] fa = a.apply("java", fills);
        long[] fb = b.apply(device, fills);
        assertArrayEquals(fa, fb, "flows");
        assertArrayEquals(a.cash, b.cash, "cash");
        assertArrayEquals(a.inventory, b.inventory, "inventory");
        // cumulative rounding fills each leg's total to exactly floor(total x fraction)
        assertEquals(Gateway.scale(before[Gateway.EXPORT_UNITS], fills[0]), fa[Gateway.EXPORTED]);
        assertEquals(Gateway.scale(before[Gateway.IMPORT_UNITS], fills[1]), fa[Gateway.IMPORTED]);
        if (!open) {
            assertEquals(Gateway.scale(before[Gateway.SELL_AC], fills[2]), fa[Gateway.SOLD_AC]);
            assertEquals(Gateway.scale(before[Gateway.BUY_AC], fills[3]), fa[Gateway.BOUGHT_AC]);
        } else { // the exports' agent currency stays within the offshore draw bound at the export fraction
            assertTrue(fa[Gateway.BOUGHT_AC] <= Gateway.scale(before[Gateway.BUY_AC], fills[0]));
        }
        assertTrue(fa[Gateway.EXPORTED] + fa[Gateway.IMPORTED] + fa[Gateway.SOLD_AC] + fa[Gateway.BOUGHT_AC] > 0,
                "the case moves something");
    }

    /** The split arithmetic is exact where the naive products would overflow. */
    @ParameterizedTest
    @ValueSource(longs = {0, 1, 999_999, 1_000_000, (1L << 40) - 1, (1L << 60) + 12_345})
    void scaleAndConversionsAreExact(long x) {
        java.math.BigInteger big = java.math.BigInteger.valueOf(x);
        long f = Gateway.ONE / 3 * 2 + 7;
        assertEquals(big.multiply(java.math.BigInteger.valueOf(f)).shiftRight(30).longValue(), Gateway.scale(x, f));
        if (x < (1L << 41)) {
            long rate = 999_999_937L;
            java.math.BigInteger[] qr = big.multiply(java.math.BigInteger.valueOf(rate))
                    .divideAndRemainder(java.math.BigInteger.valueOf(1_000_000));
            assertEquals(qr[0].longValue(), Gateway.convertDown(x, rate));
            assertEquals(qr[0].longValue() + (qr[1].signum() != 0 ? 1 : 0), Gateway.convertUp(x, rate));
        }
    }
}
