package org.vaesim.kernels.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.vaesim.kernels.memory.Layout;
import org.vaesim.kernels.memory.Population;
import org.vaesim.models.scenario.Scenario;

/**
 * The launch sequence shared by the opencl and cuda backends, driven on a device that runs nothing
 * ({@link HostDevice}): every kernel of the built-in program is launched by some stage, every launch passes what its C
 * signature takes, and a failed start releases the device. The parity tests check the results on real devices.
 */
class DeviceBackendTest {
    static final class Backend extends DeviceBackend {
        Backend(Scenario s, Layout layout, Population p, Device device) {
            super(s, layout, p, device);
        }

        @Override
        public String name() {
            return "host";
        }
    }

    @Test
    void everyKernelIsLaunchedBySomeStageAndEveryLaunchMatchesItsCSignature() {
        Scenario s = EveryStage.everything();
        Layout layout = new Layout(s);
        HostDevice device = new HostDevice();
        try (Backend b = new Backend(s, layout, layout.initialPopulation(s.seed()), device)) {
            EveryStage.drive(b, s, layout);
            Set<KernelEntry> missing = new HashSet<>(KernelEntry.builtIn());
            missing.removeAll(device.launches.keySet());
            assertEquals(Set.of(), missing, "kernels no stage launched");
            assertTrue(device.items.stream().allMatch(n -> n > 0), "no empty launch reaches the device");
        }
        assertTrue(device.closed, "closing the backend closes its device");
    }

    @Test
    void aFailedStartClosesTheDevice() {
        Scenario s = EveryStage.everything();
        Layout layout = new Layout(s);
        for (int failAt : List.of(1, 5, 40)) {
            HostDevice device = new HostDevice();
            device.failAtAllocation = failAt;
            assertThrows(IllegalStateException.class,
                    () -> new Backend(s, layout, layout.initialPopulation(s.seed()), device));
            assertTrue(device.closed, "allocation " + failAt + " failed: the device is closed");
        }
    }
}
