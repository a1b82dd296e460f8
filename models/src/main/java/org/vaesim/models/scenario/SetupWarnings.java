package org.vaesim.models.scenario;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.vaesim.models.event.EventSpec;
import org.vaesim.models.market.MarketSpec;
import org.vaesim.models.population.CohortSpec;
import org.vaesim.models.safety.SafetySpec.CircuitBreakerSpec;
import org.vaesim.models.strategy.FundamentalistParams;
import org.vaesim.models.strategy.StrategyFamily;
import org.vaesim.models.strategy.ZeroIntelligenceParams;

/**
 * Set-ups that are valid but likely dead: markets that can never trade, or that a circuit breaker will halt
 * for good. {@code vaesim validate} prints them; they never make a scenario invalid.
 *
 * <p>The breaker's band is set around the mean of the last prices, which move only when the market trades: a
 * market whose clearing price lands outside the band does not trade, halts, and finds the same band when the
 * halt ends. So orders that cluster outside the band around the opening price can stop a market for the whole
 * run (issue 13: a hand-written scenario of ZI traders, chartists and fundamentalists under a 5% breaker ended
 * with 0 units traded and 50 trips in each market).
 */
public final class SetupWarnings {
    /** A likely-dead set-up: where it is ({@code $.markets[0]}, say) and what is wrong and why. */
    public record Warning(String path, String message) {
    }

    private SetupWarnings() {
    }

    /** The scenario's likely-dead set-ups, markets first (in file order), then events. */
    public static List<Warning> of(Scenario s) {
        List<Warning> warnings = new ArrayList<>();
        List<MarketSides> sides = MarketSides.of(s);
        CircuitBreakerSpec breaker = s.safety().breaker();
        for (int m = 0; m < s.markets().size(); m++) {
            String path = "$.markets[" + m + "]";
            MarketSpec market = s.markets().get(m);
            sides(path, market, sides.get(m), s, m).ifPresent(warnings::add);
            CircuitBreakerSpec own = breaker == null ? null : breaker.forMarket(market.name());
            if (own != null) {
                ziOutsideBand(path, market, own, cohortsOf(s, m)).ifPresent(warnings::add);
                fundamentalistsOutsideBand(path, market, own, cohortsOf(s, m)).ifPresent(warnings::add);
            }
        }
        if (breaker != null) {
            for (int e = 0; e < s.events().size(); e++) {
                if (s.events().get(e) instanceof EventSpec.ShiftFundamental shift
                        && breaker.forMarket(s.markets().get(shift.marketIndex()).name()) instanceof
                        CircuitBreakerSpec own && Math.abs(shift.percent()) > own.bandPercent()) {
                    MarketSpec market = s.markets().get(shift.marketIndex());
                    List<String> fundamentalists = names(cohortsOf(s, shift.marketIndex()),
                            StrategyFamily.FUNDAMENTALIST);
                    if (!fundamentalists.isEmpty()) {
                        warnings.add(new Warning("$.events[" + e + "].percent", "shifting the fundamental of market \""
                                + market.name() + "\" by " + plain(shift.percent()) + "% moves it beyond the circuit"
                                + " breaker's band of ±" + plain(own.bandPercent()) + "%: fundamentalists ("
                                + String.join(", ", fundamentalists) + ") then bid or ask at once near the new value,"
                                + " the clearing price breaches the band and the market halts, and since the band"
                                + " moves only with trades it may stay halted; shift it in steps within the band or"
                                + " widen band_percent"));
                    }
                }
            }
        }
        return warnings;
    }

    /** A market with traders that can never trade: nobody can bid, or nobody can ask. */
    private static Optional<Warning> sides(String path, MarketSpec market, MarketSides sides, Scenario s,
                                                     int m) {
        String name = "market \"" + market.name() + "\"";
        if (s.cohorts().stream().noneMatch(c -> c.marketIndex() == m)) {
            return Optional.of(new Warning(path, name + ": no cohort trades it, so it never trades"));
        }
        if (sides.traders().isEmpty() || (!sides.bidders().isEmpty() && !sides.askers().isEmpty())) {
            return Optional.empty();
        }
        String noAsk = "nobody can sell: no cohort that sells there starts with goods (inventory) or may sell short"
                + " (or its scope leaves the market out)";
        String noBid = "nobody can buy: no cohort that buys there starts with cash (or its scope leaves the market"
                + " out)";
        String what = !sides.bidders().isEmpty() ? "has buyers (" + String.join(", ", sides.bidders()) + ") but "
                + noAsk : !sides.askers().isEmpty() ? "has sellers (" + String.join(", ", sides.askers()) + ") but "
                + noBid : "has traders (" + String.join(", ", sides.traders()) + ") but " + noBid + ", and " + noAsk;
        return Optional.of(new Warning(path, name + " " + what + "; a trade needs both, so it never"
                + " trades"));
    }

    /**
     * ZI traders' orders reach outside the band at the opening price: ZI-C agents bid up to their value and ask from
     * their cost, ZI-U agents anywhere on the grid, so their clearing prices spread over the values (or the grid).
     */
    private static Optional<Warning> ziOutsideBand(String path, MarketSpec market,
                                                            CircuitBreakerSpec breaker, List<CohortSpec> cohorts) {
        int lower = breaker.lowerTick(market.initialTick());
        int upper = breaker.upperTick(market.initialTick(), market.ticks() - 1);
        int low = Integer.MAX_VALUE;
        int high = 0;
        List<String> names = new ArrayList<>();
        boolean anywhere = false;
        for (CohortSpec c : cohorts) {
            if (c.params() instanceof ZeroIntelligenceParams zi) {
                boolean unconstrained = c.family() == StrategyFamily.ZI_U;
                anywhere |= unconstrained;
                low = Math.min(low, unconstrained ? 1 : zi.valueMinTick());
                high = Math.max(high, unconstrained ? market.ticks() - 1 : zi.valueMaxTick());
                names.add(c.name());
            }
        }
        if (names.isEmpty() || (low >= lower && high <= upper)) {
            return Optional.empty();
        }
        return Optional.of(new Warning(path, "market \"" + market.name() + "\": the ZI traders ("
                + String.join(", ", names) + ") " + (anywhere ? "bid and ask anywhere on the grid, " : "value it at ")
                + price(market, low) + " to " + price(market, high) + " credits, beyond the circuit breaker's band of "
                + band(market, breaker) + ": their clearing prices will often breach it and halt the market for "
                + breaker.haltEpochs() + " epochs, and since the band moves only with trades the market may stay"
                + " halted; widen band_percent or narrow the ZI values to the band"));
    }

    /**
     * Fundamentalists value the good at the fundamental plus a private offset of up to {@code dispersion_ticks}, and
     * bid or ask at that value: a fundamental outside the band at the opening price, or values spread beyond it,
     * put their orders, and so the clearing price, outside it.
     */
    private static Optional<Warning> fundamentalistsOutsideBand(String path, MarketSpec market,
                                                                CircuitBreakerSpec breaker,
                                                                List<CohortSpec> cohorts) {
        int lower = breaker.lowerTick(market.initialTick());
        int upper = breaker.upperTick(market.initialTick(), market.ticks() - 1);
        int f = market.fundamentalTick();
        int dispersion = -1;
        List<String> names = new ArrayList<>();
        for (CohortSpec c : cohorts) {
            if (c.params() instanceof FundamentalistParams p) {
                dispersion = Math.max(dispersion, p.dispersionTicks());
                names.add(c.name());
            }
        }
        String who = "fundamentalists (" + String.join(", ", names) + ")";
        if (names.isEmpty()) {
            return Optional.empty();
        }
        if (f < lower || f > upper) {
            return Optional.of(new Warning(path + ".fundamental", "market \"" + market.name() + "\": the"
                    + " fundamental " + price(market, f) + " lies outside the circuit breaker's band of "
                    + band(market, breaker) + ": " + who + " bid or ask near it, the first clearing breaches the band"
                    + " and halts the market, and since the band moves only with trades it may never trade; open it"
                    + " nearer the fundamental or widen band_percent"));
        }
        int low = Math.max(1, f - dispersion);
        int high = Math.min(market.ticks() - 1, f + dispersion);
        if (low >= lower && high <= upper) {
            return Optional.empty();
        }
        return Optional.of(new Warning(path, "market \"" + market.name() + "\": the " + who + " value it at "
                + price(market, low) + " to " + price(market, high) + " credits (the fundamental ± dispersion_ticks "
                + dispersion + "), beyond the circuit breaker's band of " + band(market, breaker) + ": those valuing"
                + " it outside the band trade at prices that breach it and halt the market for "
                + breaker.haltEpochs() + " epochs, and since the band moves only with trades the market may stay"
                + " halted; narrow dispersion_ticks to the band or widen band_percent"));
    }

    private static List<CohortSpec> cohortsOf(Scenario s, int market) {
        return s.cohorts().stream().filter(c -> c.marketIndex() == market).toList();
    }

    private static List<String> names(List<CohortSpec> cohorts, StrategyFamily family) {
        return cohorts.stream().filter(c -> c.family() == family).map(CohortSpec::name).toList();
    }

    /** "19 to 21 credits (±5% of the opening price 20)". */
    private static String band(MarketSpec market, CircuitBreakerSpec breaker) {
        return price(market, breaker.lowerTick(market.initialTick())) + " to "
                + price(market, breaker.upperTick(market.initialTick(), market.ticks() - 1)) + " credits (±"
                + plain(breaker.bandPercent()) + "% of the opening price " + price(market, market.initialTick()) + ")";
    }

    private static String price(MarketSpec market, int tick) {
        return Money.format(market.priceOf(tick));
    }

    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
