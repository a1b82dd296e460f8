package org.vaesim.bench.roofline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vaesim.bench.Require;
import org.vaesim.kernels.opencl.OpenClDevice;

class DeviceStreamTriadTest {
    @Test
    void computesTheTriadOnTheDeviceUpToTheLastElement() {
        OpenClDevice device = Require.openClDevice();
        // 1003 is not a multiple of the work-group size: the last group runs past the end and must stop there.
        try (DeviceStreamTriad t = new DeviceStreamTriad(device, 1003)) {
            DeviceStreamTriad.Result r = t.run(2);
            for (long from : new long[] {0, 500, 1003 - 11}) {
                double[] a = t.readA(from, 11);
                double[] c = t.readC(from, 11);
                for (int k = 0; k < a.length; k++) {
                    long i = from + k;
                    // b = 2, c = 0.5 + (i mod 8), s = 3: a = 2 + 1.5 + 3 (i mod 8), as in StreamTriad
                    assertEquals(0.5 + (i & 7), c[k], 0.0, "c[" + i + "]");
                    assertEquals(3.5 + 3.0 * (i & 7), a[k], 0.0, "a[" + i + "]");
                }
            }
            assertEquals(1003, r.elements());
            assertEquals(2, r.repetitions());
            assertEquals(device.toString(), r.device());
            assertEquals(24.0 * 1003 / r.bestSeconds(), r.bytesPerSecond(), 1e-6 * r.bytesPerSecond());
            assertTrue(r.bestSeconds() > 0 && r.bestSeconds() <= r.medianSeconds());
            assertTrue(r.bestWallSeconds() > 0);
            assertThrows(IndexOutOfBoundsException.class, () -> t.readA(1000, 4));
        }
    }

    @Test
    void sizesTheBuffersFromTheTotalMiBBeyondTwoGigaElements() {
        assertEquals(1L << 20, DeviceStreamTriad.elementsForMiB(24));
        assertEquals(3L << 30, DeviceStreamTriad.elementsForMiB(72 * 1024));
        assertThrows(IllegalArgumentException.class, () -> DeviceStreamTriad.elementsForMiB(0));
    }
}
