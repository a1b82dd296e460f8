package org.vaesim.kernels.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Small populations are cut into several chunks per thread; large ones into chunks of the largest size. */
class ChunkSizeTest {

    @Test
    void aSmallPopulationGivesEachThreadAtLeastFourChunksOfWholeBlocks() {
        // 10^5 agents on 2 threads: 8 tasks of 12,500 agents, rounded up to 7 blocks of 2,048
        assertEquals(14_336, JavaBackend.chunkSize(100_000, 2));
        assertEquals(7, (100_000 + 14_336 - 1) / 14_336);
        // on 4 threads: 16 tasks of 6,250, rounded up to 4 blocks
        assertEquals(8_192, JavaBackend.chunkSize(100_000, 4));
    }

    @Test
    void aLargePopulationUsesTheLargestChunk() {
        assertEquals(JavaBackend.CHUNK, JavaBackend.chunkSize(1_000_000, 2));
        assertEquals(JavaBackend.CHUNK, JavaBackend.chunkSize(Integer.MAX_VALUE, 1));
    }

    @Test
    void aTinyPopulationIsOneBlock() {
        assertEquals(2_048, JavaBackend.chunkSize(10, 8));
        assertEquals(2_048, JavaBackend.chunkSize(0, 1));
    }
}
