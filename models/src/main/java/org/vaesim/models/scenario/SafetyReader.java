package org.vaesim.models.scenario;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.vaesim.models.market.MarketSpec;
import org.vaesim.models.population.CohortSpec;
import org.vaesim.models.safety.KillTarget;
import org.vaesim.models.safety.SafetySpec;
import org.vaesim.models.strategy.StrategyFamily;

/** Reads {@code safety} and kill targets (shared by kill events and kill rules). */
final class SafetyReader {
    static final List<String> FIELDS = List.of("circuit_breaker", "market_wide", "volatility_pause", "kill_rules",
            "reputation", "probation", "entry", "principal_limits", "audit");
    static final List<String> PRINCIPAL_LIMIT_FIELDS = List.of("principal", "orders_per_epoch", "burst");
    /** Agents of one rate-limited principal: its orders (two per agent) then stay below 2^31, see PrincipalLimit. */
    static final long MAX_LIMITED_AGENTS = 1_000_000_000L;
    static final List<String> REPUTATION_FIELDS = List.of("initial", "gain", "loss");
    static final List<String> PROBATION_FIELDS = List.of("below_reputation", "max_order_qty", "spend_limit",
            "max_position");
    static final List<String> ENTRY_FIELDS = List.of("min_capability", "min_principal_reputation",
            "max_agents_per_principal", "initial_reputation", "test_task");
    private static final Node.Interval FRACTION = Node.Interval.atLeast(0).withMax(1);
    static final List<String> BREAKER_FIELDS = List.of("band_percent", "reference_epochs", "halt_epochs", "markets");
    static final List<String> MARKET_WIDE_FIELDS = List.of("levels_percent", "halt_epochs");
    static final List<String> PAUSE_FIELDS = List.of("move_percent", "lookback_epochs", "pause_epochs");
    static final List<String> RULE_FIELDS = List.of("when", "count", "target", "cohort", "family", "agent",
            "principal", "ratio", "epochs", "min_orders", "percent");
    private static final Node.Interval BAND = Node.Interval.above(0, 50);
    private static final Node.Interval LEVEL = Node.Interval.above(0, 99);
    private static final Node.Interval MOVE = Node.Interval.above(0, 1000);
    private static final List<String> TARGETS = List.of("agent", "cohort", "family", "principal", "global");
    private static final List<String> TARGET_FIELDS = List.of("target", "cohort", "family", "agent", "principal");
    /** An order-to-trade ratio: above 1 (at 1 every order must fill). */
    private static final Node.Interval RATIO = Node.Interval.above(1, 1e9);
    private static final Node.Interval LOSS_PERCENT = Node.Interval.above(0, 100);

    private SafetyReader() {
    }

    /** {@code safety.audit}: "full" (the default) or "events". */
    private static SafetySpec.AuditMode auditMode(Node safety) throws ConfigException {
        if (safety.field("audit").isMissing()) {
            return SafetySpec.AuditMode.FULL;
        }
        SafetySpec.AuditMode[] modes = SafetySpec.AuditMode.values();
        List<String> names = Arrays.stream(modes).map(SafetySpec.AuditMode::jsonName).toList();
        return modes[safety.requiredOneOf("audit", names, "must be one of")];
    }

    static SafetySpec read(Node root, List<MarketSpec> markets, CohortReader.Population population)
            throws ConfigException {
        if (root.field("safety").isMissing()) {
            return SafetySpec.NONE;
        }
        Node safety = root.optionalObject("safety", FIELDS);
        SafetySpec.CircuitBreakerSpec breaker = null;
        if (!safety.field("circuit_breaker").isMissing()) {
            Node b = safety.optionalObject("circuit_breaker", BREAKER_FIELDS);
            Map<String, Double> bands = marketBands(b, markets);
            double fallback = b.field("band_percent").isMissing() && !bands.isEmpty() ? 0
                    : b.requiredDouble("band_percent", BAND);
            breaker = new SafetySpec.CircuitBreakerSpec(fallback, b.optionalInt("reference_epochs", 1, 1024, 5),
                    b.optionalInt("halt_epochs", 1, 1_000_000, 5), bands);
            for (MarketSpec m : markets) {
                SafetySpec.CircuitBreakerSpec own = breaker.forMarket(m.name());
                if (own == null) {
                    continue;
                }
                double band = own.bandPercent();
                // A band narrower than one tick around the opening price would stop every trade.
                if (Math.floor(m.initialTick() * band / 100.0) < 1) {
                    double least = 100.0 / m.initialTick();
                    String allowed = least <= BAND.max()
                            ? "a band of at least " + least + "% (and at most " + BAND.max() + "%) for this market"
                            // no band in range reaches a tick: the market, not the band, must change
                            : "no band can reach one tick at this opening price, as bands are at most " + BAND.max()
                            + "%; open the market at tick " + (int) Math.ceil(100.0 / BAND.max()) + " or above"
                            + " (a higher initial_price or a smaller tick_size), or leave out the circuit breaker";
                    Node at = bands.containsKey(m.name()) ? b.field("markets").field(m.name()) : b.field("band_percent");
                    throw at.error(band + "% of market " + m.name() + "'s opening price of "
                            + m.initialTick() + " ticks is less than one tick, so no trade could ever clear; allowed: "
                            + allowed);
                }
            }
        }
        SafetySpec.MarketWideSpec marketWide = null;
        if (!safety.field("market_wide").isMissing()) {
            Node w = safety.optionalObject("market_wide", MARKET_WIDE_FIELDS);
            List<Node> levelNodes = w.requiredArray("levels_percent", 1, 8);
            List<Node> haltNodes = w.requiredArray("halt_epochs", levelNodes.size(), levelNodes.size());
            List<Double> levels = new ArrayList<>();
            List<Integer> halts = new ArrayList<>();
            for (int k = 0; k < levelNodes.size(); k++) {
                double level = levelNodes.get(k).asDouble(LEVEL);
                if (k > 0 && level <= levels.get(k - 1)) {
                    throw levelNodes.get(k).error("must be larger than the level before it (" + levels.get(k - 1)
                            + "): levels are increasing drops");
                }
                levels.add(level);
                halts.add(haltNodes.get(k).asInt(0, 1_000_000));
            }
            marketWide = new SafetySpec.MarketWideSpec(levels, halts);
        }
        SafetySpec.VolatilityPauseSpec pause = null;
        if (!safety.field("volatility_pause").isMissing()) {
            Node p = safety.optionalObject("volatility_pause", PAUSE_FIELDS);
            pause = new SafetySpec.VolatilityPauseSpec(p.requiredDouble("move_percent", MOVE),
                    p.optionalInt("lookback_epochs", 1, 1024, 5), p.optionalInt("pause_epochs", 1, 1_000_000, 5));
        }
        List<SafetySpec.KillRule> rules = new ArrayList<>();
        for (Node r : safety.optionalArray("kill_rules")) {
            r.object(RULE_FIELDS);
            SafetySpec.KillRule.When when = r.requiredEnum("when", SafetySpec.KillRule.When.values(),
                    SafetySpec.KillRule.When::jsonName);
            rejectFieldsOtherThan(r, when);
            if (when == SafetySpec.KillRule.When.ORDER_TO_TRADE) {
                rules.add(SafetySpec.KillRule.orderToTrade(r.requiredDouble("ratio", RATIO),
                        r.optionalInt("epochs", 1, 1_000_000, 1), r.optionalInt("min_orders", 1, 1_000_000_000, 1)));
                continue;
            }
            if (when == SafetySpec.KillRule.When.LOSS) {
                rules.add(SafetySpec.KillRule.loss(r.requiredDouble("percent", LOSS_PERCENT)));
                continue;
            }
            int count = r.requiredInt("count", 1, 1_000_000);
            if (when == SafetySpec.KillRule.When.REJECTIONS) {
                rules.add(new SafetySpec.KillRule(when, count, null));
                continue;
            }
            if (breaker == null) {
                throw r.field("when").error("breaker_trips needs safety.circuit_breaker: without breakers it never fires");
            }
            rules.add(new SafetySpec.KillRule(when, count, target(r, population)));
        }
        SafetySpec.ProbationSpec probation = probation(safety);
        SafetySpec.EntrySpec entry = entry(safety, population);
        SafetySpec.ReputationSpec reputation = reputation(safety, probation != null || entry != null);
        return new SafetySpec(breaker, marketWide, pause, rules, reputation, probation, entry,
                principalLimits(safety, population), auditMode(safety));
    }

    /**
     * {@code circuit_breaker.markets}: market name → its own band in percent, as {@code band_percent}. Every name
     * must be a market's.
     */
    private static Map<String, Double> marketBands(Node b, List<MarketSpec> markets) throws ConfigException {
        Map<String, Double> bands = new LinkedHashMap<>();
        if (b.field("markets").isMissing()) {
            return bands;
        }
        List<String> names = markets.stream().map(MarketSpec::name).toList();
        Node byMarket = b.field("markets").object(names); // a key that is not a market's name is an error
        for (String name : names) {
            if (!byMarket.field(name).isMissing()) {
                bands.put(name, byMarket.field(name).asDouble(BAND));
            }
        }
        if (bands.isEmpty()) {
            throw byMarket.error("must name at least one market and its band in percent, e.g. {\"" + names.getFirst()
                    + "\": 5}; leave it out for one band_percent for every market");
        }
        return bands;
    }

    private static List<SafetySpec.PrincipalLimit> principalLimits(Node safety, CohortReader.Population population)
            throws ConfigException {
        List<String> principals = population.principals();
        List<SafetySpec.PrincipalLimit> limits = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (Node l : safety.optionalArray("principal_limits")) {
            l.object(PRINCIPAL_LIMIT_FIELDS);
            String principal = principals.get(l.requiredOneOf("principal", principals, "must name a principal, one of"));
            if (seen.putIfAbsent(principal, l.path()) != null) {
                throw l.field("principal").error("already limited by " + seen.get(principal) + "; one limit per principal");
            }
            long agents = population.cohorts().stream().filter(c -> c.identity().principal().equals(principal))
                    .mapToLong(c -> c.count()).sum();
            if (agents > MAX_LIMITED_AGENTS) {
                throw l.field("principal").error("has " + agents + " agents; a rate-limited principal may have at most "
                        + MAX_LIMITED_AGENTS);
            }
            double rate = l.requiredDouble("orders_per_epoch", Node.Interval.above(0, 1e9));
            double milli = rate * 1000;
            if (milli != Math.rint(milli)) {
                throw l.field("orders_per_epoch").error("must have at most 3 decimals (the bucket counts thousandths"
                        + " of an order)");
            }
            int burst = l.optionalInt("burst", 1, Integer.MAX_VALUE, (int) Math.max(1, Math.ceil(rate)));
            limits.add(new SafetySpec.PrincipalLimit(principal, (long) milli, burst));
        }
        return limits;
    }

    /** {@code safety.reputation}, with its defaults when only probation or entry checks ask for it. */
    private static SafetySpec.ReputationSpec reputation(Node safety, boolean needed) throws ConfigException {
        if (safety.field("reputation").isMissing()) {
            return needed ? SafetySpec.ReputationSpec.DEFAULT : null;
        }
        Node r = safety.optionalObject("reputation", REPUTATION_FIELDS);
        SafetySpec.ReputationSpec d = SafetySpec.ReputationSpec.DEFAULT;
        return new SafetySpec.ReputationSpec(r.optionalDouble("initial", FRACTION, d.initial()),
                r.optionalDouble("gain", FRACTION, d.gain()), r.optionalDouble("loss", FRACTION, d.loss()));
    }

    private static SafetySpec.ProbationSpec probation(Node safety) throws ConfigException {
        if (safety.field("probation").isMissing()) {
            return null;
        }
        Node p = safety.optionalObject("probation", PROBATION_FIELDS);
        double below = p.requiredDouble("below_reputation", Node.Interval.above(0, 1));
        if (p.field("max_order_qty").isMissing() && p.field("spend_limit").isMissing()
                && p.field("max_position").isMissing()) {
            throw p.field("max_order_qty").error("probation needs at least one limit: max_order_qty, spend_limit "
                    + "or max_position");
        }
        return new SafetySpec.ProbationSpec(below, p.optionalInt("max_order_qty", 1, Integer.MAX_VALUE, Integer.MAX_VALUE),
                p.field("spend_limit").isMissing() ? Long.MAX_VALUE : p.requiredCredits("spend_limit", true),
                p.optionalInt("max_position", 0, Integer.MAX_VALUE, Integer.MAX_VALUE));
    }

    private static SafetySpec.EntrySpec entry(Node safety, CohortReader.Population population)
            throws ConfigException {
        if (safety.field("entry").isMissing()) {
            return null;
        }
        Node e = safety.optionalObject("entry", ENTRY_FIELDS);
        if (population.cohorts().stream().allMatch(c -> c.arrival() == null)) {
            throw safety.field("entry").error("no cohort has an arrival, so no agent would ever be checked at entry;"
                    + " give the arriving cohorts an \"arrival\" or remove safety.entry");
        }
        SafetySpec.TestTask test = null;
        if (!e.field("test_task").isMissing()) {
            if (!e.field("min_capability").isMissing()) {
                throw e.field("min_capability").error("is the declared-capability check, which a test_task replaces;"
                        + " allowed: one of min_capability (declared) and test_task (tested)");
            }
            Node t = e.optionalObject("test_task", List.of("noise", "min_score"));
            test = new SafetySpec.TestTask(t.requiredDouble("noise", Node.Interval.atLeast(0).withMax(1)),
                    t.requiredDouble("min_score", FRACTION));
            for (CohortSpec c : population.cohorts()) {
                if (c.arrival() != null && Double.isNaN(c.arrival().trueCapability())) {
                    throw e.field("test_task").error("cohort \"" + c.name() + "\" arrives with neither"
                            + " hidden_capability nor declared_capability, so there is no ability to test; give its"
                            + " arrival a hidden_capability in [0, 1]");
                }
            }
        }
        return new SafetySpec.EntrySpec(e.optionalDouble("min_capability", FRACTION, 0),
                e.optionalDouble("min_principal_reputation", FRACTION, 0),
                e.optionalInt("max_agents_per_principal", 1, (int) CohortReader.MAX_AGENTS, (int) CohortReader.MAX_AGENTS),
                e.optionalDouble("initial_reputation", FRACTION, 0.5), test);
    }

    /** Which fields each kind of rule takes; any other one is an error naming what the rule uses. */
    private static void rejectFieldsOtherThan(Node r, SafetySpec.KillRule.When when) throws ConfigException {
        List<String> allowed = switch (when) {
            case BREAKER_TRIPS -> List.of("when", "count", "target", "cohort", "family", "agent", "principal");
            case REJECTIONS -> List.of("when", "count");
            case ORDER_TO_TRADE -> List.of("when", "ratio", "epochs", "min_orders");
            case LOSS -> List.of("when", "percent");
        };
        for (String f : RULE_FIELDS) {
            if (!allowed.contains(f) && !r.field(f).isMissing()) {
                throw r.field(f).error("not used by a " + when.jsonName() + " rule"
                        + (when.perPrincipal() && TARGET_FIELDS.contains(f)
                        ? ", which kills the offending principal itself" : "")
                        + "; it takes " + String.join(", ", allowed.subList(1, allowed.size())));
            }
        }
    }

    /** A kill target from {@code target} and the one field it needs (cohort, family, agent or principal). */
    static KillTarget target(Node n, CohortReader.Population population) throws ConfigException {
        String kind = TARGETS.get(n.requiredOneOf("target", TARGETS, "must be one of"));
        for (String other : List.of("cohort", "family", "agent", "principal")) {
            if (!other.equals(kind) && !n.field(other).isMissing()) {
                throw n.field(other).error("not used by target \"" + kind + "\"; remove it");
            }
        }
        long agents = population.agents();
        return switch (kind) {
            case "agent" -> new KillTarget.Agent(n.requiredInt("agent", 0, (int) Math.min(Integer.MAX_VALUE, agents - 1)));
            case "cohort" -> new KillTarget.Cohort(population.sortedIndex(
                    n.requiredOneOf("cohort", population.names(), "must name a cohort, one of")));
            case "family" -> new KillTarget.Family(n.requiredEnum("family", StrategyFamily.values(),
                    StrategyFamily::jsonName));
            case "principal" -> {
                List<String> principals = population.principals();
                yield new KillTarget.Principal(principals.get(n.requiredOneOf("principal", principals,
                        "must name a principal, one of")));
            }
            default -> new KillTarget.Global();
        };
    }
}
