package org.vaesim.kernels.memory;

import java.util.List;

import org.vaesim.kernels.mission.MissionPlan;

/**
 * Per mission, one entry per bidder (in the mission's column order, see MissionPlan): tasks awarded and
 * delivered over the run (ints) and what the mission paid it, escrow and subsidy (a long, micro-credits): 16
 * bytes per bidder per mission, kept beside the population for the free-riding and concentration measures and
 * checkpointed with it.
 */
public final class MissionColumns {
    /** Bytes per bidder per mission: awarded (4), delivered (4) and paid (8). */
    public static final int BYTES_PER_BIDDER = 16;

    public final int[][] awarded;
    public final int[][] delivered;
    public final long[][] paid;

    public MissionColumns(int[] bidders) {
        awarded = new int[bidders.length][];
        delivered = new int[bidders.length][];
        paid = new long[bidders.length][];
        for (int m = 0; m < bidders.length; m++) {
            awarded[m] = new int[bidders[m]];
            delivered[m] = new int[bidders[m]];
            paid[m] = new long[bidders[m]];
        }
    }

    /** Zeroed columns for the plans' bidders. */
    public static MissionColumns of(List<MissionPlan> plans) {
        return new MissionColumns(plans.stream().mapToInt(MissionPlan::bidders).toArray());
    }

    public int missions() {
        return awarded.length;
    }
}
