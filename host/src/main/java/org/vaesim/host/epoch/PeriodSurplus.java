package org.vaesim.host.epoch;

import java.util.Arrays;
import java.util.List;

import org.vaesim.host.metrics.SurplusBound;
import org.vaesim.kernels.Backend;
import org.vaesim.kernels.memory.Layout;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.kernels.settle.InducedSchedule;

/**
 * Allocative efficiency that means what it says (docs/market-clearing.md#efficiency): per market, the surplus the
 * traders with induced values realise, over the most they could realise, summed over the trading periods in which
 * some trade was possible. At the start of each period the backend bins the units each active trader can still
 * trade (sellers need goods, buyers cash) by value or cost ({@link InducedSchedule}); the period's maximum is
 * Smith's (1962) intersection of those schedules. A period whose maximum is 0 (sellers sold out, buyers gone) does
 * not count, neither its maximum nor the surplus realised in it. The same is kept for the zero-intelligence traders
 * alone, from their own schedules and their cohorts' realised surplus.
 *
 * <p>The accounts live in {@link MarketState#efficiency} (checkpointed), at {@code m * SLOTS + slot}.
 */
public final class PeriodSurplus {
    /** The current period's maximum surplus (ticks x units) of all traders with induced values, and of ZI ones. */
    public static final int PERIOD_MAX = 0;
    public static final int PERIOD_MAX_ZI = 1;
    /** Surplus realised and maximum surplus, summed over the periods that count; the same for ZI traders alone. */
    public static final int REALISED = 2;
    public static final int MAXIMUM = 3;
    public static final int REALISED_ZI = 4;
    public static final int MAXIMUM_ZI = 5;
    /** Periods begun, and of them those that count (a positive maximum). */
    public static final int PERIODS = 6;
    public static final int COUNTED = 7;
    public static final int SLOTS = 8;

    private final List<Segment> segments;
    private final int width;
    /** Per market: the trading period shared by its cohorts with induced values; 0 none; -1 they differ. */
    private final int[] period;
    private final long[] schedule;
    private final long[] demand;
    private final long[] supply;

    PeriodSurplus(Layout layout, int markets) {
        this.segments = layout.segments();
        this.width = layout.gridWidth();
        this.period = new int[markets];
        boolean any = false;
        for (Segment s : segments) {
            if (s.hasInducedValue()) {
                int m = s.market();
                period[m] = period[m] == 0 || period[m] == s.periodEpochs() ? s.periodEpochs() : -1;
                any = true;
            }
        }
        this.schedule = any ? new long[InducedSchedule.length(markets, width)] : new long[0];
        this.demand = new long[width];
        this.supply = new long[width];
    }

    /**
     * Before epoch {@code e}: in each market whose period begins now, the new period's maxima from the schedules of
     * the traders present, and whether the period counts.
     */
    void beforeEpoch(int e, Backend backend, MarketState ms) {
        boolean due = false;
        for (int p : period) {
            due |= p > 0 && e % p == 0;
        }
        if (!due) {
            return;
        }
        backend.inducedSchedule(schedule);
        long[] acc = ms.efficiency;
        for (int m = 0; m < period.length; m++) {
            if (period[m] <= 0 || e % period[m] != 0) {
                continue;
            }
            long zi = maximum(m, false);
            long all = maximum(m, true);
            int at = m * SLOTS;
            acc[at + PERIOD_MAX] = all;
            acc[at + PERIOD_MAX_ZI] = zi;
            acc[at + PERIODS]++;
            if (all > 0) {
                acc[at + MAXIMUM] += all;
                acc[at + COUNTED]++;
            }
            if (zi > 0) {
                acc[at + MAXIMUM_ZI] += zi;
            }
        }
    }

    /** The maximum surplus of market m's ZI traders, or with {@code others} of every trader with induced values. */
    private long maximum(int m, boolean others) {
        Arrays.fill(demand, 0L);
        Arrays.fill(supply, 0L);
        for (boolean z : new boolean[] {true, false}) {
            if (z || others) {
                int d = InducedSchedule.at(m, z, true, width);
                int s = InducedSchedule.at(m, z, false, width);
                for (int t = 0; t < width; t++) {
                    demand[t] += schedule[d + t];
                    supply[t] += schedule[s + t];
                }
            }
        }
        return SurplusBound.fromSchedules(demand, supply);
    }

    /** After an epoch: the surplus each cohort realised counts where its market's current period counts. */
    void afterEpoch(long[] segmentSurplus, MarketState ms) {
        long[] acc = ms.efficiency;
        for (Segment s : segments) {
            if (!s.hasInducedValue()) {
                continue;
            }
            long realised = segmentSurplus[s.index()];
            int at = s.market() * SLOTS;
            if (acc[at + PERIOD_MAX] > 0) {
                acc[at + REALISED] += realised;
            }
            if (s.isZeroIntelligence() && acc[at + PERIOD_MAX_ZI] > 0) {
                acc[at + REALISED_ZI] += realised;
            }
        }
    }

    /** Market m's efficiency over every trader with induced values; NaN before any period counted. */
    public static double efficiency(MarketState ms, int m) {
        return ratio(ms.efficiency[m * SLOTS + REALISED], ms.efficiency[m * SLOTS + MAXIMUM]);
    }

    /** Market m's efficiency over its zero-intelligence traders alone; NaN before any of their periods counted. */
    public static double ziEfficiency(MarketState ms, int m) {
        return ratio(ms.efficiency[m * SLOTS + REALISED_ZI], ms.efficiency[m * SLOTS + MAXIMUM_ZI]);
    }

    private static double ratio(long realised, long maximum) {
        return maximum > 0 ? (double) realised / maximum : Double.NaN;
    }
}
