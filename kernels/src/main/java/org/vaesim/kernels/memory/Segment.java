package org.vaesim.kernels.memory;

import org.vaesim.models.population.CohortSpec;
import org.vaesim.models.safety.Identity;
import org.vaesim.models.strategy.ExecutionParams;
import org.vaesim.models.strategy.Side;
import org.vaesim.models.strategy.StrategyFamily;
import org.vaesim.models.strategy.ZeroIntelligenceParams;

/**
 * One cohort's index range [start, end) in the population, with the cohort it was built from and the
 * per-family rules the gate and settlement apply to it. {@code venues} is the layout's column of every segment's
 * current market, shared by all segments: a routing cohort's changes between epochs (docs/architecture.md, "Order
 * routing"); every other's stays its cohort's market.
 */
public record Segment(int index, int start, int end, CohortSpec cohort, int[] venues) {
    /** The market the segment trades on this epoch: its cohort's own, or the venue its routing chose. */
    public int market() {
        return venues[index];
    }

    /**
     * The largest order the gate lets through on the current market: the scope's on the cohort's own market (0 where
     * the scope does not authorize it); on another venue, which routing chooses only where the scope authorizes it,
     * the scope's largest order.
     */
    public int largestOrder() {
        Identity.Scope scope = cohort.identity().scope();
        return market() == cohort.marketIndex() ? scope.largestOrder() : scope.maxOrderQty();
    }

    public int size() {
        return end - start;
    }

    /** The gate's cap on inventory after a filled bid: the strategy's and the authorization scope's, if lower. */
    public int maxPosition() {
        return Math.min(cohort.identity().scope().maxPosition(), cohort.params().maxPosition());
    }

    /** How far below zero an accepted ask may take inventory. */
    public int maxShort() {
        return cohort.params().maxShort();
    }

    /** Whether fills count down the agents' quota (ZI units per period, execution targets). */
    public boolean tracksQuota() {
        return cohort.params() instanceof ZeroIntelligenceParams || cohort.params() instanceof ExecutionParams;
    }

    /** +1 for ZI buyers (surplus = value - price), -1 for ZI sellers (price - cost), 0 for the rest. */
    public int surplusSign() {
        if (cohort.params() instanceof ZeroIntelligenceParams zi) {
            return zi.side() == Side.BUY ? 1 : -1;
        }
        return 0;
    }

    /**
     * Whether the cohort's traders have induced values (a buyer's value or a seller's cost in {@code trait}, Smith
     * 1962): the traders whose surplus and schedules allocative efficiency is measured over.
     */
    public boolean hasInducedValue() {
        return surplusSign() != 0;
    }

    /** Units each trader may trade per period, for traders with induced values (0 for the rest). */
    public int periodUnits() {
        return cohort.params() instanceof ZeroIntelligenceParams zi ? zi.units() : 0;
    }

    /** The trading period's length in epochs, for traders with induced values (0 for the rest). */
    public int periodEpochs() {
        return cohort.params() instanceof ZeroIntelligenceParams zi ? zi.periodEpochs() : 0;
    }

    public boolean isZeroIntelligence() {
        return cohort.family() == StrategyFamily.ZI_C || cohort.family() == StrategyFamily.ZI_U;
    }
}
