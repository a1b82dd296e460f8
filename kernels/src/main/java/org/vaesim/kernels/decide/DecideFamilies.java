package org.vaesim.kernels.decide;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ServiceLoader;

import org.vaesim.kernels.device.Kernel;
import org.vaesim.models.strategy.FamilyPlugin;
import org.vaesim.models.strategy.StrategyFamily;

/**
 * The registry of strategy families with their kernels, indexed by {@link StrategyFamily#code()}: the built-in records
 * below, then those of the {@link DecideFamily.Plugin}s that {@link StrategyFamily#values()} found. A test checks
 * that every registered family has a record here and runs each one's twin against its C source.
 */
public final class DecideFamilies {
    /** The built-in families' records, in {@link StrategyFamily} code order (one line each). */
    private static final List<DecideFamily> BUILT_IN = List.of(
            DecideZeroIntelligence.CONSTRAINED,
            DecideZeroIntelligence.UNCONSTRAINED,
            DecideFundamentalist.FAMILY,
            DecideChartist.FAMILY,
            DecideMarketMaker.FAMILY,
            DecideHft.FAMILY,
            DecideExecution.FAMILY,
            DecideFamily.noOrders(StrategyFamily.KINETIC), // they exchange wealth in pairs after settlement
            DecideFamily.noOrders(StrategyFamily.NEGOTIATION), // they bargain in pairs after settlement
            DecideManipulator.FAMILY,
            DecideFamily.noOrders(StrategyFamily.BIDDER), // they bid in resource auctions after settlement
            DecideTruthful.FAMILY,
            DecideNoise.FAMILY,
            DecideOrderDriven.FAMILY,
            DecideSwitching.FAMILY);

    private DecideFamilies() {
    }

    private static final class Registry {
        static final DecideFamily[] BY_CODE = build();
        static final List<DecideFamily.DecideKernel> KERNELS = kernels(BY_CODE);
        static final DecideFamily.DecideKernel[] KERNEL_BY_CODE = kernelByCode(BY_CODE, KERNELS);

        private static DecideFamily[] build() {
            StrategyFamily[] families = StrategyFamily.values();
            DecideFamily[] byCode = new DecideFamily[families.length];
            for (DecideFamily f : BUILT_IN) {
                byCode[f.family().code()] = f;
            }
            for (FamilyPlugin plugin : ServiceLoader.load(FamilyPlugin.class)) {
                if (!(plugin instanceof DecideFamily.Plugin p)) {
                    throw new IllegalStateException("strategy family '" + plugin.family().jsonName() + "' ("
                            + plugin.getClass().getName() + ") has no decide kernels: implement "
                            + DecideFamily.Plugin.class.getName());
                }
                byCode[p.family().code()] = p.decide();
            }
            for (StrategyFamily f : families) {
                if (byCode[f.code()] == null || byCode[f.code()].family() != f) {
                    throw new IllegalStateException("strategy family '" + f.jsonName() + "' has no decide record");
                }
            }
            return byCode;
        }

        /** One kernel per distinct entry point (the two ZI families share one), slots after {@link Kernel}'s. */
        private static List<DecideFamily.DecideKernel> kernels(DecideFamily[] byCode) {
            LinkedHashSet<String> entries = new LinkedHashSet<>();
            for (DecideFamily f : byCode) {
                if (f.placesOrders()) {
                    entries.add(f.entry());
                }
            }
            List<DecideFamily.DecideKernel> kernels = new ArrayList<>();
            for (String entry : entries) {
                kernels.add(new DecideFamily.DecideKernel(entry, Kernel.values().length + kernels.size()));
            }
            return List.copyOf(kernels);
        }

        private static DecideFamily.DecideKernel[] kernelByCode(DecideFamily[] byCode,
                                                                List<DecideFamily.DecideKernel> kernels) {
            DecideFamily.DecideKernel[] out = new DecideFamily.DecideKernel[byCode.length];
            for (int code = 0; code < byCode.length; code++) {
                for (DecideFamily.DecideKernel k : kernels) {
                    if (k.entry().equals(byCode[code].entry())) {
                        out[code] = k;
                    }
                }
            }
            return out;
        }
    }

    /** The record of {@code family}. */
    public static DecideFamily of(StrategyFamily family) {
        return Registry.BY_CODE[family.code()];
    }

    /** Every registered family's record, in code order. */
    public static List<DecideFamily> all() {
        return List.of(Registry.BY_CODE);
    }

    /** The decide kernel of {@code family}, or null for a family that places no orders. */
    public static DecideFamily.DecideKernel kernel(StrategyFamily family) {
        return Registry.KERNEL_BY_CODE[family.code()];
    }

    /** The distinct decide kernels, in code order of their first family. */
    public static List<DecideFamily.DecideKernel> kernels() {
        return Registry.KERNELS;
    }

    /** The decide kernels of the built-in families. */
    public static List<DecideFamily.DecideKernel> builtInKernels() {
        return kernels().stream().filter(k -> BUILT_IN.stream().anyMatch(f -> k.entry().equals(f.entry()))).toList();
    }

    /** The distinct C sources of the decide kernels, in the same order: what the program text includes. */
    public static List<String> sources() {
        LinkedHashSet<String> sources = new LinkedHashSet<>();
        for (DecideFamily f : Registry.BY_CODE) {
            if (f.placesOrders()) {
                sources.add(f.source());
            }
        }
        return List.copyOf(sources);
    }
}
