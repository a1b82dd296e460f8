package org.vaesim.host.routing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.vaesim.host.epoch.Engine;
import org.vaesim.host.report.Html;
import org.vaesim.host.stage.EpochContext;
import org.vaesim.host.stage.SectionIn;
import org.vaesim.host.stage.SectionOut;
import org.vaesim.host.stage.Stage;
import org.vaesim.host.stage.StageKind;
import org.vaesim.host.stage.StageSetup;
import org.vaesim.kernels.memory.Layout;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.kernels.rng.Philox;
import org.vaesim.kernels.rng.Streams;
import org.vaesim.models.market.MarketSpec;
import org.vaesim.models.routing.RoutingSpec;
import org.vaesim.models.safety.Identity;
import org.vaesim.models.scenario.Money;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Order routing across the venues of one good ({@link RoutingSpec}; docs/architecture.md, "Order routing"): before
 * every epoch's decisions, after the breakers have set the epoch's halts, each routing group moves to the venue
 * whose last price suits its side best when that price beats its current venue's by at least its threshold, and
 * off a venue that is halted or outside its scope at once. The move is the layout's venue column
 * ({@link Layout#route}), which every reader of {@code Segment.market()} (the decide kernels' observed prices, the
 * gate, the book, the settlement, the metrics) and both backends follow. Inventory is units of the good, so no unit
 * moves; the engine checks goods per good, over the venues.
 *
 * <p>State (the checkpoint section): each group's current venue, its moves and epochs away from its own market, and
 * per market the routing agents' epochs there. The thresholds are drawn again from the seed on resume.
 */
public final class RoutingStage implements Stage {
    /** The stage's name: its section in the scenario file and in checkpoints. */
    public static final String NAME = RoutingSpec.NAME;
    /** routing.csv: one row per epoch and venue of a routing group. */
    public static final String FILE = "routing.csv";
    private static final StageKind KIND = new Kind();

    private final RoutingSpec spec;
    private final Layout layout;
    private final List<MarketSpec> markets;
    /** Per group: its venues (its cohort's market first) and whether its scope authorizes each. */
    private final int[][] venues;
    private final boolean[][] authorized;
    /** Per group: the least price gap in ticks that moves it (drawn per seed). */
    private final int[] threshold;
    /** The markets that are a venue of some group, in index order: routing.csv's rows. */
    private final int[] routedMarkets;
    // the state: what the checkpoint section holds
    private final int[] current;
    private final long[] moves;
    /** Per group: the epochs it traded off its own market. */
    private final long[] away;
    private final long[] agentEpochs;
    /** Per market: the routing agents on it this epoch (scratch). */
    private final long[] here;
    /** The latest epoch's rows of routing.csv. */
    private final List<String> lastRows = new ArrayList<>();

    private RoutingStage(StageSetup setup, RoutingSpec spec) {
        this.spec = spec;
        this.layout = setup.layout();
        this.markets = setup.scenario().markets();
        int groups = spec == null ? 0 : spec.groups().size();
        venues = new int[groups][];
        authorized = new boolean[groups][];
        threshold = new int[groups];
        current = new int[groups];
        moves = new long[groups];
        away = new long[groups];
        agentEpochs = new long[markets.size()];
        here = new long[markets.size()];
        boolean[] routed = new boolean[markets.size()];
        long key = Philox.key(setup.scenario().seed(), Streams.INIT);
        int[] word = new int[4];
        for (int g = 0; g < groups; g++) {
            RoutingSpec.Group group = spec.groups().get(g);
            Identity.Scope scope = segment(g).cohort().identity().scope();
            venues[g] = group.venues().stream().mapToInt(Integer::intValue).toArray();
            authorized[g] = new boolean[venues[g].length];
            for (int k = 0; k < venues[g].length; k++) {
                MarketSpec m = markets.get(venues[g][k]);
                authorized[g][k] = scope.authorizes(m.name(), m.resource());
                routed[venues[g][k]] = true;
            }
            Philox.philox4x32_10(group.cohort(), 0, Streams.STAGE_ROUTING, 0, Philox.keyLo(key), Philox.keyHi(key),
                    word);
            threshold[g] = Philox.uniform(word[0], group.thresholdMin(), group.thresholdMax());
            current[g] = venues[g][0];
        }
        int count = 0;
        for (boolean r : routed) {
            count += r ? 1 : 0;
        }
        routedMarkets = new int[count];
        for (int m = 0, k = 0; m < routed.length; m++) {
            if (routed[m]) {
                routedMarkets[k++] = m;
            }
        }
    }

    /** The registration (META-INF/services/org.vaesim.host.stage.StageKind): after the built-in stages. */
    public static final class Kind extends StageKind.SectionedCsv<RoutingSpec> {
        public Kind() { // name, epoch rank, state rank, section version, spec, per-round CSV
            super(NAME, 480, 480, 1, RoutingSpec.class, FILE);
        }

        @Override
        public Stage create(StageSetup setup, SectionIn in) throws IOException {
            RoutingStage s = new RoutingStage(setup, spec(setup.scenario()));
            if (in != null && s.spec != null) {
                in.ints(s.current);
                in.longs(s.moves);
                in.longs(s.away);
                in.longs(s.agentEpochs);
                for (int g = 0; g < s.current.length; g++) {
                    if (s.venueSlot(g, s.current[g]) < 0) {
                        throw in.corrupt("routing group " + g + "'s venue " + s.current[g]
                                + " is not one of its venues");
                    }
                }
            }
            for (int g = 0; g < s.current.length; g++) { // a resumed run trades where the checkpointed one did
                s.layout.route(s.segment(g).index(), s.current[g]);
            }
            return s;
        }

        /**
         * True: the section is empty in every scenario without a {@code stages.routing} section, which is every
         * scenario a vaesim without this stage could run, so such a checkpoint resumes as if it had the stage.
         */
        @Override
        public boolean implicitInOlderCheckpoints() {
            return true;
        }

        @Override
        protected String section(JsonNode summary, Path runDir) {
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode g : summary.path(NAME).path("groups")) {
                rows.add(List.of(g.path("cohort").asText(), g.path("home").asText(), g.path("venue").asText(),
                        g.path("threshold_ticks").asText(), g.path("moves").asText(),
                        g.path("share_away").asText()));
            }
            return "<h2>Order routing</h2>" + Html.table(List.of("group", "own market", "venue at the end",
                    "threshold, ticks", "moves", "share of epochs away"), rows);
        }
    }

    private Segment segment(int g) {
        return layout.segments().get(spec.groups().get(g).cohort());
    }

    /** Where market {@code m} is in group {@code g}'s venues, or -1. */
    private int venueSlot(int g, int m) {
        for (int k = 0; k < venues[g].length; k++) {
            if (venues[g][k] == m) {
                return k;
            }
        }
        return -1;
    }

    /** The moves routing group {@code g} (in the section's order) made so far. */
    public long moves(int g) {
        return moves[g];
    }

    @Override
    public StageKind kind() {
        return KIND;
    }

    /**
     * The routing rule, before the decisions: the best open venue (not halted this epoch, authorized by the scope) by
     * last price, cheapest for a buyer and dearest for a seller, ties to the earlier venue in the group's list; the
     * group moves there when its venue is not open or the gap is at least its threshold. With no open venue it stays.
     */
    @Override
    public void observe(EpochContext c) {
        int[] last = c.markets().lastTick;
        int[] halted = c.inputs().halted;
        for (int g = 0; g < current.length; g++) {
            boolean buyer = spec.groups().get(g).buyer();
            int best = -1;
            boolean here = false;
            for (int k = 0; k < venues[g].length; k++) {
                int m = venues[g][k];
                if (!authorized[g][k] || halted[m] != 0) {
                    continue;
                }
                here |= m == current[g];
                if (best < 0 || (buyer ? last[m] < last[best] : last[m] > last[best])) {
                    best = m;
                }
            }
            if (best < 0 || best == current[g]) {
                continue;
            }
            int gain = buyer ? last[current[g]] - last[best] : last[best] - last[current[g]];
            if (!here || gain >= threshold[g]) {
                current[g] = best;
                moves[g]++;
                layout.route(segment(g).index(), best);
            }
        }
    }

    @Override
    public void run(EpochContext c) {
        lastRows.clear();
        if (spec == null) {
            return;
        }
        Arrays.fill(here, 0);
        for (int g = 0; g < current.length; g++) {
            here[current[g]] += segment(g).size();
            away[g] += current[g] != venues[g][0] ? 1 : 0;
        }
        for (int m : routedMarkets) {
            agentEpochs[m] += here[m];
            lastRows.add((c.epoch() + 1) + "," + markets.get(m).name() + ","
                    + Money.format(markets.get(m).priceOf(c.markets().lastTick[m])) + "," + here[m]);
        }
    }

    @Override
    public void write(SectionOut out) throws IOException {
        if (spec != null) {
            out.ints(current);
            out.longs(moves);
            out.longs(away);
            out.longs(agentEpochs);
        }
    }

    @Override
    public void summarize(ObjectNode root, Engine engine) {
        if (spec == null) {
            return;
        }
        ObjectNode r = root.putObject(NAME);
        ArrayNode groups = r.putArray("groups");
        long epochs = engine.epoch();
        for (int g = 0; g < current.length; g++) {
            Segment s = segment(g);
            ObjectNode n = groups.addObject();
            n.put("cohort", s.cohort().name());
            n.put("home", markets.get(venues[g][0]).name());
            n.put("venue", markets.get(current[g]).name());
            n.put("side", spec.groups().get(g).buyer() ? "buy" : "sell");
            n.put("threshold_ticks", threshold[g]);
            n.put("moves", moves[g]);
            n.put("epochs_away", away[g]);
            n.put("share_away", epochs == 0 ? 0 : (double) away[g] / epochs);
        }
        long total = 0;
        for (long a : agentEpochs) {
            total += a;
        }
        ObjectNode v = r.putObject("agent_epochs");
        for (int m : routedMarkets) {
            v.put(markets.get(m).name(), agentEpochs[m]);
        }
        r.put("epochs", epochs);
        r.put("agent_epochs_total", total);
    }

    @Override
    public Rounds rounds() {
        return spec == null ? null : Rounds.of(FILE, "epoch,market,price,routing_agents", () -> lastRows);
    }
}
