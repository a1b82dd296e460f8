package org.vaesim.kernels;

import java.util.function.Function;

import org.vaesim.kernels.cpu.JavaBackend;
import org.vaesim.kernels.device.DeviceBackend;

/**
 * How a mechanism builds its backend half (docs/extending.md): on the java backend over the population and the
 * worker pool, on a device backend over its buffers and launches. {@link Backend#half} picks the one that fits, so
 * the backends offer primitives and never name a mechanism; the halves sit in the mechanism's own package, next to
 * its Java twin and its C source.
 *
 * @param <H> what the mechanism's host side calls (its own interface, implemented once per kind of backend)
 */
public interface Halves<H> {
    /** The half that runs the mechanism's Java twins on {@code backend}'s population and worker pool. */
    H java(JavaBackend backend);

    /** The half that runs the mechanism's C kernels on {@code backend}'s device. */
    H device(DeviceBackend backend);

    /** The halves that {@code java} and {@code device} build. */
    static <H> Halves<H> of(Function<JavaBackend, H> java, Function<DeviceBackend, H> device) {
        return new Halves<>() {
            @Override
            public H java(JavaBackend backend) {
                return java.apply(backend);
            }

            @Override
            public H device(DeviceBackend backend) {
                return device.apply(backend);
            }
        };
    }
}
