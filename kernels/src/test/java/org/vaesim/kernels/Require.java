package org.vaesim.kernels;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.vaesim.kernels.cuda.CudaDevice;
import org.vaesim.kernels.cuda.Nvcc;
import org.vaesim.kernels.opencl.OpenClDevice;

/**
 * What a test needs from the machine beyond a JDK, and the switch that makes its absence a failure. Where a piece
 * is missing the test is skipped with a one-line reason, unless its switch is set to 1, where it fails instead:
 * a machine that is meant to have the piece (CI, a GPU machine) must not pass by skipping.
 * <ul>
 * <li>{@value #OPENCL}: an OpenCL device (CI installs PoCL and sets it, .ci/run);</li>
 * <li>{@value #CUDA}: a CUDA device (bench/gpu/run-on-gpu.sh sets it on a GPU machine);</li>
 * <li>{@value #CUDA_TOOLKIT}: nvcc, the toolkit's cuda.h and gcc, for the PTX checks and the stand-in CUDA
 * driver (.ci/run sets it where it finds a CUDA toolkit).</li>
 * </ul>
 * The host module's own {@code Require} adds the browser; bench's uses this logic for its OpenCL tests.
 */
public final class Require {
    public static final String OPENCL = "VAESIM_REQUIRE_OPENCL";
    public static final String CUDA = "VAESIM_REQUIRE_CUDA";
    public static final String CUDA_TOOLKIT = "VAESIM_REQUIRE_CUDA_TOOLKIT";

    private Require() {
    }

    /**
     * Skips the calling test because {@code why}, or fails it when the environment sets {@code requireSwitch} to 1
     * (any value but 1, 0 or empty fails too: a typo must not turn a required check into a silent skip).
     */
    public static void missing(String requireSwitch, String why) {
        missing(requireSwitch, System.getenv(requireSwitch), why);
    }

    /** {@link #missing(String, String)} with the switch's value given (null: unset). */
    static void missing(String requireSwitch, String value, String why) {
        if ("1".equals(value)) {
            fail(requireSwitch + "=1 but " + why);
        }
        if (value != null && !value.isEmpty() && !value.equals("0")) {
            fail(requireSwitch + "=" + value + ": set it to 1 to require the piece, or to 0 (or unset it)");
        }
        abort(why);
    }

    /** The OpenCL device the tests use (the first one, CPU or GPU), or a skipped (or failed) test. */
    public static OpenClDevice openClDevice() {
        OpenClDevice.Search s = OpenClDevice.find(false);
        if (!s.found()) {
            missing(OPENCL, "no OpenCL device here: " + s.reason());
        }
        return s.device();
    }

    /** The CUDA device, or a skipped (or failed) test. */
    public static CudaDevice cudaDevice() {
        CudaDevice.Search s = CudaDevice.find();
        if (!s.found()) {
            missing(CUDA, "no CUDA device here: " + s.reason());
        }
        return s.device();
    }

    /** Skips (or, with its switch, fails) the calling test unless {@code backend} can run here. */
    public static void backend(String backend) {
        switch (backend) {
            case Backends.JAVA -> { }
            case Backends.OPENCL -> openClDevice();
            case Backends.CUDA -> cudaDevice();
            default -> throw new IllegalArgumentException("unknown backend " + backend);
        }
    }

    /** nvcc, found where the build looks for it ({@link Nvcc#find}), or a skipped (or failed) test. */
    public static Path nvcc() {
        Optional<Path> nvcc = Nvcc.find();
        if (nvcc.isEmpty()) {
            missing(CUDA_TOOLKIT, "no nvcc here ($NVCC, $CUDA_HOME/bin, PATH, /usr/local/cuda/bin): no CUDA toolkit");
        }
        return nvcc.get();
    }

    /**
     * The CUDA toolkit's cuda.h ({@code $CUDA_HOME/include}, {@code /usr/local/cuda/include}, or
     * {@code /usr/include} where a distribution installs it), or a skipped (or failed) test.
     */
    public static Path cudaHeader() {
        List<Path> candidates = new ArrayList<>();
        String home = System.getenv("CUDA_HOME");
        if (home != null && !home.isBlank()) {
            candidates.add(Path.of(home, "include", "cuda.h"));
        }
        candidates.add(Path.of("/usr/local/cuda/include/cuda.h"));
        candidates.add(Path.of("/usr/include/cuda.h"));
        for (Path header : candidates) {
            if (Files.isRegularFile(header)) {
                return header;
            }
        }
        missing(CUDA_TOOLKIT, "no cuda.h here (" + candidates + "): no CUDA toolkit");
        return null;
    }
}
