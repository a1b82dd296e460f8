package org.vaesim.kernels.device;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.vaesim.kernels.decide.DecideFamilies;

/**
 * The kernels' C sources (kernels/src/main/c, packaged in the jar) as one program text: what the OpenCL driver
 * builds, what nvcc compiles to the packaged PTX at build time ({@code cuda.Nvcc}) and what NVRTC compiles at run
 * time when there is no usable PTX.
 */
public final class KernelSources {
    /**
     * The headers, first: the codes generated from Java ({@link CodesHeader}), the portable layer, and the
     * distributions any decide kernel may draw from (draws.cl, the twin of rng/Draws.java).
     */
    static final List<String> HEADERS = List.of(CodesHeader.FILE, "vaesim.h", "draws.cl");
    /** The mechanisms' sources, after the registered families' decide sources ({@link DecideFamilies#sources()}). */
    static final List<String> MECHANISMS = List.of("gate.cl", "principal_limit.cl", "book.cl", "clear.cl",
            "settle.cl", "update.cl", "exchange.cl", "inequality.cl", "auction.cl", "mission.cl", "gateway.cl",
            "capability.cl",
            "relationships.cl",
            "linkage.cl");

    private KernelSources() {
    }

    /** The file names of the program, in order: headers, the families' decide sources, the mechanisms'. */
    public static List<String> files() {
        List<String> files = new ArrayList<>(HEADERS);
        files.addAll(DecideFamilies.sources());
        files.addAll(MECHANISMS);
        return files;
    }

    public static String program() {
        StringBuilder source = new StringBuilder();
        for (String file : files()) {
            source.append(resource(file)).append('\n');
        }
        return source.toString();
    }

    private static String resource(String file) {
        try (InputStream in = KernelSources.class.getResourceAsStream("/org/vaesim/kernels/c/" + file)) {
            if (in == null) {
                throw new IllegalStateException("kernel source " + file + " is missing from the classpath (a family's"
                        + " decide source goes in org/vaesim/kernels/c/)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
