package org.vaesim.kernels.device;

/**
 * The few operations {@link DeviceBackend} needs from a GPU API: typed buffers, copies in and out, zeroing, and
 * kernel launches. {@code opencl.OpenClContext} (JOCL) and {@code cuda.CudaContext} (the CUDA driver API through
 * java.lang.foreign) implement it; the epoch's sequence of launches lives once, in {@link DeviceBackend}.
 *
 * <p>Operations run in the order they are called (an in-order queue, CUDA's default stream); a {@code read}
 * returns once the data is on the host, so it also waits for every launch before it. Arrays shorter than their
 * buffer move their own length from offset 0; callers never pass empty arrays.
 */
public interface Device extends AutoCloseable {
    /** The device in words, e.g. {@code "NVIDIA H100 80GB HBM3 (CUDA 13.0 driver, ...)"}. */
    String describe();

    /** A buffer of {@code length} elements (at least 1), all zero. */
    Buffer alloc(Buffer.Type type, long length);

    void write(Buffer to, int[] from);

    void write(Buffer to, long[] from);

    void write(Buffer to, byte[] from);

    void read(Buffer from, int[] into);

    void read(Buffer from, long[] into);

    void read(Buffer from, byte[] into);

    /** Sets the first {@code elements} elements of {@code buffer} to zero. */
    void zero(Buffer buffer, long elements);

    /** Copies all of {@code from} into the start of {@code to}, on the device. */
    void copy(Buffer from, Buffer to);

    /** Frees {@code buffer} now rather than at {@link #close()}. */
    void release(Buffer buffer);

    /**
     * Runs {@code kernel} over {@code items} (at least 1) work-items, grouped as {@link KernelEntry#geometry()} says.
     * Arguments in the C signature's order: {@link Integer} ({@code vs_int}, {@code vs_uint}), {@link Long}
     * ({@code vs_long}), {@link Double} ({@code double}) or a {@link Buffer} of this device (a pointer).
     */
    void launch(KernelEntry kernel, long items, Object... args);

    /** Releases every buffer, the compiled program and the context. */
    @Override
    void close();
}
