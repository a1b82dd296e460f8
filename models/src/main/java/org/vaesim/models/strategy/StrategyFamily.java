package org.vaesim.models.strategy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Pattern;

import org.vaesim.models.market.MarketSpec;
import org.vaesim.models.scenario.ConfigException;
import org.vaesim.models.scenario.Node;
import org.vaesim.models.scenario.ParamsReader;

/**
 * A strategy family as the scenario sees it: its JSON name and how its cohorts' {@code params} object reads into its
 * {@link StrategyParams} record. The kernels module pairs each family with its decide kernels
 * ({@code org.vaesim.kernels.decide.DecideFamily}).
 *
 * <p>The families form one ordered list, {@link #values()}: the built-in ones below, in this fixed order, then the
 * families of {@link FamilyPlugin}s on the class path (found by {@link ServiceLoader}), ordered by name. A family's
 * {@link #code()} is its place in that list, and agents of one family sit in one contiguous index range in that
 * order, so each family's decide kernel runs over a range without branch divergence. New built-in families go at the
 * end, so that existing codes, layouts and results stay as they are.
 */
public final class StrategyFamily implements Comparable<StrategyFamily> {
    /**
     * How a family reads its cohorts' {@code params}: the fields allowed, the reader that fills defaults in, and
     * example {@code params} objects (JSON text) for a market whose prices run from 0.01 to 9.99 credits (tick size
     * 0.01, 1000 ticks). The examples are what the generic tests run every family with: they must read, and between
     * them make the family's decide kernel place orders.
     */
    public record Params(List<String> fields, Reader reader, List<String> examples) {
        public Params {
            fields = List.copyOf(fields);
            examples = List.copyOf(examples);
            if (examples.isEmpty()) {
                throw new IllegalArgumentException("a family's params need at least one example");
            }
        }
    }

    /** Reads a {@code params} object (its fields already checked against {@link Params#fields}) into a record. */
    @FunctionalInterface
    public interface Reader {
        /** @param market the cohort's market, for prices on its grid */
        StrategyParams read(Node params, MarketSpec market) throws ConfigException;
    }

    /** Initialized before the constants below, which the constructor checks against it. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    public static final StrategyFamily ZI_C = new StrategyFamily("zi-c", ParamsReader.ZERO_INTELLIGENCE);
    public static final StrategyFamily ZI_U = new StrategyFamily("zi-u", ParamsReader.ZERO_INTELLIGENCE);
    public static final StrategyFamily FUNDAMENTALIST = new StrategyFamily("fundamentalist",
            ParamsReader.FUNDAMENTALIST);
    public static final StrategyFamily CHARTIST = new StrategyFamily("chartist", ParamsReader.CHARTIST);
    public static final StrategyFamily MARKET_MAKER = new StrategyFamily("market-maker", ParamsReader.MARKET_MAKER);
    public static final StrategyFamily HFT = new StrategyFamily("hft", ParamsReader.HFT);
    public static final StrategyFamily EXECUTION = new StrategyFamily("execution", ParamsReader.EXECUTION);
    public static final StrategyFamily KINETIC = new StrategyFamily("kinetic", ParamsReader.KINETIC);
    public static final StrategyFamily NEGOTIATION = new StrategyFamily("negotiation", ParamsReader.NEGOTIATION);
    public static final StrategyFamily MANIPULATOR = new StrategyFamily("manipulator", ParamsReader.MANIPULATOR);
    public static final StrategyFamily BIDDER = new StrategyFamily("bidder", ParamsReader.BIDDER);
    public static final StrategyFamily TRUTHFUL = new StrategyFamily("truthful", ParamsReader.TRUTHFUL);
    public static final StrategyFamily NOISE = new StrategyFamily("noise", ParamsReader.NOISE);
    public static final StrategyFamily ORDER_DRIVEN = new StrategyFamily("order-driven", ParamsReader.ORDER_DRIVEN);
    public static final StrategyFamily SWITCHING = new StrategyFamily("switching", ParamsReader.SWITCHING);

    /** The built-in families; their order fixes their codes. A new one is one line at the end. */
    private static final List<StrategyFamily> BUILT_IN = List.of(ZI_C, ZI_U, FUNDAMENTALIST, CHARTIST, MARKET_MAKER,
            HFT, EXECUTION, KINETIC, NEGOTIATION, MANIPULATOR, BIDDER, TRUTHFUL, NOISE, ORDER_DRIVEN, SWITCHING);

    private final String jsonName;
    private final Params params;
    private int code = -1; // set once, when the registry is built

    /**
     * A family named {@code jsonName} (lower case, digits and dashes, as a scenario spells it) whose params read
     * with {@code params}. A family outside the built-in list is registered by a {@link FamilyPlugin}.
     */
    public StrategyFamily(String jsonName, Params params) {
        if (!NAME.matcher(jsonName).matches()) {
            throw new IllegalArgumentException("strategy family name '" + jsonName + "' must match " + NAME);
        }
        this.jsonName = jsonName;
        this.params = params;
    }

    private static final class Registry {
        static final StrategyFamily[] ALL = build();

        private static StrategyFamily[] build() {
            List<StrategyFamily> plugged = new ArrayList<>();
            for (FamilyPlugin plugin : ServiceLoader.load(FamilyPlugin.class)) {
                plugged.add(plugin.family());
            }
            plugged.sort(Comparator.comparing(StrategyFamily::jsonName));
            List<StrategyFamily> all = new ArrayList<>(BUILT_IN);
            all.addAll(plugged);
            Set<String> names = new HashSet<>();
            for (int i = 0; i < all.size(); i++) {
                StrategyFamily f = all.get(i);
                if (!names.add(f.jsonName)) {
                    throw new IllegalStateException("two strategy families are named '" + f.jsonName + "'");
                }
                f.code = i;
            }
            return all.toArray(StrategyFamily[]::new);
        }
    }

    /** Every registered family, in code order (a fresh array). */
    public static StrategyFamily[] values() {
        return Registry.ALL.clone();
    }

    /** The family named {@code jsonName}, or null. */
    public static StrategyFamily named(String jsonName) {
        for (StrategyFamily f : Registry.ALL) {
            if (f.jsonName.equals(jsonName)) {
                return f;
            }
        }
        return null;
    }

    public String jsonName() {
        return jsonName;
    }

    public Params params() {
        return params;
    }

    /** The family's place in {@link #values()}: the order of its agents in the population. */
    public int code() {
        if (code < 0 && Registry.ALL.length > 0 && code < 0) { // the first look builds the registry, which numbers
            throw new IllegalStateException("strategy family '" + jsonName + "' is not registered: list its "
                    + FamilyPlugin.class.getSimpleName() + " in META-INF/services/" + FamilyPlugin.class.getName());
        }
        return code;
    }

    @Override
    public int compareTo(StrategyFamily other) {
        return Integer.compare(code(), other.code());
    }

    @Override
    public String toString() {
        return jsonName;
    }
}
