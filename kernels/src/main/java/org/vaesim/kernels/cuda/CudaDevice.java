package org.vaesim.kernels.cuda;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A CUDA device that can run vaesim's kernels, found through the driver API: its ordinal and name, compute
 * capability, multiprocessors and memory, and the driver's CUDA version.
 */
public record CudaDevice(CudaDriver driver, int handle, int ordinal, String name, int major, int minor,
                         int multiprocessors, long memoryBytes, int driverVersion) {

    /** The outcome of a search: a device, or why there is none. */
    public record Search(CudaDevice device, String reason) {
        public boolean found() {
            return device != null;
        }
    }

    /** The system driver's searches by ordinal, each made once per process (a device's handle is the driver's). */
    private static final Map<Integer, Search> SYSTEM_SEARCHES = new ConcurrentHashMap<>();

    /** The ordinal {@link #find()} looks for: {@code -Dvaesim.cuda.device=N}, else 0. */
    private static int defaultOrdinal() {
        return Integer.getInteger("vaesim.cuda.device", 0);
    }

    /**
     * The device this machine's driver offers (ordinal 0, or {@code -Dvaesim.cuda.device=N}), or why there is
     * none: no driver library, a stub instead of a driver, no device. Probed once per process.
     */
    public static Search find() {
        return find(defaultOrdinal());
    }

    /**
     * The device of this machine's driver with {@code ordinal} (as the driver numbers them, 0 first: what
     * {@code --backend cuda:N} and a cluster's GPU address name), or why there is none. Probed once per process.
     */
    public static Search find(int ordinal) {
        return SYSTEM_SEARCHES.computeIfAbsent(ordinal, o -> find(CudaDriver.system(), o));
    }

    /** The same search through an already loaded (or failed) driver binding. */
    public static Search find(CudaDriver.Load load) {
        return find(load, defaultOrdinal());
    }

    /** The search for device {@code ordinal} through an already loaded (or failed) driver binding. */
    public static Search find(CudaDriver.Load load, int ordinal) {
        if (!load.loaded()) {
            return new Search(null, load.reason());
        }
        CudaDriver d = load.driver();
        try {
            int init = d.init();
            if (init == CudaDriver.CUDA_ERROR_STUB_LIBRARY) {
                return new Search(null, CudaDriver.LIBRARY + " is the CUDA toolkit's stub library, not an NVIDIA"
                        + " driver");
            }
            if (init == CudaDriver.CUDA_ERROR_NO_DEVICE) {
                return new Search(null, "no CUDA device (the NVIDIA driver sees none)");
            }
            if (init != CudaDriver.CUDA_SUCCESS) {
                return new Search(null, "cuInit failed: " + d.errorName(init) + " (" + d.errorString(init) + ")");
            }
            int count = d.deviceCount();
            if (count == 0) {
                return new Search(null, "no CUDA device (the NVIDIA driver sees none)");
            }
            if (ordinal < 0 || ordinal >= count) {
                return new Search(null, "no CUDA device " + ordinal + ": the driver sees " + count
                        + " device(s), numbered from 0");
            }
            int handle = d.device(ordinal);
            return new Search(new CudaDevice(d, handle, ordinal, d.deviceName(handle),
                    d.attribute(CudaDriver.ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, handle),
                    d.attribute(CudaDriver.ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, handle),
                    d.attribute(CudaDriver.ATTRIBUTE_MULTIPROCESSOR_COUNT, handle), d.totalMemory(handle),
                    d.driverVersion()), null);
        } catch (CudaException e) {
            return new Search(null, "the CUDA driver failed: " + e.getMessage());
        }
    }

    /** Compute capability x 10, e.g. 90 for 9.0. */
    public int capability() {
        return major * 10 + minor;
    }

    /** The driver's CUDA version in words, e.g. "13.0". */
    public String driverCuda() {
        return driverVersion / 1000 + "." + driverVersion % 1000 / 10;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (CUDA %s driver, compute capability %d.%d, %d SMs, %.1f GiB)", name,
                driverCuda(), major, minor, multiprocessors, memoryBytes / (double) (1L << 30));
    }
}
