package org.vaesim.bench.roofline;

import static org.jocl.CL.CL_CONTEXT_PLATFORM;
import static org.jocl.CL.CL_DEVICE_GLOBAL_MEM_SIZE;
import static org.jocl.CL.CL_DEVICE_MAX_MEM_ALLOC_SIZE;
import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.CL_PROFILING_COMMAND_END;
import static org.jocl.CL.CL_PROFILING_COMMAND_START;
import static org.jocl.CL.CL_QUEUE_PROFILING_ENABLE;
import static org.jocl.CL.CL_QUEUE_PROPERTIES;
import static org.jocl.CL.CL_TRUE;
import static org.jocl.CL.clCreateBuffer;
import static org.jocl.CL.clCreateCommandQueueWithProperties;
import static org.jocl.CL.clCreateContext;
import static org.jocl.CL.clCreateKernel;
import static org.jocl.CL.clEnqueueNDRangeKernel;
import static org.jocl.CL.clEnqueueReadBuffer;
import static org.jocl.CL.clFinish;
import static org.jocl.CL.clGetDeviceInfo;
import static org.jocl.CL.clGetEventProfilingInfo;
import static org.jocl.CL.clReleaseCommandQueue;
import static org.jocl.CL.clReleaseContext;
import static org.jocl.CL.clReleaseEvent;
import static org.jocl.CL.clReleaseKernel;
import static org.jocl.CL.clReleaseMemObject;
import static org.jocl.CL.clReleaseProgram;
import static org.jocl.CL.clSetKernelArg;
import static org.jocl.CL.clWaitForEvents;

import java.util.Arrays;
import java.util.Locale;

import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_event;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_program;
import org.jocl.cl_queue_properties;
import org.vaesim.kernels.opencl.OpenClContext;
import org.vaesim.kernels.opencl.OpenClDevice;

/**
 * The STREAM triad {@code a[i] = b[i] + s * c[i]} run on an OpenCL device, over three {@code double} buffers
 * that live in the device's memory: the bandwidth the opencl backend's device-resident population can be fed
 * with, for the device roofline. Counted and chosen like {@link StreamTriad}: 24 bytes per element (two loads
 * and a store; a write-allocating cache moves 32), the same scalar and initial values, {@link
 * StreamTriad#WARMUP_REPETITIONS} untimed launches, then the best of K timed ones.
 *
 * <p>Each repetition is one launch of one work-item per element (groups of {@link #GROUP}), timed by the
 * device with OpenCL profiling events, from the kernel's start to its end, so neither the host's launch
 * overhead nor the queue's latency is counted. The wall time between the enqueue and {@code clFinish} is kept
 * as well, for comparison. The buffers are initialised on the device by a kernel, so nothing large crosses
 * the host link.
 */
public final class DeviceStreamTriad implements AutoCloseable {
    /** Work-group size of each launch, as in the opencl backend. */
    public static final int GROUP = 256;

    /** The OpenCL C of the triad and of the initialisation. */
    public static final String SOURCE = """
            #pragma OPENCL EXTENSION cl_khr_fp64 : enable

            __kernel void stream_init(__global double *a, __global double *b, __global double *c, const long n) {
                const long i = (long) get_global_id(0);
                if (i < n) {
                    a[i] = 1.0;
                    b[i] = 2.0;
                    c[i] = 0.5 + (double) (i & 7);
                }
            }

            __kernel void stream_triad(__global double *restrict a, __global const double *restrict b,
                                       __global const double *restrict c, const double s, const long n) {
                const long i = (long) get_global_id(0);
                if (i < n) {
                    a[i] = b[i] + s * c[i];
                }
            }
            """;

    /** The outcome: best-repetition bandwidth by the device's clock, and what it was measured on. */
    public record Result(String device, double bytesPerSecond, double bestSeconds, double medianSeconds,
                         double bestWallSeconds, long elements, int repetitions) {
        public double gigabytesPerSecond() {
            return bytesPerSecond / 1e9;
        }

        /** Total size of the three buffers in MiB. */
        public double arraysMiB() {
            return 3.0 * elements * Double.BYTES / (1 << 20);
        }

        /** Bandwidth of the median repetition, bytes/s. */
        public double medianBytesPerSecond() {
            return (double) StreamTriad.BYTES_PER_ELEMENT * elements / medianSeconds;
        }
    }

    private final OpenClDevice device;
    private final long elements;
    private final cl_context context;
    private final cl_command_queue queue;
    private final cl_program program;
    private final cl_kernel init;
    private final cl_kernel triad;
    private final cl_mem a;
    private final cl_mem b;
    private final cl_mem c;

    /**
     * Three buffers of {@code elements} doubles each on {@code device}, initialised there.
     *
     * @throws IllegalArgumentException if one buffer is larger than the device allows in one allocation, or the
     *                                  three together larger than its global memory
     */
    public DeviceStreamTriad(OpenClDevice device, long elements) {
        if (elements < 1) {
            throw new IllegalArgumentException("elements must be >= 1, got " + elements);
        }
        long bytes = elements * Double.BYTES;
        long maxAlloc = deviceLong(device.device(), CL_DEVICE_MAX_MEM_ALLOC_SIZE);
        long global = deviceLong(device.device(), CL_DEVICE_GLOBAL_MEM_SIZE);
        if (bytes > maxAlloc || 3 * bytes > global) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "device STREAM of 3 x %d MiB does not fit on %s (at most %d MiB per buffer, %d MiB in all);"
                            + " lower --stream-mb", bytes >> 20, device, maxAlloc >> 20, global >> 20));
        }
        this.device = device;
        this.elements = elements;
        cl_context_properties props = new cl_context_properties();
        props.addProperty(CL_CONTEXT_PLATFORM, device.platform());
        this.context = clCreateContext(props, 1, new cl_device_id[] {device.device()}, null, null, null);
        cl_queue_properties queueProps = new cl_queue_properties();
        queueProps.addProperty(CL_QUEUE_PROPERTIES, CL_QUEUE_PROFILING_ENABLE);
        this.queue = clCreateCommandQueueWithProperties(context, device.device(), queueProps, null);
        this.program = OpenClContext.buildProgram(context, device, SOURCE, "the STREAM triad");
        this.init = clCreateKernel(program, "stream_init", null);
        this.triad = clCreateKernel(program, "stream_triad", null);
        this.a = clCreateBuffer(context, CL_MEM_READ_WRITE, bytes, null, null);
        this.b = clCreateBuffer(context, CL_MEM_READ_WRITE, bytes, null, null);
        this.c = clCreateBuffer(context, CL_MEM_READ_WRITE, bytes, null, null);
        clSetKernelArg(init, 0, Sizeof.cl_mem, Pointer.to(a));
        clSetKernelArg(init, 1, Sizeof.cl_mem, Pointer.to(b));
        clSetKernelArg(init, 2, Sizeof.cl_mem, Pointer.to(c));
        clSetKernelArg(init, 3, Sizeof.cl_long, Pointer.to(new long[] {elements}));
        clSetKernelArg(triad, 0, Sizeof.cl_mem, Pointer.to(a));
        clSetKernelArg(triad, 1, Sizeof.cl_mem, Pointer.to(b));
        clSetKernelArg(triad, 2, Sizeof.cl_mem, Pointer.to(c));
        clSetKernelArg(triad, 3, Sizeof.cl_double, Pointer.to(new double[] {StreamTriad.SCALAR}));
        clSetKernelArg(triad, 4, Sizeof.cl_long, Pointer.to(new long[] {elements}));
        clEnqueueNDRangeKernel(queue, init, 1, null, new long[] {globalSize()}, new long[] {GROUP}, 0, null, null);
        clFinish(queue);
    }

    /** Elements per buffer for a total of {@code mebibytes} MiB over the three buffers. */
    public static long elementsForMiB(long mebibytes) {
        long elements = mebibytes * (1L << 20) / (3L * Double.BYTES);
        if (mebibytes < 1 || elements < 1) {
            throw new IllegalArgumentException("device STREAM size of " + mebibytes + " MiB is out of range");
        }
        return elements;
    }

    /** Runs {@link StreamTriad#WARMUP_REPETITIONS} untimed launches, then {@code repetitions} timed ones. */
    public Result run(int repetitions) {
        if (repetitions < 1) {
            throw new IllegalArgumentException("repetitions must be >= 1, got " + repetitions);
        }
        for (int r = 0; r < StreamTriad.WARMUP_REPETITIONS; r++) {
            clEnqueueNDRangeKernel(queue, triad, 1, null, new long[] {globalSize()}, new long[] {GROUP}, 0, null,
                    null);
        }
        clFinish(queue);
        double[] seconds = new double[repetitions];
        double bestWall = Double.MAX_VALUE;
        for (int r = 0; r < repetitions; r++) {
            cl_event event = new cl_event();
            long t0 = System.nanoTime();
            clEnqueueNDRangeKernel(queue, triad, 1, null, new long[] {globalSize()}, new long[] {GROUP}, 0, null,
                    event);
            clFinish(queue);
            double wall = (System.nanoTime() - t0) / 1e9;
            bestWall = Math.min(bestWall, wall);
            clWaitForEvents(1, new cl_event[] {event});
            long[] start = new long[1];
            long[] end = new long[1];
            clGetEventProfilingInfo(event, CL_PROFILING_COMMAND_START, Sizeof.cl_ulong, Pointer.to(start), null);
            clGetEventProfilingInfo(event, CL_PROFILING_COMMAND_END, Sizeof.cl_ulong, Pointer.to(end), null);
            clReleaseEvent(event);
            // A device clock too coarse to see the launch falls back on the wall time around it.
            seconds[r] = end[0] > start[0] ? (end[0] - start[0]) / 1e9 : wall;
        }
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        double best = sorted[0];
        return new Result(device.toString(), (double) StreamTriad.BYTES_PER_ELEMENT * elements / best, best,
                sorted[repetitions / 2], bestWall, elements, repetitions);
    }

    /** {@code count} elements of {@code a} from {@code from}, read back from the device (for checking). */
    double[] readA(long from, int count) {
        return read(a, from, count);
    }

    /** {@code count} elements of {@code c} from {@code from}, read back from the device (for checking). */
    double[] readC(long from, int count) {
        return read(c, from, count);
    }

    private double[] read(cl_mem buffer, long from, int count) {
        if (from < 0 || count < 0 || from + count > elements) {
            throw new IndexOutOfBoundsException("[" + from + ", " + (from + count) + ") of " + elements);
        }
        double[] out = new double[count];
        if (count > 0) {
            clEnqueueReadBuffer(queue, buffer, CL_TRUE, from * Sizeof.cl_double, (long) count * Sizeof.cl_double,
                    Pointer.to(out), 0, null, null);
        }
        return out;
    }

    public long elements() {
        return elements;
    }

    public OpenClDevice device() {
        return device;
    }

    private long globalSize() {
        return (elements + GROUP - 1) / GROUP * GROUP;
    }

    private static long deviceLong(cl_device_id device, int param) {
        long[] value = new long[1];
        clGetDeviceInfo(device, param, Sizeof.cl_ulong, Pointer.to(value), null);
        return value[0];
    }

    @Override
    public void close() {
        clFinish(queue);
        clReleaseMemObject(a);
        clReleaseMemObject(b);
        clReleaseMemObject(c);
        clReleaseKernel(init);
        clReleaseKernel(triad);
        clReleaseProgram(program);
        clReleaseCommandQueue(queue);
        clReleaseContext(context);
    }
}
