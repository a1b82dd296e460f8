package org.vaesim.kernels.mission;

import java.util.Arrays;
import java.util.List;

import org.vaesim.kernels.AgentBoost;
import org.vaesim.kernels.cpu.JavaBackend;
import org.vaesim.kernels.cpu.RangePieces;
import org.vaesim.kernels.cpu.WorkerPool;
import org.vaesim.kernels.memory.MissionColumns;
import org.vaesim.kernels.memory.Population;
import org.vaesim.kernels.rng.Philox;
import org.vaesim.kernels.rng.Streams;

/**
 * The missions' Java half: the twins of {@link Mission} over each mission's bidder ranges cut into pieces
 * ({@link RangePieces}), on the backend's worker pool. The bidders' task boosts are the backend's
 * {@link AgentBoost#TASK} column, read each round (null: none).
 */
final class MissionJava implements MissionKernels {
    private final List<MissionPlan> plans;
    private final MissionColumns columns;
    private final WorkerPool pool;
    private final JavaBackend backend;
    private final Population population;
    private final int keyLo;
    private final int keyHi;
    /** Per mission, its bidder ranges cut into pieces, in index order. */
    private final List<RangePieces.Piece<MissionPlan.Range>[]> piecesOf;
    /** Per mission and task of the bid stage, a score histogram (allocated at the first round, kept for the run). */
    private final long[][][] missionHist;

    MissionJava(List<MissionPlan> plans, MissionColumns columns, JavaBackend backend) {
        this.plans = plans;
        this.columns = columns;
        this.pool = backend.pool();
        this.backend = backend;
        this.population = backend.population();
        long key = Philox.key(backend.scenario().seed(), Streams.DECIDE);
        this.keyLo = Philox.keyLo(key);
        this.keyHi = Philox.keyHi(key);
        this.piecesOf = plans.stream().map(plan -> RangePieces.cut(plan.ranges())).toList();
        this.missionHist = new long[plans.size()][][];
    }

    /**
     * The bid stage over one task per worker thread, each a fixed run of pieces with its own score histogram
     * (a histogram per piece could need megabytes per piece for a fine score grid); the integer sums are the same
     * for any split.
     */
    @Override
    public void bid(int m, int epoch, long subsidy, MissionRound round) {
        MissionPlan plan = plans.get(m);
        RangePieces.Piece<MissionPlan.Range>[] pieces = piecesOf.get(m);
        int tasks = Math.max(1, Math.min(pool.threads(), pieces.length));
        if (missionHist[m] == null || missionHist[m].length != tasks) {
            missionHist[m] = new long[tasks][plan.width()];
        }
        long[][] hist = missionHist[m];
        Population p = population;
        int[] boost = backend.boosts(AgentBoost.TASK);
        pool.run(tasks, t -> {
            Arrays.fill(hist[t], 0L);
            for (int k = (int) ((long) pieces.length * t / tasks); k < (long) pieces.length * (t + 1) / tasks; k++) {
                RangePieces.Piece<MissionPlan.Range> piece = pieces[k];
                Mission.bid(piece.from(), piece.to(), plan.rules(piece.range(), epoch, subsidy, keyLo, keyHi),
                        p.status, p.tokens, p.reputation, boost, hist[t]);
            }
        });
        Arrays.fill(round.hist, 0L);
        for (long[] h : hist) {
            for (int s = 0; s < h.length; s++) {
                round.hist[s] += h[s];
            }
        }
    }

    @Override
    public void deliver(int m, int epoch, long subsidy, MissionAward a, MissionRound round) {
        MissionPlan plan = plans.get(m);
        RangePieces.Piece<MissionPlan.Range>[] pieces = piecesOf.get(m);
        Population p = population;
        int[] boost = backend.boosts(AgentBoost.TASK);
        // Each piece's queue position at the marginal score: the bidders there in the pieces before it. Needed
        // only when some but not all of them win.
        long[] cursor = new long[pieces.length];
        if (a.marginal() < plan.width() && a.fill() < a.total()) {
            long[] atMargin = new long[pieces.length];
            pool.run(pieces.length, k -> atMargin[k] = Mission.marginalCount(pieces[k].from(), pieces[k].to(),
                    plan.rules(pieces[k].range(), epoch, subsidy, keyLo, keyHi), a.marginal(), p.status, p.tokens,
                    p.reputation, boost));
            long run = 0;
            for (int k = 0; k < pieces.length; k++) {
                cursor[k] = run;
                run += atMargin[k];
            }
        }
        var spec = plan.spec();
        long[][] totals = new long[pieces.length][Mission.TOTALS];
        int[] awarded = columns.awarded[m];
        int[] delivered = columns.delivered[m];
        long[] paid = columns.paid[m];
        pool.run(pieces.length, k -> {
            RangePieces.Piece<MissionPlan.Range> piece = pieces[k];
            Mission.deliver(piece.from(), piece.to(), piece.column(),
                    plan.rules(piece.range(), epoch, subsidy, keyLo, keyHi), a.marginal(), a.fill(), a.total(),
                    a.offset(), a.payScore(), spec.advancePpm(), subsidy, spec.tickSize(), spec.reputationGainPpm(),
                    spec.reputationLossPpm(), p.cash, p.status, p.tokens, p.reputation, boost, awarded, delivered, paid,
                    new long[] {cursor[k]}, totals[k], 0);
        });
        Arrays.fill(round.totals, 0L);
        for (int k = 0; k < pieces.length; k++) {
            int r = pieces[k].rangeIndex();
            for (int i = 0; i < Mission.TOTALS; i++) {
                round.totals[r * Mission.TOTALS + i] += totals[k][i];
            }
        }
    }

    @Override
    public MissionColumns columns() {
        return columns;
    }
}
