package org.vaesim.models.scenario;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.vaesim.models.market.MarketSpec;
import org.vaesim.models.market.ResourceType;
import org.vaesim.models.population.CohortSpec;
import org.vaesim.models.population.Distribution;
import org.vaesim.models.safety.Identity;
import org.vaesim.models.strategy.StrategyFamily;
import org.vaesim.models.strategy.StrategyParams;
import org.vaesim.models.strategy.ZeroIntelligenceParams;

/** Reads the {@code population} array: cohorts, their params, and the population-wide limits. */
final class CohortReader {
    static final List<String> FIELDS =
            List.of("name", "strategy", "market", "count", "cash", "inventory", "principal", "scope", "arrival",
                    "params");
    static final List<String> ARRIVAL_FIELDS =
            List.of("from_epoch", "per_epoch", "until_epoch", "declared_capability", "hidden_capability");
    static final List<String> SCOPE_FIELDS =
            List.of("max_order_qty", "max_position", "spend_limit", "orders_per_epoch", "burst", "markets",
                    "resources");
    static final long MAX_AGENTS = 2_000_000_000L;

    private CohortReader() {
    }

    /**
     * The cohorts sorted into population order (by family, file order within a family).
     *
     * @param names cohort names in file order
     * @param sortedIndexOfFileIndex for the cohort at file index {@code i}, its index in {@code cohorts}
     * @param principals the distinct principals, in population order
     * @param agents the total agent count
     */
    record Population(List<CohortSpec> cohorts, List<String> names, List<Integer> sortedIndexOfFileIndex,
                      List<String> principals, long agents) {
        int sortedIndex(int fileIndex) {
            return sortedIndexOfFileIndex.get(fileIndex);
        }
    }

    /**
     * Reads {@code root.population} of a run of {@code epochs} epochs, each cohort on its own, then the
     * population-wide totals; null, with the errors in {@code problems}, when any of that is in error.
     */
    static Population read(Node root, List<MarketSpec> markets, int epochs, Problems problems) {
        List<Node> elements = problems.attempt(() -> root.requiredArray("population", 1, Integer.MAX_VALUE));
        if (elements == null) {
            return null;
        }
        List<String> marketNames = markets.stream().map(MarketSpec::name).toList();
        // a scope's "markets" may also name resource auctions and missions, read after the population
        List<String> named = new ArrayList<>(marketNames);
        named.addAll(root.textFields("resource_auctions", "name"));
        named.addAll(root.textFields("missions", "name"));
        List<String> venues = named.stream().distinct().toList(); // a name a market and an auction share: once
        List<CohortSpec> inFileOrder = new ArrayList<>(elements.size());
        Map<String, String> names = new HashMap<>();
        for (Node element : elements) {
            inFileOrder.add(problems.attempt(() ->
                    cohort(problems.object(element, FIELDS), names, markets, marketNames, venues, epochs, problems)));
        }
        if (inFileOrder.contains(null)) {
            return null;
        }
        return problems.attempt(() -> {
            checkTotals(root.field("population"), inFileOrder, markets);
            return sorted(inFileOrder);
        });
    }

    private static CohortSpec cohort(Node c, Map<String, String> names, List<MarketSpec> markets,
                                     List<String> marketNames, List<String> venues, int epochs, Problems problems)
            throws ConfigException {
        String name = c.requiredUniqueName("name", names);
        StrategyFamily family = c.requiredEnum("strategy", StrategyFamily.values(), StrategyFamily::jsonName);
        int marketIndex = c.requiredOneOf("market", marketNames, ScenarioReader.MARKET_REFERENCE);
        int count = c.requiredInt("count", 1, (int) MAX_AGENTS);
        // cash and inventory are fixed amounts, or distributions each agent draws from per seed (opt-in)
        Distribution drawnCash = c.field("cash").isObject() ? DrawReader.credits(c.field("cash")) : null;
        Distribution drawnUnits = c.field("inventory").isObject() ? DrawReader.units(c.field("inventory")) : null;
        long cash = drawnCash != null ? drawnCash.min() : c.optionalCredits("cash", 0);
        int inventory = drawnUnits != null ? (int) drawnUnits.min()
                : c.optionalInt("inventory", 0, 1_000_000_000, 0);
        Identity identity = new Identity(c.field("principal").isMissing() ? name : c.requiredName("principal"),
                scope(c, venues, markets.get(marketIndex)));
        Node params = problems.optionalObject(c, "params", family.params().fields());
        StrategyParams strategy = family.params().reader().read(params, markets.get(marketIndex));
        if (strategy instanceof ZeroIntelligenceParams zi && zi.listed() && count % zi.valueTicks().size() != 0) {
            int size = zi.valueTicks().size();
            throw params.field("values").error(size + " values for " + count + " agents", "one value per agent, or a"
                    + " schedule repeated whole: the cohort's count must be a multiple of the number of values (the"
                    + " k-th agent gets values[k mod " + size + "])");
        }
        return new CohortSpec(name, family, marketIndex, count, cash, inventory, strategy, identity,
                arrival(c, count, epochs),
                drawnCash == null && drawnUnits == null ? null : new CohortSpec.Draws(drawnCash, drawnUnits));
    }

    /** When the cohort's agents arrive, or null for founding agents; all of them must apply within the run. */
    private static CohortSpec.Arrival arrival(Node c, int count, int epochs) throws ConfigException {
        if (c.field("arrival").isMissing()) {
            return null;
        }
        Node a = c.optionalObject("arrival", ARRIVAL_FIELDS);
        int from = a.requiredInt("from_epoch", 0, epochs - 1);
        double capability = a.optionalDouble("declared_capability", Node.Interval.atLeast(0).withMax(1), Double.NaN);
        double hidden = a.optionalDouble("hidden_capability", Node.Interval.atLeast(0).withMax(1), Double.NaN);
        if (!a.field("until_epoch").isMissing()) { // each agent draws its epoch per seed
            if (!a.field("per_epoch").isMissing()) {
                throw a.field("per_epoch").error("is set by the draws when until_epoch is given; allowed: one of"
                        + " per_epoch (fixed batches) and until_epoch (drawn arrival epochs)");
            }
            return new CohortSpec.Arrival(from, count, capability, a.requiredInt("until_epoch", from, epochs - 1),
                    hidden);
        }
        int perEpoch = a.optionalInt("per_epoch", 1, count, count);
        CohortSpec.Arrival arrival = new CohortSpec.Arrival(from, perEpoch, capability, -1, hidden);
        if (arrival.lastEpoch(count) >= epochs) {
            throw a.field("per_epoch").error("at " + perEpoch + " per epoch from epoch " + from + " the last of "
                    + count + " agents would arrive in epoch " + arrival.lastEpoch(count) + ", after the run's "
                    + epochs + " epochs; allowed: at least " + ((count + epochs - from - 1) / (epochs - from)));
        }
        return arrival;
    }

    /**
     * The cohort's authorization scope; every limit defaults to none, and the venues and resource types to all.
     * {@code markets} names the venues: markets, resource auctions and missions ({@code venues}). A scope may leave
     * out the cohort's own market: its agents then try to trade where they are not authorized, and the gate rejects
     * every order (a case the safety experiments use), so that is not a config error.
     */
    private static Identity.Scope scope(Node c, List<String> venues, MarketSpec own) throws ConfigException {
        if (c.field("scope").isMissing()) {
            return Identity.Scope.UNLIMITED;
        }
        Node s = c.optionalObject("scope", SCOPE_FIELDS);
        Set<String> listedVenues = null;
        if (!s.field("markets").isMissing()) {
            listedVenues = new HashSet<>();
            for (Node m : s.requiredArray("markets", 1, venues.size())) {
                listedVenues.add(venues.get(m.asOneOf(venues, "must name a market, resource auction or mission,"
                        + " one of")));
            }
        }
        Set<ResourceType> listedResources = null;
        if (!s.field("resources").isMissing()) {
            List<String> types = Arrays.stream(ResourceType.values()).map(ResourceType::jsonName).toList();
            listedResources = EnumSet.noneOf(ResourceType.class);
            for (Node r : s.requiredArray("resources", 1, types.size())) {
                listedResources.add(ResourceType.values()[r.asOneOf(types, "must be a resource type, one of")]);
            }
        }
        Identity.Scope limits = limits(s);
        boolean authorized = (listedVenues == null || listedVenues.contains(own.name()))
                && (listedResources == null || listedResources.contains(own.resource()));
        return new Identity.Scope(limits.maxOrderQty(), limits.maxPosition(), limits.spendLimit(),
                limits.ordersPerEpochMilli(), limits.burst(), authorized, listedVenues, listedResources);
    }

    private static Identity.Scope limits(Node s) throws ConfigException {
        int maxOrder = s.optionalInt("max_order_qty", 1, Integer.MAX_VALUE, Integer.MAX_VALUE);
        int maxPosition = s.optionalInt("max_position", 0, Integer.MAX_VALUE, Integer.MAX_VALUE);
        long spend = s.field("spend_limit").isMissing() ? Long.MAX_VALUE : s.requiredCredits("spend_limit", true);
        boolean limited = !s.field("orders_per_epoch").isMissing() || !s.field("burst").isMissing();
        if (!limited) {
            return new Identity.Scope(maxOrder, maxPosition, spend, 0, 0);
        }
        // Token bucket in thousandths of an order, so that rates like 0.25 orders per epoch are exact integers.
        double rate = s.requiredDouble("orders_per_epoch", Node.Interval.above(0, 1000));
        int burst = s.optionalInt("burst", 1, 1000, (int) Math.max(1, Math.ceil(rate)));
        double milli = rate * 1000;
        if (milli != Math.rint(milli)) {
            throw s.field("orders_per_epoch").error("must have at most 3 decimals (the bucket counts thousandths"
                    + " of an order)");
        }
        return new Identity.Scope(maxOrder, maxPosition, spend, (int) milli, burst);
    }

    /**
     * Agents, order-book quantities and cash must stay within the simulator's integer ranges. Units per
     * market need no check: at most 2e9 agents times at most 1e9 units each is 2e18, below 2^62.
     */
    private static void checkTotals(Node population, List<CohortSpec> cohorts, List<MarketSpec> markets)
            throws ConfigException {
        long agents = cohorts.stream().mapToLong(CohortSpec::count).sum();
        if (agents > MAX_AGENTS) {
            throw population.error(agents + " agents", "the total agent count must be at most " + MAX_AGENTS);
        }
        for (int m = 0; m < markets.size(); m++) {
            long quantity = bookQuantity(cohorts, m);
            if (quantity > Integer.MAX_VALUE) {
                throw population.error(quantity + " units of order quantity on market \"" + markets.get(m).name()
                        + "\"", "per market, the sum over its cohorts of count x largest order quantity"
                        + " (x 2 for market-maker and hft) must be at most " + Integer.MAX_VALUE);
            }
        }
        BigInteger cash = BigInteger.ZERO;
        for (CohortSpec c : cohorts) {
            cash = cash.add(BigInteger.valueOf(c.count()).multiply(BigInteger.valueOf(c.maxCash())));
        }
        if (cash.compareTo(BigInteger.valueOf(Money.MAX_AMOUNT)) > 0) {
            throw population.error(cash + " micro-credits of initial cash", "the total initial cash of all agents"
                    + " must be at most " + Money.format(Money.MAX_AMOUNT) + " credits (2^62 micro-credits)");
        }
    }

    /** The most units the cohorts of market {@code m} can have resting in its book at once. */
    private static long bookQuantity(List<CohortSpec> cohorts, int m) {
        long quantity = 0;
        for (CohortSpec c : cohorts) {
            if (c.marketIndex() == m) {
                boolean twoSided = c.family() == StrategyFamily.MARKET_MAKER || c.family() == StrategyFamily.HFT;
                quantity += (long) c.count() * c.params().maxOrderQty() * (twoSided ? 2 : 1);
            }
        }
        return quantity;
    }

    private static Population sorted(List<CohortSpec> inFileOrder) {
        List<Integer> order = IntStream.range(0, inFileOrder.size()).boxed()
                .sorted(Comparator.comparing(i -> inFileOrder.get(i).family()))
                .toList();
        Integer[] sortedIndex = new Integer[order.size()];
        for (int position = 0; position < order.size(); position++) {
            sortedIndex[order.get(position)] = position;
        }
        List<CohortSpec> cohorts = order.stream().map(inFileOrder::get).toList();
        return new Population(cohorts, new NameList(inFileOrder.stream().map(CohortSpec::name).toList()),
                List.of(sortedIndex), new NameList(cohorts.stream().map(c -> c.identity().principal()).distinct()
                .toList()), cohorts.stream().mapToLong(CohortSpec::count).sum());
    }
}
