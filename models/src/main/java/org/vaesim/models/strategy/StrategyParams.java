package org.vaesim.models.strategy;

/** Parameters of one cohort's strategy; the record type matches the cohort's family. */
public sealed interface StrategyParams
        permits ZeroIntelligenceParams, FundamentalistParams, ChartistParams,
                MarketMakerParams, HftParams, ExecutionParams, KineticParams,
                NegotiationParams, ManipulatorParams, BidderParams, NoiseParams,
                OrderDrivenParams, SwitchingParams {

    /** Largest quantity one order of this strategy can carry (bounds the book's integer sums). */
    int maxOrderQty();

    /** How far below zero the gate lets an accepted ask take an agent's inventory (0: no short selling). */
    default int maxShort() {
        return 0;
    }
}
