package org.vaesim.kernels.device;

/**
 * A typed array in a device's memory, made by {@link Device#alloc}. Each device has its own kind of buffer (an
 * OpenCL {@code cl_mem}, a CUDA device pointer); the type and length let {@link KernelSignatures} check that a
 * launch passes an {@code int} column where the C kernel reads {@code vs_int *}.
 */
public interface Buffer {
    /** Element type of a buffer, with its size in bytes. */
    enum Type {
        BYTE(1), INT(4), LONG(8);

        public final int bytes;

        Type(int bytes) {
            this.bytes = bytes;
        }
    }

    Type type();

    /** Elements (at least 1: a device cannot allocate nothing). */
    long length();

    default long bytes() {
        return length() * type().bytes;
    }
}
