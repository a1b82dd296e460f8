package org.vaesim.kernels;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.vaesim.kernels.cuda.CudaContext;
import org.vaesim.kernels.cuda.CudaDevice;
import org.vaesim.kernels.opencl.OpenClContext;
import org.vaesim.kernels.opencl.OpenClDevice;

/**
 * The backends a kernel contract test runs on: {@code java} (the twins, called directly), {@code opencl} and
 * {@code cuda} (the C sources on a device). Where a device is missing its cases are skipped with an assumption,
 * unless VAESIM_REQUIRE_OPENCL=1 (set by CI, which installs PoCL) or VAESIM_REQUIRE_CUDA=1 (for a GPU machine),
 * where that fails instead.
 */
public final class KernelBackends {
    private static DeviceKernels openCl;
    private static DeviceKernels cuda;

    private KernelBackends() {
    }

    /** The shared kernels of {@code backend} ("opencl" or "cuda"), or a skipped (or failed) test without a device. */
    public static DeviceKernels of(String backend) {
        return switch (backend) {
            case Backends.OPENCL -> openCl();
            case Backends.CUDA -> cuda();
            default -> throw new IllegalArgumentException("no device kernels for backend " + backend);
        };
    }

    public static synchronized DeviceKernels openCl() {
        if (openCl == null) {
            OpenClDevice.Search s = requireOpenCl();
            openCl = new DeviceKernels(Backends.OPENCL, new OpenClContext(s.device()));
        }
        return openCl;
    }

    public static synchronized DeviceKernels cuda() {
        if (cuda == null) {
            CudaDevice.Search s = requireCuda();
            cuda = new DeviceKernels(Backends.CUDA, new CudaContext(s.device()));
        }
        return cuda;
    }

    /** Skips (or, with the REQUIRE switch, fails) the calling test unless {@code backend} can run here. */
    public static void require(String backend) {
        switch (backend) {
            case Backends.JAVA -> { }
            case Backends.OPENCL -> requireOpenCl();
            case Backends.CUDA -> requireCuda();
            default -> throw new IllegalArgumentException("unknown backend " + backend);
        }
    }

    private static OpenClDevice.Search requireOpenCl() {
        OpenClDevice.Search s = OpenClDevice.find(false);
        if (!s.found()) {
            missing("VAESIM_REQUIRE_OPENCL", "no OpenCL device: " + s.reason());
        }
        return s;
    }

    private static CudaDevice.Search requireCuda() {
        CudaDevice.Search s = CudaDevice.find();
        if (!s.found()) {
            missing("VAESIM_REQUIRE_CUDA", "no CUDA device: " + s.reason());
        }
        return s;
    }

    private static void missing(String requireSwitch, String why) {
        if ("1".equals(System.getenv(requireSwitch))) {
            fail(requireSwitch + "=1 but " + why);
        }
        assumeTrue(false, why);
    }
}
