package org.vaesim.kernels.auction;

import java.util.Arrays;
import java.util.List;

import org.vaesim.kernels.AgentBoost;
import org.vaesim.kernels.cpu.JavaBackend;
import org.vaesim.kernels.cpu.RangePieces;
import org.vaesim.kernels.cpu.WorkerPool;
import org.vaesim.kernels.memory.AuctionColumns;
import org.vaesim.kernels.memory.Population;
import org.vaesim.kernels.rng.Philox;
import org.vaesim.kernels.rng.Streams;

/**
 * The auctions' Java half: the twins of {@link Auction} over each auction's bidder ranges cut into pieces
 * ({@link RangePieces}), on the backend's worker pool; each piece owns its histograms and totals, added in piece
 * order. The bidders' value boosts are the backend's {@link AgentBoost#VALUE} column, read each round (null: none).
 */
final class AuctionJava implements AuctionKernels {
    private final List<AuctionPlan> plans;
    private final AuctionColumns columns;
    private final Population population;
    private final WorkerPool pool;
    private final JavaBackend backend;
    private final int keyLo;
    private final int keyHi;
    /** Per auction, its bidder ranges cut into pieces, in index order: the unit of work and of ownership. */
    private final List<RangePieces.Piece<AuctionPlan.Range>[]> piecesOf;
    /** Per auction and piece, the bid and value histograms of the bid stage (allocated at the first round). */
    private final long[][][] demandByPiece;
    private final long[][][] valuesByPiece;

    AuctionJava(List<AuctionPlan> plans, AuctionColumns columns, JavaBackend backend) {
        this.plans = plans;
        this.columns = columns;
        this.population = backend.population();
        this.pool = backend.pool();
        this.backend = backend;
        long key = Philox.key(backend.scenario().seed(), Streams.DECIDE);
        this.keyLo = Philox.keyLo(key);
        this.keyHi = Philox.keyHi(key);
        this.piecesOf = plans.stream().map(plan -> RangePieces.cut(plan.ranges())).toList();
        this.demandByPiece = new long[plans.size()][][];
        this.valuesByPiece = new long[plans.size()][][];
    }

    @Override
    public void bid(int a, int epoch, AuctionRound round) {
        AuctionPlan plan = plans.get(a);
        RangePieces.Piece<AuctionPlan.Range>[] pieces = piecesOf.get(a);
        int width = plan.width();
        long budget = plan.tokenBudget();
        long tickSize = plan.spec().tickSize();
        if (demandByPiece[a] == null) { // per-piece histograms, kept for the run: no garbage per round
            demandByPiece[a] = new long[pieces.length][width];
            valuesByPiece[a] = new long[pieces.length][width];
        }
        long[][] demand = demandByPiece[a];
        long[][] values = valuesByPiece[a];
        int[] boost = backend.boosts(AgentBoost.VALUE);
        pool.run(pieces.length, k -> {
            RangePieces.Piece<AuctionPlan.Range> p = pieces[k];
            AuctionPlan.Range r = p.range();
            Arrays.fill(demand[k], 0L);
            Arrays.fill(values[k], 0L);
            Auction.bid(p.from(), p.to(), epoch, plan.index(), r.valueMin(), r.valueMax(), r.maxUnits(),
                    r.decayPermille(), plan.spec().reserveTick(), plan.spec().maxTick(), tickSize, budget,
                    r.limits(), population.cash, population.status, population.tokens, population.reputation, boost,
                    demand[k], 0, values[k], keyLo, keyHi, Philox.agentWordScratch());
        });
        Arrays.fill(round.demand, 0L);
        Arrays.fill(round.values, 0L);
        for (int k = 0; k < pieces.length; k++) {
            int base = pieces[k].range().group() * width;
            for (int t = 0; t < width; t++) {
                round.demand[base + t] += demand[k][t];
                round.values[t] += values[k][t];
            }
        }
    }

    @Override
    public void allocate(int a, int epoch, AuctionClearing c, AuctionRound round) {
        AuctionPlan plan = plans.get(a);
        RangePieces.Piece<AuctionPlan.Range>[] pieces = piecesOf.get(a);
        long budget = plan.tokenBudget();
        long tickSize = plan.spec().tickSize();
        int reserve = plan.spec().reserveTick();
        int maxTick = plan.spec().maxTick();
        long[] atMargin = new long[pieces.length];
        int[] boost = backend.boosts(AgentBoost.VALUE);
        pool.run(pieces.length, k -> {
            RangePieces.Piece<AuctionPlan.Range> p = pieces[k];
            AuctionPlan.Range r = p.range();
            atMargin[k] = Auction.marginalUnits(p.from(), p.to(), epoch, plan.index(), r.valueMin(), r.valueMax(),
                    r.maxUnits(), r.decayPermille(), reserve, maxTick, tickSize, budget, r.limits(),
                    c.marginalTick[r.group()], population.cash, population.status, population.tokens,
                    population.reputation, boost, keyLo, keyHi, Philox.agentWordScratch());
        });
        // Each piece's queue position at its group's marginal tick: what the group's earlier pieces bid there.
        long[] cursor = new long[pieces.length];
        long[] run = new long[plan.groups().size()];
        for (int k = 0; k < pieces.length; k++) {
            int g = pieces[k].range().group();
            cursor[k] = run[g];
            run[g] += atMargin[k];
        }
        int span = round.span;
        long[][] totals = new long[pieces.length][Auction.TOTALS];
        long[][] quantities = new long[pieces.length][span];
        int[] won = columns.won[a];
        long[] totalWon = columns.totalWon[a];
        pool.run(pieces.length, k -> {
            RangePieces.Piece<AuctionPlan.Range> p = pieces[k];
            AuctionPlan.Range r = p.range();
            int g = r.group();
            Auction.allocate(p.from(), p.to(), p.column(), epoch, plan.index(), r.valueMin(), r.valueMax(),
                    r.maxUnits(), r.decayPermille(), reserve, maxTick, tickSize, budget, r.limits(),
                    c.marginalTick[g], c.marginalFill[g], c.marginalTotal[g], c.offset[g], c.price[g],
                    population.cash, population.status, population.tokens, population.reputation, boost, won, totalWon,
                    new long[] {cursor[k]}, totals[k], 0, quantities[k], 0, keyLo, keyHi, Philox.agentWordScratch());
        });
        Arrays.fill(round.totals, 0L);
        Arrays.fill(round.quantities, 0L);
        for (int k = 0; k < pieces.length; k++) {
            int r = pieces[k].rangeIndex();
            for (int i = 0; i < Auction.TOTALS; i++) {
                round.totals[r * Auction.TOTALS + i] += totals[k][i];
            }
            for (int x = 0; x < span; x++) {
                round.quantities[r * span + x] += quantities[k][x];
            }
        }
    }

    @Override
    public void envy(int a, int epoch, AuctionClearing c, EnvyBundles b, AuctionRound round) {
        AuctionPlan plan = plans.get(a);
        RangePieces.Piece<AuctionPlan.Range>[] pieces = piecesOf.get(a);
        int weight = plan.tokenBudget() > 0 ? 0 : 1;
        long[][] counts = new long[pieces.length][Auction.ENVY];
        int[] won = columns.won[a];
        int[] boost = backend.boosts(AgentBoost.VALUE);
        int maxTick = plan.spec().maxTick();
        pool.run(pieces.length, k -> {
            RangePieces.Piece<AuctionPlan.Range> p = pieces[k];
            AuctionPlan.Range r = p.range();
            Auction.envy(p.from(), p.to(), p.column(), epoch, plan.index(), r.valueMin(), r.valueMax(), r.maxUnits(),
                    r.decayPermille(), maxTick, c.price[r.group()], weight, b.prices, b.priceTicks, b.below, b.above,
                    b.below1, b.above1, b.span, won, boost, counts[k], 0, keyLo, keyHi, Philox.agentWordScratch());
        });
        Arrays.fill(round.envy, 0L);
        for (int k = 0; k < pieces.length; k++) {
            int r = pieces[k].rangeIndex();
            for (int i = 0; i < Auction.ENVY; i++) {
                round.envy[r * Auction.ENVY + i] += counts[k][i];
            }
        }
    }

    @Override
    public AuctionColumns columns() {
        return columns;
    }

    @Override
    public int[] won(int auction) {
        return columns.won[auction];
    }
}
