package org.vaesim.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vaesim.kernels.cuda.CudaDevice;

/** Which backend a request resolves to, on made-up machines, and what {@code backends} says about each. */
class BackendsTest {
    private static final Backends.Probe NO_DRIVER =
            new Backends.Probe(false, false, "libcuda.so.1 not found (no NVIDIA driver)");
    private static final Backends.Probe H100 = new Backends.Probe(true, true, "NVIDIA H100 80GB HBM3 (...)");
    private static final Backends.Probe GPU_CL = new Backends.Probe(true, true, "NVIDIA H100 (NVIDIA CUDA)");
    private static final Backends.Probe CPU_CL = new Backends.Probe(true, false, "pthread-x86 (PoCL)");
    private static final Backends.Probe NO_CL = new Backends.Probe(false, false, "no OpenCL platform is installed");

    private static Backends.Probes machine(Backends.Probe cuda, Backends.Probe openCl) {
        return new Backends.Probes() {
            @Override
            public Backends.Probe cuda() {
                return cuda;
            }

            @Override
            public Backends.Probe openCl() {
                return openCl;
            }
        };
    }

    private static Backends.Probe probe(String name) {
        return switch (name) {
            case "none" -> NO_DRIVER;
            case "h100" -> H100;
            case "gpu" -> GPU_CL;
            case "cpu" -> CPU_CL;
            case "nocl" -> NO_CL;
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** auto: cuda where a CUDA device is, else opencl on a GPU (never on a CPU device), else java. */
    @ParameterizedTest(name = "cuda {0}, opencl {1}: auto is {2}")
    @CsvSource({"h100, gpu, cuda", "h100, cpu, cuda", "h100, nocl, cuda", "none, gpu, opencl", "none, cpu, java",
        "none, nocl, java"})
    void autoPicksCudaThenOpenClOnAGpuThenJava(String cuda, String openCl, String expected) {
        assertEquals(expected, Backends.resolve(Backends.AUTO, machine(probe(cuda), probe(openCl))));
    }

    @Test
    void aNamedBackendThatCannotRunSaysWhy() {
        Backends.Probes bare = machine(NO_DRIVER, NO_CL);
        IllegalArgumentException cuda = assertThrows(IllegalArgumentException.class,
                () -> Backends.resolve(Backends.CUDA, bare));
        assertEquals("the cuda backend cannot run here: libcuda.so.1 not found (no NVIDIA driver)", cuda.getMessage());
        IllegalArgumentException cl = assertThrows(IllegalArgumentException.class,
                () -> Backends.resolve(Backends.OPENCL, bare));
        assertEquals("the opencl backend cannot run here: no OpenCL platform is installed", cl.getMessage());
        assertEquals(Backends.JAVA, Backends.resolve(Backends.JAVA, bare));
        assertEquals(Backends.OPENCL, Backends.resolve(Backends.OPENCL, machine(NO_DRIVER, CPU_CL)),
                "opencl on a CPU device when asked for by name");
        assertThrows(IllegalArgumentException.class, () -> Backends.resolve("tpu", bare));
    }

    @Test
    void theSurveyListsEachBackendWithItsDeviceOrWhyNot() {
        List<Backends.Availability> survey = Backends.survey(machine(NO_DRIVER, CPU_CL));
        assertEquals(List.of(Backends.JAVA, Backends.OPENCL, Backends.CUDA),
                survey.stream().map(Backends.Availability::name).toList());
        assertTrue(survey.get(0).usable());
        assertEquals(new Backends.Availability(Backends.OPENCL, true, "pthread-x86 (PoCL)"), survey.get(1));
        assertEquals(new Backends.Availability(Backends.CUDA, false, "libcuda.so.1 not found (no NVIDIA driver)"),
                survey.get(2));
    }

    /** cuda:N names the CUDA device with ordinal N (the GPU a cluster assigned a task); anything else is refused. */
    @Test
    void cudaWithAnOrdinalChoosesThatDevice() {
        Backends.Probe second = new Backends.Probe(true, true, "NVIDIA H100 #1");
        Backends.Probes twoGpus = new Backends.Probes() {
            @Override
            public Backends.Probe cuda() {
                return H100;
            }

            @Override
            public Backends.Probe openCl() {
                return NO_CL;
            }

            @Override
            public Backends.Probe cuda(int ordinal) {
                return ordinal == 0 ? H100 : ordinal == 1 ? second
                        : new Backends.Probe(false, false, "no CUDA device " + ordinal + ": the driver sees 2");
            }
        };
        assertEquals("cuda:1", Backends.resolve("cuda:1", twoGpus));
        assertEquals("cuda:0", Backends.resolve("cuda:0", twoGpus));
        IllegalArgumentException third = assertThrows(IllegalArgumentException.class,
                () -> Backends.resolve("cuda:2", twoGpus));
        assertEquals("the cuda backend cannot run on device 2 here: no CUDA device 2: the driver sees 2",
                third.getMessage());
        assertEquals(1, Backends.cudaOrdinal("cuda:1"));
        assertEquals(1023, Backends.cudaOrdinal("cuda:1023"));
        for (String bad : new String[] {"cuda", "cuda:", "cuda:-1", "cuda:01", "cuda:1024", "cuda:x", "cuda:1 ",
            "opencl:1", "cuda:99999999999"}) {
            assertEquals(-1, Backends.cudaOrdinal(bad), bad);
            if (!bad.equals("cuda")) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> Backends.resolve(bad, twoGpus), bad);
                assertTrue(e.getMessage().contains("cuda:N for the CUDA device with ordinal N"), e.getMessage());
            }
        }
    }

    /** This machine, as it is: without a CUDA driver, cuda is listed as unusable with the search's reason. */
    @Test
    void onThisMachineCudaIsListedWithTheDriversAnswer() {
        CudaDevice.Search search = CudaDevice.find();
        Backends.Availability cuda = Backends.survey().get(2);
        assertEquals(search.found(), cuda.usable());
        assumeFalse(search.found(), "this machine has a CUDA device");
        assertEquals(search.reason(), cuda.detail());
        assertFalse(Backends.resolve(Backends.AUTO).equals(Backends.CUDA));
    }
}
