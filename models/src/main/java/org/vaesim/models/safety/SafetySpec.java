package org.vaesim.models.safety;

import java.util.List;

/**
 * The trust-and-safety layer of a scenario (Tomasev et al. 2025: circuit breakers, kill switches). Every part
 * is optional; {@link #NONE} is an economy without them.
 *
 * @param breaker    per-market price bands and halts (LULD-style), or null
 * @param marketWide market-wide halts at index drops, or null
 * @param pause      per-market pauses after sudden moves, or null
 * @param killRules  kill switches that fire on their own when a condition is met
 */
public record SafetySpec(CircuitBreakerSpec breaker, MarketWideSpec marketWide, VolatilityPauseSpec pause,
                         List<KillRule> killRules) {
    public static final SafetySpec NONE = new SafetySpec(null, null, null, List.of());

    public SafetySpec {
        killRules = List.copyOf(killRules);
    }

    /** Without a volatility pause. */
    public SafetySpec(CircuitBreakerSpec breaker, MarketWideSpec marketWide, List<KillRule> killRules) {
        this(breaker, marketWide, null, killRules);
    }

    /**
     * A pause after a sudden move, the analogue of the single-stock circuit breakers of 2010 (a 10% move in
     * five minutes paused trading for five): after an epoch in which a market traded, if its last price is
     * more than {@code movePercent} away from its last price {@code lookbackEpochs} epochs before, the market
     * pauses for {@code pauseEpochs} epochs. Unlike the bands, the move has already happened; the pause
     * stops the next ones.
     */
    public record VolatilityPauseSpec(double movePercent, int lookbackEpochs, int pauseEpochs) {
    }

    /**
     * Limit Up-Limit Down style bands: a market whose clearing price would fall outside
     * ±{@code bandPercent} of its reference price (the mean last price of the previous
     * {@code referenceEpochs} epochs) does not trade and halts for {@code haltEpochs} epochs.
     */
    public record CircuitBreakerSpec(double bandPercent, int referenceEpochs, int haltEpochs) {
    }

    /**
     * Market-wide halts (the US equity 7/13/20% levels): when the index (mean of last ÷ initial price over the
     * markets) has fallen by {@code levelsPercent[k]} from 1, every market halts for {@code haltEpochs[k]}
     * epochs, 0 meaning for the rest of the run. Each level fires at most once.
     */
    public record MarketWideSpec(List<Double> levelsPercent, List<Integer> haltEpochs) {
        public MarketWideSpec {
            levelsPercent = List.copyOf(levelsPercent);
            haltEpochs = List.copyOf(haltEpochs);
        }
    }

    /**
     * A kill switch that fires by itself. {@code BREAKER_TRIPS}: kills {@code target} once the circuit breakers
     * (all markets together) have tripped {@code count} times. {@code REJECTIONS}: kills any principal whose
     * agents had {@code count} or more orders rejected by the gate in one epoch (kills aside); {@code target}
     * is then null, the offender being the target.
     */
    public record KillRule(When when, int count, KillTarget target) {
        public enum When {
            BREAKER_TRIPS("breaker_trips"), REJECTIONS("rejections");

            private final String jsonName;

            When(String jsonName) {
                this.jsonName = jsonName;
            }

            public String jsonName() {
                return jsonName;
            }
        }
    }
}
