package org.vaesim.kernels.decide;

import org.vaesim.kernels.EpochInputs;
import org.vaesim.kernels.PriceHistory;
import org.vaesim.kernels.device.Buffer;
import org.vaesim.kernels.device.Kernel;
import org.vaesim.kernels.device.KernelEntry;
import org.vaesim.kernels.memory.Population;
import org.vaesim.kernels.memory.Segment;
import org.vaesim.models.market.MarketSpec;
import org.vaesim.models.strategy.FamilyPlugin;
import org.vaesim.models.strategy.StrategyFamily;

/**
 * One strategy family, whole: its name and params ({@link StrategyFamily}), its Java decide twin, its C decide source
 * and the launch of that source on a device. The backends run a segment's decide step through its family's record,
 * once per segment (the Java backend once per piece of it): no switch over families, and no virtual call per agent.
 *
 * <p>The registry ({@link DecideFamilies}) lists the built-in records in code order; a family outside it is a
 * {@link Plugin} named in {@code META-INF/services/org.vaesim.models.strategy.FamilyPlugin} (docs/extending.md).
 *
 * @param source the C file (in {@code org/vaesim/kernels/c/} on the class path) that defines the decide kernel, whose
 *               entry point is the file's name without {@code .cl}; null for a family that places no orders
 * @param java   the Java twin over a part of a segment
 * @param device the same decision on a device: one launch of the family's kernel over the segment
 * @param observe what the host puts into the epoch's inputs for a segment of the family ({@link Observe#NONE}: nothing)
 */
public record DecideFamily(StrategyFamily family, String source, JavaDecide java, DeviceDecide device,
                           Observe observe) {
    /** The Java twin over agents [from, to) of segment {@code s}: writes their orders into {@code p}. */
    @FunctionalInterface
    public interface JavaDecide {
        /** {@code rng} is the calling thread's Philox scratch ({@code Philox.agentWordScratch()}). */
        void decide(Segment s, MarketSpec market, int from, int to, EpochInputs in, Population p, int keyLo,
                    int keyHi, int[] rng);
    }

    /** The device half: launches {@code kernel} (this family's entry point) over segment {@code s}. */
    @FunctionalInterface
    public interface DeviceDecide {
        void launch(Columns c, KernelEntry kernel, Segment s, MarketSpec market, EpochInputs in);
    }

    /** What a decide kernel may read and write on the device: the population's columns and the run's Philox key. */
    public record Columns(Buffer cash, Buffer inventory, Buffer trait, Buffer quota, Buffer bidTick, Buffer bidQty,
                          Buffer askTick, Buffer askQty, int keyLo, int keyHi, Launcher launcher) {
        /** Runs {@code kernel} over {@code items} work-items with {@code args} in the C signature's order. */
        public void launch(KernelEntry kernel, long items, Object... args) {
            launcher.launch(kernel, items, args);
        }
    }

    /** The device backend's launch (checked against the C signature under the debug switch). */
    @FunctionalInterface
    public interface Launcher {
        void launch(KernelEntry kernel, long items, Object... args);
    }

    /**
     * What the host puts into the epoch's inputs for one segment of the family before the backend's epoch, from the
     * markets' public price history: the chartists' look-back price, the volatility that withdrawing fundamentalists
     * react to. Called once per segment and epoch, after {@code in.epoch} and the markets' prices are set, so the
     * engine names no family.
     */
    @FunctionalInterface
    public interface Observe {
        /** Nothing: the family's kernels read only what every segment gets. */
        Observe NONE = (s, market, prices, in) -> {
        };

        void observe(Segment s, MarketSpec market, PriceHistory prices, EpochInputs in);
    }

    /** A family registered from outside the built-in list: one object gives both the family and its kernels. */
    public interface Plugin extends FamilyPlugin {
        DecideFamily decide();

        @Override
        default StrategyFamily family() {
            return decide().family();
        }
    }

    /** A family's decide kernel as the device contexts know it. */
    public record DecideKernel(String entry, int slot) implements KernelEntry {
        @Override
        public Kernel.Geometry geometry() {
            return Kernel.Geometry.GROUPS_OF_256; // one work-item per agent of the segment
        }
    }

    /** A family whose segments need nothing from the host beyond what every segment gets. */
    public DecideFamily(StrategyFamily family, String source, JavaDecide java, DeviceDecide device) {
        this(family, source, java, device, Observe.NONE);
    }

    public DecideFamily {
        if (observe == null) {
            throw new IllegalArgumentException(family + ": a family's observe hook is Observe.NONE, not null");
        }
        if (source != null && !source.matches("decide_[a-z0-9_]+\\.cl")) {
            throw new IllegalArgumentException(family + ": decide source '" + source + "' must be named"
                    + " decide_<name>.cl (its kernel is decide_<name>)");
        }
        if ((source == null) != (java == null) || (java == null) != (device == null)) {
            throw new IllegalArgumentException(family + ": a family has a Java twin, a C source and a device launch,"
                    + " or none of them (its agents place no orders)");
        }
    }

    /** A family whose agents place no orders in the call markets (they act in another stage): slots stay empty. */
    public static DecideFamily noOrders(StrategyFamily family) {
        return new DecideFamily(family, null, null, null);
    }

    /** This family with {@code hook} as its {@link #observe} hook. */
    public DecideFamily withObserve(Observe hook) {
        return new DecideFamily(family, source, java, device, hook);
    }

    /** Whether the family's agents place orders (it has a decide kernel). */
    public boolean placesOrders() {
        return source != null;
    }

    /** The C entry point, or null. */
    public String entry() {
        return source == null ? null : source.substring(0, source.length() - ".cl".length());
    }
}
