package org.vaesim.kernels.relationships;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vaesim.kernels.KernelBackends;
import org.vaesim.kernels.exchange.Exchange;
import org.vaesim.kernels.rng.Philox;

/**
 * The relationship passes' contract, on every backend: the Java twins called directly (in two pieces, as the Java
 * backend's chunks) and the C sources on an OpenCL or CUDA device. Known answers are worked out by hand from the
 * rules in {@link Relationships}; random economies check the invariants (nobody trades twice in an epoch, money and
 * goods conserved, partners symmetric) and that the backends leave identical columns.
 */
class RelationshipsTest {
    private static final long TICK = 10_000; // 0.01 credits
    private static final long ALWAYS = 1L << 32;

    /** An economy of buyers [0, nb) and sellers [nb, nb + ns) in plain columns, and the passes' state. */
    private static final class Economy {
        final RelationshipsPlan plan;
        final long[] cash;
        final int[] inventory;
        final int[] status;
        final int[] buyerPartner;
        final int[] sellerPartner;
        final int[] traded;

        Economy(int nb, int ns, int lo, int hi, long loyalty, long buyerCash, int sellerGoods) {
            plan = new RelationshipsPlan(0, nb, nb, ns, 0, TICK, lo, hi, loyalty, 0x1234567, 0x7654321);
            cash = new long[nb + ns];
            inventory = new int[nb + ns];
            status = new int[nb + ns];
            Arrays.fill(cash, 0, nb, buyerCash);
            Arrays.fill(inventory, nb, nb + ns, sellerGoods);
            buyerPartner = new int[nb];
            sellerPartner = new int[ns];
            traded = new int[nb];
            Arrays.fill(buyerPartner, Relationships.SINGLE);
            Arrays.fill(sellerPartner, Relationships.SINGLE);
        }

        /** One epoch's three passes at {@code last} ticks. */
        void epoch(String backend, int last, int epoch) {
            RelationshipsPlan p = plan;
            int nb = p.buyers();
            if (backend.equals("java")) {
                int half = nb / 2; // two pieces, as two chunks of the Java backend
                Relationships.keep(0, half, p, last, epoch, cash, inventory, status, buyerPartner, sellerPartner,
                        traded, new int[4]);
                Relationships.keep(half, nb, p, last, epoch, cash, inventory, status, buyerPartner, sellerPartner,
                        traded, new int[4]);
                Relationships.match(half, nb, p, last, epoch, cash, inventory, status, buyerPartner, sellerPartner,
                        traded, new int[4]);
                Relationships.match(0, half, p, last, epoch, cash, inventory, status, buyerPartner, sellerPartner,
                        traded, new int[4]);
                Relationships.release(0, p.sides(), p, buyerPartner, sellerPartner);
                return;
            }
            var d = KernelBackends.of(backend);
            d.run("relationships_keep", nb, true, 0, nb, p.buyersStart(), p.sellersStart(), p.tickSize(),
                    p.valueMinTick(), p.valueMaxTick(), p.loyalty(), p.k0(), p.k1(), last, epoch, cash, inventory,
                    status, buyerPartner, sellerPartner, traded);
            d.run("relationships_match", nb, true, 0, nb, p.buyersStart(), p.sellersStart(), p.sellers(), p.sides(),
                    Exchange.halfBits(p.sides()), p.tickSize(), p.valueMinTick(), p.valueMaxTick(), p.loyalty(),
                    p.k0(), p.k1(), last, epoch, cash, inventory, status, buyerPartner, sellerPartner, traded);
            d.run("relationships_release", p.sides(), true, 0, p.sides(), nb, p.sellers(), buyerPartner,
                    sellerPartner);
        }

        long money() {
            return Arrays.stream(cash).sum();
        }

        long goods() {
            return Arrays.stream(inventory).asLongStream().sum();
        }
    }

    /**
     * Two buyers and two sellers who all value the good at 5.00, trading at 5.00 with full loyalty: in epoch 0 each
     * buyer meets its permuted seller and buys one unit (FIRST); in epoch 1 each trades with the same seller again
     * (REPEAT) although that epoch's permutation pairs them otherwise in some epochs; in epoch 2 the sellers' two
     * units are gone, the pairs part and are single again, and in epoch 3 nobody trades.
     */
    @ParameterizedTest
    @ValueSource(strings = {"java", "opencl", "cuda"})
    void partnersTradeAgainUntilTheTradeNoLongerHappens(String backend) {
        Economy e = new Economy(2, 2, 500, 500, ALWAYS, 100 * 1_000_000L, 2);
        e.epoch(backend, 500, 0);
        assertArrayEquals(new int[] {Relationships.FIRST, Relationships.FIRST}, e.traded);
        int s0 = e.buyerPartner[0];
        assertTrue(s0 == 0 || s0 == 1, "buyer 0 has a partner");
        assertEquals(1 - s0, e.buyerPartner[1], "the permutation gives each buyer its own seller");
        assertEquals(0, e.sellerPartner[s0]);
        assertEquals(1, e.sellerPartner[1 - s0]);
        assertArrayEquals(new long[] {95_000_000, 95_000_000, 5_000_000, 5_000_000}, e.cash, "5.00 a unit");
        assertArrayEquals(new int[] {1, 1, 1, 1}, e.inventory);
        e.epoch(backend, 500, 1);
        assertArrayEquals(new int[] {Relationships.REPEAT, Relationships.REPEAT}, e.traded);
        assertEquals(s0, e.buyerPartner[0], "the same partner again");
        assertArrayEquals(new int[] {2, 2, 0, 0}, e.inventory);
        e.epoch(backend, 500, 2);
        assertArrayEquals(new int[] {Relationships.NONE, Relationships.NONE}, e.traded, "no goods left");
        assertArrayEquals(new int[] {Relationships.SINGLE, Relationships.SINGLE}, e.buyerPartner);
        assertArrayEquals(new int[] {Relationships.SINGLE, Relationships.SINGLE}, e.sellerPartner);
        e.epoch(backend, 500, 3);
        assertArrayEquals(new int[] {Relationships.NONE, Relationships.NONE}, e.traded);
        assertEquals(200_000_000, e.money());
    }

    /**
     * The price must lie in [cost, value]: with every value and cost 5.00, nobody trades at 4.99 or 5.01 (the
     * seller's cost, then the buyer's value, is not met), nor at 5.00 when a buyer lacks the 5.00 or is stopped.
     */
    @ParameterizedTest
    @ValueSource(strings = {"java", "opencl", "cuda"})
    void noTradeOutsideCostAndValueOrWithoutMoneyOrWhenStopped(String backend) {
        Economy e = new Economy(2, 2, 500, 500, ALWAYS, 100 * 1_000_000L, 5);
        e.epoch(backend, 499, 0);
        e.epoch(backend, 501, 1);
        assertArrayEquals(new int[] {0, 0, 5, 5}, e.inventory);
        Economy poor = new Economy(2, 2, 500, 500, ALWAYS, 4_999_999, 5);
        poor.status[0] = 1; // killed; buyer 1 has 0.01 too little
        poor.epoch(backend, 500, 0);
        assertArrayEquals(new int[] {0, 0, 5, 5}, poor.inventory);
        assertArrayEquals(new int[] {Relationships.SINGLE, Relationships.SINGLE}, poor.buyerPartner);
    }

    /**
     * With loyalty 0 a pair parts after its first trade, and the agents meet nobody new in the epoch they parted:
     * every trade is a FIRST one and nobody keeps a partner.
     */
    @ParameterizedTest
    @ValueSource(strings = {"java", "opencl", "cuda"})
    void withoutLoyaltyEveryTradeIsWithSomeoneNew(String backend) {
        Economy e = new Economy(64, 64, 400, 600, 0, 1000 * 1_000_000L, 50);
        long trades = 0;
        for (int epoch = 0; epoch < 10; epoch++) {
            e.epoch(backend, 500, epoch);
            for (int t : e.traded) {
                assertNotEquals(Relationships.REPEAT, t);
                trades += t == Relationships.FIRST ? 1 : 0;
            }
            assertTrue(Arrays.stream(e.buyerPartner).allMatch(s -> s == Relationships.SINGLE));
        }
        assertTrue(trades > 0, "some pairs met with value >= 5.00 >= cost");
        assertEquals(64 * 50 - trades, Arrays.stream(e.inventory, 64, 128).sum());
    }

    /**
     * Random economies (more buyers than sellers, fewer, a stopped agent here and there, prices that move), over 30
     * epochs: nobody trades more than one unit an epoch, money and goods are conserved, every partnership is named by
     * both sides, and the device leaves exactly the Java twins' columns.
     */
    @ParameterizedTest
    @ValueSource(strings = {"opencl", "cuda"})
    void randomEconomiesKeepTheInvariantsAndMatchTheJavaTwins(String backend) {
        SplittableRandom rnd = new SplittableRandom(17);
        for (int[] size : new int[][] {{300, 200}, {200, 333}, {1000, 1000}}) {
            Economy j = new Economy(size[0], size[1], 420, 580, Philox.probabilityThreshold(0.8), 60_000_000, 8);
            Economy d = new Economy(size[0], size[1], 420, 580, Philox.probabilityThreshold(0.8), 60_000_000, 8);
            for (int k = 0; k < j.status.length; k++) {
                j.status[k] = d.status[k] = rnd.nextInt(20) == 0 ? 1 : 0;
            }
            long money = j.money();
            long goods = j.goods();
            long repeats = 0;
            for (int epoch = 0; epoch < 30; epoch++) {
                int last = 440 + rnd.nextInt(120);
                int[] before = j.inventory.clone();
                j.epoch("java", last, epoch);
                d.epoch(backend, last, epoch);
                for (int k = 0; k < before.length; k++) {
                    assertTrue(Math.abs(j.inventory[k] - before[k]) <= 1, "agent " + k + " traded twice");
                }
                assertEquals(money, j.money());
                assertEquals(goods, j.goods());
                for (int b = 0; b < j.buyerPartner.length; b++) {
                    int s = j.buyerPartner[b];
                    assertTrue(s == Relationships.SINGLE || j.sellerPartner[s] == b, "buyer " + b);
                }
                assertArrayEquals(j.cash, d.cash, "epoch " + epoch);
                assertArrayEquals(j.inventory, d.inventory, "epoch " + epoch);
                assertArrayEquals(j.buyerPartner, d.buyerPartner, "epoch " + epoch);
                assertArrayEquals(j.sellerPartner, d.sellerPartner, "epoch " + epoch);
                assertArrayEquals(j.traded, d.traded, "epoch " + epoch);
                repeats += Arrays.stream(j.traded).filter(t -> t == Relationships.REPEAT).count();
            }
            assertTrue(repeats > 0, "some partners traded again");
        }
    }
}
