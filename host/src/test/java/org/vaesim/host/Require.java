package org.vaesim.host;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.vaesim.kernels.Backends;
import org.vaesim.kernels.cuda.CudaDevice;
import org.vaesim.kernels.opencl.OpenClDevice;

/**
 * What a host test needs from the machine beyond a JDK, and the switch that makes its absence a failure (the same
 * rule as the kernels module's tests): where a piece is missing the test is skipped with a one-line reason, unless
 * its switch is set to 1, where it fails instead, so that a machine meant to have the piece cannot pass by skipping.
 * {@value #OPENCL} (CI, which installs PoCL), {@value #CUDA} (a GPU machine, bench/gpu/run-on-gpu.sh) and
 * {@value #BROWSER} (CI, which installs Chromium).
 */
public final class Require {
    public static final String OPENCL = "VAESIM_REQUIRE_OPENCL";
    public static final String CUDA = "VAESIM_REQUIRE_CUDA";
    public static final String BROWSER = "VAESIM_REQUIRE_BROWSER";

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

    /** Skips (or, with its switch, fails) the calling test unless {@code backend} can run here. */
    public static void backend(String backend) {
        switch (backend) {
            case Backends.JAVA -> { }
            case Backends.OPENCL -> {
                OpenClDevice.Search s = OpenClDevice.find(false);
                if (!s.found()) {
                    missing(OPENCL, "no OpenCL device here: " + s.reason());
                }
            }
            case Backends.CUDA -> {
                CudaDevice.Search s = CudaDevice.find();
                if (!s.found()) {
                    missing(CUDA, "no CUDA device here: " + s.reason());
                }
            }
            default -> throw new IllegalArgumentException("unknown backend " + backend);
        }
    }

    /**
     * A Chromium (or Chrome) that can run headless: {@code chromium}, {@code chromium-browser} or
     * {@code google-chrome} on the PATH, or /usr/bin/chromium; otherwise a skipped (or failed) test.
     */
    public static Path chromium() {
        List<Path> candidates = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
                if (!dir.isEmpty()) {
                    candidates.add(Path.of(dir, name));
                }
            }
        }
        candidates.add(Path.of("/usr/bin/chromium"));
        for (Path c : candidates) {
            if (Files.isRegularFile(c) && Files.isExecutable(c)) {
                return c;
            }
        }
        missing(BROWSER, "no Chromium here (chromium, chromium-browser or google-chrome on the PATH, or "
                + "/usr/bin/chromium): the report is not rendered in a real browser");
        return null;
    }
}
