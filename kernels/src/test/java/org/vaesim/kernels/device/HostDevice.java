package org.vaesim.kernels.device;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Device} in host memory that runs no kernel: buffers are Java arrays, copies copy them, and each launch
 * is checked against its C signature and counted. It lets a test drive {@link DeviceBackend}'s whole launch
 * sequence on any machine; the data that comes back is whatever the buffers held (zeros, mostly).
 */
final class HostDevice implements Device {
    record HostBuffer(Type type, long length, Object array) implements Buffer {
    }

    final Map<KernelEntry, Integer> launches = new HashMap<>();
    final List<Long> items = new ArrayList<>();
    int allocations;
    int failAtAllocation = -1;
    boolean closed;

    @Override
    public String describe() {
        return "host memory, no kernels";
    }

    @Override
    public Buffer alloc(Buffer.Type type, long length) {
        if (++allocations == failAtAllocation) {
            throw new IllegalStateException("out of device memory (made up)");
        }
        Object array = switch (type) {
            case BYTE -> new byte[Math.toIntExact(length)];
            case INT -> new int[Math.toIntExact(length)];
            case LONG -> new long[Math.toIntExact(length)];
        };
        return new HostBuffer(type, length, array);
    }

    private static Object array(Buffer b) {
        return ((HostBuffer) b).array();
    }

    @Override
    public void write(Buffer to, int[] from) {
        System.arraycopy(from, 0, array(to), 0, from.length);
    }

    @Override
    public void write(Buffer to, long[] from) {
        System.arraycopy(from, 0, array(to), 0, from.length);
    }

    @Override
    public void write(Buffer to, byte[] from) {
        System.arraycopy(from, 0, array(to), 0, from.length);
    }

    @Override
    public void read(Buffer from, int[] into) {
        System.arraycopy(array(from), 0, into, 0, into.length);
    }

    @Override
    public void read(Buffer from, long[] into) {
        System.arraycopy(array(from), 0, into, 0, into.length);
    }

    @Override
    public void read(Buffer from, byte[] into) {
        System.arraycopy(array(from), 0, into, 0, into.length);
    }

    @Override
    public void zero(Buffer buffer, long elements) {
        switch (array(buffer)) {
            case byte[] a -> Arrays.fill(a, 0, (int) elements, (byte) 0);
            case int[] a -> Arrays.fill(a, 0, (int) elements, 0);
            case long[] a -> Arrays.fill(a, 0, (int) elements, 0L);
            default -> throw new IllegalStateException();
        }
    }

    @Override
    public void copy(Buffer from, Buffer to) {
        System.arraycopy(array(from), 0, array(to), 0, (int) from.length());
    }

    @Override
    public void release(Buffer buffer) {
    }

    @Override
    public void launch(KernelEntry kernel, long n, Object... args) {
        KernelSignatures.program().check(kernel, args);
        for (Object a : args) {
            if (a instanceof HostBuffer b && b.array() == null) {
                throw new IllegalStateException("a buffer of another device");
            }
        }
        launches.merge(kernel, 1, Integer::sum);
        items.add(n);
    }

    @Override
    public void close() {
        closed = true;
    }
}
