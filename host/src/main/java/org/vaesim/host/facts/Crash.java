package org.vaesim.host.facts;

import java.io.IOException;
import java.nio.file.Path;

import org.vaesim.models.market.MarketSpec;
import org.vaesim.models.population.CohortSpec;
import org.vaesim.models.scenario.Money;
import org.vaesim.models.scenario.Scenario;
import org.vaesim.models.strategy.ExecutionParams;
import org.vaesim.models.strategy.Side;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The shape of a sell-off (docs/experiments/flash-crash.md), measured from the level before it began, never from a
 * peak it overshot to: the pre-crash price is the mean last price over the {@link #PRE_CRASH_EPOCHS} epochs before
 * {@code startEpoch}; the trough is the lowest last price from {@code startEpoch} on (the first epoch it is reached);
 * the depth is the fall to the trough as a fraction of the pre-crash price; the recoveries are the epochs from the
 * trough until the price is first back at half the fall and at the pre-crash price (null when it never is). The
 * peak volume ratio is the largest volume of an epoch from the start on over the mean volume of the same pre-crash
 * epochs: the volume feedback of the 2010 account (HFTs pass the seller's units among themselves, and the seller,
 * who sells a share of the volume, sells faster), which {@link #tookOff()} tests.
 *
 * @param market                the market's name
 * @param startEpoch            the first epoch of the sell-off (a sell algorithm's start_epoch)
 * @param preCrashPrice         mean last price over the epochs before it, in credits
 * @param troughPrice           lowest last price from startEpoch on
 * @param troughEpoch           the first epoch at that price
 * @param depth                 (pre-crash - trough) / pre-crash; 0 or below when the price never fell under the level
 * @param halfRecoveryEpochs    epochs from the trough until the price is at least pre-crash - fall / 2, or null
 * @param fullRecoveryEpochs    epochs from the trough until the price is at least the pre-crash price, or null
 * @param peakVolumeRatio       largest volume from startEpoch on over the pre-crash mean volume; null when no
 *                              pre-crash epoch was recorded or none traded
 */
public record Crash(String market, int startEpoch, double preCrashPrice, double troughPrice, int troughEpoch,
                    double depth, Integer halfRecoveryEpochs, Integer fullRecoveryEpochs, Double peakVolumeRatio) {
    /** Epochs before the start whose mean last price is the pre-crash level. */
    public static final int PRE_CRASH_EPOCHS = 20;
    /**
     * The peak volume ratio from which the sell-off has taken off: an order of magnitude. On the realistic market of
     * docs/experiments/flash-crash.md, 30 seeds without the seller never reach it (at most 7.1).
     */
    public static final double TAKE_OFF_VOLUME_RATIO = 10;

    /** Epochs from the start to the trough. */
    public int epochsToTrough() {
        return troughEpoch - startEpoch;
    }

    /** Whether the volume feedback took off: the peak volume ratio is at least {@link #TAKE_OFF_VOLUME_RATIO}. */
    public boolean tookOff() {
        return peakVolumeRatio != null && peakVolumeRatio >= TAKE_OFF_VOLUME_RATIO;
    }

    /**
     * The crash of rows {@code epochs} (ascending; the price after each and the units traded in each) from
     * {@code startEpoch} on. Rows before {@code startEpoch - PRE_CRASH_EPOCHS} are ignored; with no row before the
     * start, the pre-crash price is {@code openingPrice}.
     *
     * @throws IllegalArgumentException if no row is at or after {@code startEpoch}
     */
    public static Crash of(String market, int[] epochs, double[] price, double[] volume, int startEpoch,
                           double openingPrice) {
        double sum = 0;
        double volumeBefore = 0;
        double peakVolume = 0;
        int before = 0;
        int trough = -1;
        for (int i = 0; i < epochs.length; i++) {
            if (epochs[i] < startEpoch && epochs[i] >= startEpoch - PRE_CRASH_EPOCHS) {
                sum += price[i];
                volumeBefore += volume[i];
                before++;
            } else if (epochs[i] >= startEpoch) {
                trough = trough < 0 || price[i] < price[trough] ? i : trough;
                peakVolume = Math.max(peakVolume, volume[i]);
            }
        }
        if (trough < 0) {
            throw new IllegalArgumentException("market " + market + ": no epoch recorded from the sell-off's start at"
                    + " epoch " + startEpoch + " on, so there is no crash to measure");
        }
        double pre = before == 0 ? openingPrice : sum / before;
        // The mean of grid prices carries rounding (twenty prices of 20.3 average 20.300000000000004): a price
        // within a billionth of the level is at the level, so that a market that never moved has fallen by 0.
        double slack = 1e-9 * pre;
        double fall = Math.abs(pre - price[trough]) <= slack ? 0 : pre - price[trough];
        Integer half = null;
        Integer full = null;
        for (int i = trough; i < epochs.length && full == null; i++) {
            if (half == null && price[i] >= pre - fall / 2 - slack) {
                half = epochs[i] - epochs[trough];
            }
            if (price[i] >= pre - slack) {
                full = epochs[i] - epochs[trough];
            }
        }
        Double ratio = volumeBefore > 0 ? peakVolume / (volumeBefore / before) : null;
        return new Crash(market, startEpoch, pre, price[trough], epochs[trough], fall / pre, half, full, ratio);
    }

    /**
     * The markets a sell algorithm trades in and the epoch it starts (the earliest of a market's sell-side execution
     * cohorts), in market order: the markets whose crash summary.json reports.
     */
    static int[] sellOffStarts(Scenario s) {
        int[] start = new int[s.markets().size()];
        java.util.Arrays.fill(start, -1);
        for (CohortSpec c : s.cohorts()) {
            if (c.params() instanceof ExecutionParams x && x.side() == Side.SELL) {
                int m = c.marketIndex();
                start[m] = start[m] < 0 ? x.startEpoch() : Math.min(start[m], x.startEpoch());
            }
        }
        return start;
    }

    /**
     * summary.json's {@code crash} block: one object per market with a sell algorithm, from {@code metricsCsv}; null
     * when no market has one. A market without rows from the start on, or a file that cannot be read as metrics,
     * gives an object with an {@code error}, so that a summary is always written.
     */
    public static ArrayNode json(Scenario s, Path metricsCsv) {
        int[] start = sellOffStarts(s);
        if (java.util.Arrays.stream(start).allMatch(x -> x < 0)) {
            return null;
        }
        ArrayNode out = new ObjectMapper().createArrayNode();
        ReturnSeries.MetricsColumns cols;
        try {
            cols = ReturnSeries.MetricsColumns.read(metricsCsv);
        } catch (IllegalArgumentException | IOException e) {
            out.addObject().put("error", String.valueOf(e.getMessage()));
            return out;
        }
        for (int m = 0; m < start.length; m++) {
            String name = s.markets().get(m).name();
            if (start[m] < 0) {
                continue;
            }
            double[] price = cols.columns().get(name + ".price");
            double[] volume = cols.columns().get(name + ".volume");
            try {
                if (price == null || volume == null) {
                    throw new IllegalArgumentException(metricsCsv + " has no column " + name
                            + (price == null ? ".price" : ".volume"));
                }
                MarketSpec spec = s.markets().get(m);
                double opening = (double) spec.priceOf(spec.initialTick()) / Money.MICROS_PER_CREDIT;
                out.add(toJson(of(name, cols.epochs(), price, volume, start[m], opening)));
            } catch (IllegalArgumentException e) {
                out.addObject().put("market", name).put("error", e.getMessage());
            }
        }
        return out;
    }

    static ObjectNode toJson(Crash c) {
        ObjectNode n = new ObjectMapper().createObjectNode();
        n.put("market", c.market());
        n.put("start_epoch", c.startEpoch());
        n.put("pre_crash_epochs", PRE_CRASH_EPOCHS);
        n.put("pre_crash_price", round(c.preCrashPrice()));
        n.put("trough_price", round(c.troughPrice()));
        n.put("trough_epoch", c.troughEpoch());
        n.put("depth", round(c.depth()));
        n.put("epochs_to_trough", c.epochsToTrough());
        if (c.halfRecoveryEpochs() == null) {
            n.putNull("epochs_to_half_recovery");
        } else {
            n.put("epochs_to_half_recovery", c.halfRecoveryEpochs());
        }
        if (c.fullRecoveryEpochs() == null) {
            n.putNull("epochs_to_full_recovery");
        } else {
            n.put("epochs_to_full_recovery", c.fullRecoveryEpochs());
        }
        if (c.peakVolumeRatio() == null) {
            n.putNull("peak_volume_ratio");
        } else {
            n.put("peak_volume_ratio", round(c.peakVolumeRatio()));
        }
        n.put("took_off", c.tookOff());
        return n;
    }

    private static double round(double x) {
        return Math.round(x * 1e6) / 1e6;
    }
}
