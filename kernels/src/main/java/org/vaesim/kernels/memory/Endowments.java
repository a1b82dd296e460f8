package org.vaesim.kernels.memory;

import java.util.Arrays;

import org.vaesim.kernels.rng.Philox;
import org.vaesim.kernels.rng.Streams;
import org.vaesim.models.population.CohortSpec;
import org.vaesim.models.population.Distribution;

/**
 * The endowments a cohort's agents draw per seed (opt-in: {@link CohortSpec#draws()}). Agent i's draw is a pure
 * function of (seed, i): Philox on the INIT stream at epoch 0, stage {@link Streams#STAGE_ENDOWMENT}, draws 0 and 1
 * for cash and 2 and 3 for inventory, lane i of block i/4, as every per-agent draw. It is made on the host in Java
 * when the population is built, and the population is then copied to whatever backend runs it, so every backend
 * and thread count starts from the same columns. The log-normal uses StrictMath, whose results are the same on every
 * JVM.
 */
public final class Endowments {
    private static final int CASH = 0;
    private static final int INVENTORY = 2;

    private Endowments() {
    }

    /** Sets the drawn fields of agents [start, end) of cohort {@code c}; fields with no distribution are left. */
    public static void draw(CohortSpec c, int start, int end, long seed, long[] cash, int[] inventory) {
        draw(c, start, end, seed, cash, inventory, 0);
    }

    /** {@link #draw}, agent i's values at index {@code i - offset}. */
    private static void draw(CohortSpec c, int start, int end, long seed, long[] cash, int[] inventory, int offset) {
        CohortSpec.Draws d = c.draws();
        if (d == null) {
            return;
        }
        Words words = new Words(seed);
        for (int i = start; i < end; i++) {
            if (d.cash() != null) {
                cash[i - offset] = value(d.cash(), words.get(i, CASH), words.get(i, CASH + 1));
            }
            if (d.inventory() != null) {
                inventory[i - offset] = (int) value(d.inventory(), words.get(i, INVENTORY),
                        words.get(i, INVENTORY + 1));
            }
        }
    }

    /**
     * The cash and the units agents [start, end) of cohort {@code c} start with, summed: the same sums the built
     * population holds, for what needs them without it (a principal's capital, a family's initial wealth).
     */
    public static long[] totals(CohortSpec c, int start, int end, long seed) {
        long[] cash = new long[end - start];
        int[] inventory = new int[end - start];
        of(c, start, end, seed, cash, inventory);
        long[] sums = new long[2];
        for (int k = 0; k < cash.length; k++) {
            sums[0] = Math.addExact(sums[0], cash[k]);
            sums[1] += inventory[k];
        }
        return sums;
    }

    /**
     * The cash and the units each of agents [start, end) of cohort {@code c} starts with, agent i's at index
     * {@code i - start} of {@code cash} and {@code inventory} (each at least {@code end - start} long): the cohort's
     * fixed endowment where it draws none, as the built population holds them at epoch 0.
     */
    public static void of(CohortSpec c, int start, int end, long seed, long[] cash, int[] inventory) {
        Arrays.fill(cash, 0, end - start, c.cash());
        Arrays.fill(inventory, 0, end - start, c.inventory());
        draw(c, start, end, seed, cash, inventory, start);
    }

    /**
     * A draw from two 32-bit words. Uniform: min + floor(u (max - min + 1)) with u of 53 bits. Log-normal: median
     * times e^(sigma z), z standard normal by Box and Muller from the two words as uniforms in (0, 1), rounded to the
     * nearest integer; both kept inside [min, max].
     */
    static long value(Distribution d, int w0, int w1) {
        double x;
        if (d.kind() == Distribution.Kind.UNIFORM) {
            double u = (((long) (w0 >>> 5) << 26) | (w1 >>> 6)) * 0x1.0p-53;
            x = d.min() + Math.floor(u * ((double) (d.max() - d.min()) + 1));
        } else {
            double u1 = ((w0 & 0xFFFFFFFFL) + 0.5) * 0x1.0p-32;
            double u2 = ((w1 & 0xFFFFFFFFL) + 0.5) * 0x1.0p-32;
            double z = StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * StrictMath.PI * u2);
            x = Math.rint(d.median() * StrictMath.exp(d.sigma() * z));
        }
        return Math.clamp((long) Math.min(x, 0x1.0p62), d.min(), d.max());
    }

    /** Agent words for the four endowment draws, each with its own block cache (the counter differs per draw). */
    private static final class Words {
        private final int k0;
        private final int k1;
        private final int[][] scratch = new int[4][];

        Words(long seed) {
            long key = Philox.key(seed, Streams.INIT);
            this.k0 = Philox.keyLo(key);
            this.k1 = Philox.keyHi(key);
            for (int d = 0; d < scratch.length; d++) {
                scratch[d] = Philox.agentWordScratch();
            }
        }

        int get(int agent, int draw) {
            return Philox.agentWord(agent, 0, Streams.STAGE_ENDOWMENT, draw, k0, k1, scratch[draw]);
        }
    }
}
