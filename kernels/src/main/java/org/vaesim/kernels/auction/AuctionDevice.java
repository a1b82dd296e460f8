package org.vaesim.kernels.auction;

import java.util.List;

import org.vaesim.kernels.AgentBoost;
import org.vaesim.kernels.device.Buffer;
import org.vaesim.kernels.device.DeviceBackend;
import org.vaesim.kernels.device.Kernel;
import org.vaesim.kernels.gate.Eligibility;
import org.vaesim.kernels.memory.AuctionColumns;
import org.vaesim.kernels.rng.Philox;
import org.vaesim.kernels.rng.Streams;

/**
 * The auctions' device half: the kernels of {@code auction.cl} with their buffers, per auction its per-bidder
 * columns (uploaded at the start, device-resident for the run), histograms, block sums, totals and envy tables. The
 * bidders' value boosts are the backend's {@link AgentBoost#VALUE} column, looked up each round.
 */
final class AuctionDevice implements AuctionKernels {
    private final DeviceBackend dev;
    private final DeviceBackend.AgentColumns agents;
    private final Buffers[] auctions;
    private final int keyLo;
    private final int keyHi;
    private AuctionColumns mirror;

    AuctionDevice(List<AuctionPlan> plans, AuctionColumns columns, DeviceBackend backend) {
        this.dev = backend;
        this.agents = backend.agentColumns();
        long key = Philox.key(backend.scenario().seed(), Streams.DECIDE);
        this.keyLo = Philox.keyLo(key);
        this.keyHi = Philox.keyHi(key);
        this.auctions = new Buffers[plans.size()];
        for (int a = 0; a < plans.size(); a++) {
            auctions[a] = new Buffers(plans.get(a), columns.won[a], columns.totalWon[a]);
        }
    }

    /**
     * One auction's device buffers: its per-bidder columns (for the whole run), its histograms, block sums,
     * per-range totals and counts, and the envy tables the host writes each round.
     */
    private final class Buffers {
        final AuctionPlan plan;
        final int span;
        final Buffer won, totalWon, demand, values, blockSums, totals, quantities, envy;
        final Buffer rangeGroup, rangeBlockBase, rangeBlocks, priceTicks, below, above, below1, above1;

        Buffers(AuctionPlan plan, int[] wonColumn, long[] totalColumn) {
            this.plan = plan;
            this.span = plan.maxUnits() + 1;
            int groups = plan.groups().size();
            int ranges = plan.ranges().size();
            won = dev.upload(wonColumn);
            totalWon = dev.upload(totalColumn);
            demand = dev.longs((long) groups * plan.width());
            values = dev.longs(plan.width());
            blockSums = dev.longs(Math.max(1, plan.blocks()));
            totals = dev.longs((long) ranges * Auction.TOTALS);
            quantities = dev.longs((long) ranges * span);
            envy = dev.longs((long) ranges * Auction.ENVY);
            int[] group = new int[ranges];
            int[] base = new int[ranges];
            int[] blocks = new int[ranges];
            for (int r = 0; r < ranges; r++) {
                group[r] = plan.ranges().get(r).group();
                base[r] = plan.ranges().get(r).blockBase();
                blocks[r] = plan.ranges().get(r).blocks();
            }
            rangeGroup = dev.upload(group);
            rangeBlockBase = dev.upload(base);
            rangeBlocks = dev.upload(blocks);
            priceTicks = dev.upload(new int[groups]);
            below = dev.upload(new int[groups * span]);
            above = dev.upload(new int[groups * span]);
            below1 = dev.upload(new int[groups * span]);
            above1 = dev.upload(new int[groups * span]);
        }
    }

    @Override
    public void bid(int a, int epoch, AuctionRound round) {
        Buffers d = auctions[a];
        AuctionPlan plan = d.plan;
        dev.zero(d.demand, round.demand.length);
        dev.zero(d.values, round.values.length);
        for (AuctionPlan.Range r : plan.ranges()) {
            Eligibility.Limits l = r.limits();
            dev.launch(Kernel.AUCTION_BID, r.size(), r.from(), r.to(), epoch, plan.index(), r.valueMin(),
                    r.valueMax(), r.maxUnits(), r.decayPermille(), plan.spec().reserveTick(), plan.spec().maxTick(),
                    plan.spec().tickSize(), plan.tokenBudget(), l.largest(), l.spendLimit(), l.capacity(),
                    l.probationBelow(), l.probationLargest(), l.probationSpendLimit(), agents.cash(),
                    agents.status(), agents.tokens(), agents.reputation(), dev.boostArgument(AgentBoost.VALUE),
                    dev.boosted(AgentBoost.VALUE), d.demand, r.group() * plan.width(),
                    d.values, keyLo, keyHi);
        }
        dev.read(d.demand, round.demand);
        dev.read(d.values, round.values);
    }

    @Override
    public void allocate(int a, int epoch, AuctionClearing c, AuctionRound round) {
        Buffers d = auctions[a];
        AuctionPlan plan = d.plan;
        var spec = plan.spec();
        for (AuctionPlan.Range r : plan.ranges()) {
            Eligibility.Limits l = r.limits();
            dev.launch(Kernel.AUCTION_BLOCK_SUMS, r.size(), r.from(), r.to(), r.blockBase(), epoch, plan.index(),
                    r.valueMin(), r.valueMax(), r.maxUnits(), r.decayPermille(), spec.reserveTick(), spec.maxTick(),
                    spec.tickSize(), plan.tokenBudget(), l.largest(), l.spendLimit(), l.capacity(),
                    l.probationBelow(), l.probationLargest(), l.probationSpendLimit(), c.marginalTick[r.group()],
                    agents.cash(), agents.status(), agents.tokens(), agents.reputation(),
                    dev.boostArgument(AgentBoost.VALUE), dev.boosted(AgentBoost.VALUE), keyLo, keyHi, d.blockSums);
        }
        dev.launch(Kernel.AUCTION_BLOCK_PREFIX, plan.groups().size(), plan.groups().size(), plan.ranges().size(),
                d.rangeGroup, d.rangeBlockBase, d.rangeBlocks, d.blockSums);
        dev.zero(d.totals, round.totals.length);
        dev.zero(d.quantities, round.quantities.length);
        for (int k = 0; k < plan.ranges().size(); k++) {
            AuctionPlan.Range r = plan.ranges().get(k);
            int g = r.group();
            Eligibility.Limits l = r.limits();
            dev.launch(Kernel.AUCTION_ALLOCATE, r.size(), r.from(), r.to(), r.blockBase(), r.column(), epoch,
                    plan.index(), r.valueMin(), r.valueMax(), r.maxUnits(), r.decayPermille(), spec.reserveTick(),
                    spec.maxTick(), spec.tickSize(), plan.tokenBudget(), l.largest(), l.spendLimit(), l.capacity(),
                    l.probationBelow(), l.probationLargest(), l.probationSpendLimit(), c.marginalTick[g],
                    c.marginalFill[g], c.marginalTotal[g], c.offset[g], c.price[g], k * Auction.TOTALS, k * d.span,
                    agents.cash(), agents.status(), agents.tokens(), agents.reputation(),
                    dev.boostArgument(AgentBoost.VALUE), dev.boosted(AgentBoost.VALUE), d.won, d.totalWon,
                    d.blockSums, d.totals, d.quantities, keyLo, keyHi);
        }
        dev.read(d.totals, round.totals);
        dev.read(d.quantities, round.quantities);
    }

    @Override
    public void envy(int a, int epoch, AuctionClearing c, EnvyBundles b, AuctionRound round) {
        Buffers d = auctions[a];
        AuctionPlan plan = d.plan;
        dev.write(d.priceTicks, b.priceTicks);
        dev.write(d.below, b.below);
        dev.write(d.above, b.above);
        dev.write(d.below1, b.below1);
        dev.write(d.above1, b.above1);
        dev.zero(d.envy, round.envy.length);
        int weight = plan.tokenBudget() > 0 ? 0 : 1;
        for (int k = 0; k < plan.ranges().size(); k++) {
            AuctionPlan.Range r = plan.ranges().get(k);
            dev.launch(Kernel.AUCTION_ENVY, r.size(), r.from(), r.to(), r.column(), epoch, plan.index(), r.valueMin(),
                    r.valueMax(), r.maxUnits(), r.decayPermille(), plan.spec().maxTick(), c.price[r.group()], weight,
                    b.prices, d.priceTicks, d.below, d.above, d.below1, d.above1, b.span, d.won,
                    dev.boostArgument(AgentBoost.VALUE), dev.boosted(AgentBoost.VALUE), d.envy, k * Auction.ENVY, keyLo,
                    keyHi);
        }
        dev.read(d.envy, round.envy);
    }

    @Override
    public Buffer won(int auction) {
        return auctions[auction].won;
    }

    @Override
    public AuctionColumns columns() {
        if (mirror == null) {
            int[] sizes = new int[auctions.length];
            for (int a = 0; a < sizes.length; a++) {
                sizes[a] = auctions[a].plan.bidders();
            }
            mirror = new AuctionColumns(sizes);
        }
        for (int a = 0; a < auctions.length; a++) {
            dev.read(auctions[a].won, mirror.won[a]);
            dev.read(auctions[a].totalWon, mirror.totalWon[a]);
        }
        return mirror;
    }
}
