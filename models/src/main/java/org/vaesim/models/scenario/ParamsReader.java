package org.vaesim.models.scenario;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.vaesim.models.market.MarketSpec;
import org.vaesim.models.scenario.Node.Interval;
import org.vaesim.models.strategy.BidderParams;
import org.vaesim.models.strategy.ChartistParams;
import org.vaesim.models.strategy.ExecutionParams;
import org.vaesim.models.strategy.FundamentalistParams;
import org.vaesim.models.strategy.HftParams;
import org.vaesim.models.strategy.KineticParams;
import org.vaesim.models.strategy.ManipulatorParams;
import org.vaesim.models.strategy.MarketMakerParams;
import org.vaesim.models.strategy.NegotiationParams;
import org.vaesim.models.strategy.NoiseParams;
import org.vaesim.models.strategy.OrderDrivenParams;
import org.vaesim.models.strategy.Side;
import org.vaesim.models.strategy.StrategyFamily;
import org.vaesim.models.strategy.StrategyParams;
import org.vaesim.models.strategy.SwitchingParams;
import org.vaesim.models.strategy.ZeroIntelligenceParams;

/**
 * The built-in strategy families' {@code params}: the fields each allows and the reader that fills its record, with
 * defaults, from a cohort's {@code params} object ({@link StrategyFamily#params()}).
 */
public final class ParamsReader {
    private static final int MAX = Integer.MAX_VALUE;
    /** Offsets from a price in ticks: one grid's width at most, so tick +- offset never overflows an int. */
    private static final int MAX_OFFSET_TICKS = 65_536;
    private static final Interval PROBABILITY = Interval.above(0, 1);
    private static final Interval NON_NEGATIVE = Interval.atLeast(0);
    /** Longest list of induced values one cohort may give (Smith's schedules have about a dozen). */
    static final int MAX_LISTED_VALUES = 1_000_000;

    public static final StrategyFamily.Params ZERO_INTELLIGENCE = new StrategyFamily.Params(
            List.of("side", "value_min", "value_max", "values", "units", "period"), ParamsReader::zeroIntelligence,
            List.of(
                    "{\"side\": \"buy\", \"value_min\": 1.00, \"value_max\": 4.00, \"units\": 2, \"period\": 3}",
                    "{\"side\": \"sell\", \"value_min\": 0.50, \"value_max\": 3.00}"));
    public static final StrategyFamily.Params FUNDAMENTALIST = new StrategyFamily.Params(List.of("dispersion_ticks",
            "threshold_ticks", "reaction", "max_qty", "activity", "max_position", "max_short",
            "withdrawal_volatility", "volatility_epochs"), (p, market) -> fundamentalist(p),
            List.of("{\"dispersion_ticks\": 20, \"threshold_ticks\": 2, \"reaction\": 0.3, \"max_qty\": 9,"
                    + " \"activity\": 0.7}"));
    public static final StrategyFamily.Params CHARTIST = new StrategyFamily.Params(List.of("lookback",
            "threshold_ticks", "aggression_ticks", "qty", "activity", "max_position", "max_short"),
            (p, market) -> chartist(p), List.of("{\"lookback\": 3, \"threshold_ticks\": 2, \"aggression_ticks\": 4,"
                    + " \"qty\": 2, \"activity\": 0.6}"));
    public static final StrategyFamily.Params MARKET_MAKER = new StrategyFamily.Params(
            List.of("half_spread_ticks", "quote_qty", "max_inventory", "skew_ticks"), (p, market) -> marketMaker(p),
            List.of("{\"half_spread_ticks\": 2, \"quote_qty\": 7, \"max_inventory\": 40, \"skew_ticks\": 5}"));
    public static final StrategyFamily.Params HFT = new StrategyFamily.Params(
            List.of("quote_qty", "max_inventory", "aggression_ticks", "dip_qty"), (p, market) -> hft(p),
            List.of("{\"quote_qty\": 3, \"max_inventory\": 20, \"aggression_ticks\": 6}",
                    "{\"quote_qty\": 3, \"max_inventory\": 20, \"aggression_ticks\": 6, \"dip_qty\": 15}"));
    public static final StrategyFamily.Params EXECUTION = new StrategyFamily.Params(
            List.of("side", "target_qty", "participation", "start_epoch", "limit_price", "max_order"),
            ParamsReader::execution, List.of(
                    "{\"side\": \"sell\", \"target_qty\": 5000, \"participation\": 0.09, \"start_epoch\": 2,"
                            + " \"max_order\": 700}",
                    "{\"side\": \"buy\", \"target_qty\": 800, \"participation\": 0.2, \"limit_price\": 3.00}"));
    public static final StrategyFamily.Params KINETIC = new StrategyFamily.Params(
            List.of("model", "lambda", "lambda_distribution", "beta", "tax"), (p, market) -> kinetic(p),
            List.of("{\"model\": \"yard_sale\", \"beta\": 0.2}"));
    public static final StrategyFamily.Params NEGOTIATION = new StrategyFamily.Params(
            List.of("value_min", "value_max", "tiers", "spread"), ParamsReader::negotiation,
            List.of("{\"value_min\": 1.00, \"value_max\": 2.00}"));
    public static final StrategyFamily.Params MANIPULATOR = new StrategyFamily.Params(
            List.of("qty", "wash_ticks", "activity", "qty_min", "wash_ticks_min", "drawn_sides", "watch"),
            (p, market) -> manipulator(p),
            List.of("{\"qty\": 50, \"wash_ticks\": 3, \"activity\": 0.5}",
                    "{\"qty\": 20, \"qty_min\": 2, \"wash_ticks\": 30, \"wash_ticks_min\": 4, \"activity\": 0.7,"
                            + " \"drawn_sides\": true}",
                    "{\"qty\": 20, \"wash_ticks\": 30, \"watch\": {\"share\": 0.25, \"epochs\": 10,"
                            + " \"activity\": 0}}"));
    public static final StrategyFamily.Params BIDDER = new StrategyFamily.Params(List.of(),
            (p, market) -> new BidderParams(), List.of("{}"));
    /** Truthful traders read as ZI's do: drawn or listed values. */
    public static final StrategyFamily.Params TRUTHFUL = new StrategyFamily.Params(ZERO_INTELLIGENCE.fields(),
            ParamsReader::zeroIntelligence, List.of(
                    "{\"side\": \"buy\", \"value_min\": 1.00, \"value_max\": 4.00, \"units\": 2}",
                    "{\"side\": \"sell\", \"values\": [2.35], \"period\": 3}"));
    public static final StrategyFamily.Params NOISE = new StrategyFamily.Params(List.of("activity", "size_min", "tail",
            "max_qty", "reach_ticks", "max_position", "max_short"), (p, market) -> noise(p), List.of(
                    "{\"activity\": 0.4, \"size_min\": 2, \"tail\": 1.5, \"max_qty\": 300, \"reach_ticks\": 8}",
                    "{\"activity\": 1, \"tail\": 10, \"reach_ticks\": 0}"));
    public static final StrategyFamily.Params ORDER_DRIVEN = new StrategyFamily.Params(List.of("activity",
            "fundamental_weight", "chartist_weight", "noise_weight", "noise_sigma", "reversion_epochs", "horizons",
            "spread", "qty", "max_position", "max_short"), (p, market) -> orderDriven(p), List.of(
                    "{\"activity\": 0.6, \"chartist_weight\": 0.5, \"noise_weight\": 2, \"noise_sigma\": 0.02,"
                            + " \"reversion_epochs\": 20, \"horizons\": 8, \"spread\": 0.01, \"qty\": 3}",
                    "{\"fundamental_weight\": 0, \"chartist_weight\": 2, \"noise_weight\": 0, \"horizons\": 4}"));
    public static final StrategyFamily.Params SWITCHING = new StrategyFamily.Params(List.of("activity",
            "fundamental_reaction", "chartist_reaction", "fundamental_noise", "chartist_noise", "common_noise",
            "intensity", "predisposition", "herding", "misalignment", "performance", "memory", "volatility_feedback",
            "volatility_window", "qty", "max_position", "max_short"), (p, market) -> switching(p), List.of(
                    "{\"activity\": 0.7, \"fundamental_noise\": 0.01, \"chartist_noise\": 0.03, \"qty\": 2}",
                    "{\"activity\": 1, \"qty\": 5, \"max_position\": 100}"));

    private ParamsReader() {
    }

    private static ZeroIntelligenceParams zeroIntelligence(Node p, MarketSpec market) throws ConfigException {
        Side side = side(p);
        int units = p.optionalInt("units", 1, 1000, 1);
        int period = p.optionalInt("period", 1, MAX, 10);
        if (!p.field("values").isMissing()) {
            for (String range : List.of("value_min", "value_max")) {
                if (!p.field(range).isMissing()) {
                    throw p.field(range).error("give either \"values\" (listed) or value_min and value_max (drawn),"
                            + " not both");
                }
            }
            List<Integer> values = new ArrayList<>();
            for (Node v : p.requiredArray("values", 1, MAX_LISTED_VALUES)) {
                values.add(v.asPrice(market.tickSize(), market.ticks()));
            }
            return new ZeroIntelligenceParams(side, Collections.min(values), Collections.max(values), units, period,
                    values);
        }
        int valueMin = p.requiredPrice("value_min", market.tickSize(), market.ticks());
        int valueMax = p.requiredPrice("value_max", market.tickSize(), market.ticks());
        if (valueMax < valueMin) {
            String min = Node.gridPrice(valueMin, Money.toCredits(market.tickSize()));
            throw p.field("value_max").error("must be at least value_min (" + min + ")");
        }
        return new ZeroIntelligenceParams(side, valueMin, valueMax, units, period);
    }

    private static FundamentalistParams fundamentalist(Node p) throws ConfigException {
        return new FundamentalistParams(
                p.optionalInt("dispersion_ticks", 0, MAX_OFFSET_TICKS, 0),
                p.optionalInt("threshold_ticks", 0, MAX_OFFSET_TICKS, 1),
                p.optionalDouble("reaction", NON_NEGATIVE, 0.1),
                p.optionalInt("max_qty", 1, 1_000_000, 10),
                p.optionalDouble("activity", PROBABILITY, 1.0),
                maxPosition(p),
                maxShort(p),
                p.optionalDouble("withdrawal_volatility", Interval.above(0, 100), 0),
                // the host keeps 1025 epochs of prices, and a window of k changes reads k + 1 of them
                p.optionalInt("volatility_epochs", 1, 1000, 10));
    }

    /** Pareto tail exponents: above 1 (a finite mean), at most 10 (beyond that the tail is hardly heavy). */
    private static final Interval TAIL = Interval.above(1, 10);

    private static NoiseParams noise(Node p) throws ConfigException {
        return new NoiseParams(
                p.optionalDouble("activity", PROBABILITY, 0.05),
                p.optionalInt("size_min", 1, 1_000_000, 1),
                p.optionalDouble("tail", TAIL, 2.5),
                p.optionalInt("max_qty", 1, 1_000_000, 1000),
                p.optionalInt("reach_ticks", 0, MAX_OFFSET_TICKS, 10),
                maxPosition(p),
                maxShort(p));
    }

    /** Weights of a belief component, and a return's standard deviation per epoch (1 = 100 %). */
    private static final Interval WEIGHT = Interval.atLeast(0).withMax(1000);
    private static final Interval SIGMA = Interval.atLeast(0).withMax(1);

    private static OrderDrivenParams orderDriven(Node p) throws ConfigException {
        double fundamental = p.optionalDouble("fundamental_weight", WEIGHT, 1.0);
        double chartist = p.optionalDouble("chartist_weight", WEIGHT, 1.0);
        double noise = p.optionalDouble("noise_weight", WEIGHT, 1.0);
        if (fundamental + chartist + noise == 0) {
            throw p.field("noise_weight").error("fundamental_weight, chartist_weight and noise_weight are all 0:"
                    + " at least one must be positive");
        }
        return new OrderDrivenParams(
                p.optionalDouble("activity", PROBABILITY, 0.5),
                fundamental, chartist, noise,
                p.optionalDouble("noise_sigma", SIGMA, 0.01),
                p.optionalInt("reversion_epochs", 1, 1_000_000, 100),
                p.optionalInt("horizons", 1, OrderDrivenParams.MAX_HORIZONS, 6),
                p.optionalDouble("spread", Interval.below(0, 1), 0.005),
                p.optionalInt("qty", 1, 1_000_000, 1),
                maxPosition(p),
                maxShort(p));
    }

    /** Reactions of the switching rules to mispricing and trend, and the choice model's coefficients. */
    private static final Interval REACTION = Interval.atLeast(0).withMax(10);
    private static final Interval COEFFICIENT = new Interval(-1e6, false, 1e6, false);

    /** Longest volatility window: the host keeps 1,025 epochs of prices. */
    private static final int MAX_VOLATILITY_WINDOW = 1000;

    private static SwitchingParams switching(Node p) throws ConfigException {
        return new SwitchingParams(
                p.optionalDouble("activity", PROBABILITY, 0.5),
                p.optionalDouble("fundamental_reaction", REACTION, 0.005),
                p.optionalDouble("chartist_reaction", REACTION, 0.025),
                p.optionalDouble("fundamental_noise", SIGMA, 0.004),
                p.optionalDouble("chartist_noise", SIGMA, 0.02),
                p.optionalDouble("common_noise", Interval.atLeast(0).withMax(1), 0.25),
                p.optionalDouble("intensity", Interval.atLeast(0).withMax(100), 1.0),
                p.optionalDouble("predisposition", COEFFICIENT, -0.5),
                p.optionalDouble("herding", Interval.atLeast(0).withMax(100), 2.4),
                p.optionalDouble("misalignment", Interval.atLeast(0).withMax(1e6), 200),
                p.optionalDouble("performance", COEFFICIENT, 0),
                p.optionalDouble("memory", Interval.below(0, 1), 0.9),
                p.optionalDouble("volatility_feedback", Interval.atLeast(0).withMax(1e4), 30),
                p.optionalInt("volatility_window", 1, MAX_VOLATILITY_WINDOW, 60),
                p.optionalInt("qty", 1, 1_000_000, 1),
                maxPosition(p),
                maxShort(p));
    }

    private static ChartistParams chartist(Node p) throws ConfigException {
        return new ChartistParams(
                p.optionalInt("lookback", 1, 1024, 5),
                p.optionalInt("threshold_ticks", 0, MAX_OFFSET_TICKS, 1),
                p.optionalInt("aggression_ticks", 0, MAX_OFFSET_TICKS, 1),
                p.optionalInt("qty", 1, 1_000_000, 1),
                p.optionalDouble("activity", PROBABILITY, 1.0),
                maxPosition(p),
                maxShort(p));
    }

    private static MarketMakerParams marketMaker(Node p) throws ConfigException {
        return new MarketMakerParams(
                p.optionalInt("half_spread_ticks", 1, 10_000, 2),
                p.optionalInt("quote_qty", 1, 1_000_000, 10),
                p.optionalInt("max_inventory", 1, 1_000_000_000, 100),
                p.optionalInt("skew_ticks", 0, 10_000, 2));
    }

    private static HftParams hft(Node p) throws ConfigException {
        int quoteQty = p.optionalInt("quote_qty", 1, 1_000_000, 2);
        return new HftParams(
                quoteQty,
                p.optionalInt("max_inventory", 1, 1_000_000, 10),
                p.optionalInt("aggression_ticks", 0, 10_000, 2),
                p.optionalInt("dip_qty", 1, 1_000_000, quoteQty));
    }

    private static ExecutionParams execution(Node p, MarketSpec market) throws ConfigException {
        return new ExecutionParams(
                side(p),
                p.requiredInt("target_qty", 1, 2_000_000_000),
                p.requiredDouble("participation", PROBABILITY),
                p.optionalInt("start_epoch", 0, MAX, 0),
                p.optionalPrice("limit_price", market.tickSize(), market.ticks(), 0),
                p.optionalInt("max_order", 1, 10_000_000, 1_000_000));
    }

    /** lambda and tax in [0, 1), beta in (0, 1). */
    private static final Interval UNIT_OPEN_ABOVE = Interval.below(0, 1);
    private static final Interval UNIT_OPEN = Interval.between(0, 1);

    private static KineticParams kinetic(Node p) throws ConfigException {
        KineticParams.Model model = p.requiredEnum("model", KineticParams.Model.values(), KineticParams.Model::jsonName);
        double lambda = p.optionalDouble("lambda", UNIT_OPEN_ABOVE, 0);
        boolean distributed = !p.field("lambda_distribution").isMissing()
                && p.requiredOneOf("lambda_distribution", List.of("fixed", "uniform"), "must be one of") == 1;
        if (model != KineticParams.Model.SAVING && (lambda != 0 || distributed)) {
            throw p.field(lambda != 0 ? "lambda" : "lambda_distribution").error("only the saving model saves; "
                    + "remove it or use \"model\": \"saving\"");
        }
        double beta = p.optionalDouble("beta", UNIT_OPEN, 0.1);
        if (model != KineticParams.Model.YARD_SALE && !p.field("beta").isMissing()) {
            throw p.field("beta").error("only the yard_sale model stakes a share beta; remove it");
        }
        return new KineticParams(model, lambda, distributed, beta, p.optionalDouble("tax", UNIT_OPEN_ABOVE, 0));
    }

    private static NegotiationParams negotiation(Node p, MarketSpec market) throws ConfigException {
        int valueMin = p.requiredPrice("value_min", market.tickSize(), market.ticks());
        int valueMax = p.requiredPrice("value_max", market.tickSize(), market.ticks());
        if (valueMax <= valueMin) {
            String min = Node.gridPrice(valueMin, Money.toCredits(market.tickSize()));
            throw p.field("value_max").error("must be above value_min (" + min + "), or no pair ever gains by trading");
        }
        return new NegotiationParams(valueMin, valueMax, p.optionalInt("tiers", 1, 10, 2),
                p.optionalDouble("spread", Interval.atLeast(0).withMax(100), 1.0));
    }

    /** Drawn sizes and distances are opt-in: their ranges default to the fixed {@code qty} and {@code wash_ticks}. */
    private static ManipulatorParams manipulator(Node p) throws ConfigException {
        int qty = p.optionalInt("qty", 1, 1_000_000, 100);
        int wash = p.optionalInt("wash_ticks", 0, MAX_OFFSET_TICKS, 5);
        double activity = p.optionalDouble("activity", PROBABILITY, 1.0);
        return new ManipulatorParams(qty, wash, activity, p.optionalInt("qty_min", 1, qty, qty),
                p.optionalInt("wash_ticks_min", 0, wash, wash), p.optionalBoolean("drawn_sides", false),
                watch(p, qty));
    }

    /** An adaptive manipulator's watch, or null without the field: its line, window and how it backs off. */
    private static ManipulatorParams.Watch watch(Node p, int qty) throws ConfigException {
        if (p.field("watch").isMissing()) {
            return null;
        }
        Node w = p.field("watch").object(List.of("share", "epochs", "activity", "qty"));
        return new ManipulatorParams.Watch(w.optionalDouble("share", Interval.above(0, 1), 0.25),
                w.optionalInt("epochs", 1, 10_000, 10),
                w.optionalDouble("activity", Interval.below(0, 1).withMax(1), 0),
                w.optionalInt("qty", 1, qty, qty));
    }

    private static Side side(Node p) throws ConfigException {
        return p.requiredEnum("side", Side.values(), Side::jsonName);
    }

    private static int maxPosition(Node p) throws ConfigException {
        return p.optionalInt("max_position", 0, 1_000_000_000, 1000);
    }

    private static int maxShort(Node p) throws ConfigException {
        return p.optionalInt("max_short", 0, 1_000_000_000, 0);
    }
}
