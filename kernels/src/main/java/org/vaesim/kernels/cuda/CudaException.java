package org.vaesim.kernels.cuda;

/** A CUDA driver or NVRTC call that returned an error: the call, the code, and the library's name and words for it. */
public final class CudaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int code;

    public CudaException(String call, int code, String name, String description) {
        super(call + ": " + name + (description == null || description.isEmpty() ? "" : " (" + description + ")"));
        this.code = code;
    }

    /** The CUresult (or nvrtcResult) the call returned. */
    public int code() {
        return code;
    }
}
