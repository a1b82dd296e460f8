package org.vaesim.host.redistribution;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.vaesim.host.epoch.Engine;
import org.vaesim.host.stage.EpochContext;
import org.vaesim.host.stage.SectionIn;
import org.vaesim.host.stage.SectionOut;
import org.vaesim.host.stage.Stage;
import org.vaesim.host.stage.StageKind;
import org.vaesim.host.stage.StageSetup;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.kernels.redistribution.WealthTaxKernels;
import org.vaesim.models.redistribution.WealthTaxSpec;
import org.vaesim.models.scenario.Money;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The wealth tax (docs/capability.md#levers): at the end of every {@code every}-th epoch, a flat tax on the listed
 * cohorts' cash with an equal rebate to the same agents, run by its backend half ({@link WealthTaxKernels}). Money
 * stays with the agents (the pot goes back whole in the same step), so conservation needs no account; the stage
 * only counts what it moved.
 */
public final class WealthTaxStage implements Stage {
    /** Opens the section, only in scenarios that have a wealth tax: "VAESIMWT" (its bytes before sections). */
    static final long MAGIC = 0x56414553494D5754L;
    private static final StageKind KIND = new Kind();

    private final WealthTaxSpec spec;
    private final WealthTaxKernels kernels;
    /** Collections so far and the micro-credits they moved (checkpointed, for the summary). */
    private long collections;
    private long collected;

    private WealthTaxStage(WealthTaxSpec spec, WealthTaxKernels kernels) {
        this.spec = spec;
        this.kernels = kernels;
    }

    /**
     * The registration: first of the stages after the missions in the epoch (400), then capability; last of the
     * three compounding sections in the state, where its bytes were before sections had names.
     */
    public static final class Kind extends StageKind.Sectioned<WealthTaxSpec> {
        public Kind() { // name, epoch rank, state rank, section version, spec
            super(WealthTaxSpec.NAME, 400, 600, 1, WealthTaxSpec.class);
        }

        @Override
        public Stage create(StageSetup setup, SectionIn in) throws IOException {
            WealthTaxSpec spec = spec(setup.scenario());
            if (spec == null) {
                return new WealthTaxStage(null, null);
            }
            List<Segment> cohorts = new ArrayList<>();
            for (int c : spec.cohorts()) {
                cohorts.add(setup.layout().segments().get(c));
            }
            WealthTaxStage s = new WealthTaxStage(spec, setup.backend().half(WealthTaxKernels.halves(cohorts)));
            if (in != null) {
                if (in.longValue() != MAGIC) {
                    throw in.corrupt("it is not a wealth tax section");
                }
                s.collections = in.longValue();
                s.collected = in.longValue();
                if (s.collections < 0 || s.collected < 0) {
                    throw in.corrupt("negative counts: " + s.collections + " collections, " + s.collected
                            + " micro-credits");
                }
            }
            return s;
        }
    }

    @Override
    public StageKind kind() {
        return KIND;
    }

    public WealthTaxSpec spec() {
        return spec;
    }

    /** Collections so far. */
    public long collections() {
        return collections;
    }

    /** Micro-credits taxed (and rebated) so far. */
    public long collected() {
        return collected;
    }

    /** Collects and rebates at the end of the epoch when one is due. */
    @Override
    public void run(EpochContext c) {
        if (spec == null || (c.epoch() + 1) % spec.every() != 0 || spec.rate() == 0) {
            return;
        }
        long[] r = kernels.collect(spec.rate());
        collections++;
        collected = Math.addExact(collected, r[0]);
    }

    /** Nothing without a wealth tax, so every other economy's state checksum is what it was. */
    @Override
    public void write(SectionOut out) throws IOException {
        if (spec != null) {
            out.longs(MAGIC, collections, collected);
        }
    }

    /** summary.json's {@code wealth_tax} section (docs/outputs.md). */
    @Override
    public void summarize(ObjectNode root, Engine engine) {
        if (spec != null) {
            ObjectNode n = root.putObject(WealthTaxSpec.NAME);
            n.put("rate", spec.rate());
            n.put("every", spec.every());
            n.put("collections", collections);
            n.put("collected", Money.toCredits(collected));
        }
    }
}
