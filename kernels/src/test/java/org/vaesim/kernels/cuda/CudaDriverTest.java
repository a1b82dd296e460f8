package org.vaesim.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading the CUDA driver and NVRTC bindings where they are missing or are not what they claim: each failure is a
 * reason in words, never an exception or a crash. (Machines without a driver run these for real; on a GPU machine
 * the system-driver case is skipped.)
 */
class CudaDriverTest {
    @Test
    void withoutAnNvidiaDriverTheReasonSaysSo() {
        CudaDriver.Load load = CudaDriver.system();
        assumeFalse(load.loaded(), "this machine has an NVIDIA driver");
        assertEquals("libcuda.so.1 not found (no NVIDIA driver)", load.reason());
        CudaDevice.Search search = CudaDevice.find();
        assertFalse(search.found());
        assertEquals(load.reason(), search.reason());
    }

    @Test
    void aLibraryThatIsNotThereIsAReason(@TempDir Path tmp) {
        CudaDriver.Load missing = CudaDriver.load("libvaesim-no-such-driver.so.1");
        assertFalse(missing.loaded());
        assertTrue(missing.reason().startsWith("libvaesim-no-such-driver.so.1 could not be loaded"), missing.reason());
        Path absent = tmp.resolve("libcuda.so.1");
        CudaDriver.Load bad = CudaDriver.load(absent);
        assertFalse(bad.loaded());
        assertTrue(bad.reason().startsWith(absent + " could not be loaded"), bad.reason());
        assertEquals(bad.reason(), CudaDevice.find(bad).reason());
        assertFalse(Nvrtc.load(absent).loaded());
    }

    @Test
    void aLibraryWithoutTheDriverApiIsNamedByTheSymbolItLacks() {
        // libc is a real library, but has no cuInit
        CudaDriver.Load libc = CudaDriver.load("libc.so.6");
        assertFalse(libc.loaded());
        assertEquals("libc.so.6 lacks cuInit (an NVIDIA driver too old for vaesim)", libc.reason());
    }

    @Test
    void nvrtcTargetsTheNewestArchitectureTheDeviceRunsWithContractionOff() {
        int[] supported = {75, 80, 86, 87, 89, 90, 100, 120};
        assertEquals(List.of("--gpu-architecture=compute_90", "--fmad=false"), Nvrtc.options(90, supported));
        assertEquals(List.of("--gpu-architecture=compute_89", "--fmad=false"), Nvrtc.options(89, supported));
        // a device newer than this NVRTC knows: its newest architecture, which the device's JIT takes
        assertEquals(List.of("--gpu-architecture=compute_120", "--fmad=false"), Nvrtc.options(130, supported));
        assertThrows(IllegalArgumentException.class, () -> Nvrtc.options(70, supported));
    }
}
