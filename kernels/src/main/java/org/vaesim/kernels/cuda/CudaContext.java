package org.vaesim.kernels.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.vaesim.kernels.device.Buffer;
import org.vaesim.kernels.device.Device;
import org.vaesim.kernels.device.Kernel;
import org.vaesim.kernels.device.KernelEntry;
import org.vaesim.kernels.device.KernelSources;

/**
 * A CUDA device's primary context, through the driver API: the kernel program as a module, one function per
 * {@link Kernel}, device memory, and launches on the default stream (which runs them in the order issued, each
 * copy and memset too).
 *
 * <p>The module's PTX, first that the driver accepts: the PTX the build's nvcc made ({@link Ptx#RESOURCE}; the
 * normal case, tested at build time); else NVRTC's, compiled here for this device (a jar built without nvcc, or a
 * driver older than the build's nvcc); else nvcc's, if the machine has it. {@code -Dvaesim.cuda.ptx=nvrtc},
 * {@code =nvcc}, {@code =packaged} or {@code =FILE} picks one. Every PTX must have every kernel and no floating-point
 * operation the JIT could contract.
 *
 * <p>One thread at a time; the context is made current on whichever thread calls.
 */
public final class CudaContext implements Device {
    /** Debug switch: wait after every launch, so that a kernel's fault names that kernel. On in tests. */
    private static final boolean CHECKS = Boolean.getBoolean("vaesim.checks");

    /** A CUDA device allocation with its element type. */
    record CuBuffer(long pointer, Type type, long length) implements Buffer {
    }

    /** A launch's grid: {@code blocks} blocks of {@code threads} threads. */
    record Grid(int blocks, int threads) {
        /**
         * The OpenCL geometry in CUDA's terms: agent kernels in blocks of exactly {@link Kernel#GROUP} (local memory
         * and barriers are per block); one-per-item kernels in one block of n threads, or blocks of 256 past that
         * (they check their id against n, as under OpenCL, where the driver may pad too).
         */
        static Grid of(KernelEntry kernel, long items) {
            if (items < 1) {
                throw new IllegalArgumentException("a launch needs at least one item: " + items);
            }
            int threads = kernel.geometry() == Kernel.Geometry.GROUPS_OF_256 ? Kernel.GROUP
                    : (int) Math.min(items, Kernel.GROUP);
            long blocks = (items + threads - 1) / threads;
            if (blocks > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(kernel.entry() + " over " + items + " items needs " + blocks
                        + " blocks; CUDA allows " + Integer.MAX_VALUE);
            }
            return new Grid((int) blocks, threads);
        }
    }

    private final CudaDriver driver;
    private final CudaDevice device;
    private final java.util.function.Supplier<Nvrtc.Load> nvrtc;
    private final Arena arena = Arena.ofShared();
    private final KernelParams params = new KernelParams(arena);
    private final MemorySegment context;
    private final MemorySegment module;
    private final String origin;
    private final MemorySegment[] functions = new MemorySegment[KernelEntry.all().size()];
    private final Set<Long> live = new LinkedHashSet<>();
    private Thread current;
    private boolean closed;

    public CudaContext(CudaDevice device) {
        this(device, Nvrtc::system);
    }

    /** A context whose NVRTC, if the packaged PTX will not do, comes from {@code nvrtc} (a test's stand-in). */
    CudaContext(CudaDevice device, java.util.function.Supplier<Nvrtc.Load> nvrtc) {
        this.nvrtc = nvrtc;
        this.device = device;
        this.driver = device.driver();
        try {
            this.context = driver.retainPrimaryContext(device.handle());
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
        MemorySegment loaded = null;
        try {
            bind();
            Loaded l = loadProgram();
            loaded = l.module();
            this.origin = l.origin();
            for (KernelEntry k : KernelEntry.all()) {
                MemorySegment f = driver.function(loaded, k.entry());
                int most = driver.functionAttribute(CudaDriver.FUNCTION_MAX_THREADS_PER_BLOCK, f);
                if (k.geometry() == Kernel.Geometry.GROUPS_OF_256 && most < Kernel.GROUP) {
                    throw new IllegalStateException(k.entry() + " runs at most " + most + " threads per block on "
                            + device.name() + "; vaesim's kernels need " + Kernel.GROUP);
                }
                functions[k.slot()] = f;
            }
            this.module = loaded;
        } catch (RuntimeException | Error e) {
            if (loaded != null) {
                driver.unloadModule(loaded);
            }
            driver.releasePrimaryContext(device.handle());
            arena.close();
            throw e;
        }
    }

    private record Loaded(MemorySegment module, String origin) {
    }

    /** The first PTX the driver accepts, in the order the class comment gives. */
    private Loaded loadProgram() {
        String choice = System.getProperty("vaesim.cuda.ptx", "").trim();
        List<String> refused = new ArrayList<>();
        if (choice.isEmpty() || choice.equals("packaged")) {
            String ptx = Ptx.packaged();
            if (ptx == null) {
                refused.add("the jar carries no PTX (built without nvcc)");
            } else {
                Loaded l = tryLoad(ptx, "PTX " + Ptx.version(ptx) + " for " + Nvcc.ARCH + " from the build's nvcc",
                        refused);
                if (l != null) {
                    return l;
                }
            }
        }
        if (choice.isEmpty() || choice.equals("nvrtc")) {
            Nvrtc.Load load = nvrtc.get();
            if (!load.loaded()) {
                refused.add(load.reason());
            } else {
                try {
                    List<String> options = Nvrtc.options(device.capability(), load.nvrtc().supportedArchitectures());
                    String ptx = load.nvrtc().compile(KernelSources.program(), "vaesim.cu", options);
                    Loaded l = tryLoad(ptx, "PTX " + Ptx.version(ptx) + " from " + load.nvrtc() + " " + options,
                            refused);
                    if (l != null) {
                        return l;
                    }
                } catch (CudaException | IllegalArgumentException e) {
                    refused.add("NVRTC: " + e.getMessage());
                }
            }
        }
        if (choice.isEmpty() || choice.equals("nvcc")) {
            Optional<Path> nvcc = Nvcc.find();
            if (nvcc.isEmpty()) {
                refused.add("no nvcc here");
            } else {
                try {
                    String ptx = Nvcc.compile(nvcc.get(), KernelSources.program());
                    Loaded l = tryLoad(ptx, "PTX " + Ptx.version(ptx) + " from " + nvcc.get() + " "
                            + String.join(" ", Nvcc.FLAGS), refused);
                    if (l != null) {
                        return l;
                    }
                } catch (java.io.IOException e) {
                    refused.add("nvcc: " + e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    refused.add("nvcc: interrupted");
                }
            }
        }
        if (!choice.isEmpty() && !List.of("packaged", "nvrtc", "nvcc").contains(choice)) {
            Path file = Path.of(choice);
            try {
                Loaded l = tryLoad(Files.readString(file, StandardCharsets.UTF_8), "PTX from " + file, refused);
                if (l != null) {
                    return l;
                }
            } catch (java.io.IOException e) {
                refused.add("-Dvaesim.cuda.ptx=" + choice + ": " + e);
            }
        }
        throw new IllegalStateException("no PTX of vaesim's kernels that the CUDA driver accepts on " + device + ": "
                + String.join("; ", refused));
    }

    /**
     * Loads {@code ptx} as the module, or notes in {@code refused} why not and returns null; errors that are not
     * about the PTX (out of memory, a lost device) are thrown.
     */
    private Loaded tryLoad(String ptx, String origin, List<String> refused) {
        List<String> missing = new ArrayList<>();
        var entries = Ptx.entries(ptx);
        for (KernelEntry k : KernelEntry.all()) {
            if (!entries.containsKey(k.entry())) {
                missing.add(k.entry());
            }
        }
        if (!missing.isEmpty()) {
            refused.add(origin + " lacks kernels " + missing);
            return null;
        }
        List<String> contractible = Ptx.contractible(ptx);
        if (!contractible.isEmpty()) {
            refused.add(origin + " has floating-point operations the JIT may contract into FMAs " + contractible
                    + " (compile with -fmad=false)");
            return null;
        }
        try {
            return new Loaded(driver.loadModule(ptx.getBytes(StandardCharsets.UTF_8)), origin);
        } catch (CudaException e) {
            switch (e.code()) {
                case CudaDriver.CUDA_ERROR_INVALID_PTX, CudaDriver.CUDA_ERROR_UNSUPPORTED_PTX_VERSION,
                     CudaDriver.CUDA_ERROR_NO_BINARY_FOR_GPU, CudaDriver.CUDA_ERROR_JIT_COMPILER_NOT_FOUND -> {
                    refused.add(origin + ": " + e.getMessage());
                    return null;
                }
                default -> throw e;
            }
        }
    }

    /** Makes the context current on the calling thread (a thread-local setting of the driver). */
    private void bind() {
        Thread t = Thread.currentThread();
        if (t != current) {
            driver.setCurrent(context);
            current = t;
        }
    }

    /** Where the module's PTX came from, in words. */
    public String origin() {
        return origin;
    }

    @Override
    public String describe() {
        return device + "; " + origin;
    }

    private static CuBuffer cu(Buffer b) {
        return (CuBuffer) b;
    }

    @Override
    public Buffer alloc(Buffer.Type type, long length) {
        bind();
        long bytes = length * type.bytes;
        long pointer = driver.alloc(bytes);
        live.add(pointer);
        driver.memset(pointer, (byte) 0, bytes);
        return new CuBuffer(pointer, type, length);
    }

    @Override
    public void write(Buffer to, int[] from) {
        bind();
        driver.copyToDevice(cu(to).pointer(), MemorySegment.ofArray(from), (long) from.length * Integer.BYTES);
    }

    @Override
    public void write(Buffer to, long[] from) {
        bind();
        driver.copyToDevice(cu(to).pointer(), MemorySegment.ofArray(from), (long) from.length * Long.BYTES);
    }

    @Override
    public void write(Buffer to, byte[] from) {
        bind();
        driver.copyToDevice(cu(to).pointer(), MemorySegment.ofArray(from), from.length);
    }

    @Override
    public void read(Buffer from, int[] into) {
        bind();
        driver.copyToHost(MemorySegment.ofArray(into), cu(from).pointer(), (long) into.length * Integer.BYTES);
    }

    @Override
    public void read(Buffer from, long[] into) {
        bind();
        driver.copyToHost(MemorySegment.ofArray(into), cu(from).pointer(), (long) into.length * Long.BYTES);
    }

    @Override
    public void read(Buffer from, byte[] into) {
        bind();
        driver.copyToHost(MemorySegment.ofArray(into), cu(from).pointer(), into.length);
    }

    @Override
    public void zero(Buffer buffer, long elements) {
        bind();
        driver.memset(cu(buffer).pointer(), (byte) 0, elements * buffer.type().bytes);
    }

    @Override
    public void copy(Buffer from, Buffer to) {
        bind();
        driver.copyOnDevice(cu(to).pointer(), cu(from).pointer(), from.bytes());
    }

    @Override
    public void release(Buffer buffer) {
        bind();
        if (live.remove(cu(buffer).pointer())) {
            driver.free(cu(buffer).pointer());
        }
    }

    @Override
    public void launch(KernelEntry kernel, long items, Object... args) {
        bind();
        Grid grid = Grid.of(kernel, items);
        driver.launch(functions[kernel.slot()], grid.blocks(), grid.threads(), params.pack(args), kernel.entry());
        if (CHECKS) {
            driver.synchronize("kernel " + kernel.entry() + " over " + items + " items");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            bind();
            driver.synchronize(null);
            for (long pointer : live) {
                driver.free(pointer);
            }
            live.clear();
            driver.unloadModule(module);
        } finally {
            driver.releasePrimaryContext(device.handle());
            arena.close();
        }
    }
}
