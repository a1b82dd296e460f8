package org.vaesim.models.routing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.vaesim.models.market.MarketSpec;
import org.vaesim.models.population.CohortSpec;
import org.vaesim.models.scenario.ConfigException;
import org.vaesim.models.scenario.StageConfig;
import org.vaesim.models.scenario.StageReader;
import org.vaesim.models.strategy.ExecutionParams;
import org.vaesim.models.strategy.Side;
import org.vaesim.models.strategy.StrategyFamily;
import org.vaesim.models.strategy.ZeroIntelligenceParams;

/**
 * Order routing across the venues of one good (docs/config-reference.md, "Order routing"): each routing group, a
 * cohort, trades on one of its venues at a time, and before every epoch's decisions moves to the venue whose last
 * price suits its side (buyers the cheapest, sellers the dearest) when that price beats its current venue's by at
 * least its threshold, never to a halted venue or one its scope does not authorize.
 *
 * <pre>
 * "stages": { "routing": { "groups": [ { "cohort": "value-1", "venues": ["a", "b"], "side": "buy",
 *                                         "threshold_ticks": 2, "threshold_max_ticks": 6 } ] } }
 * </pre>
 *
 * @param groups the routing groups, one per cohort, in the file's order
 */
public record RoutingSpec(List<Group> groups) {
    /** The section's name in {@code stages}, and the stage's. */
    public static final String NAME = "routing";
    /** The families whose orders go to the book of the segment's market, with nothing else tied to that market. */
    private static final List<StrategyFamily> ROUTABLE = List.of(StrategyFamily.ZI_C, StrategyFamily.ZI_U,
            StrategyFamily.FUNDAMENTALIST, StrategyFamily.CHARTIST, StrategyFamily.MARKET_MAKER, StrategyFamily.HFT,
            StrategyFamily.EXECUTION, StrategyFamily.NOISE, StrategyFamily.ORDER_DRIVEN, StrategyFamily.SWITCHING);

    public RoutingSpec {
        groups = List.copyOf(groups);
    }

    /**
     * One routing group: a cohort and the venues it routes among.
     *
     * @param cohort       the cohort's index in the population
     * @param venues       the markets it may trade on (its own first, then the file's order), all of one good and
     *                     one tick grid
     * @param buyer        whether it routes as a buyer (to the cheapest venue) or a seller (to the dearest)
     * @param thresholdMin the least gap in ticks that moves it, drawn per seed in [thresholdMin, thresholdMax]
     * @param thresholdMax the largest such gap
     */
    public record Group(int cohort, List<Integer> venues, boolean buyer, int thresholdMin, int thresholdMax) {
        public Group {
            venues = List.copyOf(venues);
        }
    }

    /** The section's reader, registered in META-INF/services/org.vaesim.models.scenario.StageReader. */
    public static final class Reader implements StageReader<RoutingSpec> {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public RoutingSpec read(StageConfig section) throws ConfigException {
            section.only("groups");
            List<Group> groups = new ArrayList<>();
            Set<Integer> seen = new HashSet<>();
            for (StageConfig g : section.requiredArray("groups", 1, 1024)) {
                Group group = group(g);
                if (!seen.add(group.cohort())) {
                    throw g.error("cohort", "must name a cohort of no other routing group");
                }
                groups.add(group);
            }
            return new RoutingSpec(groups);
        }

        private static Group group(StageConfig g) throws ConfigException {
            g.only("cohort", "venues", "side", "threshold_ticks", "threshold_max_ticks");
            int cohort = g.requiredCohort("cohort");
            CohortSpec spec = g.cohort(cohort);
            if (g.pinnedBy(cohort) != null) {
                throw g.error("cohort", "must not name " + g.pinnedBy(cohort) + ": its crossings are on the cohort's "
                        + "own market, fixed at the start, and would not follow the venue");
            }
            if (!ROUTABLE.contains(spec.family())) {
                throw g.error("cohort", "must name a cohort whose family trades in the call markets and can route: "
                        + ROUTABLE.stream().map(StrategyFamily::jsonName).toList() + " (this one is "
                        + spec.family().jsonName() + ")");
            }
            MarketSpec home = g.markets().get(spec.marketIndex());
            List<Integer> listed = g.requiredMarkets("venues", 2, 256);
            if (!listed.contains(spec.marketIndex())) {
                throw g.error("venues", "must include the cohort's own market, " + home.name());
            }
            for (int v : listed) {
                MarketSpec venue = g.markets().get(v);
                if (!venue.good().equals(home.good())) {
                    throw g.error("venues", "must all trade the good of the cohort's market " + home.name() + ", "
                            + home.good() + " (" + venue.name() + " trades " + venue.good() + ")");
                }
                if (!Objects.equals(venue.sandbox(), home.sandbox())) {
                    throw g.error("venues", "must be in the sandbox of the cohort's market " + home.name() + ", "
                            + (home.sandbox() == null ? "the open economy" : home.sandbox())
                            + " (a sandbox's cohorts stay in it; " + venue.name() + " is not)");
                }
                if (venue.tickSize() != home.tickSize() || venue.ticks() != home.ticks()) {
                    throw g.error("venues", "must share the tick grid of the cohort's market " + home.name()
                            + " (the agents' values are in ticks; " + venue.name() + "'s grid differs)");
                }
            }
            List<Integer> venues = new ArrayList<>();
            venues.add(spec.marketIndex());
            for (int v : listed) {
                if (v != spec.marketIndex()) {
                    venues.add(v);
                }
            }
            int lo = g.requiredInt("threshold_ticks", 1, home.ticks() - 1);
            int hi = g.optionalInt("threshold_max_ticks", lo, home.ticks() - 1, lo);
            return new Group(cohort, venues, buyer(g, spec), lo, hi);
        }

        /** The side the cohort routes as: its own for one-sided families, else the section's {@code side}. */
        private static boolean buyer(StageConfig g, CohortSpec spec) throws ConfigException {
            Side own = switch (spec.params()) {
                case ZeroIntelligenceParams zi -> zi.side();
                case ExecutionParams e -> e.side();
                default -> null;
            };
            if (own == null) {
                return g.requiredOneOf("side", List.of("buy", "sell")) == 0;
            }
            if (g.has("side") && g.requiredOneOf("side", List.of("buy", "sell")) != own.ordinal()) {
                throw g.error("side", "must be the cohort's own side, " + own.jsonName() + ", or left out");
            }
            return own == Side.BUY;
        }
    }
}
