package org.vaesim.kernels.opencl;

import static org.jocl.CL.CL_DEVICE_EXTENSIONS;
import static org.jocl.CL.CL_DEVICE_NAME;
import static org.jocl.CL.CL_DEVICE_TYPE;
import static org.jocl.CL.CL_DEVICE_TYPE_ALL;
import static org.jocl.CL.CL_DEVICE_TYPE_GPU;
import static org.jocl.CL.CL_PLATFORM_NAME;
import static org.jocl.CL.clGetDeviceIDs;
import static org.jocl.CL.clGetDeviceInfo;
import static org.jocl.CL.clGetPlatformIDs;
import static org.jocl.CL.clGetPlatformInfo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/** Finding an OpenCL device that can run vaesim's kernels (64-bit integer atomics and doubles). */
public record OpenClDevice(cl_platform_id platform, cl_device_id device, String platformName, String name,
                           boolean gpu) {

    static final String[] REQUIRED_EXTENSIONS = {"cl_khr_int64_base_atomics", "cl_khr_fp64"};

    /** The loader's message from JOCL's first failed start, for every later search (see {@link #loadFailure}). */
    private static String firstLoadFailure;

    /** The outcome of a search: a device, or why there is none. */
    public record Search(OpenClDevice device, String reason) {
        public boolean found() {
            return device != null;
        }
    }

    /** The first usable device, a GPU first if {@code preferGpu}; only GPUs if {@code gpuOnly}. */
    public static Search find(boolean gpuOnly) {
        List<OpenClDevice> usable = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        try {
            CL.setExceptionsEnabled(true);
            int[] count = new int[1];
            clGetPlatformIDs(0, null, count);
            if (count[0] == 0) {
                return new Search(null, "no OpenCL platform is installed (e.g. apt-get install pocl-opencl-icd)");
            }
            cl_platform_id[] platforms = new cl_platform_id[count[0]];
            clGetPlatformIDs(platforms.length, platforms, null);
            for (cl_platform_id platform : platforms) {
                int[] n = new int[1];
                try {
                    clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, 0, null, n);
                } catch (RuntimeException noDevices) {
                    continue;
                }
                cl_device_id[] devices = new cl_device_id[n[0]];
                clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, devices.length, devices, null);
                for (cl_device_id d : devices) {
                    String name = string(d, CL_DEVICE_NAME);
                    String missing = missingExtension(string(d, CL_DEVICE_EXTENSIONS));
                    if (missing != null) {
                        refused.add(name + " lacks " + missing);
                        continue;
                    }
                    long[] type = new long[1];
                    clGetDeviceInfo(d, CL_DEVICE_TYPE, Sizeof.cl_long, Pointer.to(type), null);
                    usable.add(new OpenClDevice(platform, d, platformString(platform), name,
                            (type[0] & CL_DEVICE_TYPE_GPU) != 0));
                }
            }
        } catch (LinkageError | RuntimeException e) {
            return new Search(null, "no OpenCL runtime could be loaded: " + loadFailure(e));
        }
        for (OpenClDevice d : usable) {
            if (d.gpu()) {
                return new Search(d, null);
            }
        }
        if (!gpuOnly && !usable.isEmpty()) {
            return new Search(usable.getFirst(), null);
        }
        String why = gpuOnly ? "no OpenCL GPU device" : "no OpenCL device";
        return new Search(null, refused.isEmpty() ? why : why + " with what vaesim needs (" + String.join("; ", refused) + ")");
    }

    /**
     * Why JOCL could not start. Its class initialiser fails once with the loader's message (an
     * ExceptionInInitializerError around an UnsatisfiedLinkError); every later use says only "Could not initialize
     * class org.jocl.CL", so the first message is kept for them.
     */
    private static synchronized String loadFailure(Throwable e) {
        if (firstLoadFailure == null) {
            Throwable cause = e instanceof ExceptionInInitializerError && e.getCause() != null ? e.getCause() : e;
            firstLoadFailure = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        }
        return firstLoadFailure;
    }

    private static String missingExtension(String extensions) {
        for (String required : REQUIRED_EXTENSIONS) {
            if (!extensions.contains(required)) {
                return required;
            }
        }
        return null;
    }

    private static String string(cl_device_id device, int param) {
        long[] size = new long[1];
        clGetDeviceInfo(device, param, 0, null, size);
        byte[] buffer = new byte[(int) size[0]];
        clGetDeviceInfo(device, param, buffer.length, Pointer.to(buffer), null);
        return trim(buffer);
    }

    private static String platformString(cl_platform_id platform) {
        long[] size = new long[1];
        clGetPlatformInfo(platform, CL_PLATFORM_NAME, 0, null, size);
        byte[] buffer = new byte[(int) size[0]];
        clGetPlatformInfo(platform, CL_PLATFORM_NAME, buffer.length, Pointer.to(buffer), null);
        return trim(buffer);
    }

    private static String trim(byte[] cString) {
        int n = cString.length;
        while (n > 0 && cString[n - 1] == 0) {
            n--;
        }
        return new String(cString, 0, n, StandardCharsets.UTF_8).trim();
    }

    @Override
    public String toString() {
        return name + " (" + platformName + ")";
    }
}
