package org.vaesim.kernels.device;

import java.util.ArrayList;
import java.util.List;

import org.vaesim.kernels.decide.DecideFamilies;

/**
 * A C entry point the device backends launch: one of the mechanism kernels of {@link Kernel}, or a registered strategy
 * family's decide kernel ({@link DecideFamilies#kernels()}). Each has a slot, its index in {@link #all()}, by which the
 * OpenCL and CUDA contexts keep the compiled kernel, so a launch finds it without a lookup by name.
 */
public interface KernelEntry {
    /** The C function's name (the snake_case of the Java twin's name). */
    String entry();

    /** How a launch over n items is cut into groups. */
    Kernel.Geometry geometry();

    /** The index of this entry in {@link #all()}. */
    int slot();

    /** Every entry point: the {@link Kernel} constants in order, then the families' decide kernels in code order. */
    static List<KernelEntry> all() {
        List<KernelEntry> all = new ArrayList<>(List.of(Kernel.values()));
        all.addAll(DecideFamilies.kernels());
        return all;
    }

    /**
     * The entry points of the built-in program: {@link #all()} less the decide kernels of plugin families. The build
     * compiles this program to the packaged PTX; a run with plugin families compiles its own (CudaContext).
     */
    static List<KernelEntry> builtIn() {
        List<KernelEntry> all = new ArrayList<>(List.of(Kernel.values()));
        all.addAll(DecideFamilies.builtInKernels());
        return all;
    }

    /** The entry point named {@code entry}. */
    static KernelEntry of(String entry) {
        for (KernelEntry k : all()) {
            if (k.entry().equals(entry)) {
                return k;
            }
        }
        throw new IllegalArgumentException("no kernel named '" + entry + "' in " + all().stream()
                .map(KernelEntry::entry).toList());
    }
}
