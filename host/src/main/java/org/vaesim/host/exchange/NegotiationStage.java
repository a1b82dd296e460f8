package org.vaesim.host.exchange;

import org.vaesim.host.stage.EpochContext;
import org.vaesim.host.stage.SectionIn;
import org.vaesim.host.stage.SectionOut;
import org.vaesim.host.stage.Stage;
import org.vaesim.host.stage.StageKind;
import org.vaesim.host.stage.StageSetup;
import org.vaesim.kernels.exchange.ExchangePlan;
import org.vaesim.kernels.exchange.NegotiationKernels;
import org.vaesim.models.scenario.Scenario;
import org.vaesim.models.strategy.NegotiationParams;

/**
 * Negotiation (docs/strategies.md#negotiation): every negotiation cohort's random pairs strike a deal or not. Right
 * after kinetic exchange, before the other stages: where it ran, at the end of the backends' epoch, before it was a
 * stage. It keeps no state (the rate-limit tokens it spends are the population's), so its section is always empty.
 */
public final class NegotiationStage implements Stage {
    private static final StageKind KIND = new Kind();

    private final NegotiationKernels kernels;

    private NegotiationStage(NegotiationKernels kernels) {
        this.kernels = kernels;
    }

    /**
     * The registration: after kinetic exchange and before every other stage in the epoch (20); its empty section
     * after kinetic exchange's in the state. A checkpoint written before it was a stage resumes as if it had it
     * ({@link StageKind#implicitInOlderCheckpoints}).
     */
    public static final class Kind extends StageKind.Ranked {
        public Kind() { // name, epoch rank, state rank, section version
            super("negotiation", 20, 860, 1);
        }

        @Override
        public boolean usedBy(Scenario scenario) {
            return ExchangePlan.uses(NegotiationParams.class, scenario);
        }

        @Override
        public boolean implicitInOlderCheckpoints() {
            return true;
        }

        @Override
        public Stage create(StageSetup setup, SectionIn section) {
            ExchangePlan<NegotiationParams> plan = ExchangePlan.of(NegotiationParams.class, setup.scenario(),
                    setup.layout(), true);
            return new NegotiationStage(plan.size() == 0 ? null
                    : setup.backend().half(NegotiationKernels.halves(plan)));
        }
    }

    @Override
    public StageKind kind() {
        return KIND;
    }

    @Override
    public void run(EpochContext c) {
        if (kernels != null) {
            kernels.negotiate(c.epoch());
        }
    }

    /** Nothing: the stage keeps no state. */
    @Override
    public void write(SectionOut out) {
    }
}
