package org.vaesim.host.capability;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.vaesim.host.metrics.MissionMetrics;
import org.vaesim.kernels.auction.AuctionPlan;
import org.vaesim.kernels.inequality.Inequality;
import org.vaesim.kernels.memory.AuctionColumns;
import org.vaesim.models.capability.EntrenchmentSpec;
import org.vaesim.models.market.ResourceType;

/**
 * Whether winners stay winners (docs/inequality.md#entrenchment): per agent, its membership of the top wealth
 * decile at its last eight metrics epochs, and whether it was an early winner (top decile of compute won over the
 * first N epochs). From them and from the compute auctions' columns, each metrics epoch gives a {@link Row}:
 * the persistence of the top decile over k metrics epochs, the early winners' share of today's top decile and the
 * concentration (HHI) of compute won by principal.
 *
 * <p>Deciles are the device's (the mid-rank rule of docs/inequality.md: agents tied in one wealth bucket share a
 * decile, and all agents equal put everybody in decile 5, so the top decile may be empty). The early winners are
 * ranked by the same rule over the exact units won, so agents tied at a compute total share a decile, and an agent
 * that won nothing is never an early winner. This is state (the checkpoint carries it), since a resumed run must
 * measure what an uninterrupted one does.
 */
public final class Entrenchment {
    /** The top decile's number in the device's deciles. */
    private static final int TOP = Inequality.DECILES - 1;

    private final EntrenchmentSpec spec;
    /** The auctions of compute, whose units won count as compute. */
    private final List<AuctionPlan> compute;
    /** Per agent: bit j set when it was in the top wealth decile j metrics epochs ago (bit 0: the latest). */
    final byte[] history;
    /** Per agent: 1 for an early winner. */
    final byte[] early;
    /** Metrics epochs sampled so far. */
    long samples;
    /** Early winners taken (at the end of epoch N), and how many there are. */
    boolean earlyTaken;
    long earlyWinners;
    /** Metrics epochs with a defined persistence, and its sum over them (for the run's mean). */
    long persistenceSamples;
    double persistenceSum;
    /** The latest metrics epoch's figures (not state: the summary's), null before the first of this session. */
    private Row last;

    /** Nothing sampled yet, for {@code agents} agents and the scenario's auctions. */
    public Entrenchment(EntrenchmentSpec spec, List<AuctionPlan> auctions, int agents) {
        this.spec = spec;
        this.compute = auctions.stream().filter(p -> p.spec().resource() == ResourceType.COMPUTE).toList();
        this.history = new byte[agents];
        this.early = new byte[agents];
    }

    public EntrenchmentSpec spec() {
        return spec;
    }

    /** Whether the scenario has an auction of compute (otherwise the compute figures are undefined). */
    public boolean hasCompute() {
        return !compute.isEmpty();
    }

    /**
     * Call after every epoch, with the epochs completed: at the end of epoch N takes the early winners from the
     * units each agent has won in compute auctions so far ({@code columns}: the backend's, read only then).
     */
    public void afterEpoch(int epochsDone, java.util.function.Supplier<AuctionColumns> columns) {
        if (earlyTaken || epochsDone != spec.earlyEpochs()) {
            return;
        }
        earlyTaken = true;
        if (compute.isEmpty()) {
            return;
        }
        long[] won = computeWon(columns.get(), early.length);
        byte[] top = topDecile(won);
        System.arraycopy(top, 0, early, 0, top.length);
        earlyWinners = 0;
        for (byte b : early) {
            earlyWinners += b;
        }
    }

    /**
     * Call at a metrics epoch after the rank-mobility pass has stored every agent's decile ({@code decile}): shifts
     * each agent's membership history and returns the epoch's figures.
     */
    public Row sample(byte[] decile, AuctionColumns columns) {
        return sample(decile, columns, Double.NaN);
    }

    /** As above, with the Gini of the capability stocks now ({@code capabilityGini}; NaN without capability). */
    public Row sample(byte[] decile, AuctionColumns columns, double capabilityGini) {
        int lag = spec.persistenceLag();
        long wasTop = 0;
        long stayed = 0;
        long top = 0;
        long earlyInTop = 0;
        for (int i = 0; i < history.length; i++) {
            int now = decile[i] == TOP ? 1 : 0;
            int h = (history[i] << 1 | now) & 0xFF; // bit k: in the top decile k metrics epochs ago
            history[i] = (byte) h;
            int then = h >>> lag & 1;
            wasTop += then;
            stayed += then & now;
            top += now;
            earlyInTop += now & early[i];
        }
        samples++;
        double persistence = samples > lag && wasTop > 0 ? (double) stayed / wasTop : Double.NaN;
        double earlyShare = earlyTaken && earlyWinners > 0 && top > 0 ? (double) earlyInTop / top : Double.NaN;
        if (!Double.isNaN(persistence)) {
            persistenceSamples++;
            persistenceSum += persistence;
        }
        last = new Row(top, persistence, earlyShare, computeHhi(columns), capabilityGini);
        return last;
    }

    /** The latest metrics epoch's figures in this session, or null before its first. */
    public Row last() {
        return last;
    }

    /** The mean persistence of the top decile over the metrics epochs that define it; NaN before any. */
    public double meanPersistence() {
        return persistenceSamples == 0 ? Double.NaN : persistenceSum / persistenceSamples;
    }

    /** Metrics epochs with a defined persistence so far. */
    public long persistenceSamples() {
        return persistenceSamples;
    }

    /** The sum of the persistence over those epochs. */
    public double persistenceSum() {
        return persistenceSum;
    }

    /**
     * The figures of one metrics epoch.
     *
     * @param topAgents         agents in the top wealth decile now
     * @param persistence       of those in the top decile k metrics epochs ago, the share in it now; NaN before k + 1
     *                          metrics epochs or when that decile was empty
     * @param earlyWinnerShare  the early winners' share of today's top decile; NaN before epoch N, without early
     *                          winners or with an empty top decile (with no entrenchment it is near their share of
     *                          all agents, about 0.1)
     * @param computeHhi        HHI of the compute units won so far by principal; NaN before any was won
     * @param capabilityGini    the Gini of the capability cohorts' stocks (docs/capability.md); NaN without them
     */
    public record Row(long topAgents, double persistence, double earlyWinnerShare, double computeHhi,
                      double capabilityGini) {
    }

    /** Early winners taken so far (0 before epoch N). */
    public long earlyWinners() {
        return earlyWinners;
    }

    /** Whether the early winners have been taken (epoch N has passed). */
    public boolean earlyTaken() {
        return earlyTaken;
    }

    /** Compute units won so far by principal, in order of first appearance among the compute auctions' bidders. */
    public Map<String, Long> computeByPrincipal(AuctionColumns columns) {
        Map<String, Long> byPrincipal = new LinkedHashMap<>();
        for (AuctionPlan plan : compute) {
            long[] total = columns.totalWon[plan.index()];
            for (AuctionPlan.Range r : plan.ranges()) {
                long sum = 0;
                for (int c = r.column(); c < r.column() + r.size(); c++) {
                    sum += total[c];
                }
                byPrincipal.merge(plan.groups().get(r.group()), sum, Long::sum);
            }
        }
        return byPrincipal;
    }

    /** Herfindahl-Hirschman index of compute won by principal: sum of squared shares; NaN before any was won. */
    public double computeHhi(AuctionColumns columns) {
        return MissionMetrics.hhi(computeByPrincipal(columns).values().stream().mapToLong(Long::longValue).toArray());
    }

    /** Per agent, the compute units it has won so far in every compute auction. */
    long[] computeWon(AuctionColumns columns, int agents) {
        long[] won = new long[agents];
        for (AuctionPlan plan : compute) {
            long[] total = columns.totalWon[plan.index()];
            for (AuctionPlan.Range r : plan.ranges()) {
                for (int i = r.from(); i < r.to(); i++) {
                    won[i] += total[r.column() + i - r.from()];
                }
            }
        }
        return won;
    }

    /**
     * 1 for the agents in the top decile of {@code values} by the mid-rank rule and with a positive value: with C
     * agents below an agent's value and c at it (itself included), its decile is floor(10 (C + c/2) / n).
     */
    static byte[] topDecile(long[] values) {
        int n = values.length;
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        byte[] top = new byte[n];
        for (int i = 0; i < n; i++) {
            long x = values[i];
            if (x <= 0) {
                continue;
            }
            long below = lowerBound(sorted, x);
            long tied = lowerBound(sorted, x + 1) - below; // x < Long.MAX_VALUE: units won fit far below it
            // floor(10 (C + c/2) / n) >= 9  <=>  10 (2C + c) >= 18 n, in exact integers
            top[i] = (byte) (10 * (2 * below + tied) >= 18L * n ? 1 : 0);
        }
        return top;
    }

    /** The first index of {@code sorted} holding a value at least {@code x}. */
    private static int lowerBound(long[] sorted, long x) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Per agent, its top-decile memberships (bit j: j metrics epochs ago), live: for the checkpoint. */
    public byte[] history() {
        return history;
    }

    /** Per agent, 1 for an early winner, live: for the checkpoint. */
    public byte[] early() {
        return early;
    }

    /** Metrics epochs sampled so far. */
    public long samples() {
        return samples;
    }

    /** Sets the counters a checkpoint carries beside the two columns. */
    public void counters(long sampled, boolean taken, long winners, long persisted, double sum) {
        if (sampled < 0 || winners < 0 || winners > early.length || (!taken && winners > 0) || persisted < 0
                || persisted > sampled || !(sum >= 0 && sum <= persisted)) {
            throw new IllegalArgumentException("entrenchment counters " + sampled + ", " + taken + ", " + winners
                    + ", " + persisted + ", " + sum);
        }
        samples = sampled;
        earlyTaken = taken;
        earlyWinners = winners;
        persistenceSamples = persisted;
        persistenceSum = sum;
    }
}
