package org.vaesim.host.safety;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.vaesim.host.epoch.MarketState;
import org.vaesim.host.stage.EpochContext;
import org.vaesim.kernels.EpochInputs;
import org.vaesim.kernels.clear.ClearingResult;
import org.vaesim.models.market.MarketSpec;
import org.vaesim.models.safety.SafetySpec;
import org.vaesim.models.scenario.Scenario;

/**
 * Per-market price bands with halts (Limit Up-Limit Down style) and market-wide halts at index drops. The
 * host sets the bands and halts before an epoch; the clear kernel enforces them; the host reads the breaches.
 * Market-wide halts act per group: the open economy's markets share one index, and each sandbox's markets
 * another, so a crash inside a sandbox halts only the sandbox, and a crash outside never halts it. A
 * {@link SafetyRule}: it sets the bands when the epoch observes and trips after the stages.
 */
public final class CircuitBreakers implements SafetyRule {
    private final SafetySpec safety;
    private final List<MarketSpec> markets;
    private final SafetyState state;
    /** The markets of each group: the open economy first (when it has any), then each sandbox in file order. */
    private final List<int[]> groups;
    /** Each market's own band (safety.circuit_breaker.markets, else band_percent), or null where it has none. */
    private final SafetySpec.CircuitBreakerSpec[] bands;

    /** The breakers of {@code scenario}'s markets, their halts and trips kept in {@code state}. */
    CircuitBreakers(Scenario scenario, SafetyState state) {
        this.safety = scenario.safety();
        this.markets = scenario.markets();
        this.state = state;
        this.groups = groups(markets);
        this.bands = new SafetySpec.CircuitBreakerSpec[markets.size()];
        for (int m = 0; m < bands.length; m++) {
            bands[m] = safety.breaker() == null ? null : safety.breaker().forMarket(markets.get(m).name());
        }
    }

    static List<int[]> groups(List<MarketSpec> markets) {
        Map<String, List<Integer>> byName = new LinkedHashMap<>();
        byName.put(null, new ArrayList<>());
        for (int m = 0; m < markets.size(); m++) {
            byName.computeIfAbsent(markets.get(m).sandbox(), k -> new ArrayList<>()).add(m);
        }
        return byName.values().stream().filter(g -> !g.isEmpty())
                .map(g -> g.stream().mapToInt(Integer::intValue).toArray()).toList();
    }

    /** Market-wide levels fired, summed over the open economy and the sandboxes. */
    public static int levelsFired(List<MarketSpec> markets, SafetyState state) {
        int sum = 0;
        for (int[] group : groups(markets)) {
            sum += Integer.bitCount(state.marketWideFired[group[0]]);
        }
        return sum;
    }

    /** Bands and halts for the epoch, into the kernels' inputs. */
    @Override
    public void observe(EpochContext c) {
        int e = c.epoch();
        MarketState ms = c.markets();
        EpochInputs in = c.inputs();
        for (int m = 0; m < markets.size(); m++) {
            SafetySpec.CircuitBreakerSpec b = bands[m];
            in.halted[m] = e < state.haltedUntil[m] ? 1 : 0;
            if (b == null) {
                in.lowerBand[m] = 0;
                in.upperBand[m] = 0;
                continue;
            }
            double reference = referencePrice(ms, m, e, b.referenceEpochs(), markets.get(m).initialTick());
            int maxTick = markets.get(m).ticks() - 1;
            in.lowerBand[m] = b.lowerTick(reference);
            in.upperBand[m] = b.upperTick(reference, maxTick);
        }
    }

    /** Mean last price over the {@code k} epochs before {@code e} (the opening price before epoch 0). */
    static double referencePrice(MarketState ms, int m, int e, int k, int initialTick) {
        long sum = 0;
        for (int j = 1; j <= k; j++) {
            sum += ms.tickAfter(m, e - j, initialTick);
        }
        return (double) sum / k;
    }

    /** After the epoch's stages: breaches start halts, index drops start market-wide halts, each audited. */
    @Override
    public void afterStages(EpochContext c) {
        int e = c.epoch();
        ClearingResult r = c.result().clearing;
        MarketState ms = c.markets();
        AuditSink audit = c.audit();
        EpochInputs in = c.inputs();
        for (int m = 0; m < markets.size(); m++) {
            SafetySpec.CircuitBreakerSpec b = bands[m];
            if (r.breach[m] != 0 && b != null) {
                state.breakerTrips[m]++;
                state.haltedUntil[m] = Math.max(state.haltedUntil[m], e + 1 + b.haltEpochs());
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("market", markets.get(m).name());
                f.put("band", List.of(in.lowerBand[m], in.upperBand[m]));
                f.put("halted_until_epoch", state.haltedUntil[m]);
                f.put("trips", state.breakerTrips[m]);
                audit.record(e, "breaker_halt", f);
            }
        }
        SafetySpec.VolatilityPauseSpec p = safety.pause();
        if (p != null) {
            for (int m = 0; m < markets.size(); m++) {
                volatilityPause(e, p, m, r, ms, audit);
            }
        }
        SafetySpec.MarketWideSpec w = safety.marketWide();
        if (w == null) {
            return;
        }
        for (int[] group : groups) {
            marketWide(e, w, group, ms, audit);
        }
    }

    /**
     * Pauses market {@code m} if it traded in epoch {@code e} and its price moved by more than the limit over
     * the lookback. Only an epoch with trades can fire it, so a paused market does not pause itself again on
     * the same, stale move.
     */
    private void volatilityPause(int e, SafetySpec.VolatilityPauseSpec p, int m, ClearingResult r, MarketState ms,
                                 AuditSink audit) {
        if (r.volume[m] == 0) {
            return;
        }
        int before = ms.tickAfter(m, e - p.lookbackEpochs(), markets.get(m).initialTick());
        double movePercent = 100.0 * (ms.lastTick[m] - before) / before;
        if (Math.abs(movePercent) <= p.movePercent()) {
            return;
        }
        state.pauses[m]++;
        state.haltedUntil[m] = Math.max(state.haltedUntil[m], e + 1 + p.pauseEpochs());
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("market", markets.get(m).name());
        f.put("move_percent", movePercent);
        f.put("halted_until_epoch", state.haltedUntil[m]);
        f.put("pauses", state.pauses[m]);
        audit.record(e, "volatility_pause", f);
    }

    /** The index of one group's markets: mean of last price / opening price. */
    private void marketWide(int e, SafetySpec.MarketWideSpec w, int[] group, MarketState ms, AuditSink audit) {
        double index = 0;
        for (int m : group) {
            index += (double) ms.lastTick[m] / markets.get(m).initialTick();
        }
        double drop = 1 - index / group.length;
        String sandbox = markets.get(group[0]).sandbox();
        for (int k = 0; k < w.levelsPercent().size(); k++) {
            if ((state.marketWideFired[group[0]] & (1 << k)) == 0 && drop * 100 >= w.levelsPercent().get(k)) {
                int halt = w.haltEpochs().get(k);
                int until = halt == 0 ? Integer.MAX_VALUE : e + 1 + halt;
                for (int m : group) {
                    state.marketWideFired[m] |= 1 << k;
                    state.haltedUntil[m] = Math.max(state.haltedUntil[m], until);
                }
                Map<String, Object> f = new LinkedHashMap<>();
                if (sandbox != null) {
                    f.put("sandbox", sandbox);
                }
                f.put("level_percent", w.levelsPercent().get(k));
                f.put("index_drop_percent", drop * 100);
                f.put("halted_until_epoch", halt == 0 ? "end" : until);
                audit.record(e, "market_wide_halt", f);
            }
        }
    }
}
