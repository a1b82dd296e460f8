package org.vaesim.models.scenario;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.vaesim.models.market.MarketSpec;
import org.vaesim.models.mission.MissionSpec;
import org.vaesim.models.population.CohortSpec;
import org.vaesim.models.safety.SafetySpec;

/**
 * Reads {@code missions}: objectives made of tasks, funded in escrow and procured from bidder cohorts (format:
 * docs/config-reference.md#missions; rules: docs/mechanisms.md#missions). Read after the resource auctions,
 * before the events. Within a mission the fields are read in the order of {@link #FIELDS}, so that a rule
 * relating two fields is reported at the later one (the budget after the tasks and the reserve it must cover).
 */
final class MissionReader {
    static final List<String> FIELDS = List.of("name", "tick_size", "ticks", "sponsor", "tasks", "tasks_per_round",
            "every", "start_epoch", "deadline_epoch", "reserve_price", "advance", "budget", "min_capability",
            "reputation", "policy", "bidders");
    static final List<String> REPUTATION_FIELDS = List.of("gain", "loss");
    static final List<String> POLICY_FIELDS = List.of("subsidy", "tax", "reputation_weight", "min_reputation");
    static final List<String> SUBSIDY_FIELDS = List.of("per_task", "budget");
    static final List<String> TAX_FIELDS = List.of("fee_share", "markets");
    static final List<String> BIDDER_FIELDS = List.of("cohort", "cost_min", "cost_max", "capability_min",
            "capability_max");
    /** Largest reputation weight w in ask / r^w. */
    static final int MAX_WEIGHT = 3;
    private static final Node.Interval UNIT = Node.Interval.atLeast(0).withMax(1);
    private static final Node.Interval UNIT_BELOW_ONE = Node.Interval.below(0, 1);
    private static final Node.Interval SHARE = Node.Interval.above(0, 1);

    private enum SponsorType {
        COHORT("cohort", "cohort"),
        EXTERNAL("external");

        private final String jsonName;
        private final List<String> fields;

        SponsorType(String jsonName, String... fields) {
            this.jsonName = jsonName;
            List<String> all = new ArrayList<>(List.of("type"));
            all.addAll(List.of(fields));
            this.fields = List.copyOf(all);
        }
    }

    private MissionReader() {
    }

    /** Each mission, checked on its own; null, with the errors in {@code problems}, when any is in error. */
    static List<MissionSpec> read(Node root, int epochs, List<MarketSpec> markets,
                                  CohortReader.Population population, SafetySpec safety, Problems problems) {
        List<Node> elements = problems.attempt(() -> root.optionalArray("missions"));
        if (elements == null) {
            return null;
        }
        List<MissionSpec> missions = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        int founding = safety.tracksReputation() ? safety.reputation().initialMillionths() : MissionSpec.PPM;
        for (Node m : elements) {
            missions.add(problems.attempt(() -> mission(m.object(FIELDS), names, epochs, markets, population, safety,
                    founding)));
        }
        return missions.contains(null) ? null : missions;
    }

    private static MissionSpec mission(Node m, Map<String, String> names, int epochs, List<MarketSpec> markets,
                                       CohortReader.Population population, SafetySpec safety, int founding)
            throws ConfigException {
        String name = m.requiredUniqueName("name", names);
        long tickSize = m.requiredCredits("tick_size", true);
        int ticks = m.requiredInt("ticks", 16, 65_536);
        if (tickSize > Money.MAX_AMOUNT / (ticks - 1)) {
            throw m.field("tick_size").error("too large for " + ticks + " ticks: the top price, (ticks - 1) x"
                    + " tick_size, must be at most " + Money.format(Money.MAX_AMOUNT)
                    + " credits (2^62 micro-credits)");
        }
        MissionSpec.Sponsor sponsor = sponsor(m, population);
        int tasks = m.requiredInt("tasks", 1, Integer.MAX_VALUE);
        int perRound = m.optionalInt("tasks_per_round", 1, tasks, tasks);
        int every = m.optionalInt("every", 1, 1_000_000_000, 1);
        int start = m.optionalInt("start_epoch", 0, epochs - 1, 0);
        int deadline = m.optionalInt("deadline_epoch", start, epochs - 1, epochs - 1);
        int reserve = m.requiredPrice("reserve_price", tickSize, ticks);
        int advance = (int) m.optionalScaled("advance", 6, UNIT_BELOW_ONE, 0);
        long budget = m.requiredCredits("budget", true);
        long reserveMicros = reserve * tickSize;
        String reservePrice = Money.format(reserveMicros);
        BigInteger round = BigInteger.valueOf(perRound).multiply(BigInteger.valueOf(reserveMicros));
        if (BigInteger.valueOf(budget).compareTo(round) < 0) {
            throw m.field("budget").error("does not cover one round's " + perRound + " tasks at the reserve price "
                    + reservePrice + " (" + Money.format(round.min(BigInteger.valueOf(Money.MAX_AMOUNT)).longValue())
                    + " credits): the escrow must hold a task's reserve price before the task is posted, so no"
                    + " round could post all its tasks; allowed: a budget of at least " + Money.format(
                    round.min(BigInteger.valueOf(Money.MAX_AMOUNT)).longValue()) + " credits, or fewer"
                    + " tasks_per_round, or a lower reserve_price");
        }
        if (sponsor instanceof MissionSpec.CohortSponsor c) {
            CohortSpec cohort = population.cohorts().get(c.cohortIndex());
            long share = (budget + cohort.count() - 1) / cohort.count();
            if (share > cohort.cash()) {
                throw m.field("budget").error("the sponsor cohort \"" + cohort.name() + "\" cannot pay it: split"
                        + " over its " + cohort.count() + " agents it is " + Money.format(share) + " credits each,"
                        + " and they start with " + Money.format(cohort.cash()) + "; allowed: at most "
                        + Money.format(Math.multiplyHigh(cohort.cash(), cohort.count()) != 0 ? Money.MAX_AMOUNT
                        : Math.min(Money.MAX_AMOUNT, cohort.cash() * cohort.count())) + " credits");
            }
        }
        int minCapability = (int) m.optionalScaled("min_capability", 6, UNIT, 0);
        int[] reputation = reputation(m, safety);
        MissionSpec.Policy policy = policy(m, markets, reserve, tickSize, founding);
        long subsidyTicks = policy.subsidy() == null ? 0 : policy.subsidy().perTask() / tickSize;
        List<MissionSpec.Bidder> bidders = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (Node b : m.requiredArray("bidders", 1, 1024)) {
            b.object(BIDDER_FIELDS);
            int fileIndex = b.requiredOneOf("cohort", population.names(), "must name a cohort, one of");
            String cohortName = population.names().get(fileIndex);
            String firstUse = seen.putIfAbsent(cohortName, b.path());
            if (firstUse != null) {
                throw b.field("cohort").error("already bids in this mission at " + firstUse
                        + "; allowed: each cohort at most once per mission");
            }
            int costMin = b.requiredPrice("cost_min", tickSize, ticks);
            int costMax = b.requiredPrice("cost_max", tickSize, ticks);
            if (costMax < costMin) {
                throw b.field("cost_max").error("must be at least cost_min ("
                        + Node.gridPrice(costMin, Money.toCredits(tickSize)) + ")");
            }
            long lowestAsk = Math.max(1, costMin - subsidyTicks);
            if (lowestAsk > reserve) {
                throw b.field("cost_min").error("no agent of cohort \"" + cohortName + "\" could ever ask a price the"
                        + " mission accepts: its lowest ask, cost_min" + (subsidyTicks > 0 ? " less the subsidy" : "")
                        + ", is " + Money.format(lowestAsk * tickSize) + " credits, above the reserve price "
                        + reservePrice + ", so no task is open to it; allowed: at most " + Money.format(
                        (reserve + subsidyTicks) * tickSize) + " credits");
            }
            int capMin = (int) b.requiredScaled("capability_min", 6, UNIT);
            int capMax = (int) b.requiredScaled("capability_max", 6, UNIT);
            if (capMax < capMin) {
                throw b.field("capability_max").error("must be at least capability_min ("
                        + ppm(capMin) + ")");
            }
            if (capMax < minCapability) {
                throw b.field("capability_max").error("below the mission's min_capability " + ppm(minCapability)
                        + ": no agent of cohort \"" + cohortName + "\" is eligible for its tasks; allowed: at least "
                        + ppm(minCapability));
            }
            bidders.add(new MissionSpec.Bidder(population.sortedIndex(fileIndex), costMin, costMax, capMin, capMax));
        }
        return new MissionSpec(name, tickSize, ticks, sponsor, budget, tasks, perRound, every, start, deadline, reserve,
                advance, minCapability, reputation[0], reputation[1], policy, bidders);
    }

    private static MissionSpec.Sponsor sponsor(Node m, CohortReader.Population population) throws ConfigException {
        Node s = m.field("sponsor").object();
        SponsorType type = s.requiredEnum("type", SponsorType.values(), t -> t.jsonName);
        s.withOnly(type.fields);
        return switch (type) {
            case COHORT -> new MissionSpec.CohortSponsor(population.sortedIndex(
                    s.requiredOneOf("cohort", population.names(), "must name a cohort, one of")));
            case EXTERNAL -> new MissionSpec.ExternalSponsor();
        };
    }

    /** {gain, loss} in millionths: the mission's own, else the scenario's safety.reputation, else the defaults. */
    private static int[] reputation(Node m, SafetySpec safety) throws ConfigException {
        SafetySpec.ReputationSpec d = safety.tracksReputation() ? safety.reputation()
                : SafetySpec.ReputationSpec.DEFAULT;
        Node r = m.optionalObject("reputation", REPUTATION_FIELDS);
        return new int[] {(int) r.optionalScaled("gain", 6, UNIT, d.gainMillionths()),
            (int) r.optionalScaled("loss", 6, UNIT, d.lossMillionths())};
    }

    private static MissionSpec.Policy policy(Node m, List<MarketSpec> markets, int reserve, long tickSize,
                                             int founding) throws ConfigException {
        Node p = m.optionalObject("policy", POLICY_FIELDS);
        MissionSpec.Subsidy subsidy = null;
        if (!p.field("subsidy").isMissing()) {
            Node s = p.optionalObject("subsidy", SUBSIDY_FIELDS);
            long perTask = s.requiredCredits("per_task", true);
            long budget = s.requiredCredits("budget", true);
            if (budget < perTask) {
                throw s.field("budget").error("does not cover the subsidy of one task (" + Money.format(perTask)
                        + " credits); allowed: at least " + Money.format(perTask) + " credits");
            }
            subsidy = new MissionSpec.Subsidy(perTask, budget);
        }
        MissionSpec.Tax tax = null;
        if (!p.field("tax").isMissing()) {
            tax = tax(p.optionalObject("tax", TAX_FIELDS), markets);
        }
        int weight = p.optionalInt("reputation_weight", 0, MAX_WEIGHT, 0);
        Node floor = p.field("min_reputation");
        if (weight > 0 && floor.isMissing()) {
            throw floor.error("required when reputation_weight > 0: scores divide the ask by reputation^w, so a"
                    + " floor is needed; a number in (0, 1] with at most 6 decimals");
        }
        int minReputation = (int) p.optionalScaled("min_reputation", 6, weight > 0 ? SHARE : UNIT, 0);
        if (minReputation > founding) {
            throw floor.error("above the reputation agents start with (" + ppm(founding) + "), and only tasks"
                    + " change it here: no agent could ever bid; allowed: at most " + ppm(founding));
        }
        if (MissionSpec.score(reserve, Math.max(1, minReputation), weight) >= MissionSpec.MAX_SCORE_TICKS) {
            long needed = (long) Math.ceil(MissionSpec.PPM * Math.pow((double) reserve
                    / (MissionSpec.MAX_SCORE_TICKS - 1), 1.0 / weight));
            throw floor.error("with reputation_weight " + weight + " and the reserve price at tick " + reserve
                    + ", scores (ask / reputation^" + weight + ") reach " + MissionSpec.score(reserve,
                    Math.max(1, minReputation), weight) + " ticks, more than the " + (MissionSpec.MAX_SCORE_TICKS - 1)
                    + " the score histogram holds; allowed: at least " + ppm((int) Math.min(MissionSpec.PPM, needed))
                    + ", or a lower reserve_price or coarser tick_size");
        }
        return new MissionSpec.Policy(subsidy, tax, weight, minReputation);
    }

    private static MissionSpec.Tax tax(Node t, List<MarketSpec> markets) throws ConfigException {
        long share = t.requiredScaled("fee_share", 6, SHARE);
        List<String> marketNames = markets.stream().map(MarketSpec::name).toList();
        List<Integer> taxed = new ArrayList<>();
        if (t.field("markets").isMissing()) {
            for (int k = 0; k < markets.size(); k++) {
                if (markets.get(k).feeBps() > 0) {
                    taxed.add(k);
                }
            }
            if (taxed.isEmpty()) {
                throw t.field("fee_share").error("no market charges a fee (every fee_bps is 0), so a share of the"
                        + " fees would collect nothing; allowed: a tax only where some market has fee_bps > 0");
            }
        } else {
            for (Node n : t.requiredArray("markets", 1, 256)) {
                int k = n.asOneOf(marketNames, ScenarioReader.MARKET_REFERENCE);
                if (markets.get(k).feeBps() == 0) {
                    throw n.error("market \"" + markets.get(k).name() + "\" charges no fee (fee_bps 0), so a"
                            + " share of its fees collects nothing; allowed: a market with fee_bps > 0");
                }
                if (taxed.contains(k)) {
                    throw n.error("listed twice; allowed: each market at most once");
                }
                taxed.add(k);
            }
        }
        return new MissionSpec.Tax(share, taxed);
    }

    /** Millionths as a decimal: 500000 -> 0.5. */
    private static String ppm(int millionths) {
        return java.math.BigDecimal.valueOf(millionths, 6).stripTrailingZeros().toPlainString();
    }
}
