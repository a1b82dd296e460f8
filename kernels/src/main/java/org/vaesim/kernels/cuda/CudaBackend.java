package org.vaesim.kernels.cuda;

import org.vaesim.kernels.device.DeviceBackend;
import org.vaesim.kernels.memory.Layout;
import org.vaesim.kernels.memory.Population;
import org.vaesim.models.scenario.Scenario;

/**
 * The CUDA backend: the same C kernels as the opencl backend, as PTX (nvcc's at build time, or NVRTC's at run
 * time) loaded through the CUDA driver API ({@link CudaContext}). The epoch's launches are {@link DeviceBackend}'s.
 * Results are bit-identical to the java backend.
 */
public final class CudaBackend extends DeviceBackend {
    public CudaBackend(Scenario scenario, Layout layout, Population population, CudaDevice device) {
        super(scenario, layout, population, new CudaContext(device));
    }

    @Override
    public String name() {
        return "cuda";
    }
}
