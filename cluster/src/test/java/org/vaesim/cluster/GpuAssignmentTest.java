package org.vaesim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The backend a task runs with, from the sweep's request and the GPU addresses Spark assigned the task. */
class GpuAssignmentTest {
    private static final String[] NONE = {};

    @Test
    void cudaRunsOnTheAssignedDevice() {
        assertEquals("cuda:0", GpuAssignment.backend("cuda", new String[] {"0"}));
        assertEquals("cuda:3", GpuAssignment.backend("cuda", new String[] {"3"}));
        assertEquals("cuda", GpuAssignment.backend("cuda", NONE), "no GPU scheduled: the driver's default device");
    }

    @Test
    void otherBackendsIgnoreTheAssignmentAndAnExplicitDeviceIsKept() {
        assertEquals("java", GpuAssignment.backend("java", new String[] {"1"}));
        assertEquals("opencl", GpuAssignment.backend("opencl", new String[] {"1"}));
        assertEquals("cuda:2", GpuAssignment.backend("cuda:2", new String[] {"1"}));
    }

    @Test
    void moreThanOneGpuOrAnAddressThatIsNoOrdinalIsRefusedSayingWhatToSet() {
        IllegalArgumentException two = assertThrows(IllegalArgumentException.class,
                () -> GpuAssignment.backend("cuda", new String[] {"0", "1"}));
        assertTrue(two.getMessage().contains("spark.task.resource.gpu.amount to 1"), two.getMessage());
        IllegalArgumentException uuid = assertThrows(IllegalArgumentException.class,
                () -> GpuAssignment.backend("cuda", new String[] {"GPU-5f3a"}));
        assertTrue(uuid.getMessage().contains("'GPU-5f3a', which is not a CUDA device ordinal"), uuid.getMessage());
    }
}
