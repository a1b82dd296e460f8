package org.vaesim.models.scenario;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.vaesim.models.gateway.GatewaySpec;
import org.vaesim.models.market.MarketSpec;
import org.vaesim.models.market.ResourceType;
import org.vaesim.models.population.CohortSpec;
import org.vaesim.models.strategy.FundamentalistParams;
import org.vaesim.models.strategy.StrategyFamily;

/**
 * Reads {@code gateway}: the permeability gateway to an external economy (format:
 * docs/config-reference.md#gateway; model: docs/permeability.md). Read after the resource auctions, before the
 * events (which may switch the gateway or shock the external market).
 */
final class GatewayReader {
    static final List<String> FIELDS = List.of("open", "fee_bps", "allowed_resources", "offshore_agent_currency",
            "cap_per_epoch", "cap_per_principal", "rate", "external_money", "markets", "brokers", "circuit_breaker",
            "open_access");
    static final List<String> RATE_FIELDS = List.of("initial", "volatility_bps", "reversion", "depth");
    static final List<String> LINK_FIELDS = List.of("market", "price", "volatility_bps", "reversion", "depth");
    static final List<String> BROKER_FIELDS = List.of("cohort", "external_cash", "cash_target", "max_units");
    static final List<String> BREAKER_FIELDS = List.of("drawdown_percent", "close_epochs");
    static final List<String> OPEN_ACCESS_FIELDS = List.of("cohorts", "threshold_ticks", "max_units");
    static final List<String> THRESHOLD_FIELDS = List.of("min", "max");
    /** Default EM of the external market: 10^9 external credits, deep enough never to bind in practice. */
    static final long DEFAULT_EXTERNAL_MONEY = 1_000_000_000L * Money.MICROS_PER_CREDIT;
    /** Σ count x max_units over brokers: keeps every per-range sum of external money below 2^62. */
    static final long MAX_UNIT_SLOTS = 1L << 21;
    /**
     * Σ count x cash_target over brokers, micro-credits: at the highest rate (1000 external credits per credit) the
     * external money of a range's currency legs then stays below 2^61.
     */
    static final long MAX_CASH_TARGETS = 1L << 50;
    private static final Node.Interval REVERSION = Node.Interval.atLeast(0).withMax(1);
    private static final Node.Interval RATE = Node.Interval.above(0, 1000);
    private static final Node.Interval DRAWDOWN = Node.Interval.above(0, 100);

    private GatewayReader() {
    }

    /** The gateway, or null when the scenario has none. */
    static GatewaySpec read(Node root, List<MarketSpec> markets, CohortReader.Population population)
            throws ConfigException {
        if (root.field("gateway").isMissing()) {
            return null;
        }
        Node g = root.optionalObject("gateway", FIELDS);
        boolean open = g.optionalBoolean("open", true);
        int feeBps = g.optionalInt("fee_bps", 0, 1000, 0);
        List<ResourceType> allowed = allowedResources(g, markets);
        long agentCurrency = 0;
        for (CohortSpec c : population.cohorts()) {
            agentCurrency += c.count() * c.maxCash(); // at most 2^62: checked with the population (drawn: the most)
        }
        long offshore = g.optionalCreditsUpTo("offshore_agent_currency", Money.MAX_AMOUNT - agentCurrency,
                "2^62 micro-credits less the agents' cash", 0);
        long total = agentCurrency + offshore;
        String totalRule = "the economy's agent currency: the agents' cash and offshore_agent_currency";
        long capPerEpoch = g.optionalCreditsUpTo("cap_per_epoch", total, totalRule, GatewaySpec.NO_CAP);
        long capPerPrincipal = g.optionalCreditsUpTo("cap_per_principal", total, totalRule, GatewaySpec.NO_CAP);
        GatewaySpec.Process rate = rate(g);
        long externalMoney = g.field("external_money").isMissing() ? DEFAULT_EXTERNAL_MONEY
                : g.requiredCredits("external_money", false);
        List<GatewaySpec.Link> links = links(g, markets, rate.initial());
        if (allowed == null) { // by default the goods of every linked market may cross
            allowed = links.stream().map(GatewaySpec.Link::resource).distinct().toList();
        }
        List<GatewaySpec.Broker> brokers = brokers(g, markets, population, links, externalMoney);
        GatewaySpec.Breaker breaker = null;
        if (!g.field("circuit_breaker").isMissing()) {
            Node b = g.optionalObject("circuit_breaker", BREAKER_FIELDS);
            long ppm = b.requiredScaled("drawdown_percent", 4, DRAWDOWN); // percent with 4 decimals = millionths
            breaker = new GatewaySpec.Breaker(ppm, b.optionalInt("close_epochs", 0, 1_000_000_000, 10));
        }
        GatewaySpec.OpenAccess openAccess = openAccess(g, markets, population, links, brokers);
        return new GatewaySpec(open, feeBps, capPerEpoch, capPerPrincipal, allowed, rate, externalMoney, offshore,
                links, brokers, breaker, openAccess);
    }

    /** The allowed resources as listed, or null when the field is missing (then: those of the links). */
    private static List<ResourceType> allowedResources(Node g, List<MarketSpec> markets) throws ConfigException {
        List<String> traded = markets.stream().map(m -> m.resource().jsonName()).distinct().toList();
        if (g.field("allowed_resources").isMissing()) {
            return null;
        }
        List<ResourceType> allowed = new ArrayList<>();
        for (Node r : g.requiredArray("allowed_resources", 0, ResourceType.values().length)) {
            ResourceType type = resourceOf(traded.get(r.asOneOf(traded,
                    "no market of this scenario trades it; must be a resource some market trades, one of")));
            if (allowed.contains(type)) {
                throw r.error("listed twice; allowed: each resource at most once");
            }
            allowed.add(type);
        }
        return allowed;
    }

    private static ResourceType resourceOf(String jsonName) {
        for (ResourceType t : ResourceType.values()) {
            if (t.jsonName().equals(jsonName)) {
                return t;
            }
        }
        throw new IllegalStateException(jsonName);
    }

    private static GatewaySpec.Process rate(Node g) throws ConfigException {
        Node r = g.optionalObject("rate", RATE_FIELDS);
        long initial = r.optionalScaled("initial", 6, RATE, Money.MICROS_PER_CREDIT);
        int volatility = r.optionalInt("volatility_bps", 0, 1000, 0);
        long reversion = r.optionalScaled("reversion", 6, REVERSION, 0);
        long depth = r.field("depth").isMissing() ? 0 : r.requiredCredits("depth", true);
        return new GatewaySpec.Process(initial, volatility, reversion, depth);
    }

    private static List<GatewaySpec.Link> links(Node g, List<MarketSpec> markets, long ratePpm)
            throws ConfigException {
        List<String> names = markets.stream().map(MarketSpec::name).toList();
        List<GatewaySpec.Link> links = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (Node l : g.requiredArray("markets", 1, 256)) {
            l.object(LINK_FIELDS);
            int m = l.requiredOneOf("market", names, ScenarioReader.MARKET_REFERENCE);
            MarketSpec market = markets.get(m);
            String firstUse = seen.putIfAbsent(market.name(), l.path());
            if (firstUse != null) {
                throw l.field("market").error("already linked at " + firstUse + "; allowed: each market at most once");
            }
            long top = (market.ticks() - 1L) * market.tickSize();
            if (top > GatewaySpec.MAX_PRICE) {
                throw l.field("market").error("market \"" + market.name() + "\" has a top price of "
                        + Money.format(top) + " credits, beyond the gateway's range; allowed: markets whose top price,"
                        + " (ticks - 1) x tick_size, is at most " + Money.format(GatewaySpec.MAX_PRICE) + " credits");
            }
            // By default the law of one price holds at the start: the internal opening price at the opening rate.
            long opening = BigInteger.valueOf(market.initialTick() * market.tickSize())
                    .multiply(BigInteger.valueOf(ratePpm)).divide(BigInteger.valueOf(Money.MICROS_PER_CREDIT))
                    .longValue();
            long price = l.field("price").isMissing() ? Math.max(1, Math.min(GatewaySpec.MAX_PRICE, opening))
                    : l.requiredCredits("price", true);
            if (price > GatewaySpec.MAX_PRICE) {
                throw l.field("price").error("must be at most " + Money.format(GatewaySpec.MAX_PRICE)
                        + " external credits per unit");
            }
            int volatility = l.optionalInt("volatility_bps", 0, 1000, 0);
            long reversion = l.optionalScaled("reversion", 6, REVERSION, 0);
            long depth = l.optionalInt("depth", 1, 1_000_000_000, 0);
            links.add(new GatewaySpec.Link(m, market.resource(),
                    new GatewaySpec.Process(price, volatility, reversion, depth)));
        }
        return links;
    }

    private static List<GatewaySpec.Broker> brokers(Node g, List<MarketSpec> markets,
                                                    CohortReader.Population population, List<GatewaySpec.Link> links,
                                                    long externalMoney) throws ConfigException {
        List<String> eligible = new ArrayList<>();
        for (int i = 0; i < population.names().size(); i++) {
            CohortSpec c = population.cohorts().get(population.sortedIndex(i));
            if (c.family() == StrategyFamily.FUNDAMENTALIST && linkOf(links, c.marketIndex()) >= 0) {
                eligible.add("\"" + c.name() + "\"");
            }
        }
        String allowedCohorts = eligible.isEmpty() ? "none in this scenario"
                : String.join(", ", eligible.subList(0, Math.min(20, eligible.size())));
        List<GatewaySpec.Broker> brokers = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        long externalTotal = externalMoney;
        long unitSlots = 0;
        BigInteger cashTargets = BigInteger.ZERO;
        Node array = g.field("brokers");
        for (Node b : g.optionalArray("brokers")) {
            b.object(BROKER_FIELDS);
            int fileIndex = b.requiredOneOf("cohort", population.names(), "must name a cohort, one of");
            CohortSpec c = population.cohorts().get(population.sortedIndex(fileIndex));
            String firstUse = seen.putIfAbsent(c.name(), b.path());
            if (firstUse != null) {
                throw b.field("cohort").error("already a broker at " + firstUse + "; allowed: each cohort at most once");
            }
            if (!(c.params() instanceof FundamentalistParams)) {
                throw b.field("cohort").error("cohort \"" + c.name() + "\" is a " + c.family().jsonName()
                        + " cohort; brokers value goods at the external price as fundamentalists do; allowed: a"
                        + " fundamentalist cohort trading a linked market: " + allowedCohorts);
            }
            int link = linkOf(links, c.marketIndex());
            if (link < 0) {
                throw b.field("cohort").error("cohort \"" + c.name() + "\" trades market \""
                        + markets.get(c.marketIndex()).name() + "\", which the gateway does not link; allowed: a"
                        + " fundamentalist cohort trading a linked market: " + allowedCohorts);
            }
            long cash = b.optionalCredits("external_cash", 0);
            if (cash > (Money.MAX_AMOUNT - externalTotal) / c.count()) {
                throw b.field("external_cash").error("with " + c.count() + " agents, the external money of the"
                        + " external market and of every broker would exceed 2^62 micro-units; allowed: a total of at"
                        + " most " + Money.format(Money.MAX_AMOUNT) + " external credits");
            }
            externalTotal += cash * c.count();
            long target = b.optionalCreditsUpTo("cash_target", GatewaySpec.MAX_CASH_TARGET,
                    "2^40 micro-credits per agent", 0);
            int maxUnits = b.optionalInt("max_units", 1, GatewaySpec.MAX_UNITS, 10);
            unitSlots += (long) c.count() * maxUnits;
            cashTargets = cashTargets.add(BigInteger.valueOf(target).multiply(BigInteger.valueOf(c.count())));
            brokers.add(new GatewaySpec.Broker(population.sortedIndex(fileIndex), link, cash, target, maxUnits));
        }
        if (unitSlots > MAX_UNIT_SLOTS) {
            throw array.error(unitSlots + " units", "the sum over brokers of count x max_units (the most units that"
                    + " may cross in one epoch) must be at most " + MAX_UNIT_SLOTS + ", the gateway's range");
        }
        if (cashTargets.compareTo(BigInteger.valueOf(MAX_CASH_TARGETS)) > 0) {
            throw array.error(Money.format(cashTargets.min(BigInteger.valueOf(Long.MAX_VALUE)).longValue())
                    + " credits of cash targets", "the sum over brokers of count x cash_target must be at most "
                    + Money.format(MAX_CASH_TARGETS) + " credits, the gateway's range");
        }
        return brokers;
    }

    /**
     * {@code open_access}, or null: the cohorts whose agents cross on their own (by default every cohort trading a
     * linked market that is not a broker), their thresholds and size limit. Their units count with the brokers'
     * against the gateway's range of units per epoch.
     */
    private static GatewaySpec.OpenAccess openAccess(Node g, List<MarketSpec> markets,
                                                     CohortReader.Population population,
                                                     List<GatewaySpec.Link> links, List<GatewaySpec.Broker> brokers)
            throws ConfigException {
        if (g.field("open_access").isMissing()) {
            return null;
        }
        Node o = g.optionalObject("open_access", OPEN_ACCESS_FIELDS);
        List<Integer> brokerCohorts = brokers.stream().map(GatewaySpec.Broker::cohortIndex).toList();
        List<String> eligible = new ArrayList<>();
        List<Integer> byDefault = new ArrayList<>();
        for (int i = 0; i < population.names().size(); i++) {
            int sorted = population.sortedIndex(i);
            CohortSpec c = population.cohorts().get(sorted);
            if (linkOf(links, c.marketIndex()) >= 0 && !brokerCohorts.contains(sorted)) {
                eligible.add("\"" + c.name() + "\"");
                byDefault.add(sorted);
            }
        }
        String allowedCohorts = eligible.isEmpty() ? "none in this scenario"
                : String.join(", ", eligible.subList(0, Math.min(20, eligible.size())));
        List<Integer> cohorts = new ArrayList<>();
        if (o.field("cohorts").isMissing()) {
            cohorts.addAll(byDefault);
        } else {
            for (Node n : o.requiredArray("cohorts", 1, population.names().size())) {
                int sorted = population.sortedIndex(n.asOneOf(population.names(), "must name a cohort, one of"));
                CohortSpec c = population.cohorts().get(sorted);
                if (cohorts.contains(sorted)) {
                    throw n.error("listed twice; allowed: each cohort at most once");
                }
                if (brokerCohorts.contains(sorted)) {
                    throw n.error("cohort \"" + c.name() + "\" is a broker, which crosses by its own rule; allowed: a"
                            + " cohort trading a linked market that is not a broker: " + allowedCohorts);
                }
                if (linkOf(links, c.marketIndex()) < 0) {
                    throw n.error("cohort \"" + c.name() + "\" trades market \"" + markets.get(c.marketIndex()).name()
                            + "\", which the gateway does not link; allowed: a cohort trading a linked market that is"
                            + " not a broker: " + allowedCohorts);
                }
                cohorts.add(sorted);
            }
        }
        cohorts.sort(null);
        int thresholdMin = 0;
        int thresholdMax = 0;
        if (!o.field("threshold_ticks").isMissing()) {
            Node t = o.optionalObject("threshold_ticks", THRESHOLD_FIELDS);
            thresholdMin = t.optionalInt("min", 0, GatewaySpec.OpenAccess.MAX_THRESHOLD, 0);
            thresholdMax = t.optionalInt("max", 0, GatewaySpec.OpenAccess.MAX_THRESHOLD, thresholdMin);
            if (thresholdMax < thresholdMin) {
                throw t.field("max").error("must be at least min (" + thresholdMin + ")");
            }
        }
        int maxUnits = o.optionalInt("max_units", 1, GatewaySpec.MAX_UNITS, 1);
        long unitSlots = 0;
        for (GatewaySpec.Broker b : brokers) {
            unitSlots += (long) population.cohorts().get(b.cohortIndex()).count() * b.maxUnits();
        }
        for (int c : cohorts) {
            unitSlots += (long) population.cohorts().get(c).count() * maxUnits;
        }
        if (unitSlots > MAX_UNIT_SLOTS) {
            throw o.field("max_units").error(maxUnits + " units", "the sum of count x max_units over brokers and"
                    + " open-access agents (the most units that may cross in one epoch) must be at most "
                    + MAX_UNIT_SLOTS + ", the gateway's range");
        }
        return new GatewaySpec.OpenAccess(cohorts, thresholdMin, thresholdMax, maxUnits);
    }

    private static int linkOf(List<GatewaySpec.Link> links, int market) {
        for (int l = 0; l < links.size(); l++) {
            if (links.get(l).marketIndex() == market) {
                return l;
            }
        }
        return -1;
    }
}
