package org.vaesim.bench;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.vaesim.kernels.opencl.OpenClDevice;

/**
 * The device the OpenCL tests run on. Where there is none they are skipped, unless VAESIM_REQUIRE_OPENCL=1 (CI
 * installs PoCL and sets it), where a missing device fails them instead of letting them pass silently.
 */
public final class OpenClAvailable {
    private OpenClAvailable() {
    }

    public static OpenClDevice deviceOrSkip() {
        OpenClDevice.Search search = OpenClDevice.find(false);
        if (!search.found()) {
            if ("1".equals(System.getenv("VAESIM_REQUIRE_OPENCL"))) {
                fail("VAESIM_REQUIRE_OPENCL=1 but " + search.reason());
            }
            assumeTrue(false, "no OpenCL device here: " + search.reason());
        }
        return search.device();
    }
}
