package org.vaesim.models.scenario;

import java.math.BigInteger;
import java.util.List;

import org.vaesim.models.event.EventSpec;
import org.vaesim.models.gateway.GatewaySpec;
import org.vaesim.models.market.MarketSpec;
import org.vaesim.models.mission.MissionSpec;
import org.vaesim.models.population.CohortSpec;

/**
 * The economy's totals over the whole run, checked when the scenario is read, so that no sum of money, goods
 * or wealth can leave the 64 bits it is kept in (docs/config-reference.md#numeric-limits):
 *
 * <ul>
 *   <li><b>Money</b>: the agents' initial cash, the offshore agent currency, every budget and subsidy a mission
 *   brings from outside and every {@code inject_cash} (count x amount) add up to at most
 *   {@link Money#MAX_AMOUNT} (2^62) micro-credits. No mechanism creates money, and every holding stays at zero
 *   or above (bids are covered by cash, payments come out of escrow), so every agent's cash, and every sum of
 *   holdings, stays within that total: no settlement, auction or mission payment can overflow per agent.</li>
 *   <li><b>Goods per agent</b>: a cohort's inventory plus all {@code inject_goods} into it fits a 32-bit count.
 *   Trading and the gateway never take a holding above the position limit, itself a 32-bit count.</li>
 *   <li><b>Wealth</b>: the total money plus, per market, the most units agents can hold long (initial,
 *   injected, the room short sellers leave, and what the gateway may bring in) at the market's top price stays
 *   within 2^62 micro-credits: every agent's wealth, cash + inventory x price, and every sum of wealth the
 *   metrics take, then fit 64 bits at any price the market can reach.</li>
 * </ul>
 */
final class EconomyLimits {
    private static final BigInteger MAX_MONEY = BigInteger.valueOf(Money.MAX_AMOUNT);
    private static final String MONEY_RULE = "the economy's money over the whole run (the agents' initial cash, the"
            + " offshore agent currency, mission budgets and subsidies from outside, and every inject_cash, count x"
            + " amount) must be at most " + Money.format(Money.MAX_AMOUNT) + " credits (2^62 micro-credits)";

    private EconomyLimits() {
    }

    static void check(Node root, List<MarketSpec> markets, List<CohortSpec> cohorts, List<MissionSpec> missions,
                      GatewaySpec gateway, List<EventSpec> events, int epochs) throws ConfigException {
        List<Node> missionNodes = missions.isEmpty() ? List.of() : root.optionalArray("missions");
        List<Node> eventNodes = events.isEmpty() ? List.of() : root.optionalArray("events");
        BigInteger money = BigInteger.ZERO;
        for (CohortSpec c : cohorts) {
            money = money.add(BigInteger.valueOf(c.count()).multiply(BigInteger.valueOf(c.maxCash())));
        }
        money = money.add(BigInteger.valueOf(gateway == null ? 0 : gateway.offshoreCurrency()));
        for (int k = 0; k < missions.size(); k++) {
            MissionSpec m = missions.get(k);
            if (!(m.sponsor() instanceof MissionSpec.CohortSponsor)) {
                money = money.add(BigInteger.valueOf(m.budget()));
            }
            if (m.policy().subsidy() != null) {
                money = money.add(BigInteger.valueOf(m.policy().subsidy().budget()));
            }
            if (money.compareTo(MAX_MONEY) > 0) {
                throw missionNodes.get(k).error(credits(money) + " credits with this mission's money from outside",
                        MONEY_RULE);
            }
        }
        long[] injectedUnits = new long[cohorts.size()];
        for (int k = 0; k < events.size(); k++) {
            switch (events.get(k)) {
                case EventSpec.InjectCash cash -> {
                    money = money.add(BigInteger.valueOf(cohorts.get(cash.cohortIndex()).count())
                            .multiply(BigInteger.valueOf(cash.amount())));
                    if (money.compareTo(MAX_MONEY) > 0) {
                        throw eventNodes.get(k).field("amount").error(Money.format(cash.amount()) + " (the economy's"
                                + " money reaches " + credits(money) + " credits)", MONEY_RULE);
                    }
                }
                case EventSpec.InjectGoods goods -> {
                    CohortSpec c = cohorts.get(goods.cohortIndex());
                    injectedUnits[goods.cohortIndex()] += goods.units(); // stops just past 2^31: no overflow
                    long each = c.maxInventory() + injectedUnits[goods.cohortIndex()];
                    if (each > Integer.MAX_VALUE) {
                        throw eventNodes.get(k).field("units").error(goods.units() + " (each agent of cohort \""
                                + c.name() + "\" would hold " + each + " units)", "a cohort's inventory plus"
                                + " everything inject_goods adds to it must be at most " + Integer.MAX_VALUE
                                + " units per agent (a 32-bit count)");
                    }
                }
                default -> {
                }
            }
        }
        checkWealth(root, markets, cohorts, gateway, injectedUnits, epochs, money);
    }

    /** Money plus every market's most long units at its top price, at most 2^62 micro-credits. */
    private static void checkWealth(Node root, List<MarketSpec> markets, List<CohortSpec> cohorts,
                                    GatewaySpec gateway, long[] injectedUnits, int epochs, BigInteger money)
            throws ConfigException {
        BigInteger wealth = money;
        List<Node> marketNodes = root.requiredArray("markets", 1, Integer.MAX_VALUE);
        for (int m = 0; m < markets.size(); m++) {
            BigInteger units = BigInteger.ZERO;
            for (int c = 0; c < cohorts.size(); c++) {
                CohortSpec cohort = cohorts.get(c);
                if (cohort.marketIndex() == m) {
                    // short sellers' room adds to the units others can hold long
                    long each = cohort.maxInventory() + injectedUnits[c] + cohort.params().maxShort();
                    units = units.add(BigInteger.valueOf(cohort.count()).multiply(BigInteger.valueOf(each)));
                }
            }
            if (gateway != null) {
                for (GatewaySpec.Broker b : gateway.brokers()) {
                    if (gateway.links().get(b.linkIndex()).marketIndex() == m) { // imports: max_units an epoch
                        units = units.add(BigInteger.valueOf(cohorts.get(b.cohortIndex()).count())
                                .multiply(BigInteger.valueOf((long) b.maxUnits() * epochs)));
                    }
                }
            }
            MarketSpec market = markets.get(m);
            long top = (market.ticks() - 1L) * market.tickSize();
            wealth = wealth.add(units.multiply(BigInteger.valueOf(top)));
            if (wealth.compareTo(MAX_MONEY) > 0) {
                throw marketNodes.get(m).error(units + " units at a top price of " + Money.format(top) + " credits"
                        + " (total wealth up to " + credits(wealth) + " credits)", "the economy's money plus, for"
                        + " every market, the most units agents can hold long (inventory, inject_goods, short"
                        + " sellers' max_short or max_inventory, gateway imports) at its top price, (ticks - 1) x"
                        + " tick_size, must be at most " + Money.format(Money.MAX_AMOUNT) + " credits (2^62"
                        + " micro-credits), so that every wealth sum fits 64 bits; lower the tick size, the ticks,"
                        + " the inventories or the injections");
            }
        }
    }

    private static String credits(BigInteger micros) {
        return new java.math.BigDecimal(micros, 6).stripTrailingZeros().toPlainString();
    }
}
