package org.vaesim.host.metrics;

import java.util.List;

import org.vaesim.host.epoch.Engine;
import org.vaesim.host.epoch.MarketState;
import org.vaesim.host.epoch.PeriodSurplus;
import org.vaesim.host.stage.Stage;
import org.vaesim.kernels.gate.RejectReason;
import org.vaesim.models.market.MarketSpec;

/**
 * One metrics epoch: per-market prices, volumes, residual spread, drawdown, allocative efficiency and gate
 * rejections, the wealth distribution and rank mobility. Columns are documented in docs/outputs.md.
 *
 * @param efficiency   allocative efficiency so far over every trader with induced values, counting the periods in
 *                     which trade was possible (docs/market-clearing.md#efficiency); NaN where undefined
 * @param ziEfficiency the same over the zero-intelligence traders alone
 * @param wealth       the device's wealth histogram and what it bounds (docs/inequality.md)
 * @param mobility     decile moves since the previous metrics epoch; null at the first one
 * @param moneyTotal   agents' cash plus the money outside agents (fee sink, auction revenue, missions' accounts),
 *                     micro-credits
 * @param stageCells   the stages' cells of the row, each after a comma ({@code Stage.metricsCells}: a gateway's,
 *                     docs/permeability.md); empty when no stage has columns
 */
public record MetricsRow(int epoch, long[] priceMicros, long[] volume, int[] bestBid, int[] bestAsk,
                         double[] drawdown, double[] efficiency, double[] ziEfficiency, long[] rejects,
                         WealthHistogram wealth, Mobility mobility, long moneyTotal, String stageCells) {

    /**
     * Samples the engine after its latest epoch; {@code maxSurplus[m]} from {@link SurplusBound}. The wealth
     * figures come from the two metrics passes on the backend (histogram, then deciles): only the histogram and
     * the transition matrix come back from a device, never the population. Then every stage's
     * {@link Stage#sampled} hook runs, which may read the deciles just stored (the entrenchment metrics do).
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
        double[] ziEfficiency = new double[n];
        long[] rejects = new long[n];
        for (int m = 0; m < n; m++) {
            price[m] = specs.get(m).priceOf(ms.lastTick[m]);
            volume[m] = ms.lastVolume[m];
            bid[m] = ms.residualBid[m];
            ask[m] = ms.residualAsk[m];
            drawdown[m] = ms.drawdown(m);
            efficiency[m] = efficiency(engine, m, maxSurplus[m]);
            ziEfficiency[m] = maxSurplus[m] > 0 ? PeriodSurplus.ziEfficiency(ms, m) : Double.NaN;
            for (int r = 0; r < RejectReason.COUNT; r++) {
                rejects[m] += ms.rejects[m * RejectReason.COUNT + r];
            }
        }
        StringBuilder cells = new StringBuilder();
        for (Stage stage : engine.stages()) {
            stage.metricsCells(cells, engine.epoch());
        }
        WealthHistogram wealth = WealthHistogram.sample(engine);
        Mobility mobility = Mobility.sample(engine, wealth);
        MetricsRow row = new MetricsRow(engine.epoch(), price, volume, bid, ask, drawdown, efficiency, ziEfficiency,
                rejects, wealth, mobility, wealth.cash() + engine.moneyOutsideAgents(), cells.toString());
        for (Stage s : engine.stages()) { // after the mobility pass: a stage may read the deciles it just stored
            s.sampled(engine);
        }
        return row;
    }

    /**
     * Allocative efficiency of market m so far (Smith 1962; Gode and Sunder 1993): the surplus realised by every
     * trader with induced values over the most the traders present could have realised, summed over the periods in
     * which some trade was possible ({@link PeriodSurplus}). NaN where {@code maxSurplusPerPeriod}, the bound for the
     * market's initial traders from {@link #maxSurplus}, is not positive (no such traders, no gains from trade, or
     * cohorts with different period lengths), or before any period counted.
     */
    public static double efficiency(Engine engine, int m, long maxSurplusPerPeriod) {
        return maxSurplusPerPeriod > 0 ? PeriodSurplus.efficiency(engine.markets(), m) : Double.NaN;
    }

    /** Per-market maximum surplus per period of the initial traders, -1 where undefined. */
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
