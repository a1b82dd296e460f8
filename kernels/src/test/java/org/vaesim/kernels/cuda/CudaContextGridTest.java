package org.vaesim.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.vaesim.kernels.device.Kernel;

/** OpenCL's launch geometry in CUDA's terms (blocks x threads), without a device. */
class CudaContextGridTest {
    @Test
    void agentKernelsRunInBlocksOfExactly256AsOpenClsWorkGroups() {
        assertEquals(new CudaContext.Grid(1, 256), CudaContext.Grid.of(Kernel.SETTLE, 1));
        assertEquals(new CudaContext.Grid(1, 256), CudaContext.Grid.of(Kernel.SETTLE, 256));
        assertEquals(new CudaContext.Grid(2, 256), CudaContext.Grid.of(Kernel.SETTLE, 257));
        assertEquals(new CudaContext.Grid(390_625, 256), CudaContext.Grid.of(Kernel.GATE, 100_000_000));
    }

    @Test
    void perItemKernelsRunOneThreadPerItemUpTo256ThenBlocksOf256() {
        assertEquals(new CudaContext.Grid(1, 4), CudaContext.Grid.of(Kernel.CLEAR, 4));
        assertEquals(new CudaContext.Grid(1, 256), CudaContext.Grid.of(Kernel.SETTLE_BLOCK_PREFIX, 256));
        assertEquals(new CudaContext.Grid(4, 256), CudaContext.Grid.of(Kernel.AUCTION_BLOCK_PREFIX, 1000));
    }

    @Test
    void refusesEmptyAndOversizedLaunches() {
        assertThrows(IllegalArgumentException.class, () -> CudaContext.Grid.of(Kernel.BOOK, 0));
        assertThrows(IllegalArgumentException.class, () -> CudaContext.Grid.of(Kernel.BOOK, 256L * Integer.MAX_VALUE
                + 1));
    }
}
