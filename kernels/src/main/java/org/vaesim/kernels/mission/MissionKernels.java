package org.vaesim.kernels.mission;

import java.util.List;

import org.vaesim.kernels.Halves;
import org.vaesim.kernels.memory.MissionColumns;

/**
 * The missions' backend half (docs/mechanisms.md#missions): the two agent-parallel steps of a round and the
 * per-bidder columns they keep, as {@link MissionStep} calls them. {@link MissionJava} runs the Java twins
 * ({@link Mission}), {@link MissionDevice} the C kernels of {@code mission.cl}; both give the same results.
 */
public interface MissionKernels {
    /**
     * Mission {@code mission}'s round at {@code epoch}, step 1: every eligible bidder's score, with {@code subsidy}
     * micro-credits per delivered task in force, into {@code round.hist} (overwritten). The host then clears the
     * procurement from it ({@link MissionClear}).
     */
    void bid(int mission, int epoch, long subsidy, MissionRound round);

    /**
     * Step 2: awards by the host's {@code award}, draws each winner's delivery, pays it from escrow (cash in, escrow
     * booked by the host from the totals), updates its reputation and the mission's per-bidder columns; writes each
     * range's totals into {@code round.totals} (overwritten).
     */
    void deliver(int mission, int epoch, long subsidy, MissionAward award, MissionRound round);

    /** The per-bidder columns as of the last round (a copy from the device where there is one). */
    MissionColumns columns();

    /** The halves for the missions {@code plans}, starting from the per-bidder {@code columns}. */
    static Halves<MissionKernels> halves(List<MissionPlan> plans, MissionColumns columns) {
        return Halves.of(b -> new MissionJava(plans, columns, b), b -> new MissionDevice(plans, columns, b));
    }
}
