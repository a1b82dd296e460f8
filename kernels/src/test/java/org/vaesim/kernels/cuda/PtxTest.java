package org.vaesim.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.vaesim.kernels.Require;
import org.vaesim.kernels.device.KernelEntry;
import org.vaesim.kernels.device.KernelSignatures;
import org.vaesim.kernels.device.KernelSources;

/**
 * The PTX the build packages (nvcc at build time; see kernels/pom.xml): where the build machine has nvcc it must be
 * in the jar, have an entry for every kernel the device backends launch ({@link KernelEntry#builtIn()}) with the
 * parameter sizes of the C signature, and no floating-point operation the driver's JIT could contract into an FMA.
 * Running it needs a GPU and the cuda backend.
 */
class PtxTest {
    /**
     * The packaged PTX; skipped where the build had no nvcc (then the jar has none, as intended), failed instead
     * with VAESIM_REQUIRE_CUDA_TOOLKIT=1.
     */
    private static String packaged() {
        String ptx = Ptx.packaged();
        if (ptx == null) {
            Path nvcc = Require.nvcc();
            fail("nvcc is here (" + nvcc + "), so the build must package PTX at " + Ptx.RESOURCE);
        }
        return ptx;
    }

    @Test
    void packagedPtxHasAnEntryForEveryKernelTheBackendsLaunch() {
        Map<String, List<Integer>> entries = Ptx.entries(packaged());
        List<String> missing = new ArrayList<>();
        for (KernelEntry k : KernelEntry.builtIn()) {
            if (!entries.containsKey(k.entry())) {
                missing.add(k.entry());
            }
        }
        assertEquals(List.of(), missing, "kernels missing from the PTX");
        assertEquals(new TreeSet<>(KernelEntry.builtIn().stream().map(KernelEntry::entry).toList()),
                new TreeSet<>(entries.keySet()), "the PTX exports exactly the built-in C program's kernels");
    }

    @Test
    void everyPtxEntryTakesTheParametersOfItsCSignature() {
        Map<String, List<Integer>> entries = Ptx.entries(packaged());
        for (KernelEntry k : KernelEntry.builtIn()) {
            List<Integer> c = KernelSignatures.program().of(k).stream().map(p -> p.kind().bytes).toList();
            assertEquals(c, entries.get(k.entry()), k.entry() + ": parameter sizes in C and in the PTX");
        }
    }

    @Test
    void packagedPtxLeavesTheJitNoFloatingPointToContract() {
        String ptx = packaged();
        assertEquals(List.of(), Ptx.contractible(ptx));
        assertTrue(ptx.contains("mul.rn.f64"), "the decisions' double multiplies are there, rounded explicitly");
        assertEquals("sm_75", Ptx.target(ptx), "PTX for " + Nvcc.ARCH + ": every GPU CUDA 13 supports JITs it");
    }

    /** Without -fmad=false nvcc fuses: the check above would catch a build that lost the flag. */
    @Test
    void nvccWithoutFmadFalseEmitsFmasTheCheckRefuses() throws Exception {
        String fused = Nvcc.compile(Require.nvcc(), KernelSources.program(), List.of("-ptx", "-arch=" + Nvcc.ARCH));
        assertFalse(Ptx.contractible(fused).isEmpty(), "default nvcc flags allow FMA contraction");
    }

    @Test
    void readsEntriesAndParameterSizesOffPtx() {
        String ptx = """
            .version 9.0
            .target sm_75
            .address_size 64
            .visible .entry book(
            \t.param .u32 book_param_0,
            \t.param .u64 .ptr .global .align 8 book_param_1,
            \t.param .f64 book_param_2,
            \t.param .u8 book_param_3
            )
            {
            \tret;
            }
            .visible .entry none()
            {
            \tret;
            }
            """;
        assertEquals(Map.of("book", List.of(4, 8, 8, 1), "none", List.of()), Ptx.entries(ptx));
        assertEquals("9.0", Ptx.version(ptx));
        assertEquals("sm_75", Ptx.target(ptx));
    }

    @Test
    void flagsFmasAndFloatArithmeticWithoutARoundingMode() {
        String ptx = """
            \tmul.rn.f64 %fd3, %fd1, %fd2;
            \tadd.rn.ftz.f32 %f1, %f2, %f3;
            \tdiv.rn.f64 %fd4, %fd3, %fd2;
            \tmul.lo.s32 %r1, %r2, %r3;
            \tmad.lo.s64 %rd1, %rd2, %rd3, %rd4;
            \tfma.rn.f64 %fd5, %fd1, %fd2, %fd3;
            \tadd.f64 %fd6, %fd1, %fd2;
            \tsub.ftz.f32 %f4, %f1, %f2;
            \tmad.rn.f32 %f5, %f1, %f2, %f3;
            """;
        assertEquals(List.of("fma.rn.f64", "add.f64", "sub.ftz.f32", "mad.rn.f32"), Ptx.contractible(ptx));
    }
}
