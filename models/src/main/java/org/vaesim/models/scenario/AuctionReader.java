package org.vaesim.models.scenario;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.vaesim.models.market.AuctionSpec;
import org.vaesim.models.market.AuctionSpec.Bidder;
import org.vaesim.models.market.AuctionSpec.Mechanism;
import org.vaesim.models.market.ResourceType;
import org.vaesim.models.population.CohortSpec;

/**
 * Reads {@code resource_auctions}: recurring auctions of compute, data access or agent time among bidder
 * cohorts (format: docs/config-reference.md#resource-auctions; rules: docs/mechanisms.md). Read after the
 * population and safety, before the events.
 */
final class AuctionReader {
    static final List<String> FIELDS = List.of("name", "resource", "tick_size", "ticks", "reserve_price", "supply",
            "every", "start_epoch", "small_principal_agents", "mechanism", "bidders");
    static final List<String> BIDDER_FIELDS = List.of("cohort", "value_min", "value_max", "max_units", "decay",
            "bid_units");
    /** Most units one agent may want per round: bounds every per-agent loop of the auction kernels. */
    static final int MAX_UNITS = 1000;
    /** The resources an auction may sell: the paper's scarce resources (not the generic asset). */
    private static final ResourceType[] AUCTIONED = {ResourceType.COMPUTE, ResourceType.DATA, ResourceType.AGENT_TIME};
    private static final Node.Interval OPEN_UNIT = Node.Interval.between(0, 1);
    private static final Node.Interval DECAY = Node.Interval.above(0, 1);
    private static final long PPM = 1_000_000L;

    private enum Kind {
        UNIFORM_PRICE("uniform_price"),
        PRINCIPAL_CAP("principal_cap", "max_share"),
        RESERVED_SHARE("reserved_share", "share"),
        EQUAL_ENDOWMENT("equal_endowment", "budget");

        private final String jsonName;
        private final List<String> fields;

        Kind(String jsonName, String... fields) {
            this.jsonName = jsonName;
            List<String> all = new ArrayList<>(List.of("type"));
            all.addAll(List.of(fields));
            this.fields = List.copyOf(all);
        }
    }

    private AuctionReader() {
    }

    /** Each auction, checked on its own; null, with the errors in {@code problems}, when any is in error. */
    static List<AuctionSpec> read(Node root, int epochs, CohortReader.Population population, Problems problems) {
        List<Node> elements = problems.attempt(() -> root.optionalArray("resource_auctions"));
        if (elements == null) {
            return null;
        }
        List<AuctionSpec> auctions = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        Map<String, Long> principalAgents = new HashMap<>();
        for (CohortSpec c : population.cohorts()) {
            principalAgents.merge(c.identity().principal(), (long) c.count(), Long::sum);
        }
        for (Node a : elements) {
            auctions.add(problems.attempt(() -> auction(a.object(FIELDS), names, epochs, population,
                    principalAgents)));
        }
        return auctions.contains(null) ? null : auctions;
    }

    private static AuctionSpec auction(Node a, Map<String, String> names, int epochs,
                                       CohortReader.Population population, Map<String, Long> principalAgents)
            throws ConfigException {
        String name = a.requiredUniqueName("name", names);
        ResourceType resource = a.requiredEnum("resource", AUCTIONED, ResourceType::jsonName);
        long tickSize = a.requiredCredits("tick_size", true);
        int ticks = a.requiredInt("ticks", 16, 65_536);
        if (tickSize > Money.MAX_AMOUNT / (ticks - 1)) {
            throw a.field("tick_size").error("too large for " + ticks + " ticks: the top price, (ticks - 1) x"
                    + " tick_size, must be at most " + Money.format(Money.MAX_AMOUNT)
                    + " credits (2^62 micro-credits)");
        }
        int reserve = a.optionalPrice("reserve_price", tickSize, ticks, 1);
        int supply = a.requiredInt("supply", 1, Integer.MAX_VALUE);
        int every = a.optionalInt("every", 1, 1_000_000_000, 1);
        int start = a.optionalInt("start_epoch", 0, epochs - 1, 0);
        int small = a.optionalInt("small_principal_agents", 1, (int) CohortReader.MAX_AGENTS, 0);
        Mechanism mechanism = mechanism(a, supply, reserve, tickSize, small);
        String reservePrice = Money.format(reserve * tickSize);
        List<Bidder> bidders = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        long units = 0;
        long agents = 0;
        boolean anySmall = false;
        for (Node b : a.requiredArray("bidders", 1, 1024)) {
            b.object(BIDDER_FIELDS);
            int fileIndex = b.requiredOneOf("cohort", population.names(), "must name a cohort, one of");
            String firstUse = seen.putIfAbsent(population.names().get(fileIndex), b.path());
            if (firstUse != null) {
                throw b.field("cohort").error("already bids in this auction at " + firstUse
                        + "; allowed: each cohort at most once per auction");
            }
            int sorted = population.sortedIndex(fileIndex);
            CohortSpec cohort = population.cohorts().get(sorted);
            if (!mechanism.paysInTokens() && cohort.cash() < reserve * tickSize) {
                throw b.field("cohort").error("cohort \"" + cohort.name() + "\" starts with "
                        + Money.format(cohort.cash()) + " credits per agent, less than the reserve price "
                        + reservePrice + " of one unit, so its agents could never pay; allowed: a cohort whose cash"
                        + " covers at least one unit at the reserve price");
            }
            if (!mechanism.paysInTokens() && cohort.identity().scope().spendLimit() < reserve * tickSize) {
                throw b.field("cohort").error("cohort \"" + cohort.name() + "\" may spend at most "
                        + Money.format(cohort.identity().scope().spendLimit())
                        + " credits per epoch (scope.spend_limit),"
                        + " less than the reserve price " + reservePrice + " of one unit; allowed: a cohort whose"
                        + " spend limit covers at least one unit at the reserve price");
            }
            int valueMin = b.requiredPrice("value_min", tickSize, ticks);
            int valueMax = b.requiredPrice("value_max", tickSize, ticks);
            if (valueMax < valueMin) {
                throw b.field("value_max").error("must be at least value_min ("
                        + Node.gridPrice(valueMin, Money.toCredits(tickSize)) + ")");
            }
            if (!mechanism.paysInTokens() && valueMax < reserve) {
                throw b.field("value_max").error("below the reserve price " + reservePrice
                        + ": no unit would be worth its price; allowed: at least " + reservePrice);
            }
            int maxUnits = b.optionalInt("max_units", 1, MAX_UNITS, 1);
            int decay = (int) b.optionalScaled("decay", 3, DECAY, 1000);
            int bidUnits = b.optionalInt("bid_units", 1, maxUnits, 0);
            bidders.add(new Bidder(sorted, valueMin, valueMax, maxUnits, decay, bidUnits));
            units += (long) cohort.count() * maxUnits;
            agents += cohort.count();
            anySmall |= small > 0 && principalAgents.get(cohort.identity().principal()) <= small;
        }
        if (units > Integer.MAX_VALUE) {
            throw a.field("bidders").error(units + " units of demand", "the sum over bidders of count x max_units"
                    + " must be at most " + Integer.MAX_VALUE + " (the auction's integer range)");
        }
        if (mechanism instanceof AuctionSpec.EqualEndowment e) {
            tokensFit(a, e.budget(), agents, (epochs - 1 - start) / every + 1);
        }
        if (mechanism instanceof AuctionSpec.ReservedShare && !anySmall) {
            throw a.field("bidders").error("no small principal", "the reserved_share mechanism needs at least one"
                    + " bidder cohort whose principal deploys at most small_principal_agents (" + small
                    + ") agents in the whole population; otherwise the reserve goes unused");
        }
        return new AuctionSpec(name, resource, tickSize, ticks, reserve, supply, every, start, mechanism, small,
                bidders);
    }

    private static Mechanism mechanism(Node a, int supply, int reserve, long tickSize, int small)
            throws ConfigException {
        Node m = a.field("mechanism").object();
        Kind kind = m.requiredEnum("type", Kind.values(), k -> k.jsonName);
        m.withOnly(kind.fields);
        return switch (kind) {
            case UNIFORM_PRICE -> new AuctionSpec.UniformPrice();
            case PRINCIPAL_CAP -> {
                long ppm = m.requiredScaled("max_share", 6, OPEN_UNIT);
                int cap = share(supply, ppm);
                if (cap < 1) {
                    throw m.field("max_share").error("caps each principal at floor(max_share x supply) = 0 of the "
                            + supply + " units: nobody could win; allowed: at least 1/" + supply);
                }
                yield new AuctionSpec.PrincipalCap(ppm, cap);
            }
            case RESERVED_SHARE -> {
                long ppm = m.requiredScaled("share", 6, OPEN_UNIT);
                int reserved = share(supply, ppm);
                if (reserved < 1) {
                    throw m.field("share").error("reserves floor(share x supply) = 0 of the " + supply
                            + " units; allowed: at least 1/" + supply);
                }
                if (small == 0) {
                    throw a.field("small_principal_agents").error("required by the reserved_share mechanism: an integer"
                            + " from 1 to " + CohortReader.MAX_AGENTS + "; a principal deploying at most this many"
                            + " agents (in the whole population) is small");
                }
                yield new AuctionSpec.ReservedShare(ppm, reserved);
            }
            case EQUAL_ENDOWMENT -> {
                long budget = m.requiredCredits("budget", true);
                long reservePrice = reserve * tickSize;
                if (budget < reservePrice) {
                    throw m.field("budget").error("does not cover the reserve price of one unit ("
                            + Money.format(reservePrice) + " tokens), so no agent could buy anything; allowed: a"
                            + " budget of at least " + Money.format(reservePrice) + " tokens");
                }
                yield new AuctionSpec.EqualEndowment(budget);
            }
        };
    }

    /**
     * The tokens an equal-endowment auction issues over the run, budget x bidders x rounds, must fit the 2^62 every
     * total of money fits (docs/config-reference.md#numeric-limits): its per-round and run totals of tokens issued
     * and spent are 64-bit sums, which would otherwise wrap (a budget of 4 000 000 000 000 tokens for 1000 bidders
     * reported -8.8e12 tokens issued after three rounds).
     */
    private static void tokensFit(Node a, long budget, long agents, long rounds) throws ConfigException {
        BigInteger issued = BigInteger.valueOf(budget).multiply(BigInteger.valueOf(agents))
                .multiply(BigInteger.valueOf(rounds));
        if (issued.compareTo(BigInteger.valueOf(Money.MAX_AMOUNT)) > 0) {
            throw a.field("mechanism").field("budget").error("issues " + Money.format(budget) + " tokens to each of "
                    + agents + " bidders in each of " + rounds + " rounds, "
                    + new java.math.BigDecimal(issued, 6).stripTrailingZeros().toPlainString() + " tokens in all;"
                    + " allowed: budget x bidders x rounds at most " + Money.format(Money.MAX_AMOUNT)
                    + " tokens (2^62 micro-tokens), so that no total of tokens overflows");
        }
    }

    /** floor(supply x ppm / 10^6), exactly. */
    private static int share(int supply, long ppm) {
        return BigInteger.valueOf(supply).multiply(BigInteger.valueOf(ppm)).divide(BigInteger.valueOf(PPM))
                .intValueExact();
    }
}
