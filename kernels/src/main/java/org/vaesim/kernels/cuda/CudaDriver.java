package org.vaesim.kernels.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.NoSuchElementException;

/**
 * The CUDA driver API (libcuda, installed with the NVIDIA driver), bound with java.lang.foreign: only the calls
 * vaesim makes, each behind a method that throws a {@link CudaException} naming the call and the error.
 *
 * <p>Why the foreign function API and not JCuda: JCuda's native libraries are built against one CUDA release and
 * must match the installed toolkit, while the driver API's symbols are stable across driver versions (the
 * {@code _v2} names below have not changed since CUDA 4, and a newer driver runs older callers). Binding them
 * directly needs no native jar and no dependency, and a machine without a driver only sees a lookup fail.
 *
 * <p>Nothing is loaded until {@link #system()} is first called; its answer is kept for the process.
 */
public final class CudaDriver {
    /** The driver library's name: what the dynamic loader is asked for. */
    public static final String LIBRARY = System.getProperty("os.name", "").startsWith("Windows") ? "nvcuda.dll"
            : "libcuda.so.1";

    /** CUresult codes vaesim tells apart. */
    static final int CUDA_SUCCESS = 0;
    static final int CUDA_ERROR_STUB_LIBRARY = 34;
    static final int CUDA_ERROR_NO_DEVICE = 100;
    static final int CUDA_ERROR_NO_BINARY_FOR_GPU = 209;
    static final int CUDA_ERROR_INVALID_PTX = 218;
    static final int CUDA_ERROR_JIT_COMPILER_NOT_FOUND = 221;
    static final int CUDA_ERROR_UNSUPPORTED_PTX_VERSION = 222;

    /** CUdevice_attribute values. */
    static final int ATTRIBUTE_MULTIPROCESSOR_COUNT = 16;
    static final int ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR = 75;
    static final int ATTRIBUTE_COMPUTE_CAPABILITY_MINOR = 76;
    /** CUfunction_attribute CU_FUNC_ATTRIBUTE_MAX_THREADS_PER_BLOCK. */
    static final int FUNCTION_MAX_THREADS_PER_BLOCK = 0;
    /** CUjit_option values for the JIT's error log. */
    private static final int JIT_ERROR_LOG_BUFFER = 5;
    private static final int JIT_ERROR_LOG_BUFFER_SIZE_BYTES = 6;
    private static final int JIT_LOG_BYTES = 64 * 1024;

    /** The outcome of loading the library: the bound driver, or why there is none. */
    public record Load(CudaDriver driver, String reason) {
        public boolean loaded() {
            return driver != null;
        }
    }

    private static final class SystemDriver {
        static final Load LOAD = fromProperty();

        private static Load fromProperty() {
            String path = System.getProperty("vaesim.cuda.driver");
            return path == null || path.isBlank() ? load(LIBRARY) : load(Path.of(path));
        }
    }

    /**
     * The machine's driver: {@link #LIBRARY} from the dynamic loader's search path, or the file named by the
     * system property {@code vaesim.cuda.driver}. Loaded on first use and kept.
     */
    public static Load system() {
        return SystemDriver.LOAD;
    }

    /** Binds the library the dynamic loader finds under {@code name}. */
    public static Load load(String name) {
        SymbolLookup lookup;
        try {
            lookup = SymbolLookup.libraryLookup(name, Arena.global());
        } catch (IllegalArgumentException | IllegalCallerException e) {
            return new Load(null, name.equals(LIBRARY) ? LIBRARY + " not found (no NVIDIA driver)"
                    : name + " could not be loaded: " + e.getMessage());
        }
        return bind(lookup, name);
    }

    /** Binds the library at {@code file} (a test's stand-in, or a driver outside the loader's path). */
    public static Load load(Path file) {
        SymbolLookup lookup;
        try {
            lookup = SymbolLookup.libraryLookup(file, Arena.global());
        } catch (IllegalArgumentException | IllegalCallerException e) {
            return new Load(null, file + " could not be loaded: " + e.getMessage());
        }
        return bind(lookup, file.toString());
    }

    private static Load bind(SymbolLookup lookup, String library) {
        try {
            return new Load(new CudaDriver(lookup), null);
        } catch (NoSuchElementException e) {
            return new Load(null, library + " lacks " + e.getMessage() + " (an NVIDIA driver too old for vaesim)");
        }
    }

    private final MethodHandle cuInit, cuDriverGetVersion, cuDeviceGetCount, cuDeviceGet, cuDeviceGetName,
            cuDeviceGetAttribute, cuDeviceTotalMem, cuDevicePrimaryCtxRetain, cuDevicePrimaryCtxRelease,
            cuCtxSetCurrent, cuCtxSynchronize, cuModuleLoadDataEx, cuModuleUnload, cuModuleGetFunction,
            cuFuncGetAttribute, cuMemAlloc, cuMemFree, cuMemcpyHtoD, cuMemcpyDtoH, cuMemcpyDtoD, cuMemsetD8,
            cuLaunchKernel, cuGetErrorName, cuGetErrorString;

    private CudaDriver(SymbolLookup lib) {
        Linker linker = Linker.nativeLinker();
        Binder b = new Binder(linker, lib);
        cuInit = b.bind("cuInit", JAVA_INT);
        cuDriverGetVersion = b.bind("cuDriverGetVersion", ADDRESS);
        cuDeviceGetCount = b.bind("cuDeviceGetCount", ADDRESS);
        cuDeviceGet = b.bind("cuDeviceGet", ADDRESS, JAVA_INT);
        cuDeviceGetName = b.bind("cuDeviceGetName", ADDRESS, JAVA_INT, JAVA_INT);
        cuDeviceGetAttribute = b.bind("cuDeviceGetAttribute", ADDRESS, JAVA_INT, JAVA_INT);
        cuDeviceTotalMem = b.bind("cuDeviceTotalMem_v2", ADDRESS, JAVA_INT);
        cuDevicePrimaryCtxRetain = b.bind("cuDevicePrimaryCtxRetain", ADDRESS, JAVA_INT);
        cuDevicePrimaryCtxRelease = b.bind("cuDevicePrimaryCtxRelease_v2", JAVA_INT);
        cuCtxSetCurrent = b.bind("cuCtxSetCurrent", ADDRESS);
        cuCtxSynchronize = b.bind("cuCtxSynchronize");
        cuModuleLoadDataEx = b.bind("cuModuleLoadDataEx", ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS);
        cuModuleUnload = b.bind("cuModuleUnload", ADDRESS);
        cuModuleGetFunction = b.bind("cuModuleGetFunction", ADDRESS, ADDRESS, ADDRESS);
        cuFuncGetAttribute = b.bind("cuFuncGetAttribute", ADDRESS, JAVA_INT, ADDRESS);
        cuMemAlloc = b.bind("cuMemAlloc_v2", ADDRESS, JAVA_LONG);
        cuMemFree = b.bind("cuMemFree_v2", JAVA_LONG);
        // The copies read or write Java arrays in place (heap segments), hence critical: no upcalls, heap access.
        cuMemcpyHtoD = b.critical("cuMemcpyHtoD_v2", JAVA_LONG, ADDRESS, JAVA_LONG);
        cuMemcpyDtoH = b.critical("cuMemcpyDtoH_v2", ADDRESS, JAVA_LONG, JAVA_LONG);
        cuMemcpyDtoD = b.bind("cuMemcpyDtoD_v2", JAVA_LONG, JAVA_LONG, JAVA_LONG);
        cuMemsetD8 = b.bind("cuMemsetD8_v2", JAVA_LONG, JAVA_BYTE, JAVA_LONG);
        cuLaunchKernel = b.bind("cuLaunchKernel", ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
                JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
        cuGetErrorName = b.bind("cuGetErrorName", JAVA_INT, ADDRESS);
        cuGetErrorString = b.bind("cuGetErrorString", JAVA_INT, ADDRESS);
    }

    /** Looks symbols up and makes downcall handles for {@code CUresult f(args...)}. */
    private record Binder(Linker linker, SymbolLookup lib) {
        MethodHandle bind(String name, java.lang.foreign.MemoryLayout... args) {
            return linker.downcallHandle(find(name), FunctionDescriptor.of(JAVA_INT, args));
        }

        MethodHandle critical(String name, java.lang.foreign.MemoryLayout... args) {
            return linker.downcallHandle(find(name), FunctionDescriptor.of(JAVA_INT, args),
                    Linker.Option.critical(true));
        }

        private MemorySegment find(String name) {
            return lib.find(name).orElseThrow(() -> new NoSuchElementException(name));
        }
    }

    // ---- the calls ----

    private void check(int result, String call) {
        if (result != CUDA_SUCCESS) {
            throw new CudaException(call, result, errorName(result), errorString(result));
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

    /** The driver's name for a CUresult, e.g. {@code CUDA_ERROR_NO_DEVICE}. */
    public String errorName(int result) {
        return text(cuGetErrorName, result, "CUDA error " + result);
    }

    /** The driver's words for a CUresult. */
    public String errorString(int result) {
        return text(cuGetErrorString, result, "");
    }

    private static String text(MethodHandle h, int result, String otherwise) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ADDRESS);
            if ((int) h.invokeExact(result, out) != CUDA_SUCCESS) {
                return otherwise;
            }
            MemorySegment s = out.get(ADDRESS, 0);
            return s.equals(MemorySegment.NULL) ? otherwise : s.reinterpret(4096).getString(0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code cuInit(0)}; returns the CUresult rather than throwing, so the caller can say why there is no device. */
    int init() {
        try {
            return (int) cuInit.invokeExact(0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The driver's CUDA version, e.g. 13000 for 13.0. */
    int driverVersion() {
        return intOut(cuDriverGetVersion, "cuDriverGetVersion");
    }

    int deviceCount() {
        return intOut(cuDeviceGetCount, "cuDeviceGetCount");
    }

    private int intOut(MethodHandle h, String call) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_INT);
            check((int) h.invokeExact(out), call);
            return out.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The CUdevice handle of device {@code ordinal}. */
    int device(int ordinal) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_INT);
            check((int) cuDeviceGet.invokeExact(out, ordinal), "cuDeviceGet(" + ordinal + ")");
            return out.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    String deviceName(int device) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(256);
            check((int) cuDeviceGetName.invokeExact(out, 256, device), "cuDeviceGetName");
            return out.getString(0, StandardCharsets.UTF_8).trim();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int attribute(int attribute, int device) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_INT);
            check((int) cuDeviceGetAttribute.invokeExact(out, attribute, device),
                    "cuDeviceGetAttribute(" + attribute + ")");
            return out.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    long totalMemory(int device) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_LONG);
            check((int) cuDeviceTotalMem.invokeExact(out, device), "cuDeviceTotalMem_v2");
            return out.get(JAVA_LONG, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The device's primary context, retained (each retain needs a {@link #releasePrimaryContext}). */
    MemorySegment retainPrimaryContext(int device) {
        return pointerOut(out -> (int) cuDevicePrimaryCtxRetain.invokeExact(out, device), "cuDevicePrimaryCtxRetain");
    }

    void releasePrimaryContext(int device) {
        try {
            check((int) cuDevicePrimaryCtxRelease.invokeExact(device), "cuDevicePrimaryCtxRelease_v2");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    void setCurrent(MemorySegment context) {
        try {
            check((int) cuCtxSetCurrent.invokeExact(context), "cuCtxSetCurrent");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Waits for everything issued so far; a kernel's fault surfaces here. */
    void synchronize(String after) {
        try {
            check((int) cuCtxSynchronize.invokeExact(), after == null ? "cuCtxSynchronize" : after);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Loads a module from a NUL-terminated PTX {@code image} (the driver compiles it for the device); a failure
     * throws with the JIT's error log in the message.
     */
    MemorySegment loadModule(byte[] image) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment data = a.allocate(image.length + 1L);
            MemorySegment.copy(MemorySegment.ofArray(image), 0, data, 0, image.length);
            MemorySegment log = a.allocate(JIT_LOG_BYTES);
            MemorySegment options = a.allocate(JAVA_INT, 2);
            options.setAtIndex(JAVA_INT, 0, JIT_ERROR_LOG_BUFFER);
            options.setAtIndex(JAVA_INT, 1, JIT_ERROR_LOG_BUFFER_SIZE_BYTES);
            MemorySegment values = a.allocate(ADDRESS, 2);
            values.setAtIndex(ADDRESS, 0, log);
            values.setAtIndex(ADDRESS, 1, MemorySegment.ofAddress(JIT_LOG_BYTES)); // a size passed as a pointer
            MemorySegment out = a.allocate(ADDRESS);
            int result = (int) cuModuleLoadDataEx.invokeExact(out, data, 2, options, values);
            if (result != CUDA_SUCCESS) {
                String jit = log.getString(0).trim();
                throw new CudaException("cuModuleLoadDataEx" + (jit.isEmpty() ? "" : " [" + jit + "]"), result,
                        errorName(result), errorString(result));
            }
            return out.get(ADDRESS, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    void unloadModule(MemorySegment module) {
        try {
            check((int) cuModuleUnload.invokeExact(module), "cuModuleUnload");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    MemorySegment function(MemorySegment module, String name) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment cName = a.allocateFrom(name);
            return pointerOut(out -> (int) cuModuleGetFunction.invokeExact(out, module, cName),
                    "cuModuleGetFunction(" + name + ")");
        }
    }

    int functionAttribute(int attribute, MemorySegment function) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_INT);
            check((int) cuFuncGetAttribute.invokeExact(out, attribute, function), "cuFuncGetAttribute");
            return out.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code bytes} of device memory; returns the device pointer. */
    long alloc(long bytes) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_LONG);
            check((int) cuMemAlloc.invokeExact(out, bytes), "cuMemAlloc_v2(" + bytes + " bytes)");
            return out.get(JAVA_LONG, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    void free(long pointer) {
        try {
            check((int) cuMemFree.invokeExact(pointer), "cuMemFree_v2");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Copies {@code bytes} from host memory (a Java array's segment too) to the device. */
    void copyToDevice(long device, MemorySegment host, long bytes) {
        try {
            check((int) cuMemcpyHtoD.invokeExact(device, host, bytes), "cuMemcpyHtoD_v2(" + bytes + " bytes)");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Copies {@code bytes} from the device to host memory (a Java array's segment too); waits for earlier work. */
    void copyToHost(MemorySegment host, long device, long bytes) {
        try {
            check((int) cuMemcpyDtoH.invokeExact(host, device, bytes), "cuMemcpyDtoH_v2(" + bytes + " bytes)");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    void copyOnDevice(long to, long from, long bytes) {
        try {
            check((int) cuMemcpyDtoD.invokeExact(to, from, bytes), "cuMemcpyDtoD_v2(" + bytes + " bytes)");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    void memset(long device, byte value, long bytes) {
        try {
            check((int) cuMemsetD8.invokeExact(device, value, bytes), "cuMemsetD8_v2(" + bytes + " bytes)");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Launches {@code function} on the default stream over {@code blocks} blocks of {@code threads} threads, with
     * {@code params} the {@code void**} array of pointers to each argument ({@link KernelParams}); {@code name}
     * names the kernel in an error (and only then is the message built).
     */
    void launch(MemorySegment function, int blocks, int threads, MemorySegment params, String name) {
        int result;
        try {
            result = (int) cuLaunchKernel.invokeExact(function, blocks, 1, 1, threads, 1, 1, 0, MemorySegment.NULL,
                    params, MemorySegment.NULL);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        if (result != CUDA_SUCCESS) {
            check(result, "cuLaunchKernel(" + name + ", " + blocks + " x " + threads + ")");
        }
    }

    @FunctionalInterface
    private interface PointerCall {
        int call(MemorySegment out) throws Throwable;
    }

    private MemorySegment pointerOut(PointerCall call, String name) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ADDRESS);
            check(call.call(out), name);
            return out.get(ADDRESS, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }
}
