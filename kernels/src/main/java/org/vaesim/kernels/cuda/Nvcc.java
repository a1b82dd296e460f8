package org.vaesim.kernels.cuda;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.vaesim.kernels.device.KernelSources;

/**
 * nvcc, CUDA's compiler, as the build uses it: the kernels' C program to PTX, FMA contraction off, for the
 * oldest GPUs CUDA 13 supports (compute capability 7.5; the driver JIT-compiles PTX for any newer GPU). The build
 * runs {@link #main} after compiling the classes (kernels/pom.xml), so the jar carries the PTX wherever the build
 * machine has nvcc; without nvcc the build goes on and the cuda backend compiles at run time instead.
 */
public final class Nvcc {
    /** The virtual architecture of the packaged PTX. */
    public static final String ARCH = "compute_75";
    public static final List<String> FLAGS = List.of("-ptx", "-fmad=false", "-arch=" + ARCH);

    private Nvcc() {
    }

    /**
     * nvcc from {@code $NVCC}, {@code $CUDA_HOME/bin}, the {@code PATH}, or {@code /usr/local/cuda/bin}, or empty when
     * there is none.
     */
    public static Optional<Path> find() {
        List<Path> candidates = new ArrayList<>();
        String explicit = System.getenv("NVCC");
        if (explicit != null && !explicit.isBlank()) {
            candidates.add(Path.of(explicit));
        }
        String home = System.getenv("CUDA_HOME");
        if (home != null && !home.isBlank()) {
            candidates.add(Path.of(home, "bin", "nvcc"));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, "nvcc"));
            }
        }
        candidates.add(Path.of("/usr/local/cuda/bin/nvcc"));
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    /** Compiles {@code program} with {@link #FLAGS} in a temporary folder; returns the PTX text. */
    public static String compile(Path nvcc, String program) throws IOException, InterruptedException {
        return compile(nvcc, program, FLAGS);
    }

    /** Compiles {@code program} with {@code flags} (which must ask for PTX); returns the PTX text. */
    static String compile(Path nvcc, String program, List<String> flags) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("vaesim-nvcc");
        try {
            Path source = dir.resolve("vaesim.cu");
            Path ptx = dir.resolve("vaesim.ptx");
            Files.writeString(source, program, StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>();
            command.add(nvcc.toString());
            command.addAll(flags);
            command.addAll(List.of(source.toString(), "-o", ptx.toString()));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException(nvcc + " did not finish in 5 minutes");
            }
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed (exit " + p.exitValue() + "):\n" + log);
            }
            return Files.readString(ptx, StandardCharsets.UTF_8);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /**
     * The build step: writes the PTX of the kernel program to {@code args[0]} when nvcc is here (and fails the
     * build if nvcc rejects the sources or the PTX would let the JIT contract floating point); otherwise says so
     * and leaves the jar without PTX.
     */
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Optional<Path> nvcc = find();
        if (nvcc.isEmpty()) {
            Files.deleteIfExists(out);
            System.out.println("vaesim: no nvcc here, so the jar carries no PTX; the cuda backend will compile the"
                    + " kernels with NVRTC (or nvcc) on the GPU machine at run time");
            return;
        }
        String ptx = compile(nvcc.get(), KernelSources.program());
        List<String> contractible = Ptx.contractible(ptx);
        if (!contractible.isEmpty()) {
            throw new IllegalStateException("nvcc's PTX has floating-point operations the JIT may contract: "
                    + contractible);
        }
        Files.createDirectories(out.getParent());
        Files.writeString(out, ptx, StandardCharsets.UTF_8);
        System.out.println("vaesim: PTX of " + Ptx.entries(ptx).size() + " kernels (" + String.join(" ", FLAGS)
                + ", ISA " + Ptx.version(ptx) + ") from " + nvcc.get() + " -> " + out);
    }
}
