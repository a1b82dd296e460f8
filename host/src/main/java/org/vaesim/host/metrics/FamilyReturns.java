package org.vaesim.host.metrics;

import java.util.ArrayList;
import java.util.List;

import org.vaesim.host.epoch.Engine;
import org.vaesim.kernels.memory.Endowments;
import org.vaesim.kernels.memory.Population;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.models.market.MarketSpec;
import org.vaesim.models.population.CohortSpec;
import org.vaesim.models.strategy.StrategyFamily;

/**
 * Return by strategy family: each family's wealth now (cash plus goods at the last price) against its
 * endowment at the opening price. Injections and removals by events count as return.
 */
public record FamilyReturns(List<Family> families) {

    public record Family(StrategyFamily family, long agents, long initialWealth, long wealth) {
    }

    public static FamilyReturns of(Engine engine) {
        Population p = engine.population();
        List<MarketSpec> specs = engine.scenario().markets();
        long[][] sums = new long[StrategyFamily.values().length][3];
        for (Segment s : engine.layout().segments()) {
            MarketSpec m = specs.get(s.market());
            CohortSpec c = s.cohort();
            long price = m.priceOf(engine.markets().lastTick[s.market()]);
            long[] f = sums[c.family().code()];
            f[0] += s.size();
            // exact: validation keeps these within 2^62; a run past it fails rather than report wrapped wealth
            long[] endowed = Endowments.totals(c, s.start(), s.end(), engine.scenario().seed()); // cash, units
            f[1] = Math.addExact(f[1], Math.addExact(endowed[0],
                    Math.multiplyExact(endowed[1], m.priceOf(m.initialTick()))));
            for (int i = s.start(); i < s.end(); i++) {
                f[2] = Math.addExact(f[2], WealthDistribution.wealth(p, i, price));
            }
        }
        List<Family> list = new ArrayList<>();
        for (StrategyFamily family : StrategyFamily.values()) {
            long[] f = sums[family.code()];
            if (f[0] > 0) {
                list.add(new Family(family, f[0], f[1], f[2]));
            }
        }
        return new FamilyReturns(List.copyOf(list));
    }
}
