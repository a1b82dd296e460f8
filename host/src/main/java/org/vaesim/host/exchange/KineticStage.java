package org.vaesim.host.exchange;

import org.vaesim.host.stage.EpochContext;
import org.vaesim.host.stage.SectionIn;
import org.vaesim.host.stage.SectionOut;
import org.vaesim.host.stage.Stage;
import org.vaesim.host.stage.StageKind;
import org.vaesim.host.stage.StageSetup;
import org.vaesim.kernels.exchange.ExchangePlan;
import org.vaesim.kernels.exchange.KineticKernels;
import org.vaesim.models.scenario.Scenario;
import org.vaesim.models.strategy.KineticParams;

/**
 * Kinetic exchange (docs/strategies.md#kinetic-exchange): every kinetic cohort's random pairs exchange cash by its
 * model, then its tax is shared back. The first stage of the epoch, right after the markets have settled: where it
 * ran, at the end of the backends' epoch, before it was a stage. It keeps no state: the pairs are drawn afresh from
 * the epoch's Philox counter, so its section is always empty.
 */
public final class KineticStage implements Stage {
    private static final StageKind KIND = new Kind();

    private final KineticKernels kernels;

    private KineticStage(KineticKernels kernels) {
        this.kernels = kernels;
    }

    /**
     * The registration: before every other stage in the epoch (10); its empty section after the built-in ones in
     * the state. A checkpoint written before it was a stage has neither its name nor its section and resumes as if
     * it had them ({@link StageKind#implicitInOlderCheckpoints}).
     */
    public static final class Kind extends StageKind.Ranked {
        public Kind() { // name, epoch rank, state rank, section version
            super("kinetic", 10, 850, 1);
        }

        @Override
        public boolean usedBy(Scenario scenario) {
            return ExchangePlan.uses(KineticParams.class, scenario);
        }

        @Override
        public boolean implicitInOlderCheckpoints() {
            return true;
        }

        @Override
        public Stage create(StageSetup setup, SectionIn section) {
            ExchangePlan<KineticParams> plan = ExchangePlan.of(KineticParams.class, setup.scenario(), setup.layout(),
                    false); // a collision is not an order: no rate limit
            return new KineticStage(plan.size() == 0 ? null : setup.backend().half(KineticKernels.halves(plan)));
        }
    }

    @Override
    public StageKind kind() {
        return KIND;
    }

    @Override
    public void run(EpochContext c) {
        if (kernels != null) {
            kernels.exchange(c.epoch());
        }
    }

    /** Nothing: the stage keeps no state. */
    @Override
    public void write(SectionOut out) {
    }
}
