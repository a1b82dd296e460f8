package org.vaesim.kernels.mission;

/**
 * One mission round from start to end, as the host drives it: the backend bins the bidders' scores, the host
 * clears the procurement from the histogram, and the backend awards, draws the deliveries and pays. Between the
 * steps only the histogram, the award and the per-range totals cross to the host.
 */
public final class MissionStep {
    private MissionStep() {
    }

    /**
     * Runs mission {@code plan}'s round at {@code epoch} on the missions' backend half {@code backend} for
     * {@code posted} tasks with the subsidy {@code subsidy} (micro-credits per delivered task) in force, reusing
     * {@code round}'s buffers; (k0, k1) is the run's decision key.
     */
    public static MissionAward run(MissionKernels backend, MissionPlan plan, int epoch, long posted, long subsidy,
                                   int k0, int k1, MissionRound round) {
        backend.bid(plan.index(), epoch, subsidy, round);
        MissionAward award = MissionClear.clear(plan.index(), round.hist, posted, epoch, k0, k1);
        backend.deliver(plan.index(), epoch, subsidy, award, round);
        return award;
    }
}
