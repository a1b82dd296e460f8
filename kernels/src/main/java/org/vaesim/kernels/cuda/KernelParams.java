package org.vaesim.kernels.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A kernel's arguments as {@code cuLaunchKernel} takes them: {@code void **kernelParams}, an array whose entry i
 * points at argument i's value. Each argument gets an 8-byte slot (an {@code int} in its first 4 bytes, little
 * end first, as the driver reads 4 bytes for a {@code .u32} parameter); the pointer array is written once, since
 * the slots never move, so a launch only writes the values. The driver copies the values when the launch is
 * issued, so one instance serves every launch of a context, one at a time.
 */
final class KernelParams {
    /** More than any kernel takes (auction_allocate has 31). */
    static final int MAX = 64;
    private static final long SLOT = 8;

    private final MemorySegment values;
    private final MemorySegment pointers;

    KernelParams(Arena arena) {
        values = arena.allocate(SLOT * MAX, SLOT);
        pointers = arena.allocate(ADDRESS, MAX);
        for (int i = 0; i < MAX; i++) {
            pointers.setAtIndex(ADDRESS, i, values.asSlice(SLOT * i, SLOT));
        }
    }

    /**
     * Writes {@code args} (Integer, Long, Double, or a {@link CudaContext} buffer, whose device pointer is passed)
     * into their slots; returns the {@code void**} array to hand to {@code cuLaunchKernel}.
     */
    MemorySegment pack(Object... args) {
        if (args.length > MAX) {
            throw new IllegalArgumentException(args.length + " kernel arguments; at most " + MAX);
        }
        for (int i = 0; i < args.length; i++) {
            long at = SLOT * i;
            switch (args[i]) {
                case Integer v -> values.set(JAVA_INT, at, v);
                case Long v -> values.set(JAVA_LONG, at, v);
                case Double v -> values.set(JAVA_DOUBLE, at, v);
                case CudaContext.CuBuffer b -> values.set(JAVA_LONG, at, b.pointer());
                case null, default -> throw new IllegalArgumentException("unsupported kernel argument " + args[i]
                        + " at " + i + " (Integer, Long, Double or a buffer of this CUDA context)");
            }
        }
        return pointers;
    }
}
