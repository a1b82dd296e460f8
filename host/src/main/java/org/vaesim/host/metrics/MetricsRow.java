package org.vaesim.host.metrics;

import java.util.List;

import org.vaesim.host.epoch.Engine;
import org.vaesim.host.epoch.MarketState;
import org.vaesim.kernels.gate.RejectReason;
import org.vaesim.models.market.MarketSpec;

/**
 * One metrics epoch: per-market prices, volumes, residual spread, drawdown, allocative efficiency and gate
 * rejections, the wealth distribution and rank mobility. Columns are documented in docs/outputs.md.
 *
 * @param efficiency realised over maximum ZI surplus so far; NaN where undefined
 * @param wealth     the device's wealth histogram and what it bounds (docs/inequality.md)
 * @param mobility   decile moves since the previous metrics epoch; null at the first one
 * @param moneyTotal agents' cash plus the money outside agents (fee sink, auction revenue, missions' accounts), micro-credits
 * @param gateway    the gateway's figures (docs/permeability.md), or null when the scenario has no gateway
 */
public record MetricsRow(int epoch, long[] priceMicros, long[] volume, int[] bestBid, int[] bestAsk,
                         double[] drawdown, double[] efficiency, long[] rejects, WealthHistogram wealth,
                         Mobility mobility, long moneyTotal, Gateway gateway) {

    /** A row without a gateway. */
    public MetricsRow(int epoch, long[] priceMicros, long[] volume, int[] bestBid, int[] bestAsk, double[] drawdown,
                      double[] efficiency, long[] rejects, WealthHistogram wealth, Mobility mobility,
                      long moneyTotal) {
        this(epoch, priceMicros, volume, bestBid, bestAsk, drawdown, efficiency, rejects, wealth, mobility,
                moneyTotal, null);
    }

    /**
     * The gateway after the row's epoch: open (1) or not, the rate (millionths), cumulative agent currency sold
     * out and bought in (micro-credits), fees (EM micro-units), the external holders' P&L and exposure (EM), and
     * per link the external price (EM micro-units per unit) and the cumulative units exported and imported.
     */
    public record Gateway(boolean open, long rate, long acOut, long acIn, long fees, long externalPnl,
                          long exposure, long[] externalPrice, long[] exported, long[] imported) {
        static Gateway of(Engine engine) {
            var s = engine.gateway();
            long pnl = s.externalPnl();
            return new Gateway(s.open(engine.epoch()), s.rate, s.acOut, s.acIn, s.fees, pnl, Math.max(0, -pnl),
                    s.price.clone(), s.exported.clone(), s.imported.clone());
        }
    }

    /**
     * Samples the engine after its latest epoch; {@code maxSurplus[m]} from {@link SurplusBound}. The wealth
     * figures come from the two metrics passes on the backend (histogram, then deciles): only the histogram and
     * the transition matrix come back from a device, never the population.
     */
    public static MetricsRow sample(Engine engine, long[] maxSurplus) {
        MarketState ms = engine.markets();
        List<MarketSpec> specs = engine.scenario().markets();
        int n = ms.markets;
        long[] price = new long[n];
        long[] volume = new long[n];
        int[] bid = new int[n];
        int[] ask = new int[n];
        double[] drawdown = new double[n];
        double[] efficiency = new double[n];
        long[] rejects = new long[n];
        for (int m = 0; m < n; m++) {
            price[m] = specs.get(m).priceOf(ms.lastTick[m]);
            volume[m] = ms.lastVolume[m];
            bid[m] = ms.residualBid[m];
            ask[m] = ms.residualAsk[m];
            drawdown[m] = ms.drawdown(m);
            efficiency[m] = efficiency(engine, m, maxSurplus[m]);
            for (int r = 0; r < RejectReason.COUNT; r++) {
                rejects[m] += ms.rejects[m * RejectReason.COUNT + r];
            }
        }
        WealthHistogram wealth = WealthHistogram.sample(engine);
        Mobility mobility = Mobility.sample(engine, wealth);
        return new MetricsRow(engine.epoch(), price, volume, bid, ask, drawdown, efficiency, rejects, wealth,
                mobility, wealth.cash() + engine.moneyOutsideAgents(),
                engine.gateway() == null ? null : Gateway.of(engine));
    }

    /**
     * Allocative efficiency of market m so far: realised ZI surplus over the maximum of every period begun
     * (Gode and Sunder 1993); NaN where the maximum is undefined or zero.
     */
    public static double efficiency(Engine engine, int m, long maxSurplusPerPeriod) {
        int period = SurplusBound.period(engine.layout().segments(), m);
        long periods = period == 0 ? 0 : (engine.epoch() + period - 1) / period;
        return maxSurplusPerPeriod > 0 && periods > 0
                ? (double) engine.markets().surplus[m] / ((double) maxSurplusPerPeriod * periods) : Double.NaN;
    }

    /** Per-market maximum surplus per period, -1 where undefined. */
    public static long[] maxSurplus(Engine engine) {
        List<MarketSpec> specs = engine.scenario().markets();
        long[] max = new long[specs.size()];
        for (int m = 0; m < max.length; m++) {
            max[m] = SurplusBound.maxPerPeriod(engine.population(), engine.layout().segments(), m,
                    specs.get(m).ticks());
        }
        return max;
    }
}
