package org.vaesim.kernels.device;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The kernels' C sources (kernels/src/main/c, packaged in the jar) as one program text: what the OpenCL driver
 * builds, what nvcc compiles to the packaged PTX at build time ({@code cuda.Nvcc}) and what NVRTC compiles at run
 * time when there is no usable PTX.
 */
public final class KernelSources {
    /** The header first, then one source per kernel. */
    static final String[] FILES = {"vaesim.h", "draws.cl", "decide_zero_intelligence.cl", "decide_truthful.cl", "decide_fundamentalist.cl",
        "decide_chartist.cl", "decide_market_maker.cl", "decide_hft.cl", "decide_execution.cl",
        "decide_manipulator.cl", "decide_noise.cl", "decide_order_driven.cl",
        "decide_switching.cl", "gate.cl", "principal_limit.cl",
        "book.cl", "clear.cl", "settle.cl", "update.cl", "exchange.cl", "inequality.cl", "auction.cl",
        "mission.cl", "gateway.cl", "capability.cl"};

    private KernelSources() {
    }

    public static String program() {
        StringBuilder source = new StringBuilder();
        for (String file : FILES) {
            source.append(resource(file)).append('\n');
        }
        return source.toString();
    }

    private static String resource(String file) {
        try (InputStream in = KernelSources.class.getResourceAsStream("/org/vaesim/kernels/c/" + file)) {
            if (in == null) {
                throw new IllegalStateException("kernel source " + file + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
