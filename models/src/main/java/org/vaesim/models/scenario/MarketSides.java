package org.vaesim.models.scenario;

import java.util.ArrayList;
import java.util.List;

import org.vaesim.models.event.EventSpec;
import org.vaesim.models.gateway.GatewaySpec;
import org.vaesim.models.market.MarketSpec;
import org.vaesim.models.mission.MissionSpec;
import org.vaesim.models.population.CohortSpec;
import org.vaesim.models.strategy.ChartistParams;
import org.vaesim.models.strategy.ExecutionParams;
import org.vaesim.models.strategy.FundamentalistParams;
import org.vaesim.models.strategy.Side;
import org.vaesim.models.strategy.StrategyFamily;
import org.vaesim.models.strategy.ZeroIntelligenceParams;

/**
 * Who can trade one market, read from the scenario alone: the cohorts whose strategy sends it orders
 * ({@code traders}), those among them that can bid, having money to pay, and those that can ask, having goods to
 * deliver or being allowed to sell short. Money or goods that an event, a mission's payments or the gateway brings
 * later count too. A trade needs a bid and an ask, so a market that has traders but no bidder or no asker never
 * trades.
 *
 * @param traders cohort names, in scenario order, whose strategy sends this market orders (not kinetic,
 *                negotiation or bidder cohorts, whose market only marks their wealth)
 * @param bidders the traders that can bid: a buying strategy, authorized by their scope, with money
 * @param askers  the traders that can ask: a selling strategy, authorized by their scope, with goods or short sales
 */
public record MarketSides(List<String> traders, List<String> bidders, List<String> askers) {
    public MarketSides {
        traders = List.copyOf(traders);
        bidders = List.copyOf(bidders);
        askers = List.copyOf(askers);
    }

    /** The sides of each of the scenario's markets, in market order. */
    public static List<MarketSides> of(Scenario scenario) {
        List<MarketSpec> markets = scenario.markets();
        List<CohortSpec> cohorts = scenario.cohorts();
        GatewaySpec gateway = scenario.gateway();
        boolean[] getsCash = new boolean[cohorts.size()];
        boolean[] getsGoods = new boolean[cohorts.size()];
        for (EventSpec e : scenario.events()) {
            switch (e) {
                case EventSpec.InjectCash c -> getsCash[c.cohortIndex()] = true;
                case EventSpec.InjectGoods g -> getsGoods[g.cohortIndex()] = true;
                default -> {
                }
            }
        }
        for (MissionSpec m : scenario.missions()) {
            for (MissionSpec.Bidder b : m.bidders()) {
                getsCash[b.cohortIndex()] = true; // paid for the tasks it delivers
            }
        }
        if (gateway != null) {
            for (GatewaySpec.Broker b : gateway.brokers()) {
                getsCash[b.cohortIndex()] = true; // buys agent currency and imports goods across the gateway
                getsGoods[b.cohortIndex()] = true;
            }
        }
        List<MarketSides> sides = new ArrayList<>();
        for (int m = 0; m < markets.size(); m++) {
            List<String> traders = new ArrayList<>();
            List<String> bidders = new ArrayList<>();
            List<String> askers = new ArrayList<>();
            for (int c = 0; c < cohorts.size(); c++) {
                CohortSpec cohort = cohorts.get(c);
                if (cohort.marketIndex() != m || !(bids(cohort) || asks(cohort))) {
                    continue;
                }
                traders.add(cohort.name());
                if (!cohort.identity().scope().authorized()) {
                    continue; // the gate rejects every order on a market the scope leaves out
                }
                if (bids(cohort) && (cohort.maxCash() > 0 || getsCash[c])) {
                    bidders.add(cohort.name());
                }
                if (asks(cohort) && (cohort.maxInventory() > 0 || sellsShort(cohort) || getsGoods[c])) {
                    askers.add(cohort.name());
                }
            }
            sides.add(new MarketSides(traders, bidders, askers));
        }
        return sides;
    }

    /** Whether the cohort's strategy sends bids. */
    static boolean bids(CohortSpec c) {
        return switch (c.params()) {
            case ZeroIntelligenceParams zi -> zi.side() == Side.BUY;
            case ExecutionParams e -> e.side() == Side.BUY;
            default -> twoSided(c.family());
        };
    }

    /** Whether the cohort's strategy sends asks. */
    static boolean asks(CohortSpec c) {
        return switch (c.params()) {
            case ZeroIntelligenceParams zi -> zi.side() == Side.SELL;
            case ExecutionParams e -> e.side() == Side.SELL;
            default -> twoSided(c.family());
        };
    }

    private static boolean twoSided(StrategyFamily family) {
        return family == StrategyFamily.FUNDAMENTALIST || family == StrategyFamily.CHARTIST
                || family == StrategyFamily.MARKET_MAKER || family == StrategyFamily.HFT
                || family == StrategyFamily.MANIPULATOR;
    }

    /** Whether the gate lets the cohort's asks take its inventory below zero (docs/strategies.md). */
    private static boolean sellsShort(CohortSpec c) {
        return switch (c.params()) {
            case FundamentalistParams f -> f.maxShort() > 0;
            case ChartistParams ch -> ch.maxShort() > 0;
            default -> c.family() == StrategyFamily.MARKET_MAKER || c.family() == StrategyFamily.HFT;
        };
    }
}
