package org.vaesim.kernels;

import org.vaesim.kernels.cuda.CudaContext;
import org.vaesim.kernels.opencl.OpenClContext;

/**
 * The backends a kernel contract test runs on: {@code java} (the twins, called directly), {@code opencl} and
 * {@code cuda} (the C sources on a device). Where a device is missing its cases are skipped with a reason, unless
 * its switch is set ({@link Require}: VAESIM_REQUIRE_OPENCL=1 in CI, VAESIM_REQUIRE_CUDA=1 on a GPU machine),
 * where they fail instead.
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
            openCl = new DeviceKernels(Backends.OPENCL, new OpenClContext(Require.openClDevice()));
        }
        return openCl;
    }

    public static synchronized DeviceKernels cuda() {
        if (cuda == null) {
            cuda = new DeviceKernels(Backends.CUDA, new CudaContext(Require.cudaDevice()));
        }
        return cuda;
    }
}
