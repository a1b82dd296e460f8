package org.vaesim.kernels.opencl;

import org.vaesim.kernels.device.DeviceBackend;
import org.vaesim.kernels.memory.Layout;
import org.vaesim.kernels.memory.Population;
import org.vaesim.models.scenario.Scenario;

/**
 * The OpenCL backend: the C kernels of {@code src/main/c} run through JOCL on any OpenCL device with 64-bit
 * integer atomics and doubles (a GPU, or a CPU through PoCL). The epoch's launches are {@link DeviceBackend}'s;
 * this class only opens the {@link OpenClContext}. Results are bit-identical to the java backend.
 */
public final class OpenClBackend extends DeviceBackend {
    public OpenClBackend(Scenario scenario, Layout layout, Population population, OpenClDevice device) {
        super(scenario, layout, population, new OpenClContext(device));
    }

    @Override
    public String name() {
        return "opencl";
    }
}
