package org.vaesim.kernels.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * NVRTC, CUDA's run-time compiler (libnvrtc, part of the toolkit), bound with java.lang.foreign: the kernels' C
 * program to PTX for the device in hand, when the jar carries no PTX or the driver refuses the packaged one (a
 * driver older than the build's nvcc). Loaded on first use.
 */
public final class Nvrtc {
    /** What the dynamic loader is asked for, newest first, after {@code -Dvaesim.nvrtc=FILE}. */
    static final List<String> NAMES = List.of("libnvrtc.so", "libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so.11.2");
    /** Toolkit folders searched after the loader's path. */
    static final List<String> FOLDERS = List.of("lib64", "lib", "targets/x86_64-linux/lib");

    /** The outcome of loading: the bound compiler, or why there is none. */
    public record Load(Nvrtc nvrtc, String reason) {
        public boolean loaded() {
            return nvrtc != null;
        }
    }

    private static final class SystemNvrtc {
        static final Load LOAD = find();
    }

    /** The machine's NVRTC (loaded once). */
    public static Load system() {
        return SystemNvrtc.LOAD;
    }

    private static Load find() {
        String explicit = System.getProperty("vaesim.nvrtc");
        if (explicit != null && !explicit.isBlank()) {
            return load(Path.of(explicit));
        }
        for (String name : NAMES) {
            try {
                return bind(SymbolLookup.libraryLookup(name, Arena.global()), name);
            } catch (IllegalArgumentException notThere) {
                // next
            }
        }
        List<String> homes = new ArrayList<>();
        String cudaHome = System.getenv("CUDA_HOME");
        if (cudaHome != null && !cudaHome.isBlank()) {
            homes.add(cudaHome);
        }
        homes.add("/usr/local/cuda");
        for (String home : homes) {
            for (String folder : FOLDERS) {
                for (String name : NAMES) {
                    Path file = Path.of(home, folder, name);
                    if (Files.exists(file)) {
                        return load(file);
                    }
                }
            }
        }
        return new Load(null, "libnvrtc not found (no CUDA toolkit: looked for " + String.join(", ", NAMES)
                + " on the loader's path and under " + String.join(", ", homes) + ")");
    }

    /** Binds the library at {@code file}. */
    public static Load load(Path file) {
        try {
            return bind(SymbolLookup.libraryLookup(file, Arena.global()), file.toString());
        } catch (IllegalArgumentException e) {
            return new Load(null, file + " could not be loaded: " + e.getMessage());
        }
    }

    private static Load bind(SymbolLookup lookup, String library) {
        try {
            return new Load(new Nvrtc(lookup, library), null);
        } catch (NoSuchElementException e) {
            return new Load(null, library + " lacks " + e.getMessage());
        }
    }

    private final String library;
    private final MethodHandle nvrtcVersion, nvrtcGetNumSupportedArchs, nvrtcGetSupportedArchs, nvrtcCreateProgram,
            nvrtcCompileProgram, nvrtcGetProgramLogSize, nvrtcGetProgramLog, nvrtcGetPTXSize, nvrtcGetPTX,
            nvrtcDestroyProgram, nvrtcGetErrorString;

    private Nvrtc(SymbolLookup lib, String library) {
        this.library = library;
        Linker linker = Linker.nativeLinker();
        nvrtcVersion = bind(linker, lib, "nvrtcVersion", ADDRESS, ADDRESS);
        nvrtcGetNumSupportedArchs = bind(linker, lib, "nvrtcGetNumSupportedArchs", ADDRESS);
        nvrtcGetSupportedArchs = bind(linker, lib, "nvrtcGetSupportedArchs", ADDRESS);
        nvrtcCreateProgram = bind(linker, lib, "nvrtcCreateProgram", ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS,
                ADDRESS);
        nvrtcCompileProgram = bind(linker, lib, "nvrtcCompileProgram", ADDRESS, JAVA_INT, ADDRESS);
        nvrtcGetProgramLogSize = bind(linker, lib, "nvrtcGetProgramLogSize", ADDRESS, ADDRESS);
        nvrtcGetProgramLog = bind(linker, lib, "nvrtcGetProgramLog", ADDRESS, ADDRESS);
        nvrtcGetPTXSize = bind(linker, lib, "nvrtcGetPTXSize", ADDRESS, ADDRESS);
        nvrtcGetPTX = bind(linker, lib, "nvrtcGetPTX", ADDRESS, ADDRESS);
        nvrtcDestroyProgram = bind(linker, lib, "nvrtcDestroyProgram", ADDRESS);
        nvrtcGetErrorString = linker.downcallHandle(find(lib, "nvrtcGetErrorString"),
                FunctionDescriptor.of(ADDRESS, JAVA_INT));
    }

    private static MethodHandle bind(Linker linker, SymbolLookup lib, String name,
                                     java.lang.foreign.MemoryLayout... args) {
        return linker.downcallHandle(find(lib, name), FunctionDescriptor.of(JAVA_INT, args));
    }

    private static MemorySegment find(SymbolLookup lib, String name) {
        return lib.find(name).orElseThrow(() -> new NoSuchElementException(name));
    }

    private void check(int result, String call) throws Throwable {
        if (result != 0) {
            throw new CudaException(call, result, errorName(result), null);
        }
    }

    private String errorName(int result) throws Throwable {
        MemorySegment s = (MemorySegment) nvrtcGetErrorString.invokeExact(result);
        return s.equals(MemorySegment.NULL) ? "NVRTC error " + result : s.reinterpret(4096).getString(0);
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

    /** NVRTC's version, e.g. "13.0". */
    public String version() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment major = a.allocate(JAVA_INT);
            MemorySegment minor = a.allocate(JAVA_INT);
            check((int) nvrtcVersion.invokeExact(major, minor), "nvrtcVersion");
            return major.get(JAVA_INT, 0) + "." + minor.get(JAVA_INT, 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The GPU architectures this NVRTC compiles for, as compute capabilities x 10 (75, 80, ...), ascending. */
    public int[] supportedArchitectures() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment n = a.allocate(JAVA_INT);
            check((int) nvrtcGetNumSupportedArchs.invokeExact(n), "nvrtcGetNumSupportedArchs");
            MemorySegment archs = a.allocate(JAVA_INT, Math.max(1, n.get(JAVA_INT, 0)));
            check((int) nvrtcGetSupportedArchs.invokeExact(archs), "nvrtcGetSupportedArchs");
            return archs.asSlice(0, (long) n.get(JAVA_INT, 0) * Integer.BYTES).toArray(JAVA_INT);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * The options for a device of compute capability {@code capability} (x 10): the newest virtual architecture
     * this NVRTC has that the device can run, and FMA contraction off, as nvcc's {@code -fmad=false} at build time.
     */
    static List<String> options(int capability, int[] supported) {
        int arch = -1;
        for (int s : supported) {
            if (s <= capability) {
                arch = Math.max(arch, s);
            }
        }
        if (arch < 0) {
            throw new IllegalArgumentException("this NVRTC compiles for compute capabilities "
                    + java.util.Arrays.toString(supported) + ", none of which a device of " + capability / 10 + "."
                    + capability % 10 + " runs");
        }
        return List.of("--gpu-architecture=compute_" + arch, "--fmad=false");
    }

    /** Compiles the C {@code program} with {@code options}; returns the PTX, or throws with NVRTC's log. */
    public String compile(String program, String name, List<String> options) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment prog = a.allocate(ADDRESS);
            check((int) nvrtcCreateProgram.invokeExact(prog, a.allocateFrom(program), a.allocateFrom(name), 0,
                    MemorySegment.NULL, MemorySegment.NULL), "nvrtcCreateProgram");
            MemorySegment handle = prog.get(ADDRESS, 0);
            try {
                MemorySegment opts = a.allocate(ADDRESS, Math.max(1, options.size()));
                for (int i = 0; i < options.size(); i++) {
                    opts.setAtIndex(ADDRESS, i, a.allocateFrom(options.get(i)));
                }
                int result = (int) nvrtcCompileProgram.invokeExact(handle, options.size(), opts);
                if (result != 0) {
                    throw new CudaException("nvrtcCompileProgram " + options + " [" + log(a, handle) + "]", result,
                            errorName(result), null);
                }
                MemorySegment size = a.allocate(JAVA_LONG);
                check((int) nvrtcGetPTXSize.invokeExact(handle, size), "nvrtcGetPTXSize");
                MemorySegment ptx = a.allocate(size.get(JAVA_LONG, 0));
                check((int) nvrtcGetPTX.invokeExact(handle, ptx), "nvrtcGetPTX");
                return ptx.getString(0, StandardCharsets.UTF_8);
            } finally {
                int ignored = (int) nvrtcDestroyProgram.invokeExact(prog);
            }
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private String log(Arena a, MemorySegment handle) throws Throwable {
        MemorySegment size = a.allocate(JAVA_LONG);
        check((int) nvrtcGetProgramLogSize.invokeExact(handle, size), "nvrtcGetProgramLogSize");
        MemorySegment log = a.allocate(Math.max(1, size.get(JAVA_LONG, 0)));
        check((int) nvrtcGetProgramLog.invokeExact(handle, log), "nvrtcGetProgramLog");
        return log.getString(0, StandardCharsets.UTF_8).trim();
    }

    @Override
    public String toString() {
        return "NVRTC " + version() + " (" + library + ")";
    }
}
