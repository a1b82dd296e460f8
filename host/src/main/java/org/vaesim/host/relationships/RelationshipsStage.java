package org.vaesim.host.relationships;

import java.io.IOException;
import java.nio.file.Path;
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
import org.vaesim.kernels.memory.Segment;
import org.vaesim.kernels.relationships.Relationships;
import org.vaesim.kernels.relationships.RelationshipsKernels;
import org.vaesim.kernels.relationships.RelationshipsPlan;
import org.vaesim.kernels.rng.Philox;
import org.vaesim.kernels.rng.Streams;
import org.vaesim.models.market.MarketSpec;
import org.vaesim.models.relationships.RelationshipsSpec;
import org.vaesim.models.scenario.Money;
import org.vaesim.models.scenario.Scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The trade relationships' stage ({@link RelationshipsSpec}; the passes are {@link Relationships}): after the
 * markets have cleared, each buyer trades with its partner or meets a seller, at the market's last price. Money and
 * goods only move between the two cohorts, so both are conserved by construction; {@link #verify} checks that
 * every partnership is symmetric and that the counts add up.
 */
public final class RelationshipsStage implements Stage {
    /** The stage's name: its section in the scenario file and in checkpoints. */
    public static final String NAME = RelationshipsSpec.NAME;
    /** relationships.csv: one row per epoch. */
    public static final String FILE = "relationships.csv";
    private static final StageKind KIND = new Kind();

    private final RelationshipsSpec spec;
    private final RelationshipsPlan plan;
    private final RelationshipsKernels kernels;
    private final String buyersName;
    private final String sellersName;
    private final String marketName;
    // the state: what the checkpoint section holds
    private final int[] buyerPartner;
    private final int[] sellerPartner;
    private long units;
    private long repeatUnits;
    private long value;
    private long pairEpochs;
    private long epochs;
    /** The latest epoch's row of relationships.csv, or null. */
    private String lastRow;
    private final int[] traded;

    private RelationshipsStage(StageSetup setup, RelationshipsSpec spec) {
        this.spec = spec;
        if (spec == null) {
            plan = null;
            kernels = null;
            buyersName = sellersName = marketName = null;
            buyerPartner = sellerPartner = traded = null;
            return;
        }
        Scenario s = setup.scenario();
        Segment b = setup.layout().segments().get(spec.buyers());
        Segment a = setup.layout().segments().get(spec.sellers());
        int m = b.cohort().marketIndex();
        MarketSpec market = s.markets().get(m);
        long key = Philox.key(s.seed(), Streams.RELATIONSHIPS);
        plan = new RelationshipsPlan(b.start(), b.end() - b.start(), a.start(), a.end() - a.start(), m,
                market.tickSize(), spec.valueMinTick(), spec.valueMaxTick(),
                Philox.probabilityThreshold(spec.loyalty()), Philox.keyLo(key), Philox.keyHi(key));
        buyersName = b.cohort().name();
        sellersName = a.cohort().name();
        marketName = market.name();
        buyerPartner = new int[plan.buyers()];
        sellerPartner = new int[plan.sellers()];
        traded = new int[plan.buyers()];
        Arrays.fill(buyerPartner, Relationships.SINGLE);
        Arrays.fill(sellerPartner, Relationships.SINGLE);
        kernels = setup.backend().half(RelationshipsKernels.halves(plan));
    }

    /** The registration (META-INF/services/org.vaesim.host.stage.StageKind): after the built-in stages. */
    public static final class Kind extends StageKind.SectionedCsv<RelationshipsSpec> {
        public Kind() { // name, epoch rank, state rank, section version, spec, per-round CSV
            super(NAME, 460, 460, 1, RelationshipsSpec.class, FILE);
        }

        @Override
        public Stage create(StageSetup setup, SectionIn in) throws IOException {
            RelationshipsStage s = new RelationshipsStage(setup, spec(setup.scenario()));
            if (in != null && s.spec != null) {
                in.ints(s.buyerPartner);
                in.ints(s.sellerPartner);
                s.units = in.longValue();
                s.repeatUnits = in.longValue();
                s.value = in.longValue();
                s.pairEpochs = in.longValue();
                s.epochs = in.longValue();
                s.check(in);
            }
            return s;
        }

        @Override
        protected String section(JsonNode summary, Path runDir) {
            JsonNode r = summary.path(NAME);
            return "<h2>Trade relationships</h2>" + Html.table(List.of("buyers", "sellers", "market", "units",
                    "with a partner already", "value", "mean pairs", "pairs at the end"),
                    List.of(List.of(r.path("buyers").asText(), r.path("sellers").asText(), r.path("market").asText(),
                            r.path("units").asText(), r.path("repeat_units").asText(), r.path("value").asText(),
                            r.path("mean_pairs").asText(), r.path("pairs").asText())));
        }
    }

    /** A checkpoint's partners must be symmetric and in range: a tampered section is refused, naming it. */
    private void check(SectionIn in) throws IOException {
        String wrong = asymmetry();
        if (wrong != null) {
            throw in.corrupt(wrong);
        }
    }

    /** What is wrong with the partner columns, or null: every pair is named by both sides, nobody is LEFT. */
    private String asymmetry() {
        for (int j = 0; j < buyerPartner.length; j++) {
            int s = buyerPartner[j];
            if (s != Relationships.SINGLE && (s < 0 || s >= sellerPartner.length || sellerPartner[s] != j)) {
                return "buyer " + j + "'s partner " + s + " does not name it back";
            }
        }
        for (int s = 0; s < sellerPartner.length; s++) {
            int j = sellerPartner[s];
            if (j != Relationships.SINGLE && (j < 0 || j >= buyerPartner.length || buyerPartner[j] != s)) {
                return "seller " + s + "'s partner " + j + " does not name it back";
            }
        }
        return null;
    }

    /** Units traded so far, and of them those traded with a partner from an earlier epoch. */
    public long units() {
        return units;
    }

    public long repeatUnits() {
        return repeatUnits;
    }

    @Override
    public StageKind kind() {
        return KIND;
    }

    @Override
    public void run(EpochContext c) {
        lastRow = null;
        if (spec == null) {
            return;
        }
        int last = c.markets().lastTick[plan.market()];
        kernels.epoch(last, c.epoch(), buyerPartner, sellerPartner, traded);
        long repeat = 0;
        long first = 0;
        for (int t : traded) {
            repeat += t == Relationships.REPEAT ? 1 : 0;
            first += t == Relationships.FIRST ? 1 : 0;
        }
        long pairs = 0;
        for (int s : buyerPartner) {
            pairs += s >= 0 ? 1 : 0;
        }
        long price = last * plan.tickSize();
        units += repeat + first;
        repeatUnits += repeat;
        try { // the value traded over the run is no stock of money: a long run at high prices could pass 64 bits
            value = Math.addExact(value, Math.multiplyExact(repeat + first, price));
        } catch (ArithmeticException overflow) {
            throw new IllegalStateException("relationships in epoch " + c.epoch() + ": the value traded, " + value
                    + " micro-credits, plus " + (repeat + first) + " units at " + price + " left 64 bits");
        }
        pairEpochs += pairs;
        epochs++;
        lastRow = (c.epoch() + 1) + "," + Money.format(price) + "," + (repeat + first) + "," + repeat + "," + first
                + "," + pairs;
    }

    /** Every partnership is named by both sides, and the value is the units at their prices. */
    @Override
    public void verify(int epoch) {
        if (spec == null) {
            return;
        }
        String wrong = asymmetry();
        if (wrong != null) {
            throw new IllegalStateException("relationships after epoch " + epoch + ": " + wrong);
        }
        if (repeatUnits > units || value < 0) {
            throw new IllegalStateException("relationships after epoch " + epoch + ": " + repeatUnits
                    + " units with a partner of " + units + " in all");
        }
    }

    /** Nothing without relationships, so every other economy's state checksum is what it was. */
    @Override
    public void write(SectionOut out) throws IOException {
        if (spec != null) {
            out.ints(buyerPartner);
            out.ints(sellerPartner);
            out.longs(units, repeatUnits, value, pairEpochs, epochs);
        }
    }

    @Override
    public void summarize(ObjectNode root, Engine engine) {
        if (spec == null) {
            return;
        }
        ObjectNode r = root.putObject(NAME);
        r.put("buyers", buyersName);
        r.put("sellers", sellersName);
        r.put("market", marketName);
        r.put("loyalty", spec.loyalty());
        r.put("units", units);
        r.put("repeat_units", repeatUnits);
        r.put("repeat_share", units == 0 ? 0 : (double) repeatUnits / units);
        r.put("value", Money.toCredits(value));
        r.put("mean_pairs", epochs == 0 ? 0 : (double) pairEpochs / epochs);
        long pairs = 0;
        for (int s : buyerPartner) {
            pairs += s >= 0 ? 1 : 0;
        }
        r.put("pairs", pairs);
    }

    @Override
    public Rounds rounds() {
        if (spec == null) {
            return null;
        }
        return Rounds.of(FILE, "epoch,price,units,repeat_units,first_units,pairs",
                () -> lastRow == null ? List.of() : List.of(lastRow));
    }
}
