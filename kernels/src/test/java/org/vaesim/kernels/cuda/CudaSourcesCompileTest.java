package org.vaesim.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vaesim.kernels.device.Kernel;
import org.vaesim.kernels.device.KernelSources;

/**
 * The kernels' C sources are meant to compile for CUDA through vaesim.h's CUDA spellings too. Where nvcc is
 * installed, they must compile to PTX with FMA contraction off and export every kernel the OpenCL backend
 * launches. (Running them needs a GPU: that is the CUDA backend's own test, still to come.)
 */
class CudaSourcesCompileTest {
    @Test
    void everyKernelCompilesToPtxWithNvcc(@TempDir Path tmp) throws Exception {
        assumeTrue(onPath("nvcc"), "nvcc is not installed here");
        Path source = tmp.resolve("vaesim.cu");
        Files.writeString(source, KernelSources.program(), StandardCharsets.UTF_8);
        Path ptx = tmp.resolve("vaesim.ptx");
        Process p = new ProcessBuilder("nvcc", "-ptx", "-fmad=false", "-arch=compute_80", source.toString(),
                "-o", ptx.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "nvcc finished");
        assertEquals(0, p.exitValue(), log);
        String text = Files.readString(ptx);
        for (Kernel kernel : Kernel.values()) {
            assertTrue(text.contains(".entry " + kernel.entry() + "("), kernel.entry() + " is exported");
        }
    }

    private static boolean onPath(String tool) throws IOException {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
