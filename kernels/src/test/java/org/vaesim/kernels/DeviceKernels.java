package org.vaesim.kernels;

import java.util.ArrayList;
import java.util.List;

import org.vaesim.kernels.device.Buffer;
import org.vaesim.kernels.device.Device;
import org.vaesim.kernels.device.Kernel;
import org.vaesim.kernels.device.KernelEntry;
import org.vaesim.kernels.device.KernelSignatures;

/**
 * Runs one C kernel on a device (OpenCL or CUDA) over plain Java arrays, for the kernel contract tests: every array
 * argument is copied to the device, the kernel runs, and every array is copied back in place, so a test can call a
 * kernel's Java twin and its C source with the same arguments and compare. The arguments are checked against the C
 * signature first, as the device backends do under the debug switch.
 */
public final class DeviceKernels implements AutoCloseable {
    private final String backend;
    private final Device device;

    public DeviceKernels(String backend, Device device) {
        this.backend = backend;
        this.device = device;
    }

    public String backend() {
        return backend;
    }

    /** The device itself, for a test that drives launches through the backends' own code. */
    public Device device() {
        return device;
    }

    /**
     * Runs {@code name} over {@code items} work-items: {@code grouped} says the test expects groups of 256 (the agent
     * kernels), which must be the kernel's own geometry. Arguments: Integer, Long, Double, byte[], int[] or long[].
     */
    public void run(String name, long items, boolean grouped, Object... args) {
        KernelEntry kernel = KernelEntry.of(name);
        if (grouped != (kernel.geometry() == Kernel.Geometry.GROUPS_OF_256)) {
            throw new IllegalArgumentException(name + " is launched " + kernel.geometry() + ", not as the test says");
        }
        Object[] onDevice = new Object[args.length];
        List<Buffer> made = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                onDevice[i] = switch (args[i]) {
                    case int[] a -> made(made, Buffer.Type.INT, a.length, b -> device.write(b, a));
                    case long[] a -> made(made, Buffer.Type.LONG, a.length, b -> device.write(b, a));
                    case byte[] a -> made(made, Buffer.Type.BYTE, a.length, b -> device.write(b, a));
                    default -> args[i];
                };
            }
            KernelSignatures.program().check(kernel, onDevice);
            if (items > 0) {
                device.launch(kernel, items, onDevice);
            }
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case int[] a when a.length > 0 -> device.read((Buffer) onDevice[i], a);
                    case long[] a when a.length > 0 -> device.read((Buffer) onDevice[i], a);
                    case byte[] a when a.length > 0 -> device.read((Buffer) onDevice[i], a);
                    default -> { }
                }
            }
        } finally {
            for (Buffer b : made) {
                device.release(b);
            }
        }
    }

    private Buffer made(List<Buffer> made, Buffer.Type type, int length, java.util.function.Consumer<Buffer> fill) {
        Buffer b = device.alloc(type, Math.max(1, length));
        made.add(b);
        if (length > 0) {
            fill.accept(b);
        }
        return b;
    }

    @Override
    public void close() {
        device.close();
    }
}
