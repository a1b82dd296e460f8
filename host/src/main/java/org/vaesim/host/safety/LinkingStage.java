package org.vaesim.host.safety;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.vaesim.host.epoch.Engine;
import org.vaesim.host.stage.EpochContext;
import org.vaesim.host.stage.SectionFields;
import org.vaesim.host.stage.SectionIn;
import org.vaesim.host.stage.SectionOut;
import org.vaesim.host.stage.Stage;
import org.vaesim.host.stage.StageKind;
import org.vaesim.host.stage.StageSetup;
import org.vaesim.kernels.Backend;
import org.vaesim.kernels.clear.ClearingResult;
import org.vaesim.kernels.gate.Standing;
import org.vaesim.kernels.linkage.Linkage;
import org.vaesim.kernels.linkage.LinkageKernels;
import org.vaesim.kernels.memory.Layout;
import org.vaesim.kernels.memory.Population;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.models.population.CohortSpec;
import org.vaesim.models.safety.LinkingSpec;
import org.vaesim.models.scenario.Scenario;
import org.vaesim.models.strategy.StrategyFamily;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Linking principals from behaviour (docs/safety.md#linking-principals-from-behaviour), run as a stage after the
 * markets have settled: the linking scan ({@link LinkageKernels}) fingerprints every cohort's orders of the epoch, the
 * host adds them up per principal, links principals that behave as one ({@link LinkingSpec}), and stops linked groups
 * over the agent cap, groups that wash trade and groups that trade with themselves. A name is what a principal says
 * it is; the fingerprint is what its agents do. Kills act from the next epoch, like the kill rules' ({@code kill}
 * audit records, one per cohort, with the reason {@code linked_cap}, {@code wash_trading} or {@code self_trading}),
 * and also stop the principals' agents still pending. The same scan feeds the run's adaptive manipulators
 * ({@link AdaptiveAttackers}), each reading only its own principal's row, with or without this control.
 */
public final class LinkingStage implements Stage {
    /** The stage's name: its section in the scenario file and in checkpoints. */
    public static final String NAME = LinkingSpec.NAME;
    private static final StageKind KIND = new Kind();
    /** Why a group was stopped: codes in the checkpoint, labels in the audit log and summary. */
    private static final String[] REASONS = {"linked_cap", "wash_trading", "self_trading"};
    private static final int LINKED_CAP = 0;
    private static final int WASH = 1;
    private static final int SELF_TRADE = 2;

    private final LinkingSpec spec;
    private final Scenario scenario;
    private final Layout layout;
    private final List<String> principals;
    private final LinkageKernels kernels;
    private final int cohorts;
    private final int n;
    private final int markets;
    private final AdaptiveAttackers attackers;
    /** Per cohort: its market's clearing of the epoch (Linkage.CLEARING longs), for the units its orders filled. */
    private final long[] clearing;
    /** The markets' volumes of the epoch. */
    private final long[] marketVolume;
    /** Whether the self-trading rule is on: its windows are kept (and checkpointed) only then. */
    private final boolean selfTrade;
    /** Per cohort: the reference tick handed to the scan (the market's last tick the agents saw). */
    private final int[] reference;
    private final long[] rows;
    private final long[] principalRows;
    private final long[] groupRows;
    /** Aggression bins at or above this one are aggressive (aggressive_ticks / width_ticks + BINS / 2). */
    private final int aggressiveBin;
    // the state: what the checkpoint section holds
    /** Union-find over principals; a group's root is its smallest member, so the groups do not depend on order. */
    private final int[] parent;
    /** Per pair (p x n + q, p < q): consecutive epochs of overlapping fingerprints. */
    private final int[] streak;
    /** Per group root: consecutive epochs of two-sided aggressive orders. */
    private final int[] washStreak;
    /** Per principal: the epoch it sent its first order, was flagged (linked or wash), was stopped; -1 not yet. */
    private final int[] firstOrder;
    private final int[] flagged;
    private final int[] stopped;
    /** Links made: {epoch, p, q, similarity in millionths}. */
    private final List<int[]> links = new ArrayList<>();
    /** Groups stopped: {epoch, root, reason, agents newly killed}. */
    private final List<long[]> kills = new ArrayList<>();
    /**
     * With the self-trading rule, rings over its window of {@code self_trade_epochs}: per principal and market the
     * units bought and sold ((p x markets + m) x window + slot, x 2 + side), per market its volume (m x window + slot),
     * and per principal the units it traded with itself over the run (the attack's output, for the evaluation).
     */
    private final long[] filledRing;
    private final long[] volumeRing;
    private final long[] selfTraded;

    private LinkingStage(StageSetup setup, LinkingSpec spec) {
        this.spec = spec;
        this.scenario = setup.scenario();
        this.layout = setup.layout();
        this.principals = scenario.principals();
        this.cohorts = layout.segments().size();
        this.n = principals.size();
        this.reference = new int[cohorts];
        this.rows = new long[cohorts * Linkage.ROW];
        this.principalRows = new long[n * Linkage.ROW];
        this.groupRows = new long[n * Linkage.ROW];
        this.parent = new int[n];
        for (int p = 0; p < n; p++) {
            parent[p] = p;
        }
        this.streak = new int[n * n];
        this.washStreak = new int[n];
        this.firstOrder = filled(n);
        this.flagged = filled(n);
        this.stopped = filled(n);
        this.aggressiveBin = spec == null ? 0 : spec.aggressiveTicks() / spec.widthTicks() + Linkage.BINS / 2;
        this.markets = scenario.markets().size();
        this.attackers = AdaptiveAttackers.of(layout);
        this.clearing = new long[cohorts * Linkage.CLEARING];
        this.marketVolume = new long[markets];
        this.selfTrade = spec != null && spec.selfTradeShare() > 0;
        int window = selfTrade ? spec.selfTradeEpochs() : 0;
        this.filledRing = new long[selfTrade ? n * markets * window * 2 : 0];
        this.volumeRing = new long[markets * window];
        this.selfTraded = new long[selfTrade ? n : 0];
        if (spec == null && !attackers.any()) {
            this.kernels = null;
        } else {
            int[] from = new int[cohorts];
            int[] to = new int[cohorts];
            for (Segment s : layout.segments()) {
                from[s.index()] = s.start();
                to[s.index()] = s.end();
            }
            this.kernels = setup.backend().half(LinkageKernels.halves(from, to));
        }
    }

    private static int[] filled(int size) {
        int[] a = new int[size];
        Arrays.fill(a, -1);
        return a;
    }

    /** The registration (META-INF/services/org.vaesim.host.stage.StageKind): after the built-in mechanisms. */
    public static final class Kind extends StageKind.Sectioned<LinkingSpec> {
        public Kind() { // name, epoch rank, state rank, section version, spec
            super(NAME, 450, 450, 1, LinkingSpec.class);
        }

        @Override
        public Stage create(StageSetup setup, SectionIn in) throws IOException {
            LinkingStage s = new LinkingStage(setup, spec(setup.scenario()));
            if (in != null) {
                s.read(in);
            }
            return s;
        }
    }

    @Override
    public StageKind kind() {
        return KIND;
    }

    /** The root of principal {@code p}'s group. */
    public int group(int p) {
        int r = p;
        while (parent[r] != r) {
            r = parent[r];
        }
        return r;
    }

    /** The epoch principal {@code p} was first flagged, or -1. */
    public int flaggedEpoch(int p) {
        return flagged[p];
    }

    /** The epoch principal {@code p} was stopped by this control, or -1. */
    public int stoppedEpoch(int p) {
        return stopped[p];
    }

    /** Before the epoch: the adaptive manipulators that back off tell decide so. */
    @Override
    public void observe(EpochContext c) {
        attackers.observe(c.inputs(), c.inputs().epoch);
    }

    @Override
    public void run(EpochContext c) {
        if (kernels == null) {
            return;
        }
        int epoch = c.epoch();
        ClearingResult cr = c.result().clearing;
        for (Segment s : layout.segments()) {
            int m = s.market();
            reference[s.index()] = c.inputs().lastTick[m];
            Linkage.clearing(clearing, s.index() * Linkage.CLEARING, cr.price[m], cr.bidMarginalTick[m],
                    cr.bidMarginalFill[m], cr.bidMarginalTotal[m], cr.askMarginalTick[m], cr.askMarginalFill[m],
                    cr.askMarginalTotal[m]);
        }
        for (int m = 0; m < markets; m++) {
            marketVolume[m] = cr.price[m] == 0 ? 0 : cr.volume[m];
        }
        kernels.signatures(reference, spec == null ? 4 : spec.widthTicks(), clearing, rows);
        attackers.watch(epoch, rows, marketVolume);
        if (spec == null) {
            return; // adaptive manipulators without the control: they watch their own statistic, nobody judges
        }
        Arrays.fill(principalRows, 0L);
        for (int k = 0; k < cohorts; k++) {
            add(principalRows, layout.principalOf(k), rows, k);
        }
        for (int p = 0; p < n; p++) {
            if (firstOrder[p] < 0 && orders(principalRows, p) > 0) {
                firstOrder[p] = epoch;
            }
        }
        linkPairs(epoch, c.audit());
        if (spec.recordFingerprints()) {
            recordFingerprints(epoch, c.audit());
        }
        Arrays.fill(groupRows, 0L);
        for (int p = 0; p < n; p++) {
            add(groupRows, group(p), principalRows, p);
        }
        for (int g = 0; g < n; g++) {
            if (group(g) == g && stopped[g] < 0) {
                judgeWash(g, epoch, c);
            }
        }
        if (selfTrade) {
            recordFills(epoch);
            for (int g = 0; g < n; g++) {
                if (group(g) == g && stopped[g] < 0) {
                    judgeSelfTrade(g, epoch, c);
                }
            }
        }
        if (spec.maxAgents() > 0) {
            capLinkedGroups(epoch, c);
        }
    }

    /**
     * One {@code fingerprint} audit record per principal that sent orders this epoch: its group (after this epoch's
     * links), its orders, and its bids' and asks' aggression bins, which is all the wash rule reads, so that the rule
     * can be replayed offline at other thresholds (docs/results/adversary/detect/replay.py).
     */
    private void recordFingerprints(int epoch, AuditSink audit) {
        for (int p = 0; p < n; p++) {
            long orders = orders(principalRows, p);
            if (orders == 0) {
                continue;
            }
            List<Long> bids = new ArrayList<>(Linkage.BINS);
            List<Long> asks = new ArrayList<>(Linkage.BINS);
            for (int b = 0; b < Linkage.BINS; b++) {
                bids.add(principalRows[p * Linkage.ROW + Linkage.BID_AGGRESSION + b]);
                asks.add(principalRows[p * Linkage.ROW + Linkage.ASK_AGGRESSION + b]);
            }
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("principal", principals.get(p));
            f.put("group", principals.get(group(p)));
            f.put("orders", orders);
            f.put("bid_aggression", bids);
            f.put("ask_aggression", asks);
            long bought = 0;
            long sold = 0;
            long volume = 0;
            boolean[] in = new boolean[markets];
            for (Segment s : layout.segments()) {
                if (layout.principalOf(s.index()) == p) {
                    bought += rows[s.index() * Linkage.ROW + Linkage.BID_FILLED];
                    sold += rows[s.index() * Linkage.ROW + Linkage.ASK_FILLED];
                    in[s.market()] = true;
                }
            }
            for (int m = 0; m < markets; m++) {
                volume += in[m] ? marketVolume[m] : 0;
            }
            f.put("bought", bought);
            f.put("sold", sold);
            f.put("market_volume", volume);
            audit.record(epoch, "fingerprint", f);
        }
    }

    /** Adds row {@code from} of {@code source} into row {@code into} of {@code target}. */
    private static void add(long[] target, int into, long[] source, int from) {
        for (int s = 0; s < Linkage.ROW; s++) {
            target[into * Linkage.ROW + s] += source[from * Linkage.ROW + s];
        }
    }

    /** Orders in row {@code r}: every order adds one to its side's aggression bins. */
    private static long orders(long[] rows, int r) {
        long total = 0;
        int base = r * Linkage.ROW;
        for (int b = 0; b < Linkage.BINS; b++) {
            total += rows[base + Linkage.BID_AGGRESSION + b] + rows[base + Linkage.ASK_AGGRESSION + b];
        }
        return total;
    }

    /**
     * The overlap of two principals' fingerprints, in [0, 1]: the mean of two histogram intersections, of their
     * orders' aggression (both sides together, so that a buyer and a seller crossing each other look alike) and of
     * their sizes, each over shares of the principal's orders.
     */
    private double similarity(int p, int q) {
        double np = orders(principalRows, p);
        double nq = orders(principalRows, q);
        double aggression = 0;
        double size = 0;
        for (int b = 0; b < Linkage.BINS; b++) {
            aggression += Math.min(bins(p, Linkage.BID_AGGRESSION, Linkage.ASK_AGGRESSION, b) / np,
                    bins(q, Linkage.BID_AGGRESSION, Linkage.ASK_AGGRESSION, b) / nq);
            size += Math.min(bins(p, Linkage.BID_SIZE, Linkage.ASK_SIZE, b) / np,
                    bins(q, Linkage.BID_SIZE, Linkage.ASK_SIZE, b) / nq);
        }
        return (aggression + size) / 2;
    }

    private long bins(int p, int bidPart, int askPart, int b) {
        return principalRows[p * Linkage.ROW + bidPart + b] + principalRows[p * Linkage.ROW + askPart + b];
    }

    /** Counts overlapping epochs for every pair of active principals in different groups; links at the streak. */
    private void linkPairs(int epoch, AuditSink audit) {
        for (int p = 0; p < n; p++) {
            if (stopped[group(p)] >= 0 || orders(principalRows, p) < spec.minOrders()) {
                continue;
            }
            for (int q = p + 1; q < n; q++) {
                if (stopped[group(q)] >= 0 || group(p) == group(q) || orders(principalRows, q) < spec.minOrders()) {
                    continue; // a pair with an idle side keeps its streak: no evidence either way
                }
                double sim = similarity(p, q);
                int k = p * n + q;
                streak[k] = sim >= spec.minSimilarity() ? streak[k] + 1 : 0;
                if (streak[k] >= spec.linkEpochs() && timingAgrees(p, q) && fundingAgrees(p, q)) {
                    link(epoch, p, q, sim, audit);
                }
            }
        }
    }

    private boolean timingAgrees(int p, int q) {
        return spec.timingEpochs() < 0 || Math.abs(firstOrder[p] - firstOrder[q]) <= spec.timingEpochs();
    }

    /** Whether every cohort of p and of q gives its agents the same fixed deposit (cash and units). */
    private boolean fundingAgrees(int p, int q) {
        if (!spec.funding()) {
            return true;
        }
        long cash = -1;
        int units = -1;
        for (Segment s : layout.segments()) {
            int owner = layout.principalOf(s.index());
            if (owner != p && owner != q) {
                continue;
            }
            CohortSpec c = s.cohort();
            if (c.draws() != null || (cash >= 0 && (c.cash() != cash || c.inventory() != units))) {
                return false;
            }
            cash = c.cash();
            units = c.inventory();
        }
        return true;
    }

    private void link(int epoch, int p, int q, double sim, AuditSink audit) {
        int a = group(p);
        int b = group(q);
        int root = Math.min(a, b);
        parent[Math.max(a, b)] = root;
        washStreak[root] = 0; // the new group is judged afresh
        flag(p, epoch);
        flag(q, epoch);
        int millionths = (int) Math.round(sim * 1_000_000);
        links.add(new int[] {epoch, p, q, millionths});
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("principals", List.of(principals.get(p), principals.get(q)));
        f.put("similarity", millionths / 1e6);
        f.put("group", members(root));
        audit.record(epoch, "link", f);
    }

    private void flag(int p, int epoch) {
        if (flagged[p] < 0) {
            flagged[p] = epoch;
        }
    }

    private List<String> members(int root) {
        List<String> m = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            if (group(p) == root) {
                m.add(principals.get(p));
            }
        }
        return m;
    }

    /**
     * The wash-trading test of group {@code g}: twice the smaller of its aggressive bids and asks over all its orders.
     * A group that buys and sells to itself through the reference price scores 1; one side only, or orders resting
     * away from the price, 0. With a concentration threshold the epoch counts only if each side's aggressive orders
     * also sit mostly in one bin ({@link #concentration}).
     */
    private void judgeWash(int g, int epoch, EpochContext c) {
        long total = orders(groupRows, g);
        if (total < spec.minOrders() || spec.washEpochs() == 0) {
            return; // too few orders to judge: the streak stands
        }
        long bids = 0;
        long asks = 0;
        for (int b = aggressiveBin; b < Linkage.BINS; b++) {
            bids += groupRows[g * Linkage.ROW + Linkage.BID_AGGRESSION + b];
            asks += groupRows[g * Linkage.ROW + Linkage.ASK_AGGRESSION + b];
        }
        double share = 2.0 * Math.min(bids, asks) / total;
        boolean washing = share >= spec.washShare()
                && (spec.washConcentration() == 0 || concentration(g) >= spec.washConcentration());
        washStreak[g] = washing ? washStreak[g] + 1 : 0;
        if (washStreak[g] >= spec.washEpochs()) {
            for (int p = 0; p < n; p++) {
                if (group(p) == g) {
                    flag(p, epoch);
                }
            }
            if (spec.enforce()) {
                stop(g, WASH, epoch, c);
            }
        }
    }

    /**
     * The smaller over the two sides of the share of the side's aggressive orders in its most used aggression bin: 1
     * when all of group {@code g}'s aggressive bids sit at one distance from the reference and so do its asks (one
     * rule pricing every order), about 1 / k when they spread evenly over k bins (valuations that differ from agent
     * to agent); 0 when a side has no aggressive order.
     */
    private double concentration(int g) {
        return Math.min(concentration(g, Linkage.BID_AGGRESSION), concentration(g, Linkage.ASK_AGGRESSION));
    }

    /** The share of group g's aggressive orders on one side (its part of the row) in the side's most used bin. */
    private double concentration(int g, int side) {
        long all = 0;
        long most = 0;
        for (int b = aggressiveBin; b < Linkage.BINS; b++) {
            long count = groupRows[g * Linkage.ROW + side + b];
            all += count;
            most = Math.max(most, count);
        }
        return all == 0 ? 0 : (double) most / all;
    }

    /** Adds the epoch's fills per principal and market, and the markets' volumes, to the self-trading windows. */
    private void recordFills(int epoch) {
        int window = spec.selfTradeEpochs();
        int slot = epoch % window;
        for (int p = 0; p < n; p++) {
            for (int m = 0; m < markets; m++) {
                int at = ((p * markets + m) * window + slot) * 2;
                filledRing[at] = 0;
                filledRing[at + 1] = 0;
            }
        }
        for (Segment s : layout.segments()) {
            int p = layout.principalOf(s.index());
            int at = ((p * markets + s.market()) * window + slot) * 2;
            filledRing[at] += rows[s.index() * Linkage.ROW + Linkage.BID_FILLED];
            filledRing[at + 1] += rows[s.index() * Linkage.ROW + Linkage.ASK_FILLED];
        }
        for (int m = 0; m < markets; m++) {
            volumeRing[m * window + slot] = marketVolume[m];
        }
        for (int p = 0; p < n; p++) {
            for (int m = 0; m < markets; m++) {
                int at = ((p * markets + m) * window + slot) * 2;
                selfTraded[p] += Math.min(filledRing[at], filledRing[at + 1]);
            }
        }
    }

    /**
     * The self-trading test of group {@code g}: in each market, over the window, the units it traded with itself
     * (each epoch, the smaller of the units its principals bought and sold there at the one clearing price: goods
     * whose owner did not change) against the market's volume. At {@code self_trade_share} of it or more the group
     * is flagged, and stopped when the control enforces. Judged once the group's first order is a window old, so that
     * a group is never judged on a part of a window. The prices its orders named play no part: a washer that spreads
     * them still trades with itself.
     */
    private void judgeSelfTrade(int g, int epoch, EpochContext c) {
        int window = spec.selfTradeEpochs();
        int first = Integer.MAX_VALUE;
        for (int p = 0; p < n; p++) {
            if (group(p) == g && firstOrder[p] >= 0) {
                first = Math.min(first, firstOrder[p]);
            }
        }
        if (first == Integer.MAX_VALUE || epoch - first + 1 < window) {
            return;
        }
        for (int m = 0; m < markets; m++) {
            long self = 0;
            long volume = 0;
            for (int slot = 0; slot < window; slot++) {
                long bought = 0;
                long sold = 0;
                for (int p = 0; p < n; p++) {
                    if (group(p) == g) {
                        int at = ((p * markets + m) * window + slot) * 2;
                        bought += filledRing[at];
                        sold += filledRing[at + 1];
                    }
                }
                self += Math.min(bought, sold);
                volume += volumeRing[m * window + slot];
            }
            if (volume > 0 && self >= spec.selfTradeShare() * volume) {
                for (int p = 0; p < n; p++) {
                    if (group(p) == g) {
                        flag(p, epoch);
                    }
                }
                if (spec.enforce()) {
                    stop(g, SELF_TRADE, epoch, c);
                }
                return;
            }
        }
    }

    /**
     * Stops every linked group (two principals or more) with more arrived agents in the economy (active or killed)
     * than the cap: the entry cap, applied to the owner the links reveal instead of to each name.
     */
    private void capLinkedGroups(int epoch, EpochContext c) {
        long[] standing = null;
        for (int g = 0; g < n; g++) {
            if (group(g) != g || stopped[g] >= 0 || members(g).size() < 2 || !spec.enforce()) {
                continue;
            }
            if (standing == null) {
                standing = new long[cohorts * Standing.SLOTS];
                c.backend().standing(standing);
            }
            long agents = 0;
            for (int k = 0; k < cohorts; k++) {
                // as under the entry cap, the agents that arrived count; founding agents were never checked at entry
                if (group(layout.principalOf(k)) == g && layout.segments().get(k).cohort().arrival() != null) {
                    agents += standing[k * Standing.SLOTS + Standing.ACTIVE]
                            + standing[k * Standing.SLOTS + Standing.KILLED];
                }
            }
            if (agents > spec.maxAgents()) {
                stop(g, LINKED_CAP, epoch, c);
            }
        }
    }

    /**
     * Kills every agent of group g's principals, pending ones included; one kill record per cohort, so that each
     * record's index range holds that principal's agents only.
     */
    private void stop(int g, int reason, int epoch, EpochContext c) {
        Backend backend = c.backend();
        List<String> group = members(g);
        long killed = 0;
        for (Segment s : layout.segments()) {
            int p = layout.principalOf(s.index());
            if (group(p) != g) {
                continue;
            }
            long mine = backend.kill(s.start(), s.end());
            stopped[p] = epoch;
            killed += mine;
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("reason", REASONS[reason]);
            f.put("target", "principal");
            f.put("principal", principals.get(p));
            f.put("cohort", s.cohort().name());
            f.put("group", group);
            f.put("agents_from", s.start());
            f.put("agents_to", s.end());
            f.put("newly_killed", mine);
            c.audit().record(epoch, "kill", f);
        }
        kills.add(new long[] {epoch, g, reason, killed});
    }

    /**
     * Nothing without linking or adaptive manipulators, and the self-trading windows and the attackers' state only
     * with them, so that every other economy's state checksum is what it was.
     */
    @Override
    public void write(SectionOut out) throws IOException {
        attackers.fields(SectionFields.writing(out));
        if (spec == null) {
            return;
        }
        out.ints(parent);
        out.ints(streak);
        out.ints(washStreak);
        out.ints(firstOrder);
        out.ints(flagged);
        out.ints(stopped);
        out.ints(links.size());
        for (int[] l : links) {
            out.ints(l);
        }
        out.ints(kills.size());
        for (long[] k : kills) {
            out.longs(k);
        }
        if (selfTrade) {
            out.longs(filledRing);
            out.longs(volumeRing);
            out.longs(selfTraded);
        }
    }

    private void read(SectionIn in) throws IOException {
        attackers.fields(SectionFields.reading(in));
        if (spec == null) {
            return;
        }
        in.ints(parent);
        in.ints(streak);
        in.ints(washStreak);
        in.ints(firstOrder);
        in.ints(flagged);
        in.ints(stopped);
        for (int p = 0; p < n; p++) {
            if (parent[p] < 0 || parent[p] > p) {
                throw in.corrupt("principal " + p + "'s group root " + parent[p]);
            }
        }
        int count = in.intValue();
        for (int i = 0; i < count; i++) {
            int[] l = new int[4];
            in.ints(l);
            links.add(l);
        }
        count = in.intValue();
        for (int i = 0; i < count; i++) {
            long[] k = new long[4];
            in.longs(k);
            kills.add(k);
        }
        if (selfTrade) {
            in.longs(filledRing);
            in.longs(volumeRing);
            in.longs(selfTraded);
        }
    }

    /**
     * summary.json's {@code linking}: the links and the groups stopped, and an evaluation against the truth the
     * control never sees, which cohorts run the manipulator strategy (the attackers): how many attacking principals
     * were flagged and how soon after their first order, how many attacking agents were stopped (killed by any control,
     * or refused at entry), and the false positives: honest principals flagged (of the principals with agents that
     * run no manipulator), honest agents whose principal was flagged, who were killed (by any control), or who were
     * refused at entry (as a share of the honest agents that arrived during the run).
     */
    @Override
    public void summarize(ObjectNode root, Engine engine) {
        if (attackers.any()) {
            attackers.summarize(root.putArray("adaptive_attackers"), principals);
        }
        if (spec == null) {
            return;
        }
        ObjectNode l = root.putObject(NAME);
        l.put("enforce", spec.enforce());
        ArrayNode ls = l.putArray("links");
        for (int[] k : links) {
            ObjectNode o = ls.addObject();
            o.put("epoch", k[0]);
            o.putArray("principals").add(principals.get(k[1])).add(principals.get(k[2]));
            o.put("similarity", k[3] / 1e6);
        }
        ArrayNode ks = l.putArray("stopped");
        for (long[] k : kills) {
            ObjectNode o = ks.addObject();
            o.put("epoch", k[0]);
            o.put("reason", REASONS[(int) k[2]]);
            ArrayNode m = o.putArray("principals");
            members((int) k[1]).forEach(m::add);
            o.put("agents_killed", k[3]);
        }
        ObjectNode fl = l.putObject("flagged"); // principal -> the epoch it was first flagged
        for (int p = 0; p < n; p++) {
            if (flagged[p] >= 0) {
                fl.put(principals.get(p), flagged[p]);
            }
        }
        evaluate(l.putObject("evaluation"), engine.population());
    }

    private void evaluate(ObjectNode e, Population population) {
        boolean[] attacker = new boolean[n];
        for (Segment s : layout.segments()) {
            if (s.cohort().family() == StrategyFamily.MANIPULATOR) {
                attacker[layout.principalOf(s.index())] = true;
            }
        }
        long attackers = 0;
        long attackersStopped = 0;
        long attackersArriving = 0;
        long attackersRefused = 0;
        long honest = 0;
        long honestFlagged = 0;
        long honestKilled = 0;
        long honestArriving = 0;
        long honestRefused = 0;
        for (Segment s : layout.segments()) {
            boolean bad = s.cohort().family() == StrategyFamily.MANIPULATOR;
            int p = layout.principalOf(s.index());
            long killed = 0;
            long refused = 0;
            for (int i = s.start(); i < s.end(); i++) {
                killed += population.status[i] == Population.KILLED ? 1 : 0;
                refused += population.status[i] == Population.REFUSED ? 1 : 0;
            }
            long arriving = s.cohort().arrival() != null ? s.size() : 0;
            if (bad) {
                attackers += s.size();
                attackersStopped += killed + refused;
                attackersArriving += arriving;
                attackersRefused += refused;
            } else {
                honest += s.size();
                honestKilled += killed;
                honestFlagged += flagged[p] >= 0 ? s.size() : 0;
                honestArriving += arriving;
                honestRefused += refused;
            }
        }
        boolean[] present = new boolean[n]; // principals with agents in the economy: the honest ones can be flagged
        for (Segment s : layout.segments()) {
            present[layout.principalOf(s.index())] = true;
        }
        int honestPrincipals = 0;
        int honestPrincipalsFlagged = 0;
        for (int p = 0; p < n; p++) {
            if (present[p] && !attacker[p]) {
                honestPrincipals++;
                honestPrincipalsFlagged += flagged[p] >= 0 ? 1 : 0;
            }
        }
        int attackerPrincipals = 0;
        int detected = 0;
        int firstAttack = Integer.MAX_VALUE;
        int lastDetection = -1;
        for (int p = 0; p < n; p++) {
            if (attacker[p]) {
                attackerPrincipals++;
                if (firstOrder[p] >= 0) {
                    firstAttack = Math.min(firstAttack, firstOrder[p]);
                }
                if (flagged[p] >= 0) {
                    detected++;
                    lastDetection = Math.max(lastDetection, flagged[p]);
                }
            }
        }
        e.put("attacker_principals", attackerPrincipals);
        e.put("attacker_principals_flagged", detected);
        e.put("detected_share", attackerPrincipals == 0 ? 0 : (double) detected / attackerPrincipals);
        boolean all = attackerPrincipals > 0 && detected == attackerPrincipals;
        e.put("detected", all ? 1 : 0);
        // epochs from the attack's first order to the epoch its last principal was flagged, counted inclusively
        if (all && firstAttack != Integer.MAX_VALUE) {
            e.put("detection_delay", lastDetection - firstAttack + 1);
        } else {
            e.putNull("detection_delay");
        }
        e.put("attacker_agents", attackers);
        e.put("attacker_stopped_share", share(attackersStopped, attackers));
        e.put("attacker_arriving", attackersArriving);
        e.put("attacker_refused_share", share(attackersRefused, attackersArriving));
        e.put("honest_agents", honest);
        e.put("honest_flagged_share", share(honestFlagged, honest));
        e.put("honest_killed_share", share(honestKilled, honest));
        e.put("honest_principals", honestPrincipals);
        e.put("honest_principals_flagged", honestPrincipalsFlagged);
        e.put("honest_principals_flagged_share", share(honestPrincipalsFlagged, honestPrincipals));
        e.put("honest_arriving", honestArriving);
        e.put("honest_refused_share", share(honestRefused, honestArriving));
        // what the attack produced and what evading cost it: the units its principals traded with themselves (with the
        // self-trading rule on) and the epochs its adaptive cohorts backed off
        long attackerSelfTraded = 0;
        int backedOff = 0;
        for (int p = 0; p < n; p++) {
            if (attacker[p]) {
                attackerSelfTraded += selfTrade ? selfTraded[p] : 0;
                backedOff += this.attackers.epochsBackedOff(p);
            }
        }
        if (selfTrade) {
            e.put("attacker_self_traded", attackerSelfTraded);
        } else {
            e.putNull("attacker_self_traded");
        }
        e.put("attacker_backoff_epochs", backedOff);
    }

    /** part / whole, 0 for an empty whole. */
    private static double share(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }
}
