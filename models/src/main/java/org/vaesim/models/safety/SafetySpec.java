package org.vaesim.models.safety;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The trust-and-safety layer of a scenario (Tomasev et al. 2025: circuit breakers, kill switches). Every part
 * is optional; {@link #NONE} is an economy without them.
 *
 * @param breaker    per-market price bands and halts (LULD-style), or null
 * @param marketWide market-wide halts at index drops, or null
 * @param pause      per-market pauses after sudden moves, or null
 * @param killRules  kill switches that fire on their own when a condition is met
 * @param audit      what the run's audit log records of each epoch ({@link AuditMode#FULL} unless set)
 */
public record SafetySpec(CircuitBreakerSpec breaker, MarketWideSpec marketWide, VolatilityPauseSpec pause,
                         List<KillRule> killRules, ReputationSpec reputation, ProbationSpec probation,
                         EntrySpec entry, List<PrincipalLimit> principalLimits, AuditMode audit) {
    public static final SafetySpec NONE = new SafetySpec(null, null, null, List.of());

    public SafetySpec {
        killRules = List.copyOf(killRules);
        principalLimits = List.copyOf(principalLimits);
        if (audit == null) {
            audit = AuditMode.FULL;
        }
    }

    /** With the full audit log. */
    public SafetySpec(CircuitBreakerSpec breaker, MarketWideSpec marketWide, VolatilityPauseSpec pause,
                      List<KillRule> killRules, ReputationSpec reputation, ProbationSpec probation,
                      EntrySpec entry, List<PrincipalLimit> principalLimits) {
        this(breaker, marketWide, pause, killRules, reputation, probation, entry, principalLimits, AuditMode.FULL);
    }

    /**
     * How much of each epoch the audit log keeps (docs/safety.md#audit-log-auditjsonl): {@code FULL} writes every
     * epoch's record; {@code EVENTS} writes the records of epochs with safety events and, for the quiet epochs
     * between, one chained record per metrics period that holds a digest of their epoch digests.
     */
    public enum AuditMode {
        FULL, EVENTS;

        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Without reputation, probation, entry checks or principal limits. */
    public SafetySpec(CircuitBreakerSpec breaker, MarketWideSpec marketWide, VolatilityPauseSpec pause,
                      List<KillRule> killRules) {
        this(breaker, marketWide, pause, killRules, null, null, null, List.of());
    }

    /**
     * A token bucket on the orders of all of a principal's agents together: it refills by
     * {@code ordersPerEpochMilli / 1000} orders each epoch, up to {@code burst} orders. In an epoch in which the
     * principal's agents send more orders (that passed their own checks) than the bucket holds, the orders
     * allowed are spread evenly over them by cumulative rounding in agent-index order, from an offset that
     * moves every epoch, so that no agent is always the one left out.
     */
    public record PrincipalLimit(String principal, long ordersPerEpochMilli, long burst) {
    }

    /** Without a volatility pause. */
    public SafetySpec(CircuitBreakerSpec breaker, MarketWideSpec marketWide, List<KillRule> killRules) {
        this(breaker, marketWide, null, killRules);
    }

    /** Whether agents carry a reputation the gate updates (null when no part of the layer uses it). */
    public boolean tracksReputation() {
        return reputation != null;
    }

    /**
     * Per-agent reputation in [0, 1], kept in millionths (so every backend computes it with the same integer
     * arithmetic). Founding agents start at {@code initial}. After each epoch in which an agent sent orders:
     * if the gate rejected any of them (a promise it could not or was not allowed to keep), it loses the
     * fraction {@code loss} of its reputation; otherwise it gains the fraction {@code gain} of the distance to 1.
     * Slow to earn, quick to lose, as in the trust systems surveyed by Jøsang et al. (2007).
     */
    public record ReputationSpec(double initial, double gain, double loss) {
        public static final ReputationSpec DEFAULT = new ReputationSpec(1.0, 0.02, 0.25);

        public int initialMillionths() {
            return millionths(initial);
        }

        public int gainMillionths() {
            return millionths(gain);
        }

        public int lossMillionths() {
            return millionths(loss);
        }
    }

    /**
     * Tighter limits for agents whose reputation is below {@code belowReputation}: the smaller of these and
     * their scope's apply at the gate until good conduct lifts their reputation over the line. A limit left
     * out is {@code Integer/Long.MAX_VALUE} (the scope's applies).
     */
    public record ProbationSpec(double belowReputation, int maxOrderQty, long spendLimit, int maxPosition) {
        public int belowMillionths() {
            return millionths(belowReputation);
        }
    }

    /**
     * Admission of agents that arrive during the run (cohorts with an {@code arrival}): an agent is admitted
     * if its cohort declared a capability of at least {@code minCapability}, its principal has not been
     * stopped by a kill switch, the mean reputation of its principal's active agents is at least
     * {@code minPrincipalReputation}, and its principal has fewer than {@code maxAgentsPerPrincipal} active
     * agents. Admitted agents start at reputation {@code initialReputation} (on probation if that is below
     * the probation line); refused ones never trade.
     */
    public record EntrySpec(double minCapability, double minPrincipalReputation, long maxAgentsPerPrincipal,
                            double initialReputation, TestTask testTask) {
        /** Capability judged by what the cohort declares. */
        public EntrySpec(double minCapability, double minPrincipalReputation, long maxAgentsPerPrincipal,
                         double initialReputation) {
            this(minCapability, minPrincipalReputation, maxAgentsPerPrincipal, initialReputation, null);
        }

        public int initialMillionths() {
            return millionths(initialReputation);
        }
    }

    /**
     * Capability checked by a test task at entry instead of declared: each arriving agent scores its true ability
     * plus a normal error of standard deviation {@code noise} (the test's imprecision), and is admitted only with a
     * score of at least {@code minScore}. What the cohort declares is not read.
     */
    public record TestTask(double noise, double minScore) {
    }

    /** A fraction in [0, 1] as millionths, rounded to nearest. */
    public static int millionths(double fraction) {
        return (int) Math.round(fraction * 1_000_000);
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
     * {@code referenceEpochs} epochs) does not trade and halts for {@code haltEpochs} epochs. A market named in
     * {@code marketBands} has its own band instead (the real bands differ by instrument: LULD's 5% for large
     * stocks, 10% and 20% for others); {@code bandPercent} 0 means that the markets not named have no band.
     */
    public record CircuitBreakerSpec(double bandPercent, int referenceEpochs, int haltEpochs,
                                     Map<String, Double> marketBands) {
        public CircuitBreakerSpec {
            marketBands = Collections.unmodifiableMap(new LinkedHashMap<>(marketBands));
        }

        /** One band for every market. */
        public CircuitBreakerSpec(double bandPercent, int referenceEpochs, int haltEpochs) {
            this(bandPercent, referenceEpochs, haltEpochs, Map.of());
        }

        /** The band of market {@code name} as a spec of its own, or null where that market has no band. */
        public CircuitBreakerSpec forMarket(String name) {
            double band = marketBands.getOrDefault(name, bandPercent);
            return band > 0 ? new CircuitBreakerSpec(band, referenceEpochs, haltEpochs) : null;
        }

        /** The band's lowest tick around a reference price of {@code reference} ticks; at least tick 1. */
        public int lowerTick(double reference) {
            return (int) Math.max(1, Math.ceil(reference * (1 - bandPercent / 100.0)));
        }

        /** The band's highest tick around a reference price of {@code reference} ticks; at most {@code maxTick}. */
        public int upperTick(double reference, int maxTick) {
            return (int) Math.min(maxTick, Math.floor(reference * (1 + bandPercent / 100.0)));
        }
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
     * A kill switch that fires by itself.
     * <ul>
     * <li>{@code BREAKER_TRIPS}: kills {@code target} once the circuit breakers (all markets together) have
     * tripped {@code count} times.</li>
     * <li>{@code REJECTIONS}: kills any principal whose agents had {@code count} or more orders rejected by the
     * gate in one epoch (kills aside).</li>
     * <li>{@code ORDER_TO_TRADE}: kills any principal whose orders sent (booked plus rejected) were more than
     * {@code threshold} times its orders filled, in each of {@code count} consecutive epochs in which it sent at
     * least {@code minOrders} orders into markets that traded (epochs of halted or untraded markets are left
     * out, as no order could fill there).</li>
     * <li>{@code LOSS}: kills any principal whose trading loss (cash paid out net of cash received, plus units
     * bought net of units sold at the current prices) exceeds {@code threshold} percent of its agents'
     * endowment at the opening prices.</li>
     * </ul>
     * For the last three, {@code target} is null: the offender is the target, and each principal is stopped
     * from the next epoch on. Fields a rule does not use are 0.
     */
    public record KillRule(When when, int count, KillTarget target, double threshold, long minOrders) {
        /** A breaker-trips or rejections rule. */
        public KillRule(When when, int count, KillTarget target) {
            this(when, count, target, 0, 0);
        }

        public static KillRule orderToTrade(double ratio, int epochs, long minOrders) {
            return new KillRule(When.ORDER_TO_TRADE, epochs, null, ratio, minOrders);
        }

        public static KillRule loss(double percent) {
            return new KillRule(When.LOSS, 0, null, percent, 0);
        }

        public enum When {
            BREAKER_TRIPS("breaker_trips"), REJECTIONS("rejections"), ORDER_TO_TRADE("order_to_trade"),
            LOSS("loss");

            private final String jsonName;

            When(String jsonName) {
                this.jsonName = jsonName;
            }

            public String jsonName() {
                return jsonName;
            }

            /** Whether such a rule judges each principal on its own (and kills the offender). */
            public boolean perPrincipal() {
                return this != BREAKER_TRIPS;
            }
        }
    }
}
