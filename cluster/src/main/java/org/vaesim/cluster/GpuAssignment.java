package org.vaesim.cluster;

import org.vaesim.kernels.Backends;

/**
 * The backend a task runs with, from the one the sweep asks for and the GPUs Spark assigned the task (its
 * {@code gpu} resource addresses, from the cluster's discovery script; docs/cluster.md#gpus). A sweep that asks
 * for {@code cuda} runs each task on the CUDA device Spark gave it, {@code cuda:ADDRESS}, so that tasks sharing a
 * machine never share a GPU; {@code auto} does the same where it picks cuda. Any other request is kept: java and
 * opencl use no assigned GPU, and {@code cuda:N} names its device itself.
 */
final class GpuAssignment {
    /** Spark's name for the resource, as in spark.task.resource.gpu.amount. */
    static final String GPU = "gpu";

    private GpuAssignment() {
    }

    /**
     * The backend for a task that asked for {@code requested} ({@code auto} already resolved on this machine)
     * and was assigned the GPUs {@code addresses} (empty when the cluster schedules none).
     *
     * @throws IllegalArgumentException when cuda is asked for and the task was assigned more than one GPU (a run
     *                                  drives one device), or an address that is not a CUDA device ordinal
     */
    static String backend(String requested, String[] addresses) {
        if (!requested.equals(Backends.CUDA) || addresses.length == 0) {
            return requested;
        }
        if (addresses.length > 1) {
            throw new IllegalArgumentException("Spark assigned this task " + addresses.length + " GPUs "
                    + String.join(", ", addresses) + "; a run drives one: set spark.task.resource.gpu.amount to 1"
                    + " (or a fraction, to share a GPU between tasks)");
        }
        String backend = Backends.CUDA + ":" + addresses[0];
        if (Backends.cudaOrdinal(backend) < 0) {
            throw new IllegalArgumentException("Spark assigned this task the GPU address '" + addresses[0]
                    + "', which is not a CUDA device ordinal (0, 1, ...): the discovery script must list the"
                    + " devices by the ordinals the CUDA driver gives them, as nvidia-smi's index does");
        }
        return backend;
    }
}
