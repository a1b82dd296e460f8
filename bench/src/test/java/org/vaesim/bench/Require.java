package org.vaesim.bench;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import org.vaesim.kernels.opencl.OpenClDevice;

/**
 * What a bench test needs from the machine beyond a JDK: an OpenCL device. Where there is none the test is skipped
 * with a one-line reason, unless {@value #OPENCL} is 1 (CI installs PoCL and sets it, .ci/run), where it fails
 * instead of passing by skipping (the same rule as the kernels and host modules' tests).
 */
public final class Require {
    public static final String OPENCL = "VAESIM_REQUIRE_OPENCL";

    private Require() {
    }

    /** The OpenCL device the tests use (the first one, CPU or GPU), or a skipped (or failed) test. */
    public static OpenClDevice openClDevice() {
        OpenClDevice.Search search = OpenClDevice.find(false);
        if (!search.found()) {
            missing(OPENCL, "no OpenCL device here: " + search.reason());
        }
        return search.device();
    }

    /**
     * Skips the calling test because {@code why}, or fails it when the environment sets {@code requireSwitch} to 1
     * (any value but 1, 0 or empty fails too: a typo must not turn a required check into a silent skip).
     */
    private static void missing(String requireSwitch, String why) {
        String value = System.getenv(requireSwitch);
        if ("1".equals(value)) {
            fail(requireSwitch + "=1 but " + why);
        }
        if (value != null && !value.isEmpty() && !value.equals("0")) {
            fail(requireSwitch + "=" + value + ": set it to 1 to require the piece, or to 0 (or unset it)");
        }
        abort(why);
    }
}
