package org.vaesim.host.example.lottery;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.vaesim.host.epoch.Engine;
import org.vaesim.host.report.Html;
import org.vaesim.host.stage.EpochContext;
import org.vaesim.host.stage.SectionFields;
import org.vaesim.host.stage.SectionIn;
import org.vaesim.host.stage.SectionOut;
import org.vaesim.host.stage.Stage;
import org.vaesim.host.stage.StageKind;
import org.vaesim.host.stage.StageSetup;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.kernels.rng.Philox;
import org.vaesim.kernels.rng.Streams;
import org.vaesim.models.scenario.Money;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The lottery's stage (docs/extending.md, "A new mechanism"). Its agent-parallel work is two backend primitives
 * every backend has ({@code adjustCash} over the cohort for the tickets, over the winner for the pot), so it needs
 * no kernel of its own and runs the same on java, opencl and cuda; the draw is one Philox word on the host.
 */
public final class LotteryStage implements Stage {
    /** The stage's name: its section in the scenario file and in checkpoints. */
    public static final String NAME = "lottery";
    /** lottery.csv: one row per draw. */
    public static final String FILE = "lottery.csv";
    /** Philox counter word that keeps the draws apart from every kernel's (ASCII "LOTT"). */
    private static final int DRAW = 0x4C4F5454;
    private static final StageKind KIND = new Kind();

    private final LotterySpec spec;
    private final Segment cohort;
    private final String cohortName;
    private final int keyLo;
    private final int keyHi;
    // the state: what the checkpoint section holds
    private long draws;
    private long collected;
    private long paidOut;
    private int lastWinner = -1;
    /** The latest epoch's draw, for lottery.csv: {epoch, winner, pot}, or null. */
    private long[] lastDraw;

    private LotteryStage(StageSetup setup, LotterySpec spec) {
        this.spec = spec;
        this.cohort = spec == null ? null : setup.layout().segments().get(spec.cohort());
        this.cohortName = spec == null ? null : setup.scenario().cohorts().get(spec.cohort()).name();
        long key = Philox.key(setup.scenario().seed(), Streams.DECIDE);
        this.keyLo = Philox.keyLo(key);
        this.keyHi = Philox.keyHi(key);
    }

    /** The registration (META-INF/services/org.vaesim.host.stage.StageKind): after every other stage. */
    public static final class Kind extends StageKind.SectionedCsv<LotterySpec> {
        public Kind() { // name, epoch rank, state rank, section version, spec, per-round CSV
            super(NAME, 900, 900, 1, LotterySpec.class, FILE);
        }

        @Override
        public Stage create(StageSetup setup, SectionIn in) throws IOException {
            LotteryStage s = new LotteryStage(setup, spec(setup.scenario()));
            if (in != null && s.spec != null) {
                s.fields(SectionFields.reading(in));
            }
            return s;
        }

        @Override
        protected String section(JsonNode summary, Path runDir) {
            JsonNode l = summary.path(NAME);
            return "<h2>Lottery</h2>" + Html.table(List.of("cohort", "ticket", "draws", "paid out", "last winner"),
                    List.of(List.of(l.path("cohort").asText(), l.path("ticket").asText(), l.path("draws").asText(),
                            l.path("paid_out").asText(), l.path("last_winner").asText())));
        }
    }

    @Override
    public StageKind kind() {
        return KIND;
    }

    /** Draws so far, and the micro-credits the tickets collected and the winners received. */
    public long draws() {
        return draws;
    }

    public long paidOut() {
        return paidOut;
    }

    /** The latest winner's agent index, or -1 before the first draw. */
    public int lastWinner() {
        return lastWinner;
    }

    @Override
    public void run(EpochContext c) {
        lastDraw = null;
        if (spec == null || !spec.drawsAt(c.epoch())) {
            return;
        }
        long pot = -c.backend().adjustCash(cohort.start(), cohort.end(), -spec.ticket());
        int[] word = new int[4];
        Philox.philox4x32_10(cohort.start(), c.epoch(), DRAW, 0, keyLo, keyHi, word);
        int winner = Philox.uniform(word[0], cohort.start(), cohort.end() - 1);
        long paid = c.backend().adjustCash(winner, winner + 1, pot);
        draws++;
        collected += pot;
        paidOut += paid;
        lastWinner = winner;
        lastDraw = new long[] {c.epoch() + 1, winner, pot};
    }

    /** Every ticket's money went to a winner: nothing is held between epochs. */
    @Override
    public void verify(int epoch) {
        if (collected != paidOut) {
            throw new IllegalStateException("lottery after epoch " + epoch + ": tickets collected " + collected
                    + " micro-credits, winners received " + paidOut);
        }
    }

    /** Nothing without a lottery, so every other economy's state checksum is what it was. */
    @Override
    public void write(SectionOut out) throws IOException {
        if (spec != null) {
            fields(SectionFields.writing(out));
        }
    }

    /** The section (version 1), written and read by this one list of fields. */
    private void fields(SectionFields f) throws IOException {
        draws = f.longValue(draws);
        collected = f.longValue(collected);
        paidOut = f.longValue(paidOut);
        lastWinner = f.intValue(lastWinner);
    }

    @Override
    public void summarize(ObjectNode root, Engine engine) {
        if (spec != null) {
            ObjectNode l = root.putObject(NAME);
            l.put("cohort", cohortName);
            l.put("ticket", Money.toCredits(spec.ticket()));
            l.put("draws", draws);
            l.put("paid_out", Money.toCredits(paidOut));
            l.put("last_winner", lastWinner);
        }
    }

    @Override
    public boolean conservation(ObjectNode c) {
        if (spec == null) {
            return true;
        }
        ObjectNode l = c.putObject(NAME);
        l.put("collected", Money.toCredits(collected));
        l.put("paid_out", Money.toCredits(paidOut));
        l.put("conserved", collected == paidOut);
        return collected == paidOut;
    }

    @Override
    public Rounds rounds() {
        if (spec == null) {
            return null;
        }
        return Rounds.of(FILE, "epoch,winner,pot", () -> lastDraw == null ? List.of()
                : List.of(lastDraw[0] + "," + lastDraw[1] + "," + Money.format(lastDraw[2])));
    }
}
