package org.vaesim.host.exchange;

import java.math.BigDecimal;
import java.util.function.IntConsumer;

import org.vaesim.host.epoch.Engine;
import org.vaesim.host.metrics.NegotiationTiers;
import org.vaesim.host.stage.EpochContext;
import org.vaesim.host.stage.SectionIn;
import org.vaesim.host.stage.SectionOut;
import org.vaesim.host.stage.Stage;
import org.vaesim.host.stage.StageKind;
import org.vaesim.host.stage.StageSetup;
import org.vaesim.kernels.exchange.ExchangePlan;
import org.vaesim.kernels.exchange.KineticKernels;
import org.vaesim.kernels.exchange.NegotiationKernels;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.models.scenario.Money;
import org.vaesim.models.scenario.Scenario;
import org.vaesim.models.strategy.KineticParams;
import org.vaesim.models.strategy.NegotiationParams;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The pairwise exchanges, the epoch's first two stages, right after the markets have settled: kinetic exchange
 * (docs/strategies.md#kinetic-exchange: every kinetic cohort's random pairs exchange cash by its model, then its tax
 * is shared back) and negotiation (docs/strategies.md#negotiation: every negotiation cohort's random pairs strike a
 * deal or not). That is where they ran, at the end of the backends' epoch, before they were stages, and nothing in
 * between reads or writes the columns they change. They keep no state (the pairs are drawn afresh from the epoch's
 * Philox counter; the rate-limit tokens negotiation spends are the population's), so their sections are empty.
 */
public final class ExchangeStage implements Stage {
    private final Kind<?> kind;
    /** One epoch of the stage's backend half, given the epoch; null when the scenario has none of its cohorts. */
    private final IntConsumer half;

    private ExchangeStage(Kind<?> kind, IntConsumer half) {
        this.kind = kind;
        this.half = half;
    }

    /**
     * A pairwise exchange's registration: its cohorts are those whose params are of type {@code P}. Its empty section
     * sits after the built-in ones in the state; a checkpoint written before it was a stage has neither its name nor
     * its section and resumes as if it had them ({@link StageKind#implicitInOlderCheckpoints}).
     */
    abstract static class Kind<P> extends StageKind.Ranked {
        private final Class<P> type;
        private final boolean rateLimited;

        Kind(String name, int epochRank, int stateRank, Class<P> type, boolean rateLimited) {
            super(name, epochRank, stateRank, 1);
            this.type = type;
            this.rateLimited = rateLimited;
        }

        /** The backend half's epoch for {@code plan} (not empty) on {@code setup}'s backend. */
        abstract IntConsumer half(StageSetup setup, ExchangePlan<P> plan);

        /** Adds the family's fields to summary.json's entry of {@code segment}, one of any family; none by default. */
        void summarizeCohort(ObjectNode cohort, Segment segment, Engine engine) {
        }

        @Override
        public final boolean usedBy(Scenario scenario) {
            return ExchangePlan.uses(type, scenario);
        }

        @Override
        public final boolean implicitInOlderCheckpoints() {
            return true;
        }

        @Override
        public final Stage create(StageSetup setup, SectionIn section) {
            ExchangePlan<P> plan = ExchangePlan.of(type, setup.scenario(), setup.layout(), rateLimited);
            return new ExchangeStage(this, plan.size() == 0 ? null : half(setup, plan));
        }
    }

    /** Kinetic exchange: first in the epoch (10); a collision is not an order, so no rate limit applies. */
    public static final class Kinetic extends Kind<KineticParams> {
        public Kinetic() { // name, epoch rank, state rank, the cohorts' params, rate-limited
            super("kinetic", 10, 850, KineticParams.class, false);
        }

        @Override
        IntConsumer half(StageSetup setup, ExchangePlan<KineticParams> plan) {
            return setup.backend().half(KineticKernels.halves(plan))::exchange;
        }
    }

    /** Negotiation: after kinetic exchange and before every other stage (20); each side of a deal spends a token. */
    public static final class Negotiation extends Kind<NegotiationParams> {
        public Negotiation() { // name, epoch rank, state rank, the cohorts' params, rate-limited
            super("negotiation", 20, 860, NegotiationParams.class, true);
        }

        @Override
        IntConsumer half(StageSetup setup, ExchangePlan<NegotiationParams> plan) {
            return setup.backend().half(NegotiationKernels.halves(plan))::negotiate;
        }

        /** A negotiation cohort's agents and mean cash by capability tier ({@code tiers}, docs/outputs.md). */
        @Override
        void summarizeCohort(ObjectNode cohort, Segment segment, Engine engine) {
            if (!(segment.cohort().params() instanceof NegotiationParams n)) {
                return;
            }
            var tiers = cohort.putArray("tiers");
            long[][] byTier = NegotiationTiers.cash(engine.population(), segment, n.tiers());
            for (int t = 0; t < n.tiers(); t++) {
                ObjectNode tier = tiers.addObject();
                tier.put("tier", t);
                tier.put("power", n.power(t));
                tier.put("agents", byTier[t][0]);
                tier.put("mean_cash", byTier[t][0] == 0 ? BigDecimal.ZERO
                        : Money.toCredits(byTier[t][1] / byTier[t][0]));
            }
        }
    }

    @Override
    public StageKind kind() {
        return kind;
    }

    @Override
    public void run(EpochContext c) {
        if (half != null) {
            half.accept(c.epoch());
        }
    }

    @Override
    public void summarizeCohort(ObjectNode cohort, Segment segment, Engine engine) {
        kind.summarizeCohort(cohort, segment, engine);
    }

    /** Nothing: the stage keeps no state. */
    @Override
    public void write(SectionOut out) {
    }
}
