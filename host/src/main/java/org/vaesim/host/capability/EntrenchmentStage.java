package org.vaesim.host.capability;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.vaesim.host.auction.AuctionStage;
import org.vaesim.host.epoch.Engine;
import org.vaesim.host.report.EntrenchmentSection;
import org.vaesim.host.stage.EpochContext;
import org.vaesim.host.stage.SectionIn;
import org.vaesim.host.stage.SectionOut;
import org.vaesim.host.stage.Stage;
import org.vaesim.host.stage.StageKind;
import org.vaesim.host.stage.StageSetup;
import org.vaesim.kernels.auction.AuctionPlan;
import org.vaesim.kernels.memory.AuctionColumns;
import org.vaesim.models.capability.EntrenchmentSpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The entrenchment metrics (docs/inequality.md#entrenchment) as a stage: it changes nothing in the economy. After
 * every epoch it takes the early winners once epoch N is done; at every metrics epoch, after the rank-mobility pass
 * has stored each agent's wealth decile ({@link #sampled}), it takes the epoch's figures ({@link Entrenchment.Row})
 * for entrenchment.csv; it writes summary.json's {@code entrenchment} section and the report's section.
 */
public final class EntrenchmentStage implements Stage {
    /** Opens the section, only in scenarios that ask for the metrics: "VAESIMEN" (its bytes before sections). */
    static final long MAGIC = 0x56414553494D454EL;
    /** entrenchment.csv: one row per metrics epoch (docs/outputs.md). */
    public static final String FILE = "entrenchment.csv";
    static final String HEADER = "epoch,top10_agents,top10_persistence,early_winner_share,compute_hhi,"
            + "capability_gini";
    private static final StageKind KIND = new Kind();

    private final Entrenchment entrenchment;
    /** The latest metrics epoch's CSV row, until the epoch's rows are written; null when the epoch sampled none. */
    private String pendingRow;

    private EntrenchmentStage(Entrenchment entrenchment) {
        this.entrenchment = entrenchment;
    }

    /**
     * The registration: last in the epoch of the three compounding stages (600: after capability, so the epoch's
     * compute is counted); first of their sections in the state, where its bytes were before sections had names.
     */
    public static final class Kind extends StageKind.SectionedCsv<EntrenchmentSpec> {
        public Kind() { // name, epoch rank, state rank, section version, spec, per-round CSV
            super(EntrenchmentSpec.NAME, 600, 400, 1, EntrenchmentSpec.class, FILE);
        }

        @Override
        public Stage create(StageSetup setup, SectionIn in) throws IOException {
            EntrenchmentSpec spec = spec(setup.scenario());
            if (spec == null) {
                return new EntrenchmentStage(null);
            }
            int agents = setup.layout().agents();
            Entrenchment e = new Entrenchment(spec, AuctionPlan.of(setup.scenario(), setup.layout()), agents);
            if (in != null) {
                if (in.longValue() != MAGIC || in.intValue() != agents) {
                    throw in.corrupt("it is not an entrenchment section of the scenario's " + agents + " agents");
                }
                in.bytes(e.history());
                in.bytes(e.early());
                long samples = in.longValue();
                long taken = in.longValue();
                long winners = in.longValue();
                long persisted = in.longValue();
                double sum = Double.longBitsToDouble(in.longValue());
                try {
                    e.counters(samples, taken == 1, winners, persisted, sum);
                } catch (IllegalArgumentException bad) {
                    throw in.corrupt(bad.getMessage());
                }
            }
            return new EntrenchmentStage(e);
        }

        @Override
        protected String section(JsonNode summary, Path runDir) throws IOException {
            return EntrenchmentSection.of(summary, runDir);
        }
    }

    @Override
    public StageKind kind() {
        return KIND;
    }

    /** The metrics' state, or null when the scenario asks for none. */
    public Entrenchment entrenchment() {
        return entrenchment;
    }

    /** At the end of epoch N, the early winners from the compute won so far. */
    @Override
    public void run(EpochContext c) {
        pendingRow = null;
        if (entrenchment != null) {
            entrenchment.afterEpoch(c.epoch() + 1, () -> c.stage(AuctionStage.class).columns());
        }
    }

    /** The metrics epoch's figures, from the deciles the mobility pass just stored. */
    @Override
    public void sampled(Engine engine) {
        if (entrenchment == null) {
            return;
        }
        Entrenchment.Row r = entrenchment.sample(engine.population().decile,
                engine.stage(AuctionStage.class).columns(), engine.stage(CapabilityStage.class).stockGini());
        pendingRow = engine.epoch() + "," + r.topAgents() + "," + orEmpty(r.persistence()) + ","
                + orEmpty(r.earlyWinnerShare()) + "," + orEmpty(r.computeHhi()) + "," + orEmpty(r.capabilityGini());
    }

    private static String orEmpty(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6f", v);
    }

    @Override
    public Rounds rounds() {
        if (entrenchment == null) {
            return null;
        }
        return Rounds.of(FILE, HEADER, () -> pendingRow == null ? List.of() : List.of(pendingRow));
    }

    /** Nothing without the metrics, so every other economy's state checksum is what it was. */
    @Override
    public void write(SectionOut out) throws IOException {
        if (entrenchment == null) {
            return;
        }
        Entrenchment e = entrenchment;
        out.longs(MAGIC);
        out.ints(e.history().length);
        out.bytes(e.history());
        out.bytes(e.early());
        out.longs(e.samples(), e.earlyTaken() ? 1 : 0, e.earlyWinners(), e.persistenceSamples(),
                Double.doubleToLongBits(e.persistenceSum()));
    }

    /** summary.json's {@code entrenchment} section (docs/outputs.md). */
    @Override
    public void summarize(ObjectNode root, Engine engine) {
        if (entrenchment == null) {
            return;
        }
        Entrenchment e = entrenchment;
        ObjectNode n = root.putObject(EntrenchmentSpec.NAME);
        n.put("persistence_lag", e.spec().persistenceLag());
        n.put("early_epochs", e.spec().earlyEpochs());
        n.put("metrics_epochs", e.samples());
        putOrNull(n, "mean_persistence", e.meanPersistence());
        Entrenchment.Row last = e.last();
        if (last != null) {
            n.put("top10_agents", last.topAgents());
            putOrNull(n, "persistence", last.persistence());
            putOrNull(n, "early_winner_share", last.earlyWinnerShare());
        }
        if (e.earlyTaken()) {
            n.put("early_winners", e.earlyWinners());
            n.put("early_winner_base_share", (double) e.earlyWinners() / e.early().length);
        }
        if (e.hasCompute()) {
            AuctionColumns columns = engine.stage(AuctionStage.class).columns();
            putOrNull(n, "compute_hhi", e.computeHhi(columns));
            ObjectNode by = n.putObject("compute_by_principal");
            for (Map.Entry<String, Long> p : e.computeByPrincipal(columns).entrySet()) {
                by.put(p.getKey(), p.getValue());
            }
        }
    }

    /** {@code field} = {@code v}, or null where it is undefined (NaN). */
    static void putOrNull(ObjectNode n, String field, double v) {
        if (Double.isNaN(v)) {
            n.putNull(field);
        } else {
            n.put(field, v);
        }
    }
}
