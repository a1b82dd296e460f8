package org.vaesim.kernels.opencl;

import static org.jocl.CL.CL_CONTEXT_PLATFORM;
import static org.jocl.CL.CL_MEM_COPY_HOST_PTR;
import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.CL_TRUE;
import static org.jocl.CL.clBuildProgram;
import static org.jocl.CL.clCreateBuffer;
import static org.jocl.CL.clCreateCommandQueueWithProperties;
import static org.jocl.CL.clCreateContext;
import static org.jocl.CL.clCreateKernel;
import static org.jocl.CL.clCreateProgramWithSource;
import static org.jocl.CL.clEnqueueNDRangeKernel;
import static org.jocl.CL.clEnqueueReadBuffer;
import static org.jocl.CL.clReleaseCommandQueue;
import static org.jocl.CL.clReleaseContext;
import static org.jocl.CL.clReleaseKernel;
import static org.jocl.CL.clReleaseMemObject;
import static org.jocl.CL.clReleaseProgram;
import static org.jocl.CL.clSetKernelArg;

import java.util.ArrayList;
import java.util.List;

import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_program;

/**
 * Runs one C kernel on the OpenCL device over plain Java arrays, for the kernel contract tests: every array
 * argument is copied to the device, the kernel runs, and every array is copied back in place, so a test can
 * call a kernel's Java twin and its C source with the same arguments and compare.
 */
public final class OpenClKernels implements AutoCloseable {
    private final cl_context context;
    private final cl_command_queue queue;
    private final cl_program program;

    private OpenClKernels(OpenClDevice device) {
        cl_context_properties props = new cl_context_properties();
        props.addProperty(CL_CONTEXT_PLATFORM, device.platform());
        context = clCreateContext(props, 1, new cl_device_id[] {device.device()}, null, null, null);
        queue = clCreateCommandQueueWithProperties(context, device.device(), null, null);
        program = clCreateProgramWithSource(context, 1, new String[] {OpenClBackendSources.program()}, null, null);
        clBuildProgram(program, 0, null, "", null, null);
    }

    /** The kernels on the first usable device, or null when there is none. */
    public static OpenClKernels openOrNull() {
        OpenClDevice.Search s = OpenClDevice.find(false);
        return s.found() ? new OpenClKernels(s.device()) : null;
    }

    /**
     * Runs {@code name} over {@code items} work-items: in groups of 256 when {@code grouped} (the agent
     * kernels), else in groups the driver picks. Arguments: Integer, Long, Double, byte[], int[] or long[].
     */
    public void run(String name, long items, boolean grouped, Object... args) {
        cl_kernel k = clCreateKernel(program, name, null);
        List<cl_mem> mems = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case Integer v -> clSetKernelArg(k, i, Sizeof.cl_int, Pointer.to(new int[] {v}));
                    case Long v -> clSetKernelArg(k, i, Sizeof.cl_long, Pointer.to(new long[] {v}));
                    case Double v -> clSetKernelArg(k, i, Sizeof.cl_double, Pointer.to(new double[] {v}));
                    case int[] a -> {
                        cl_mem m = buffer(Pointer.to(a), (long) Math.max(1, a.length) * Sizeof.cl_int, a.length == 0);
                        mems.add(m);
                        clSetKernelArg(k, i, Sizeof.cl_mem, Pointer.to(m));
                    }
                    case long[] a -> {
                        cl_mem m = buffer(Pointer.to(a), (long) Math.max(1, a.length) * Sizeof.cl_long, a.length == 0);
                        mems.add(m);
                        clSetKernelArg(k, i, Sizeof.cl_mem, Pointer.to(m));
                    }
                    case byte[] a -> {
                        cl_mem m = buffer(Pointer.to(a), Math.max(1, a.length), a.length == 0);
                        mems.add(m);
                        clSetKernelArg(k, i, Sizeof.cl_mem, Pointer.to(m));
                    }
                    default -> throw new IllegalArgumentException("unsupported argument " + args[i]);
                }
            }
            if (items > 0) {
                long global = grouped ? (items + 255) / 256 * 256 : items;
                clEnqueueNDRangeKernel(queue, k, 1, null, new long[] {global}, grouped ? new long[] {256} : null,
                        0, null, null);
            }
            int next = 0;
            for (Object arg : args) {
                if (arg instanceof int[] a && a.length > 0) {
                    clEnqueueReadBuffer(queue, mems.get(next), CL_TRUE, 0, (long) a.length * Sizeof.cl_int,
                            Pointer.to(a), 0, null, null);
                }
                if (arg instanceof long[] a && a.length > 0) {
                    clEnqueueReadBuffer(queue, mems.get(next), CL_TRUE, 0, (long) a.length * Sizeof.cl_long,
                            Pointer.to(a), 0, null, null);
                }
                if (arg instanceof byte[] a && a.length > 0) {
                    clEnqueueReadBuffer(queue, mems.get(next), CL_TRUE, 0, a.length, Pointer.to(a), 0, null, null);
                }
                if (arg instanceof int[] || arg instanceof long[] || arg instanceof byte[]) {
                    next++;
                }
            }
        } finally {
            for (cl_mem m : mems) {
                clReleaseMemObject(m);
            }
            clReleaseKernel(k);
        }
    }

    private cl_mem buffer(Pointer data, long bytes, boolean empty) {
        return clCreateBuffer(context, CL_MEM_READ_WRITE | (empty ? 0 : CL_MEM_COPY_HOST_PTR), bytes,
                empty ? null : data, null);
    }

    @Override
    public void close() {
        clReleaseProgram(program);
        clReleaseCommandQueue(queue);
        clReleaseContext(context);
    }
}
