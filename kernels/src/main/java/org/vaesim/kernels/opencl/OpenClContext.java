package org.vaesim.kernels.opencl;

import static org.jocl.CL.CL_CONTEXT_PLATFORM;
import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.CL_PROGRAM_BUILD_LOG;
import static org.jocl.CL.CL_TRUE;
import static org.jocl.CL.clBuildProgram;
import static org.jocl.CL.clCreateBuffer;
import static org.jocl.CL.clCreateCommandQueueWithProperties;
import static org.jocl.CL.clCreateContext;
import static org.jocl.CL.clCreateKernel;
import static org.jocl.CL.clCreateProgramWithSource;
import static org.jocl.CL.clEnqueueCopyBuffer;
import static org.jocl.CL.clEnqueueFillBuffer;
import static org.jocl.CL.clEnqueueNDRangeKernel;
import static org.jocl.CL.clEnqueueReadBuffer;
import static org.jocl.CL.clEnqueueWriteBuffer;
import static org.jocl.CL.clFinish;
import static org.jocl.CL.clGetProgramBuildInfo;
import static org.jocl.CL.clReleaseCommandQueue;
import static org.jocl.CL.clReleaseContext;
import static org.jocl.CL.clReleaseKernel;
import static org.jocl.CL.clReleaseMemObject;
import static org.jocl.CL.clReleaseProgram;
import static org.jocl.CL.clSetKernelArg;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_program;
import org.vaesim.kernels.device.Buffer;
import org.vaesim.kernels.device.Device;
import org.vaesim.kernels.device.Kernel;
import org.vaesim.kernels.device.KernelEntry;
import org.vaesim.kernels.device.KernelSources;

/**
 * An OpenCL context on one device, through JOCL: the C program built by the driver, one kernel object per
 * {@link Kernel}, an in-order command queue, and the buffers made on it.
 */
public final class OpenClContext implements Device {
    private final OpenClDevice device;
    private final cl_context context;
    private final cl_command_queue queue;
    private final cl_program program;
    private final cl_kernel[] kernels = new cl_kernel[KernelEntry.all().size()];
    private final List<cl_mem> buffers = new ArrayList<>();

    /** An OpenCL buffer with its element type. */
    private record ClBuffer(cl_mem mem, Type type, long length) implements Buffer {
    }

    public OpenClContext(OpenClDevice device) {
        this.device = device;
        cl_context_properties props = new cl_context_properties();
        props.addProperty(CL_CONTEXT_PLATFORM, device.platform());
        this.context = clCreateContext(props, 1, new cl_device_id[] {device.device()}, null, null, null);
        cl_command_queue q = null;
        cl_program p = null;
        try {
            q = clCreateCommandQueueWithProperties(context, device.device(), null, null);
            p = buildProgram(context, device, KernelSources.program(), "vaesim's kernels");
            for (KernelEntry k : KernelEntry.all()) {
                kernels[k.slot()] = clCreateKernel(p, k.entry(), null);
            }
        } catch (RuntimeException e) {
            for (cl_kernel k : kernels) {
                if (k != null) {
                    clReleaseKernel(k);
                }
            }
            if (p != null) {
                clReleaseProgram(p);
            }
            if (q != null) {
                clReleaseCommandQueue(q);
            }
            clReleaseContext(context);
            throw e;
        }
        this.queue = q;
        this.program = p;
    }

    /**
     * Builds {@code source} for {@code device}; on failure releases the program and throws with the compiler's
     * log, naming {@code what} was built.
     */
    public static cl_program buildProgram(cl_context context, OpenClDevice device, String source, String what) {
        cl_program p = clCreateProgramWithSource(context, 1, new String[] {source}, null, null);
        try {
            clBuildProgram(p, 1, new cl_device_id[] {device.device()}, "", null, null);
        } catch (CLException e) {
            long[] size = new long[1];
            clGetProgramBuildInfo(p, device.device(), CL_PROGRAM_BUILD_LOG, 0, null, size);
            byte[] log = new byte[(int) size[0]];
            clGetProgramBuildInfo(p, device.device(), CL_PROGRAM_BUILD_LOG, log.length, Pointer.to(log), null);
            clReleaseProgram(p);
            throw new IllegalStateException("OpenCL build of " + what + " failed on " + device + ":\n"
                    + new String(log, StandardCharsets.UTF_8).trim(), e);
        }
        return p;
    }

    @Override
    public String describe() {
        return device.toString();
    }

    @Override
    public Buffer alloc(Buffer.Type type, long length) {
        cl_mem mem = clCreateBuffer(context, CL_MEM_READ_WRITE, length * type.bytes, null, null);
        buffers.add(mem);
        ClBuffer b = new ClBuffer(mem, type, length);
        zero(b, length);
        return b;
    }

    private static ClBuffer cl(Buffer b) {
        return (ClBuffer) b;
    }

    @Override
    public void write(Buffer to, int[] from) {
        clEnqueueWriteBuffer(queue, cl(to).mem(), CL_TRUE, 0, (long) from.length * Sizeof.cl_int, Pointer.to(from),
                0, null, null);
    }

    @Override
    public void write(Buffer to, long[] from) {
        clEnqueueWriteBuffer(queue, cl(to).mem(), CL_TRUE, 0, (long) from.length * Sizeof.cl_long,
                Pointer.to(from), 0, null, null);
    }

    @Override
    public void write(Buffer to, byte[] from) {
        clEnqueueWriteBuffer(queue, cl(to).mem(), CL_TRUE, 0, from.length, Pointer.to(from), 0, null, null);
    }

    @Override
    public void read(Buffer from, int[] into) {
        clEnqueueReadBuffer(queue, cl(from).mem(), CL_TRUE, 0, (long) into.length * Sizeof.cl_int, Pointer.to(into),
                0, null, null);
    }

    @Override
    public void read(Buffer from, long[] into) {
        clEnqueueReadBuffer(queue, cl(from).mem(), CL_TRUE, 0, (long) into.length * Sizeof.cl_long,
                Pointer.to(into), 0, null, null);
    }

    @Override
    public void read(Buffer from, byte[] into) {
        clEnqueueReadBuffer(queue, cl(from).mem(), CL_TRUE, 0, into.length, Pointer.to(into), 0, null, null);
    }

    @Override
    public void zero(Buffer buffer, long elements) {
        clEnqueueFillBuffer(queue, cl(buffer).mem(), Pointer.to(new byte[] {0}), 1, 0,
                elements * buffer.type().bytes, 0, null, null);
    }

    @Override
    public void copy(Buffer from, Buffer to) {
        clEnqueueCopyBuffer(queue, cl(from).mem(), cl(to).mem(), 0, 0, from.bytes(), 0, null, null);
    }

    @Override
    public void release(Buffer buffer) {
        if (buffers.remove(cl(buffer).mem())) {
            clReleaseMemObject(cl(buffer).mem());
        }
    }

    @Override
    public void launch(KernelEntry kernel, long items, Object... args) {
        cl_kernel k = kernels[kernel.slot()];
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case Integer v -> clSetKernelArg(k, i, Sizeof.cl_int, Pointer.to(new int[] {v}));
                case Long v -> clSetKernelArg(k, i, Sizeof.cl_long, Pointer.to(new long[] {v}));
                case Double v -> clSetKernelArg(k, i, Sizeof.cl_double, Pointer.to(new double[] {v}));
                case ClBuffer v -> clSetKernelArg(k, i, Sizeof.cl_mem, Pointer.to(v.mem()));
                default -> throw new IllegalArgumentException("unsupported kernel argument " + args[i]);
            }
        }
        if (kernel.geometry() == Kernel.Geometry.GROUPS_OF_256) {
            long global = (items + Kernel.GROUP - 1) / Kernel.GROUP * Kernel.GROUP;
            clEnqueueNDRangeKernel(queue, k, 1, null, new long[] {global}, new long[] {Kernel.GROUP}, 0, null, null);
        } else {
            clEnqueueNDRangeKernel(queue, k, 1, null, new long[] {items}, null, 0, null, null);
        }
    }

    @Override
    public void close() {
        clFinish(queue);
        for (cl_kernel k : kernels) {
            if (k != null) {
                clReleaseKernel(k);
            }
        }
        for (cl_mem m : buffers) {
            clReleaseMemObject(m);
        }
        buffers.clear();
        clReleaseProgram(program);
        clReleaseCommandQueue(queue);
        clReleaseContext(context);
    }
}
