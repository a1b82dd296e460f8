package org.vaesim.kernels.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
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
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaesim.kernels.Require;
import org.vaesim.kernels.device.Buffer;
import org.vaesim.kernels.device.EveryStage;
import org.vaesim.kernels.device.Kernel;
import org.vaesim.kernels.device.KernelEntry;
import org.vaesim.kernels.memory.Layout;
import org.vaesim.models.scenario.Scenario;

/**
 * The cuda backend's whole path through java.lang.foreign, on a machine without a GPU: a stand-in libcuda
 * (src/test/resources/.../cuda_stub.c, compiled here with gcc against the toolkit's own cuda.h, so its functions
 * have NVIDIA's exact prototypes) keeps device memory in host memory and records launches instead of running them.
 * What this checks: the downcall signatures and symbol names, the device search and its reasons, memory round
 * trips, the launch grid and every argument as the PTX declares it, the PTX fallback, and a CudaBackend driving
 * every stage. A stand-in libnvrtc (nvrtc_stub.c) does the same for the NVRTC binding and the fallback to it.
 * What it cannot: the kernels' results, which need a GPU (TwinParityTest and BackendParityTest on cuda).
 * Skipped where gcc or cuda.h is missing, failed instead with VAESIM_REQUIRE_CUDA_TOOLKIT=1 (.ci/run sets it where it
 * finds a CUDA toolkit).
 */
class CudaStubDriverTest {
    private static Path library;
    private static CudaDriver.Load load;
    private static SymbolLookup hooks;
    private static Nvrtc.Load nvrtc;
    private static SymbolLookup nvrtcHooks;

    @BeforeAll
    static void compileTheStub(@TempDir Path tmp) throws Exception {
        Path header = Require.cudaHeader();
        library = compile(tmp, "cuda_stub.c", "libcuda_stub.so", "-I" + header.getParent());
        load = CudaDriver.load(library);
        assertTrue(load.loaded(), load.reason());
        hooks = SymbolLookup.libraryLookup(library, Arena.global());
        Path nvrtcLibrary = compile(tmp, "nvrtc_stub.c", "libnvrtc_stub.so");
        nvrtc = Nvrtc.load(nvrtcLibrary);
        assertTrue(nvrtc.loaded(), nvrtc.reason());
        nvrtcHooks = SymbolLookup.libraryLookup(nvrtcLibrary, Arena.global());
    }

    /** The C source {@code resource} compiled by gcc into the shared library {@code name} in {@code dir}. */
    private static Path compile(Path dir, String resource, String name, String... flags) throws Exception {
        Path source = dir.resolve(resource);
        try (InputStream in = CudaStubDriverTest.class.getResourceAsStream(resource)) {
            Files.write(source, in.readAllBytes());
        }
        Path out = dir.resolve(name);
        List<String> command = new ArrayList<>(List.of("gcc", "-Wall", "-Werror", "-shared", "-fPIC", "-O1"));
        command.addAll(List.of(flags));
        command.addAll(List.of(source.toString(), "-o", out.toString()));
        Process gcc;
        try {
            gcc = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException noGcc) {
            Require.missing(Require.CUDA_TOOLKIT, "no gcc here to build the stand-in CUDA driver: "
                    + noGcc.getMessage());
            return null;
        }
        String log = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(gcc.waitFor(2, TimeUnit.MINUTES));
        assertEquals(0, gcc.exitValue(), log);
        return out;
    }

    private static MethodHandle hook(String name, FunctionDescriptor descriptor) {
        return Linker.nativeLinker().downcallHandle(hooks.find(name).orElseThrow(), descriptor);
    }

    private static int intHook(String name) throws Throwable {
        return (int) hook(name, FunctionDescriptor.of(JAVA_INT)).invokeExact();
    }

    private static long longHook(String name) throws Throwable {
        return (long) hook(name, FunctionDescriptor.of(JAVA_LONG)).invokeExact();
    }

    private static void setHook(String name, int value) throws Throwable {
        hook(name, FunctionDescriptor.ofVoid(JAVA_INT)).invokeExact(value);
    }

    private static long launches(String kernel) throws Throwable {
        try (Arena a = Arena.ofConfined()) {
            return (long) hook("stub_launches", FunctionDescriptor.of(JAVA_LONG, ADDRESS))
                    .invokeExact(a.allocateFrom(kernel));
        }
    }

    /** The last launch: name, then grid.x, block.x, the other dimensions' product, shared bytes, stream-or-extra. */
    private record Launch(String name, int[] geometry, long[] values, int[] sizes) {
    }

    private static Launch lastLaunch() throws Throwable {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment name = a.allocate(128);
            MemorySegment geometry = a.allocate(JAVA_INT, 5);
            MemorySegment values = a.allocate(JAVA_LONG, 64);
            MemorySegment sizes = a.allocate(JAVA_INT, 64);
            int n = (int) hook("stub_last_launch", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS,
                    ADDRESS)).invokeExact(name, geometry, values, sizes);
            return new Launch(name.getString(0), geometry.toArray(JAVA_INT),
                    values.asSlice(0, 8L * n).toArray(JAVA_LONG), sizes.asSlice(0, 4L * n).toArray(JAVA_INT));
        }
    }

    private static CudaDevice device() {
        CudaDevice.Search s = CudaDevice.find(load);
        assertTrue(s.found(), s.reason());
        return s.device();
    }

    @AfterEach
    void everythingWasGivenBack() throws Throwable {
        setHook("stub_set_init", 0);
        setHook("stub_refuse_modules", 0);
        assertEquals(0, intHook("stub_retained"), "every primary-context retain was released");
        assertEquals(0, longHook("stub_live"), "every allocation was freed");
    }

    @Test
    void findsTheDeviceAndDescribesIt() {
        CudaDevice d = device();
        assertEquals(0, d.ordinal());
        assertEquals(90, d.capability());
        assertEquals("vaesim stub GPU (CUDA 13.0 driver, compute capability 9.0, 132 SMs, 80.0 GiB)", d.toString());
    }

    /** cuda:N's device by its ordinal: the stand-in driver has one GPU, so 0 is found and 1 is refused saying why. */
    @Test
    void findsADeviceByItsOrdinalOrSaysHowManyThereAre() {
        CudaDevice.Search first = CudaDevice.find(load, 0);
        assertTrue(first.found(), first.reason());
        assertEquals(0, first.device().ordinal());
        assertEquals("no CUDA device 1: the driver sees 1 device(s), numbered from 0",
                CudaDevice.find(load, 1).reason());
    }

    @Test
    void saysWhyWhenTheDriverHasNoDeviceOrIsTheToolkitsStub() throws Throwable {
        setHook("stub_set_init", CudaDriver.CUDA_ERROR_STUB_LIBRARY);
        assertEquals("libcuda.so.1 is the CUDA toolkit's stub library, not an NVIDIA driver",
                CudaDevice.find(load).reason());
        setHook("stub_set_init", CudaDriver.CUDA_ERROR_NO_DEVICE);
        assertEquals("no CUDA device (the NVIDIA driver sees none)", CudaDevice.find(load).reason());
        setHook("stub_set_init", 999);
        assertEquals("cuInit failed: CUDA error 999 ()", CudaDevice.find(load).reason());
    }

    @Test
    void buffersRoundTripAndStartAtZero() throws Throwable {
        try (CudaContext c = new CudaContext(device())) {
            if (Ptx.packaged() != null) {
                assertTrue(c.origin().startsWith("PTX 9.0 for compute_75 from the build's nvcc"), c.origin());
            }
            Buffer ints = c.alloc(Buffer.Type.INT, 5);
            int[] back = {9, 9, 9, 9, 9};
            c.read(ints, back);
            assertArrayEquals(new int[5], back, "allocations are zeroed (the stub fills them with 0xAB)");
            c.write(ints, new int[] {1, -2, 3, Integer.MIN_VALUE, Integer.MAX_VALUE});
            c.zero(ints, 2);
            c.read(ints, back);
            assertArrayEquals(new int[] {0, 0, 3, Integer.MIN_VALUE, Integer.MAX_VALUE}, back);
            Buffer longs = c.alloc(Buffer.Type.LONG, 3);
            Buffer copy = c.alloc(Buffer.Type.LONG, 4);
            c.write(longs, new long[] {Long.MIN_VALUE, 1L << 40, -1});
            c.copy(longs, copy);
            long[] l = new long[4];
            c.read(copy, l);
            assertArrayEquals(new long[] {Long.MIN_VALUE, 1L << 40, -1, 0}, l);
            Buffer bytes = c.alloc(Buffer.Type.BYTE, 3);
            c.write(bytes, new byte[] {(byte) 0xFF, 7});
            byte[] b = new byte[3];
            c.read(bytes, b);
            assertArrayEquals(new byte[] {(byte) 0xFF, 7, 0}, b);
            c.release(copy);
            assertEquals(3, longHook("stub_live"));
        }
    }

    @Test
    void aLaunchPassesItsGridAndEveryArgumentAsThePtxDeclaresIt() throws Throwable {
        try (CudaContext c = new CudaContext(device())) {
            Buffer ints = c.alloc(Buffer.Type.INT, 300);
            Buffer longs = c.alloc(Buffer.Type.LONG, 10);
            long syncs = longHook("stub_synchronizations");
            // book(from, to, base, bid_tick, bid_qty, ask_tick, ask_qty, bids, asks) over 300 agents
            c.launch(Kernel.BOOK, 300, 1, 301, -7, ints, ints, ints, ints, longs, longs);
            Launch l = lastLaunch();
            assertEquals("book", l.name());
            assertArrayEquals(new int[] {2, 256, 1, 0, 0}, l.geometry(), "2 blocks of 256, 1-D, no shared, stream 0");
            long ip = ((CudaContext.CuBuffer) ints).pointer();
            long lp = ((CudaContext.CuBuffer) longs).pointer();
            assertArrayEquals(new long[] {1, 301, -7, ip, ip, ip, ip, lp, lp}, l.values());
            assertArrayEquals(new int[] {4, 4, 4, 8, 8, 8, 8, 8, 8}, l.sizes());
            assertEquals(syncs + 1, longHook("stub_synchronizations"), "checks on: a sync after each launch");
            // exchange takes doubles and unsigned keys between the pointers
            c.launch(Kernel.EXCHANGE, 3, 0, 3, 10, 6, 2, 1, 0.25, 1, 0.5, longs, ints, 0xDEADBEEF, 5, 9);
            l = lastLaunch();
            assertEquals(Double.doubleToRawLongBits(0.25), l.values()[6]);
            assertEquals(Double.doubleToRawLongBits(0.5), l.values()[8]);
            assertEquals(0xDEADBEEF, (int) l.values()[11], "a vs_uint key passes its 32 bits");
            c.launch(Kernel.CLEAR, 4, 4, 10, ints, ints, ints, ints, ints, longs, longs, longs, ints, longs, ints,
                    longs, longs, ints, longs, longs, ints, ints, ints);
            assertArrayEquals(new int[] {1, 4, 1, 0, 0}, lastLaunch().geometry(), "one block of 4 threads");
        }
    }

    @Test
    void aPtxTheDriverRefusesIsReportedWithEveryAttempt() throws Throwable {
        setHook("stub_refuse_modules", 100);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new CudaContext(device()));
        String m = e.getMessage();
        assertTrue(m.startsWith("no PTX of vaesim's kernels that the CUDA driver accepts on vaesim stub GPU"), m);
        if (Ptx.packaged() != null) {
            assertTrue(m.contains("CUDA_ERROR_UNSUPPORTED_PTX_VERSION"), m);
            assertTrue(m.contains("[stub JIT says no]"), "the JIT's log is in the message: " + m);
        }
        assertTrue(m.contains("libnvrtc") || m.contains("NVRTC"), "NVRTC was tried: " + m);
        assertTrue(m.contains("nvcc"), "nvcc was tried: " + m);
    }

    @Test
    void nvrtcCompilesTheProgramWithTheOptionsGivenAndReturnsItsPtx() throws Throwable {
        Nvrtc n = nvrtc.nvrtc();
        assertEquals("13.0", n.version());
        assertArrayEquals(new int[] {75, 80, 89, 90}, n.supportedArchitectures());
        List<String> options = Nvrtc.options(90, n.supportedArchitectures());
        String ptx = n.compile(org.vaesim.kernels.device.KernelSources.program(), "vaesim.cu", options);
        assertEquals("--gpu-architecture=compute_90 --fmad=false", lastNvrtcOptions());
        assertEquals("sm_90", Ptx.target(ptx));
        for (KernelEntry k : KernelEntry.all()) {
            assertTrue(Ptx.entries(ptx).containsKey(k.entry()), k.entry());
        }
        assertEquals(List.of(), Ptx.contractible(ptx));
        assertFalse(Ptx.contractible(n.compile("VS_KERNEL void f(vs_int a) { }", "f.cu",
                List.of("--gpu-architecture=compute_75"))).isEmpty(), "without --fmad=false the stub fuses");
    }

    @Test
    void anNvrtcErrorCarriesTheCompilersLog() {
        CudaException e = assertThrows(CudaException.class,
                () -> nvrtc.nvrtc().compile("#error no\n", "bad.cu", List.of("--fmad=false")));
        assertTrue(e.getMessage().contains("stub says no") && e.getMessage().contains("NVRTC_ERROR_COMPILATION"),
                e.getMessage());
        assertEquals(6, e.code());
    }

    /** A driver older than the build's nvcc refuses the packaged PTX: NVRTC compiles the sources for the device. */
    @Test
    void aRefusedPackagedPtxFallsBackToNvrtcForTheDevicesArchitecture() throws Throwable {
        if (Ptx.packaged() == null) {
            Require.missing(Require.CUDA_TOOLKIT, "no packaged PTX (no nvcc at build time)");
        }
        setHook("stub_refuse_modules", 1);
        try (CudaContext c = new CudaContext(device(), () -> nvrtc)) {
            assertTrue(c.origin().startsWith("PTX 9.0 from NVRTC 13.0 ("), c.origin());
            assertTrue(c.origin().endsWith("[--gpu-architecture=compute_90, --fmad=false]"), c.origin());
            assertTrue(c.describe().startsWith("vaesim stub GPU (CUDA 13.0 driver"), c.describe());
        }
    }

    private static String lastNvrtcOptions() throws Throwable {
        MemorySegment s = (MemorySegment) Linker.nativeLinker().downcallHandle(
                nvrtcHooks.find("stub_last_options").orElseThrow(), FunctionDescriptor.of(ADDRESS)).invokeExact();
        return s.reinterpret(4096).getString(0);
    }

    @Test
    void aCudaBackendDrivesEveryStageThroughTheDriverApi() throws Throwable {
        Scenario s = EveryStage.everything();
        Layout layout = new Layout(s);
        try (CudaBackend b = new CudaBackend(s, layout, layout.initialPopulation(s.seed()), device())) {
            assertEquals("cuda", b.name());
            assertTrue(b.device().startsWith("vaesim stub GPU (CUDA 13.0 driver"), b.device());
            EveryStage.drive(b, s, layout);
            for (KernelEntry k : KernelEntry.builtIn()) {
                assertTrue(launches(k.entry()) > 0, k.entry() + " was launched through cuLaunchKernel");
            }
            assertFalse(b.population().cash.length == 0);
        }
    }
}
