package org.vaesim.kernels.gate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.vaesim.kernels.memory.Population;

class GateTest {
    private static final long TICK = 10_000;

    @Test
    void rejectsEachViolationAndCountsItsReason() {
        // agent 0: affordable bid; 1: bid one micro-credit short of notional + fee; 2: ask beyond inventory;
        // 3: bid that would exceed the position limit; 4: self-crossing pair; 5: ask within the short allowance
        long[] cash = {100 * TICK, 10 * 10 * TICK + 10 * 10 * TICK * 50 / 10_000 - 1, 0, 1_000 * TICK, 1_000 * TICK, 0};
        int[] inventory = {0, 0, 3, 9, 5, 0};
        int[] bidTick = {10, 10, 0, 10, 12, 0};
        int[] bidQty = {5, 10, 0, 2, 1, 0};
        int[] askTick = {0, 0, 10, 0, 11, 10};
        int[] askQty = {0, 0, 4, 0, 1, 2};
        long[] rejects = new long[RejectReason.COUNT];
        Gate.gate(0, 6, TICK, 50, 10, 2, Integer.MAX_VALUE, Long.MAX_VALUE, 0, 0, 0, Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE, 0, 0, cash, inventory, new int[6], new int[6], new int[cash.length], bidTick, bidQty, askTick,
                askQty, rejects);
        assertArrayEquals(new int[] {5, 0, 0, 0, 0, 0}, bidQty);
        assertArrayEquals(new int[] {0, 0, 4, 0, 0, 2}, askQty, "agent 2 may sell 3 held + 2 short");
        assertEquals(2, rejects[RejectReason.SELF_CROSS.ordinal()]);
        assertEquals(1, rejects[RejectReason.POSITION.ordinal()]);
        assertEquals(1, rejects[RejectReason.BUDGET.ordinal()]);
        assertEquals(0, rejects[RejectReason.INVENTORY.ordinal()]);
    }

    @Test
    void askBeyondHoldingsAndShortAllowanceIsRejected() {
        long[] cash = {0};
        int[] inventory = {1};
        int[] askQty = {4};
        long[] rejects = new long[RejectReason.COUNT];
        Gate.gate(0, 1, TICK, 0, 10, 2, Integer.MAX_VALUE, Long.MAX_VALUE, 0, 0, 0, Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE, 0, 0, cash, inventory, new int[1], new int[1], new int[cash.length], new int[1], new int[1],
                new int[] {5}, askQty, rejects);
        assertEquals(0, askQty[0]);
        assertEquals(1, rejects[RejectReason.INVENTORY.ordinal()]);
    }

    @Test
    void hugeBidCannotOverflowTheBudgetCheck() {
        long[] cash = {Long.MAX_VALUE / 2};
        int[] bidQty = {Integer.MAX_VALUE};
        long[] rejects = new long[RejectReason.COUNT];
        Gate.gate(0, 1, 1_000_000_000_000L, 0, Integer.MAX_VALUE, 0, Integer.MAX_VALUE, Long.MAX_VALUE, 0, 0, 0, Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE, 0, 0, cash, new int[1], new int[1],
                new int[1], new int[cash.length], new int[] {65_000}, bidQty, new int[1], new int[1], rejects);
        assertEquals(0, bidQty[0]);
        assertEquals(1, rejects[RejectReason.BUDGET.ordinal()]);
    }

    @Test
    void dropsEveryOrderOfAKilledAgentAndNothingElse() {
        long[] cash = {100 * TICK, 100 * TICK};
        int[] inventory = {5, 5};
        int[] status = {Population.KILLED, 0};
        int[] bidQty = {1, 1};
        int[] askQty = {1, 1};
        long[] rejects = new long[RejectReason.COUNT];
        Gate.gate(0, 2, TICK, 0, 100, 0, Integer.MAX_VALUE, Long.MAX_VALUE, 0, 0, 0, Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE, 0, 0, cash, inventory, status, new int[2], new int[cash.length], new int[] {3, 3}, bidQty,
                new int[] {9, 9}, askQty, rejects);
        assertArrayEquals(new int[] {0, 1}, bidQty);
        assertArrayEquals(new int[] {0, 1}, askQty);
        assertEquals(2, rejects[RejectReason.KILLED.ordinal()], "both of the killed agent's orders");
        assertEquals(2, java.util.Arrays.stream(rejects).sum());
    }

    @Test
    void scopeCapsOrderSizeAndSpendPerEpoch() {
        // agent 0: bid of 6 > max order 5; agent 1: bid of 5 at tick 10 = 50 ticks > spend limit 40 ticks;
        // agent 2: ask of 7 > 5; agent 3: bid of 4 at tick 10 = 40 ticks, exactly the limit: accepted
        long[] cash = {1_000 * TICK, 1_000 * TICK, 0, 1_000 * TICK};
        int[] inventory = {0, 0, 10, 0};
        int[] bidQty = {6, 5, 0, 4};
        int[] askQty = {0, 0, 7, 0};
        long[] rejects = new long[RejectReason.COUNT];
        Gate.gate(0, 4, TICK, 0, 100, 0, 5, 40 * TICK, 0, 0, 0, Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE, 0, 0, cash, inventory, new int[4], new int[4], new int[cash.length],
                new int[] {10, 10, 0, 10}, bidQty, new int[] {0, 0, 12, 0}, askQty, rejects);
        assertArrayEquals(new int[] {0, 0, 0, 4}, bidQty);
        assertArrayEquals(new int[] {0, 0, 0, 0}, askQty);
        assertEquals(3, rejects[RejectReason.SCOPE.ordinal()]);
    }

    @Test
    void tokenBucketAllowsItsRateAndBurstAndNoMore() {
        // 0.5 orders per epoch (500 thousandths), burst 2: a full bucket lets two orders through, then one every
        // other epoch. One agent sends a bid every epoch for six epochs.
        long[] cash = {1_000_000 * TICK};
        int[] tokens = {2_000};
        int accepted = 0;
        long[] rejects = new long[RejectReason.COUNT];
        StringBuilder pattern = new StringBuilder();
        for (int epoch = 0; epoch < 6; epoch++) {
            int[] bidQty = {1};
            Gate.gate(0, 1, TICK, 0, Integer.MAX_VALUE, 0, Integer.MAX_VALUE, Long.MAX_VALUE, 500, 2_000, 0, Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE, 0, 0, cash,
                    new int[1], new int[1], tokens, new int[cash.length], new int[] {10}, bidQty, new int[1], new int[1], rejects);
            accepted += bidQty[0];
            pattern.append(bidQty[0]);
        }
        // tokens: 2000 -> (refill capped at 2000) send 1000 -> 1500 send 500 -> 1000 send 0 -> 500 reject ->
        // 1000 send 0 -> 500 reject
        assertEquals("111010", pattern.toString());
        assertEquals(4, accepted);
        assertEquals(2, rejects[RejectReason.RATE_LIMIT.ordinal()]);
    }

    /**
     * Agents 0 and 1 each bid 4 at tick 10 with plenty of cash; the scope allows orders of 5. Probation below
     * reputation 0.5 allows orders of 3: agent 0 (reputation 0.4) is on probation and rejected, agent 1 (0.6)
     * is not.
     */
    @Test
    void probationTightensTheLimitsOfAgentsBelowTheLine() {
        long[] cash = {1_000 * TICK, 1_000 * TICK};
        int[] bidQty = {4, 4};
        int[] reputation = {400_000, 600_000};
        long[] rejects = new long[RejectReason.COUNT];
        Gate.gate(0, 2, TICK, 0, 100, 0, 5, Long.MAX_VALUE, 0, 0, 500_000, Integer.MAX_VALUE, 3, Long.MAX_VALUE,
                0, 0, cash, new int[2], new int[2], new int[2], reputation, new int[] {10, 10}, bidQty, new int[2],
                new int[2], rejects);
        assertArrayEquals(new int[] {0, 4}, bidQty);
        assertEquals(1, rejects[RejectReason.SCOPE.ordinal()]);
    }

    /**
     * Gain 2%, loss 25%, all at reputation 0.8: agent 0 sends an accepted bid (0.8 + 0.2 x 0.02 = 0.804),
     * agent 1 an unaffordable one (0.8 x 0.75 = 0.6), agent 2 nothing (stays 0.8), agent 3 is killed (stays).
     */
    @Test
    void reputationRisesAfterCleanEpochsAndFallsAfterRejections() {
        long[] cash = {1_000 * TICK, 0, 1_000 * TICK, 1_000 * TICK};
        int[] status = {0, 0, 0, Population.KILLED};
        int[] reputation = {800_000, 800_000, 800_000, 800_000};
        Gate.gate(0, 4, TICK, 0, 100, 0, 5, Long.MAX_VALUE, 0, 0, 0, Integer.MAX_VALUE, Integer.MAX_VALUE,
                Long.MAX_VALUE, 20_000, 250_000, cash, new int[4], status, new int[4], reputation,
                new int[] {10, 10, 0, 10}, new int[] {1, 1, 0, 1}, new int[4], new int[4],
                new long[RejectReason.COUNT]);
        assertArrayEquals(new int[] {804_000, 600_000, 800_000, 800_000}, reputation);
    }

    @Test
    void pendingAndRefusedAgentsAreNotInTheEconomy() {
        long[] cash = {1_000 * TICK, 1_000 * TICK, 1_000 * TICK};
        int[] bidQty = {1, 1, 1};
        long[] rejects = new long[RejectReason.COUNT];
        Gate.gate(0, 3, TICK, 0, 100, 0, 5, Long.MAX_VALUE, 0, 0, 0, Integer.MAX_VALUE, Integer.MAX_VALUE,
                Long.MAX_VALUE, 0, 0, cash, new int[3], new int[] {Population.PENDING, Population.REFUSED,
                    Population.KILLED}, new int[3], new int[3], new int[] {10, 10, 10}, bidQty, new int[3],
                new int[3], rejects);
        assertArrayEquals(new int[] {0, 0, 0}, bidQty);
        assertEquals(1, rejects[RejectReason.KILLED.ordinal()], "only the killed agent's order counts");
        assertEquals(1, java.util.Arrays.stream(rejects).sum());
    }
}
