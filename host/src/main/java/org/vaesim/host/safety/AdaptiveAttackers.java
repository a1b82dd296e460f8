package org.vaesim.host.safety;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.vaesim.host.stage.SectionFields;
import org.vaesim.kernels.EpochInputs;
import org.vaesim.kernels.linkage.Linkage;
import org.vaesim.kernels.memory.Layout;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.models.strategy.ManipulatorParams;

import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * The run's adaptive manipulators (docs/safety.md#attackers-that-watch-the-detector): cohorts whose
 * {@link ManipulatorParams.Watch} makes them watch the statistic that the linking stage's self-trading rule judges,
 * as they can compute it themselves: after each epoch, the units their principal traded with itself in their market
 * (the smaller of the units the principal's cohorts there bought and sold, which its owner knows from its own fills)
 * and the market's volume (public), each summed over the cohort's own window. While the first is at least the
 * watch's share of the second, the cohort backs off the next epoch (the decide kernel reads
 * {@link EpochInputs#backingOff}); once it is below, the cohort acts as configured again. It reads the linking scan's
 * rows of its own principal and the market's volume only, never the detector's state or thresholds: its line is
 * what it believes the detector's to be. Deterministic: the decisions are integer sums compared with a share.
 */
final class AdaptiveAttackers {
    private final int[] segment;
    private final int[] principal;
    private final int[] market;
    private final ManipulatorParams.Watch[] watch;
    private final Layout layout;
    // the state: what the checkpoint holds
    /** Per adaptive cohort, a ring over its window: units its principal traded with itself, the market's volume. */
    private final long[][] selfTraded;
    private final long[][] volume;
    /** Per adaptive cohort: 1 while it backs off the coming epoch. */
    private final int[] backingOff;
    /** Per adaptive cohort: the epochs it backed off, and the first of them (-1: none yet). */
    private final int[] epochsBackedOff;
    private final int[] firstBackOff;

    private AdaptiveAttackers(Layout layout, List<Segment> adaptive) {
        this.layout = layout;
        int a = adaptive.size();
        this.segment = new int[a];
        this.principal = new int[a];
        this.market = new int[a];
        this.watch = new ManipulatorParams.Watch[a];
        this.selfTraded = new long[a][];
        this.volume = new long[a][];
        for (int i = 0; i < a; i++) {
            Segment s = adaptive.get(i);
            segment[i] = s.index();
            principal[i] = layout.principalOf(s.index());
            market[i] = s.market();
            watch[i] = ((ManipulatorParams) s.cohort().params()).watch();
            selfTraded[i] = new long[watch[i].epochs()];
            volume[i] = new long[watch[i].epochs()];
        }
        this.backingOff = new int[a];
        this.epochsBackedOff = new int[a];
        this.firstBackOff = new int[a];
        java.util.Arrays.fill(firstBackOff, -1);
    }

    /** The adaptive manipulator cohorts of {@code layout}, possibly none. */
    static AdaptiveAttackers of(Layout layout) {
        List<Segment> adaptive = new ArrayList<>();
        for (Segment s : layout.segments()) {
            if (s.cohort().params() instanceof ManipulatorParams mp && mp.watch() != null) {
                adaptive.add(s);
            }
        }
        return new AdaptiveAttackers(layout, adaptive);
    }

    /** Whether the run has any. */
    boolean any() {
        return segment.length > 0;
    }

    /** Before epoch {@code epoch}: hands decide the cohorts that back off, and counts the epochs they do. */
    void observe(EpochInputs in, int epoch) {
        for (int i = 0; i < segment.length; i++) {
            in.backingOff[segment[i]] = backingOff[i];
            if (backingOff[i] != 0) {
                epochsBackedOff[i]++;
                if (firstBackOff[i] < 0) {
                    firstBackOff[i] = epoch;
                }
            }
        }
    }

    /**
     * After epoch {@code epoch}'s linking scan ({@code rows}: Linkage.ROW per cohort) with the markets' volumes
     * {@code marketVolume}: each cohort adds what its principal traded with itself in its market to its window and
     * decides whether it backs off the next epoch.
     */
    void watch(int epoch, long[] rows, long[] marketVolume) {
        for (int i = 0; i < segment.length; i++) {
            long bought = 0;
            long sold = 0;
            for (Segment s : layout.segments()) {
                if (layout.principalOf(s.index()) == principal[i] && s.market() == market[i]) {
                    bought += rows[s.index() * Linkage.ROW + Linkage.BID_FILLED];
                    sold += rows[s.index() * Linkage.ROW + Linkage.ASK_FILLED];
                }
            }
            int slot = epoch % selfTraded[i].length;
            selfTraded[i][slot] = Math.min(bought, sold);
            volume[i][slot] = marketVolume[market[i]];
            long mine = 0;
            long all = 0;
            for (int e = 0; e < selfTraded[i].length; e++) {
                mine += selfTraded[i][e];
                all += volume[i][e];
            }
            backingOff[i] = all > 0 && mine >= watch[i].share() * all ? 1 : 0;
        }
    }

    /** summary.json's entries, one per adaptive cohort: its principal, the epochs it backed off and the first. */
    void summarize(ArrayNode into, List<String> principals) {
        for (int i = 0; i < segment.length; i++) {
            into.addObject().put("cohort", layout.segments().get(segment[i]).cohort().name())
                    .put("principal", principals.get(principal[i]))
                    .put("epochs_backed_off", epochsBackedOff[i])
                    .put("first_back_off", firstBackOff[i]);
        }
    }

    /** Epochs backed off, over every adaptive cohort of principal {@code p}. */
    int epochsBackedOff(int p) {
        int total = 0;
        for (int i = 0; i < segment.length; i++) {
            total += principal[i] == p ? epochsBackedOff[i] : 0;
        }
        return total;
    }

    /**
     * The attackers' state, one list of fields for both ways ({@link SectionFields}); nothing without adaptive
     * cohorts. Read, a back-off flag other than 0 or 1 is refused.
     */
    void fields(SectionFields f) throws IOException {
        for (int i = 0; i < segment.length; i++) {
            f.longs(selfTraded[i]);
            f.longs(volume[i]);
        }
        f.ints(backingOff);
        f.ints(epochsBackedOff);
        f.ints(firstBackOff);
        for (int i = 0; i < segment.length; i++) {
            if (backingOff[i] != 0 && backingOff[i] != 1) {
                throw f.corrupt("adaptive cohort " + i + "'s back-off flag " + backingOff[i]);
            }
        }
    }
}
