package org.vaesim.kernels;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.vaesim.kernels.opencl.OpenClDevice;
import org.vaesim.kernels.opencl.OpenClKernels;

/**
 * The backends a kernel contract test runs on: {@code java} (the twins, called directly) and {@code opencl}
 * (the C sources on a device). Where no OpenCL device exists the opencl cases are skipped with an
 * assumption, unless VAESIM_REQUIRE_OPENCL=1 (set by CI), where that fails instead.
 */
public final class KernelBackends {
    private static OpenClKernels kernels;

    private KernelBackends() {
    }

    /** The shared OpenCL kernels, or a skipped (or, in CI, failed) test when there is no device. */
    public static synchronized OpenClKernels openCl() {
        if (kernels == null) {
            OpenClDevice.Search s = OpenClDevice.find(false);
            if (!s.found()) {
                if ("1".equals(System.getenv("VAESIM_REQUIRE_OPENCL"))) {
                    fail("VAESIM_REQUIRE_OPENCL=1 but " + s.reason());
                }
                assumeTrue(false, "no OpenCL device: " + s.reason());
            }
            kernels = OpenClKernels.openOrNull();
        }
        return kernels;
    }
}
