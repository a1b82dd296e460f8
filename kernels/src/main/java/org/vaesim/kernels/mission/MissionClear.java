package org.vaesim.kernels.mission;

import org.vaesim.kernels.rng.Philox;
import org.vaesim.kernels.rng.Streams;

/**
 * Clears one procurement round on the host from the score histogram: a reverse auction in which the
 * {@code posted} lowest scores win, each winner paid its threshold price (docs/mechanisms.md#missions). Runs in
 * O(score ticks) whatever the number of bidders; every quantity is an integer.
 *
 * <p>With N bidders and K tasks: if N <= K every bidder wins and is paid the reserve (no bid was rejected).
 * Otherwise the marginal score S is the K-th lowest: bidders below it win, and the K minus those of the bidders
 * at S win by cumulative rounding from a random offset. The lowest rejected score is S when some bidders at S
 * lose, else the next occupied score above S; a winner of reputation r is paid that score x r^w, the highest ask
 * with which it would still have won (with w = 0: the (K+1)-th lowest ask, a uniform-price reverse auction in
 * which asking one's cost is a dominant strategy for unit-supply bidders).
 */
public final class MissionClear {
    private MissionClear() {
    }

    /**
     * The award of {@code posted} tasks from {@code hist}; the tie offset is drawn from Philox with counter
     * (mission, epoch, STAGE_MISSION_TIES, 0) under the DECIDE key (k0, k1).
     */
    public static MissionAward clear(int mission, long[] hist, long posted, int epoch, int k0, int k1) {
        int width = hist.length;
        long bidders = 0;
        for (long h : hist) {
            bidders += h;
        }
        if (bidders <= posted) {
            return new MissionAward(posted, bidders, bidders, width, 0, 1, 0, -1);
        }
        long below = 0;
        int s = 0;
        while (below + hist[s] < posted) {
            below += hist[s];
            s++;
        }
        long fill = posted - below;
        long total = hist[s];
        long payScore = s;
        if (fill == total) { // every bidder at s wins: the lowest rejected score is the next occupied one
            payScore = s + 1;
            while (hist[(int) payScore] == 0) {
                payScore++;
            }
        }
        return new MissionAward(posted, bidders, posted, s, fill, total, offset(mission, epoch, total, k0, k1),
                payScore);
    }

    /** A random starting offset in [0, total) for the marginal rationing. */
    static long offset(int mission, int epoch, long total, int k0, int k1) {
        if (total <= 1) {
            return 0;
        }
        int[] words = new int[4];
        Philox.philox4x32_10(mission, epoch, Streams.STAGE_MISSION_TIES, 0, k0, k1, words);
        return Philox.uniform(words[0], 0, (int) (total - 1));
    }
}
