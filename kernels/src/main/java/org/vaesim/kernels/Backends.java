package org.vaesim.kernels;

import java.util.List;

import org.vaesim.kernels.cpu.JavaBackend;
import org.vaesim.kernels.cuda.CudaBackend;
import org.vaesim.kernels.cuda.CudaDevice;
import org.vaesim.kernels.memory.Layout;
import org.vaesim.kernels.memory.Population;
import org.vaesim.kernels.opencl.OpenClBackend;
import org.vaesim.kernels.opencl.OpenClDevice;
import org.vaesim.models.scenario.Scenario;

/** The backends by name, whether each can run here, and what {@code auto} picks. */
public final class Backends {
    public static final String JAVA = "java";
    public static final String OPENCL = "opencl";
    public static final String CUDA = "cuda";
    public static final String AUTO = "auto";
    public static final List<String> NAMES = List.of(AUTO, JAVA, OPENCL, CUDA);

    private Backends() {
    }

    /** One backend's availability on this machine. */
    public record Availability(String name, boolean usable, String detail) {
    }

    /** What a device search found: whether the backend can run, whether on a GPU, and the device or why not. */
    public record Probe(boolean found, boolean gpu, String detail) {
    }

    /** The device searches, so that the choice can be tested with made-up machines. */
    public interface Probes {
        Probe cuda();

        Probe openCl();

        /** The CUDA device with {@code ordinal}; a made-up machine has one, ordinal 0 ({@link #cuda()}). */
        default Probe cuda(int ordinal) {
            return ordinal == 0 ? cuda() : new Probe(false, false, "no CUDA device " + ordinal
                    + ": the driver sees 1 device(s), numbered from 0");
        }
    }

    /** This machine's devices: the CUDA driver (probed once per process) and the OpenCL platforms. */
    public static final Probes SYSTEM = new Probes() {
        @Override
        public Probe cuda() {
            CudaDevice.Search s = CudaDevice.find();
            return new Probe(s.found(), s.found(), s.found() ? s.device().toString() : s.reason());
        }

        @Override
        public Probe cuda(int ordinal) {
            CudaDevice.Search s = CudaDevice.find(ordinal);
            return new Probe(s.found(), s.found(), s.found() ? s.device().toString() : s.reason());
        }

        @Override
        public Probe openCl() {
            OpenClDevice.Search s = OpenClDevice.find(false);
            return new Probe(s.found(), s.found() && s.device().gpu(), s.found() ? s.device().toString()
                    : s.reason());
        }
    };

    public static List<Availability> survey() {
        return survey(SYSTEM);
    }

    public static List<Availability> survey(Probes probes) {
        Probe cl = probes.openCl();
        Probe cu = probes.cuda();
        return List.of(
                new Availability(JAVA, true, "Java twins of every kernel on "
                        + Runtime.getRuntime().availableProcessors() + " CPU cores"),
                new Availability(OPENCL, cl.found(), cl.detail()),
                new Availability(CUDA, cu.found(), cu.detail()));
    }

    /**
     * The backend a request resolves to here: {@code auto} is cuda, then opencl on a GPU, then java; a named
     * backend that cannot run here is an {@link IllegalArgumentException} saying why.
     */
    public static String resolve(String requested) {
        return resolve(requested, SYSTEM);
    }

    public static String resolve(String requested, Probes probes) {
        int ordinal = cudaOrdinal(requested);
        if (ordinal >= 0) {
            Probe cu = probes.cuda(ordinal);
            if (!cu.found()) {
                throw new IllegalArgumentException("the cuda backend cannot run on device " + ordinal + " here: "
                        + cu.detail());
            }
            return CUDA + ":" + ordinal;
        }
        switch (requested) {
            case JAVA:
                return JAVA;
            case AUTO:
                if (probes.cuda().found()) {
                    return CUDA;
                }
                Probe cl = probes.openCl();
                return cl.found() && cl.gpu() ? OPENCL : JAVA;
            case OPENCL: {
                Probe cl2 = probes.openCl();
                if (!cl2.found()) {
                    throw new IllegalArgumentException("the opencl backend cannot run here: " + cl2.detail());
                }
                return OPENCL;
            }
            case CUDA: {
                Probe cu = probes.cuda();
                if (!cu.found()) {
                    throw new IllegalArgumentException("the cuda backend cannot run here: " + cu.detail());
                }
                return CUDA;
            }
            default:
                throw new IllegalArgumentException("unknown backend '" + requested + "'; one of " + NAMES
                        + ", or cuda:N for the CUDA device with ordinal N (0 to " + MAX_CUDA_ORDINAL + ")");
        }
    }

    /** The most CUDA devices one machine is taken to have: ordinals in {@code cuda:N} are 0 to this. */
    public static final int MAX_CUDA_ORDINAL = 1023;

    /**
     * The device ordinal N of a backend named {@code cuda:N} (a GPU chosen by number, such as the one a cluster
     * assigned), or -1 for any other name. N is written in decimal digits, without sign or leading zeros.
     */
    public static int cudaOrdinal(String name) {
        if (name == null || !name.matches("cuda:(0|[1-9][0-9]{0,3})")) {
            return -1;
        }
        int n = Integer.parseInt(name.substring(CUDA.length() + 1));
        return n <= MAX_CUDA_ORDINAL ? n : -1;
    }

    /**
     * Creates the backend {@code name} (after {@link #resolve}) over {@code population}; the mechanisms build their
     * halves on it ({@link Backend#half}).
     */
    public static Backend create(String name, Scenario scenario, Layout layout, Population population, int threads) {
        String resolved = resolve(name);
        int ordinal = cudaOrdinal(resolved);
        if (ordinal >= 0) {
            return new CudaBackend(scenario, layout, population, CudaDevice.find(ordinal).device());
        }
        return switch (resolved) {
            case OPENCL -> new OpenClBackend(scenario, layout, population, OpenClDevice.find(false).device());
            case CUDA -> new CudaBackend(scenario, layout, population, CudaDevice.find().device());
            default -> new JavaBackend(scenario, layout, population, threads);
        };
    }
}
