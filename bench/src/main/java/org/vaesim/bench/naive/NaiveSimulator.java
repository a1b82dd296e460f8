package org.vaesim.bench.naive;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.vaesim.kernels.gate.Fees;
import org.vaesim.models.market.MarketSpec;
import org.vaesim.models.population.CohortSpec;
import org.vaesim.models.scenario.Scenario;
import org.vaesim.models.strategy.ChartistParams;
import org.vaesim.models.strategy.ExecutionParams;
import org.vaesim.models.strategy.FundamentalistParams;
import org.vaesim.models.strategy.HftParams;
import org.vaesim.models.strategy.MarketMakerParams;
import org.vaesim.models.strategy.StrategyFamily;
import org.vaesim.models.strategy.ZeroIntelligenceParams;

/**
 * The naive baseline: the same scenario (markets, cohorts, parameters, decision rules, gate checks, clearing
 * rule, fees) simulated the way a straightforward object-oriented simulator is written, so that the bench can
 * say what vaesim's data layout and kernels buy.
 *
 * <ul>
 *   <li>one {@link Agent} object per agent, a subclass per strategy family, a virtual {@code decide} that
 *       allocates its {@link Order} objects;</li>
 *   <li>a {@link java.util.Random} per agent (not counter-based, so no parity with vaesim's Philox draws);</li>
 *   <li>per market, bids and asks in {@code ArrayList<Order>}s sorted with a {@code Comparator}, cleared by
 *       walking the sorted lists to the volume-maximising price, fills applied to the agent objects;</li>
 *   <li><b>single-threaded</b>: that is how such a simulator is usually written (shared books and agent
 *       objects would need locks to parallelise).</li>
 * </ul>
 *
 * Money and goods are conserved exactly (integer micro-credits and units), like in vaesim.
 */
public final class NaiveSimulator {
    private final Scenario scenario;
    private final List<Market> markets = new ArrayList<>();
    private final List<Agent> agents = new ArrayList<>();
    private final long initialMoney;
    private final long[] initialGoods;
    private long rejects;
    private int epoch;

    public NaiveSimulator(Scenario scenario) {
        this.scenario = scenario;
        for (MarketSpec spec : scenario.markets()) {
            markets.add(new Market(spec));
        }
        long seed = scenario.seed();
        for (CohortSpec c : scenario.cohorts()) {
            Market market = markets.get(c.marketIndex());
            for (int k = 0; k < c.count(); k++) {
                Random random = new Random(seed ^ (0x9E3779B97F4A7C15L * (agents.size() + 1L)));
                agents.add(newAgent(c, market, random));
            }
        }
        this.initialMoney = totalMoney();
        this.initialGoods = new long[markets.size()];
        for (int m = 0; m < markets.size(); m++) {
            initialGoods[m] = totalGoods(m);
        }
    }

    private static Agent newAgent(CohortSpec c, Market market, Random random) {
        return switch (c.params()) {
            case ZeroIntelligenceParams zi when zi.listed() || c.family() == StrategyFamily.TRUTHFUL ->
                    throw notInTheBenchEconomy(c);
            case ZeroIntelligenceParams zi -> new ZeroIntelligenceAgent(market, random, c.cash(), c.inventory(), zi,
                    c.family() == StrategyFamily.ZI_C);
            case FundamentalistParams f -> new FundamentalistAgent(market, random, c.cash(), c.inventory(), f);
            case ChartistParams ch -> new ChartistAgent(market, random, c.cash(), c.inventory(), ch);
            case MarketMakerParams mm -> new MarketMakerAgent(market, random, c.cash(), c.inventory(), mm);
            case HftParams h -> new HftAgent(market, random, c.cash(), c.inventory(), h);
            case ExecutionParams x -> new ExecutionAgent(market, random, c.cash(), c.inventory(), x);
            // pairwise (kinetic, negotiation), manipulator, bidder, heterogeneous-belief and plugin families
            default -> throw notInTheBenchEconomy(c);
        };
    }

    /**
     * The baseline is the bench's order-book economy: pairwise and test families, and the families and options of the
     * classic experiments and the stylized-facts economies, are not part of it.
     */
    private static IllegalArgumentException notInTheBenchEconomy(CohortSpec c) {
        return new IllegalArgumentException("the naive baseline simulates the bench economy's families only; cohort "
                + c.name() + " (" + c.family().jsonName() + (c.params() instanceof ZeroIntelligenceParams z
                && z.listed() ? ", listed values" : "") + ") is not one of them");
    }

    public Scenario scenario() {
        return scenario;
    }

    public int agents() {
        return agents.size();
    }

    /** Epochs completed. */
    public int epoch() {
        return epoch;
    }

    /** Runs one epoch: decide and gate per agent, sort and clear per market, settle per filled order. */
    public void step() {
        int e = epoch;
        for (Market m : markets) {
            m.reset();
        }
        for (Agent a : agents) {
            List<Order> orders = a.decide(e);
            if (!orders.isEmpty()) {
                gate(a, orders);
            }
        }
        for (Market m : markets) {
            m.clear();
            settle(m, m.bids);
            settle(m, m.asks);
        }
        for (Agent a : agents) {
            a.endEpoch(e + 1);
        }
        epoch = e + 1;
    }

    /** vaesim's pre-trade checks (self-cross, position, budget incl. fee, inventory), then into the book. */
    private void gate(Agent a, List<Order> orders) {
        Order bid = null;
        Order ask = null;
        for (Order o : orders) {
            if (o.buy) {
                bid = o;
            } else {
                ask = o;
            }
        }
        if (bid != null && ask != null && bid.tick >= ask.tick) {
            rejects += 2;
            return;
        }
        Market market = a.market;
        if (bid != null) {
            long price = bid.tick * market.spec.tickSize();
            boolean ok;
            if ((long) a.inventory + bid.qty > a.maxPosition()) {
                ok = false;
            } else if (bid.qty > a.cash / price) {
                ok = false;
            } else {
                long notional = price * bid.qty;
                ok = notional + Fees.fee(notional, market.spec.feeBps()) <= a.cash;
            }
            if (ok) {
                market.submit(bid);
            } else {
                rejects++;
            }
        }
        if (ask != null) {
            if ((long) ask.qty > (long) a.inventory + a.maxShort()) {
                rejects++;
            } else {
                market.submit(ask);
            }
        }
    }

    private static void settle(Market m, List<Order> side) {
        long price = m.price();
        int feeBps = m.spec.feeBps();
        for (Order o : side) {
            if (o.filled <= 0) {
                continue;
            }
            Agent a = o.agent;
            long notional = price * o.filled;
            long fee = Fees.fee(notional, feeBps);
            if (o.buy) {
                a.cash -= notional + fee;
                a.inventory += o.filled;
            } else {
                a.cash += notional - fee;
                a.inventory -= o.filled;
            }
            m.fees += fee;
            a.traded(o.filled);
        }
    }

    /** Wall time spent sorting the markets' books so far (two timer reads per market per epoch). */
    public long sortNanos() {
        long sum = 0;
        for (Market m : markets) {
            sum += m.sortNanos;
        }
        return sum;
    }

    /** All agents' cash plus the fees collected, micro-credits. */
    public long totalMoney() {
        long sum = 0;
        for (Agent a : agents) {
            sum += a.cash;
        }
        for (Market m : markets) {
            sum += m.fees;
        }
        return sum;
    }

    /** Units of market {@code m}'s good held by all agents. */
    public long totalGoods(int m) {
        Market market = markets.get(m);
        long sum = 0;
        for (Agent a : agents) {
            if (a.market == market) {
                sum += a.inventory;
            }
        }
        return sum;
    }

    public long initialMoney() {
        return initialMoney;
    }

    public long initialGoods(int m) {
        return initialGoods[m];
    }

    public long totalVolume(int m) {
        return markets.get(m).totalVolume;
    }

    public int lastTick(int m) {
        return markets.get(m).lastTick;
    }

    /** Orders the gate dropped so far. */
    public long rejects() {
        return rejects;
    }
}
