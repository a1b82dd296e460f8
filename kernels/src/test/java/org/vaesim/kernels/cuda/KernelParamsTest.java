package org.vaesim.kernels.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import org.junit.jupiter.api.Test;
import org.vaesim.kernels.device.Buffer;

/**
 * The {@code void **kernelParams} array cuLaunchKernel reads, built without a driver: entry i must point at
 * argument i's value, an int as 4 bytes, a long, double or device pointer as 8, whatever came before it.
 */
class KernelParamsTest {
    @Test
    void entryIPointsAtArgumentIsValue() {
        try (Arena arena = Arena.ofConfined()) {
            KernelParams params = new KernelParams(arena);
            CudaContext.CuBuffer buffer = new CudaContext.CuBuffer(0x7f00_dead_beefL, Buffer.Type.LONG, 10);
            MemorySegment array = params.pack(-7, 1L << 40, 0.1, buffer, Integer.MIN_VALUE, -1L);
            assertEquals(-7, arg(array, 0).get(JAVA_INT, 0));
            assertEquals(1L << 40, arg(array, 1).get(JAVA_LONG, 0));
            assertEquals(0.1, arg(array, 2).get(JAVA_DOUBLE, 0));
            assertEquals(0x7f00_dead_beefL, arg(array, 3).get(JAVA_LONG, 0), "a buffer passes its device pointer");
            assertEquals(Integer.MIN_VALUE, arg(array, 4).get(JAVA_INT, 0));
            assertEquals(-1L, arg(array, 5).get(JAVA_LONG, 0));
            // the driver reads exactly the parameter's size from each pointer: the slots must not overlap
            assertEquals(8, arg(array, 1).address() - arg(array, 0).address());
            assertEquals(0, arg(array, 0).address() % 8, "8-byte aligned, as a .u64 or .f64 parameter needs");
        }
    }

    @Test
    void aSecondLaunchOverwritesOnlyTheValues() {
        try (Arena arena = Arena.ofConfined()) {
            KernelParams params = new KernelParams(arena);
            MemorySegment first = params.pack(1, 2, 3);
            long slot = arg(first, 2).address();
            MemorySegment second = params.pack(4L, 5.5);
            assertEquals(first.address(), second.address(), "one array for every launch");
            assertEquals(4L, arg(second, 0).get(JAVA_LONG, 0));
            assertEquals(5.5, arg(second, 1).get(JAVA_DOUBLE, 0));
            assertEquals(slot, arg(second, 2).address());
        }
    }

    @Test
    void refusesWhatNoKernelTakes() {
        try (Arena arena = Arena.ofConfined()) {
            KernelParams params = new KernelParams(arena);
            assertThrows(IllegalArgumentException.class, () -> params.pack(1, "two"));
            assertThrows(IllegalArgumentException.class, () -> params.pack(1.5f));
            assertThrows(IllegalArgumentException.class, () -> params.pack(new Object[KernelParams.MAX + 1]));
        }
    }

    private static MemorySegment arg(MemorySegment array, int i) {
        return array.getAtIndex(ADDRESS, i).reinterpret(8);
    }
}
